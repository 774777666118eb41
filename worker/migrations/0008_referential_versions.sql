-- Référentiels the school publishes (issue 16). Each published version belongs to a lineage, the
-- référentiel across its versions: its id is `<lineage>-v<version>`. This table records, for every
-- published version, its lineage, the version it follows, who published it and what changed.
-- One version number per lineage (UNIQUE), so two publications of the same version cannot both
-- succeed; append-only, like the versions themselves.

CREATE TABLE referential_publication (
  referential_id TEXT PRIMARY KEY REFERENCES referential (id),
  lineage        TEXT NOT NULL,
  version        INTEGER NOT NULL CHECK (version > 0),
  -- The latest version of the lineage when this one was published; NULL for a first version.
  previous_id    TEXT REFERENCES referential (id),
  published_by   TEXT NOT NULL,
  published_at   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  -- What changed from previous_id (shared/referential/diff.ts), as the publish answer gave it.
  changes_json   TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(changes_json)),
  UNIQUE (lineage, version)
);

-- The versions published before this migration (the seed's): their lineage from their id.
INSERT INTO referential_publication (referential_id, lineage, version, previous_id, published_by, published_at)
SELECT id,
       CASE WHEN id LIKE '%-v' || version THEN substr(id, 1, length(id) - length('-v' || version)) ELSE id END,
       version, NULL, 'migration', coalesce(published_at, created_at)
FROM referential WHERE status = 'published';

CREATE TRIGGER referential_publication_no_update BEFORE UPDATE ON referential_publication
BEGIN SELECT RAISE(ABORT, 'referential_published_immutable'); END;

CREATE TRIGGER referential_publication_no_delete BEFORE DELETE ON referential_publication
BEGIN SELECT RAISE(ABORT, 'referential_published_immutable'); END;
