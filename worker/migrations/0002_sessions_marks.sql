-- Certification sessions, their candidates, marks, bloc decisions, audit and idempotency.
-- Rows that clients edit carry a version for optimistic concurrency; the grid as a whole carries
-- grid_version on the session, bumped by every write that changes what GET /grid returns.

CREATE TABLE session (
  id             TEXT PRIMARY KEY,
  referential_id TEXT NOT NULL REFERENCES referential (id),
  name           TEXT NOT NULL,
  campus         TEXT,
  starts_on      TEXT,
  ends_on        TEXT,
  jury_date      TEXT,
  status         TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'deliberated', 'closed')),
  version        INTEGER NOT NULL DEFAULT 1,
  grid_version   INTEGER NOT NULL DEFAULT 1,
  created_by     TEXT NOT NULL,
  created_at     TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  updated_at     TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);

CREATE TABLE candidate (
  id                      TEXT PRIMARY KEY,
  session_id              TEXT NOT NULL REFERENCES session (id),
  school_id               TEXT NOT NULL,
  birth_name              TEXT NOT NULL,
  usage_name              TEXT,
  first_names_json        TEXT NOT NULL CHECK (json_valid(first_names_json)),
  sex                     TEXT CHECK (sex IN ('M', 'F')),
  birth_date              TEXT,
  birth_commune_code      TEXT,
  birth_commune_code_kind TEXT CHECK (birth_commune_code_kind IN ('insee', 'postal')),
  birth_commune_label     TEXT,
  birth_country_code      TEXT,
  birth_country_label     TEXT,
  email                   TEXT,
  option_code             TEXT,
  access_route            TEXT,
  -- Blocs acquired before this session (earlier session, VAE, équivalence): a JSON array of
  -- {blocCode, acquiredOn, source} sorted by blocCode, kept on the row so that a change to it
  -- bumps the row version like any other field.
  capitalised_json        TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(capitalised_json)),
  -- Row version: bumped by any change to the candidate, its marks or its bloc decisions.
  row_version             INTEGER NOT NULL DEFAULT 1,
  created_at              TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  updated_at              TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  UNIQUE (session_id, school_id)
);

-- Import batches (jury sheets, candidate lists): every imported mark records its batch.
CREATE TABLE import_batch (
  id          TEXT PRIMARY KEY,
  session_id  TEXT NOT NULL REFERENCES session (id),
  kind        TEXT NOT NULL,
  summary_json TEXT CHECK (summary_json IS NULL OR json_valid(summary_json)),
  created_by  TEXT NOT NULL,
  created_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  undone_at   TEXT
);

-- One mark per candidate and critère. value is a canonical code (ACQ, PACQ, NACQ, ABS, EXC, ATT)
-- as text or a score as a number (the column has no type affinity on purpose, so each keeps its
-- own type); NULL means cleared (not graded).
CREATE TABLE mark (
  candidate_id    TEXT NOT NULL REFERENCES candidate (id) ON DELETE CASCADE,
  critere_code    TEXT NOT NULL,
  value,
  comment         TEXT,
  source          TEXT NOT NULL CHECK (source IN ('manual', 'import')),
  import_batch_id TEXT REFERENCES import_batch (id),
  author          TEXT NOT NULL,
  reason          TEXT,
  updated_at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  version         INTEGER NOT NULL DEFAULT 1,
  PRIMARY KEY (candidate_id, critere_code)
);

-- Every change of a mark, old and new, who, when, why. Written by triggers so that no write path
-- can forget it.
CREATE TABLE mark_history (
  id              INTEGER PRIMARY KEY AUTOINCREMENT,
  candidate_id    TEXT NOT NULL,
  critere_code    TEXT NOT NULL,
  old_value,
  new_value,
  old_comment     TEXT,
  new_comment     TEXT,
  source          TEXT NOT NULL,
  import_batch_id TEXT,
  author          TEXT NOT NULL,
  reason          TEXT,
  changed_at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);
CREATE INDEX mark_history_by_candidate ON mark_history (candidate_id, critere_code, id);

CREATE TRIGGER mark_history_on_insert AFTER INSERT ON mark
BEGIN
  INSERT INTO mark_history (candidate_id, critere_code, old_value, new_value, old_comment, new_comment, source, import_batch_id, author, reason)
  VALUES (NEW.candidate_id, NEW.critere_code, NULL, NEW.value, NULL, NEW.comment, NEW.source, NEW.import_batch_id, NEW.author, NEW.reason);
END;

CREATE TRIGGER mark_history_on_update AFTER UPDATE ON mark
WHEN OLD.value IS NOT NEW.value OR OLD.comment IS NOT NEW.comment
BEGIN
  INSERT INTO mark_history (candidate_id, critere_code, old_value, new_value, old_comment, new_comment, source, import_batch_id, author, reason)
  VALUES (NEW.candidate_id, NEW.critere_code, OLD.value, NEW.value, OLD.comment, NEW.comment, NEW.source, NEW.import_batch_id, NEW.author, NEW.reason);
END;

-- Jury decisions per bloc: the computed code and, when the jury overrides it, the final code
-- with its reason. Both are kept.
CREATE TABLE bloc_decision (
  candidate_id    TEXT NOT NULL REFERENCES candidate (id) ON DELETE CASCADE,
  bloc_code       TEXT NOT NULL,
  computed_code   TEXT,
  override_code   TEXT CHECK (override_code IN ('ADM', 'ADJ', 'AJ')),
  override_reason TEXT,
  decided_by      TEXT NOT NULL,
  decided_at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  PRIMARY KEY (candidate_id, bloc_code),
  CHECK (override_code IS NULL OR coalesce(length(trim(override_reason)), 0) > 0)
);

CREATE TABLE certification_decision (
  candidate_id  TEXT PRIMARY KEY REFERENCES candidate (id) ON DELETE CASCADE,
  computed_code TEXT NOT NULL,
  final_code    TEXT NOT NULL,
  decided_by    TEXT NOT NULL,
  decided_at    TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);

-- Append-only: no route updates or deletes audit events, and the triggers refuse it anyway.
CREATE TABLE audit_event (
  id           INTEGER PRIMARY KEY AUTOINCREMENT,
  at           TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  actor        TEXT NOT NULL,
  action       TEXT NOT NULL,
  session_id   TEXT,
  candidate_id TEXT,
  details_json TEXT CHECK (details_json IS NULL OR json_valid(details_json)),
  request_id   TEXT
);
CREATE INDEX audit_event_by_session ON audit_event (session_id, id);
CREATE INDEX audit_event_by_candidate ON audit_event (candidate_id, id);

CREATE TRIGGER audit_event_no_update BEFORE UPDATE ON audit_event
BEGIN SELECT RAISE(ABORT, 'audit_append_only'); END;
CREATE TRIGGER audit_event_no_delete BEFORE DELETE ON audit_event
BEGIN SELECT RAISE(ABORT, 'audit_append_only'); END;

-- Replays of a write with the same Idempotency-Key get the first answer back.
CREATE TABLE idempotency_key (
  key           TEXT NOT NULL,
  route         TEXT NOT NULL,
  request_hash  TEXT NOT NULL,
  status        INTEGER NOT NULL,
  response_json TEXT NOT NULL,
  created_at    TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  PRIMARY KEY (key, route)
);

-- Batch guards: D1 has no interactive transactions, so a batch starts with
-- `INSERT INTO batch_guard (reason) SELECT '<reason>' WHERE <precondition fails>`; the trigger
-- aborts the whole batch with that reason, and nothing of it is written.
CREATE TABLE batch_guard (reason TEXT NOT NULL);
CREATE TRIGGER batch_guard_abort BEFORE INSERT ON batch_guard
BEGIN SELECT RAISE(ABORT, 'guard:' || NEW.reason); END;

-- Any change to a session's candidates (and so to their marks and decisions, which bump the
-- candidate's row_version) changes the grid: bump the session's grid_version, the grid's ETag.
CREATE TRIGGER candidate_insert_bumps_grid AFTER INSERT ON candidate
BEGIN UPDATE session SET grid_version = grid_version + 1 WHERE id = NEW.session_id; END;
CREATE TRIGGER candidate_update_bumps_grid AFTER UPDATE ON candidate
BEGIN UPDATE session SET grid_version = grid_version + 1 WHERE id = NEW.session_id; END;
CREATE TRIGGER candidate_delete_bumps_grid AFTER DELETE ON candidate
BEGIN UPDATE session SET grid_version = grid_version + 1 WHERE id = OLD.session_id; END;

-- Listing and undoing an import batch look marks and history up by batch.
CREATE INDEX mark_by_import_batch ON mark (import_batch_id) WHERE import_batch_id IS NOT NULL;
CREATE INDEX mark_history_by_import_batch ON mark_history (import_batch_id) WHERE import_batch_id IS NOT NULL;
