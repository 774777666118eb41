-- Deliberation: the jury of a session, the PV versions frozen at each finalisation, and the
-- amendments that reopened a deliberated session. Certifier settings (name, RNCP code, CDC ids)
-- are deployment variables, not rows: see docs/deliberation.md.

CREATE TABLE jury_member (
  session_id   TEXT NOT NULL REFERENCES session (id),
  position     INTEGER NOT NULL CHECK (position >= 0),
  name         TEXT NOT NULL CHECK (length(trim(name)) > 0),
  quality      TEXT NOT NULL CHECK (length(trim(quality)) > 0),
  is_external  INTEGER NOT NULL CHECK (is_external IN (0, 1)),
  is_president INTEGER NOT NULL CHECK (is_president IN (0, 1)),
  PRIMARY KEY (session_id, position)
);
CREATE UNIQUE INDEX jury_member_one_president ON jury_member (session_id) WHERE is_president = 1;

-- What the PV prints for the bloc: the jury decision, else CAP, else the computed code. Set at
-- finalisation, beside computed_code (marks alone) and override_code (the jury's decision).
ALTER TABLE bloc_decision ADD COLUMN final_code TEXT;

-- Why and by whom a deliberated session was reopened; the next finalisation writes PV n+1.
CREATE TABLE session_amendment (
  id                  INTEGER PRIMARY KEY AUTOINCREMENT,
  session_id          TEXT NOT NULL REFERENCES session (id),
  amended_pv_version  INTEGER NOT NULL,
  reason              TEXT NOT NULL CHECK (length(trim(reason)) > 0),
  amended_by          TEXT NOT NULL,
  amended_at          TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);
CREATE INDEX session_amendment_by_session ON session_amendment (session_id, id);

-- One row per finalisation. The snapshot is everything the PV and attestations print, as
-- canonical JSON gzipped then base64-encoded: a 2,000-candidate snapshot is ~1.6 MB of JSON
-- against D1's 2 MB row limit, and text (unlike a BLOB) survives the JSON backups unchanged.
-- content_hash is the SHA-256 of that JSON, printed on the PV. Rows are never changed: an
-- earlier version is rendered again from its own snapshot.
CREATE TABLE pv_version (
  session_id    TEXT NOT NULL REFERENCES session (id),
  version       INTEGER NOT NULL CHECK (version > 0),
  content_hash  TEXT NOT NULL,
  snapshot_gzip_base64 TEXT NOT NULL,
  grid_version  INTEGER NOT NULL,
  candidate_count INTEGER NOT NULL,
  amendment_id  INTEGER REFERENCES session_amendment (id),
  created_by    TEXT NOT NULL,
  created_at    TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  PRIMARY KEY (session_id, version)
);

CREATE TRIGGER pv_version_no_update BEFORE UPDATE ON pv_version
BEGIN SELECT RAISE(ABORT, 'pv_version_immutable'); END;
CREATE TRIGGER pv_version_no_delete BEFORE DELETE ON pv_version
BEGIN SELECT RAISE(ABORT, 'pv_version_immutable'); END;
CREATE TRIGGER session_amendment_no_update BEFORE UPDATE ON session_amendment
BEGIN SELECT RAISE(ABORT, 'session_amendment_immutable'); END;
CREATE TRIGGER session_amendment_no_delete BEFORE DELETE ON session_amendment
BEGIN SELECT RAISE(ABORT, 'session_amendment_immutable'); END;

-- A deliberated or closed session is read-only. Every write path already guards its batch; these
-- triggers are the net under any path that forgets, and fail the same way (guard:session_locked).
CREATE TRIGGER mark_insert_locked BEFORE INSERT ON mark
WHEN (SELECT s.status FROM candidate c JOIN session s ON s.id = c.session_id WHERE c.id = NEW.candidate_id) IS NOT 'open'
BEGIN SELECT RAISE(ABORT, 'guard:session_locked'); END;
CREATE TRIGGER mark_update_locked BEFORE UPDATE ON mark
WHEN (SELECT s.status FROM candidate c JOIN session s ON s.id = c.session_id WHERE c.id = OLD.candidate_id) IS NOT 'open'
BEGIN SELECT RAISE(ABORT, 'guard:session_locked'); END;
CREATE TRIGGER mark_delete_locked BEFORE DELETE ON mark
WHEN (SELECT s.status FROM candidate c JOIN session s ON s.id = c.session_id WHERE c.id = OLD.candidate_id) IS NOT 'open'
BEGIN SELECT RAISE(ABORT, 'guard:session_locked'); END;

CREATE TRIGGER bloc_decision_insert_locked BEFORE INSERT ON bloc_decision
WHEN (SELECT s.status FROM candidate c JOIN session s ON s.id = c.session_id WHERE c.id = NEW.candidate_id) IS NOT 'open'
BEGIN SELECT RAISE(ABORT, 'guard:session_locked'); END;
CREATE TRIGGER bloc_decision_update_locked BEFORE UPDATE ON bloc_decision
WHEN (SELECT s.status FROM candidate c JOIN session s ON s.id = c.session_id WHERE c.id = OLD.candidate_id) IS NOT 'open'
BEGIN SELECT RAISE(ABORT, 'guard:session_locked'); END;

CREATE TRIGGER candidate_insert_locked BEFORE INSERT ON candidate
WHEN (SELECT status FROM session WHERE id = NEW.session_id) IS NOT 'open'
BEGIN SELECT RAISE(ABORT, 'guard:session_locked'); END;
CREATE TRIGGER candidate_update_locked BEFORE UPDATE ON candidate
WHEN (SELECT status FROM session WHERE id = OLD.session_id) IS NOT 'open'
BEGIN SELECT RAISE(ABORT, 'guard:session_locked'); END;
CREATE TRIGGER candidate_delete_locked BEFORE DELETE ON candidate
WHEN (SELECT status FROM session WHERE id = OLD.session_id) IS NOT 'open'
BEGIN SELECT RAISE(ABORT, 'guard:session_locked'); END;

CREATE TRIGGER jury_member_insert_locked BEFORE INSERT ON jury_member
WHEN (SELECT status FROM session WHERE id = NEW.session_id) IS NOT 'open'
BEGIN SELECT RAISE(ABORT, 'guard:session_locked'); END;
CREATE TRIGGER jury_member_delete_locked BEFORE DELETE ON jury_member
WHEN (SELECT status FROM session WHERE id = OLD.session_id) IS NOT 'open'
BEGIN SELECT RAISE(ABORT, 'guard:session_locked'); END;
