-- Administration of sessions from the task pane (issue 15): the place of the deliberation, the
-- archiving of a session, the origin of a rattrapage, withdrawn candidates, the version of the
-- candidate list that an import's dry run is checked against, and the certifier settings in D1.

-- Where the jury deliberates, printed beside its date.
ALTER TABLE session ADD COLUMN deliberation_place TEXT;
-- Archived (status 'closed'): who closed it and when. A closed session is final.
ALTER TABLE session ADD COLUMN closed_at TEXT;
ALTER TABLE session ADD COLUMN closed_by TEXT;
-- The deliberated session a rattrapage session was created from.
ALTER TABLE session ADD COLUMN rattrapage_of TEXT REFERENCES session (id);
-- Bumped by any change to the session's candidate list (a candidate added, removed, its identity,
-- option, capitalisations or status changed), not by marks: a candidate import's commit is
-- guarded on the value its dry run saw.
ALTER TABLE session ADD COLUMN candidate_list_version INTEGER NOT NULL DEFAULT 1;

-- A withdrawn candidate (« désinscrit ») stays in the session for the record and the audit, but
-- is left out of the grid, the results, the finalisation and the documents. Marks are kept.
ALTER TABLE candidate ADD COLUMN status TEXT NOT NULL DEFAULT 'enrolled' CHECK (status IN ('enrolled', 'withdrawn'));
ALTER TABLE candidate ADD COLUMN withdrawn_at TEXT;
ALTER TABLE candidate ADD COLUMN withdrawal_reason TEXT;

CREATE TRIGGER candidate_insert_bumps_list AFTER INSERT ON candidate
BEGIN UPDATE session SET candidate_list_version = candidate_list_version + 1 WHERE id = NEW.session_id; END;
CREATE TRIGGER candidate_delete_bumps_list AFTER DELETE ON candidate
BEGIN UPDATE session SET candidate_list_version = candidate_list_version + 1 WHERE id = OLD.session_id; END;
CREATE TRIGGER candidate_update_bumps_list AFTER UPDATE ON candidate
WHEN OLD.school_id IS NOT NEW.school_id OR OLD.birth_name IS NOT NEW.birth_name OR OLD.usage_name IS NOT NEW.usage_name
  OR OLD.first_names_json IS NOT NEW.first_names_json OR OLD.sex IS NOT NEW.sex OR OLD.birth_date IS NOT NEW.birth_date
  OR OLD.birth_commune_code IS NOT NEW.birth_commune_code OR OLD.birth_commune_code_kind IS NOT NEW.birth_commune_code_kind
  OR OLD.birth_commune_label IS NOT NEW.birth_commune_label OR OLD.birth_country_code IS NOT NEW.birth_country_code
  OR OLD.birth_country_label IS NOT NEW.birth_country_label OR OLD.email IS NOT NEW.email
  OR OLD.option_code IS NOT NEW.option_code OR OLD.access_route IS NOT NEW.access_route
  OR OLD.capitalised_json IS NOT NEW.capitalised_json OR OLD.status IS NOT NEW.status
BEGIN UPDATE session SET candidate_list_version = candidate_list_version + 1 WHERE id = NEW.session_id; END;

-- The net under any write path that forgets: a withdrawn candidate is not graded.
CREATE TRIGGER mark_insert_withdrawn BEFORE INSERT ON mark
WHEN (SELECT status FROM candidate WHERE id = NEW.candidate_id) = 'withdrawn'
BEGIN SELECT RAISE(ABORT, 'guard:candidate_withdrawn'); END;
CREATE TRIGGER mark_update_withdrawn BEFORE UPDATE ON mark
WHEN (SELECT status FROM candidate WHERE id = OLD.candidate_id) = 'withdrawn'
BEGIN SELECT RAISE(ABORT, 'guard:candidate_withdrawn'); END;
CREATE TRIGGER bloc_decision_insert_withdrawn BEFORE INSERT ON bloc_decision
WHEN (SELECT status FROM candidate WHERE id = NEW.candidate_id) = 'withdrawn'
BEGIN SELECT RAISE(ABORT, 'guard:candidate_withdrawn'); END;
CREATE TRIGGER bloc_decision_update_withdrawn BEFORE UPDATE ON bloc_decision
WHEN (SELECT status FROM candidate WHERE id = OLD.candidate_id) = 'withdrawn'
BEGIN SELECT RAISE(ABORT, 'guard:candidate_withdrawn'); END;

-- The certifier's identity, RNCP registration and Caisse des Dépôts ids, as the administrator
-- set them (shared/documents/certifierSettings.ts lists the keys). One row at most, created by
-- the first save; the deployment variables (wrangler [vars]) are the defaults of absent keys.
-- version guards concurrent saves (the row's absence is version 0).
CREATE TABLE certifier_settings (
  id            INTEGER PRIMARY KEY CHECK (id = 1),
  settings_json TEXT NOT NULL CHECK (json_valid(settings_json) AND json_type(settings_json) = 'object'),
  version       INTEGER NOT NULL CHECK (version > 0),
  updated_by    TEXT NOT NULL,
  updated_at    TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);
