-- Référentiels de certification, versioned. A version is written as a draft with its whole tree
-- and published in the same batch; once published, triggers make it and its tree immutable.

CREATE TABLE referential (
  id                      TEXT PRIMARY KEY,
  version                 INTEGER NOT NULL CHECK (version > 0),
  title                   TEXT NOT NULL,
  level                   INTEGER NOT NULL CHECK (level BETWEEN 1 AND 8),
  rncp_code               TEXT,
  certification_rule_json TEXT NOT NULL CHECK (json_valid(certification_rule_json)),
  schema_version          INTEGER NOT NULL,
  -- SHA-256 of the canonical document: the strong ETag of GET /referentials/{id}.
  content_hash            TEXT NOT NULL,
  status                  TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'published')),
  published_at            TEXT,
  created_at              TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);

-- Mandatory blocs, option groups and their options, in document order.
CREATE TABLE referential_bloc (
  referential_id TEXT NOT NULL REFERENCES referential (id),
  code           TEXT NOT NULL,
  kind           TEXT NOT NULL CHECK (kind IN ('mandatory', 'optionGroup', 'option')),
  parent_code    TEXT,
  number         INTEGER,
  letter         TEXT,
  title          TEXT NOT NULL,
  position       INTEGER NOT NULL,
  rule_json      TEXT CHECK (rule_json IS NULL OR json_valid(rule_json)),
  PRIMARY KEY (referential_id, code),
  FOREIGN KEY (referential_id, parent_code) REFERENCES referential_bloc (referential_id, code),
  CHECK ((kind = 'optionGroup') = (rule_json IS NULL))
);

-- Activities, compétences, modalités and critères of an evaluable bloc (a mandatory bloc or an option).
CREATE TABLE referential_item (
  referential_id  TEXT NOT NULL,
  bloc_code       TEXT NOT NULL,
  item_type       TEXT NOT NULL CHECK (item_type IN ('activity', 'competence', 'modalite', 'critere')),
  code            TEXT NOT NULL,
  label           TEXT NOT NULL,
  position        INTEGER NOT NULL,
  from_competence TEXT,
  assessment_json TEXT CHECK (assessment_json IS NULL OR json_valid(assessment_json)),
  PRIMARY KEY (referential_id, code),
  FOREIGN KEY (referential_id, bloc_code) REFERENCES referential_bloc (referential_id, code),
  CHECK ((item_type = 'critere') = (assessment_json IS NOT NULL))
);

CREATE INDEX referential_item_by_bloc ON referential_item (referential_id, bloc_code, item_type, position);

CREATE TRIGGER referential_published_no_update BEFORE UPDATE ON referential
WHEN OLD.status = 'published'
BEGIN SELECT RAISE(ABORT, 'referential_published_immutable'); END;

CREATE TRIGGER referential_published_no_delete BEFORE DELETE ON referential
WHEN OLD.status = 'published'
BEGIN SELECT RAISE(ABORT, 'referential_published_immutable'); END;

CREATE TRIGGER referential_bloc_published_no_insert BEFORE INSERT ON referential_bloc
WHEN (SELECT status FROM referential WHERE id = NEW.referential_id) = 'published'
BEGIN SELECT RAISE(ABORT, 'referential_published_immutable'); END;

CREATE TRIGGER referential_bloc_published_no_update BEFORE UPDATE ON referential_bloc
WHEN (SELECT status FROM referential WHERE id = OLD.referential_id) = 'published'
BEGIN SELECT RAISE(ABORT, 'referential_published_immutable'); END;

CREATE TRIGGER referential_bloc_published_no_delete BEFORE DELETE ON referential_bloc
WHEN (SELECT status FROM referential WHERE id = OLD.referential_id) = 'published'
BEGIN SELECT RAISE(ABORT, 'referential_published_immutable'); END;

CREATE TRIGGER referential_item_published_no_insert BEFORE INSERT ON referential_item
WHEN (SELECT status FROM referential WHERE id = NEW.referential_id) = 'published'
BEGIN SELECT RAISE(ABORT, 'referential_published_immutable'); END;

CREATE TRIGGER referential_item_published_no_update BEFORE UPDATE ON referential_item
WHEN (SELECT status FROM referential WHERE id = OLD.referential_id) = 'published'
BEGIN SELECT RAISE(ABORT, 'referential_published_immutable'); END;

CREATE TRIGGER referential_item_published_no_delete BEFORE DELETE ON referential_item
WHEN (SELECT status FROM referential WHERE id = OLD.referential_id) = 'published'
BEGIN SELECT RAISE(ABORT, 'referential_published_immutable'); END;
