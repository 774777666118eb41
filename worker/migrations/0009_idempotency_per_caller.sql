-- Issue 14: an Idempotency-Key belongs to the caller that sent it (user, API token or the
-- break-glass token), not to the route alone: another caller sending the same key and body must
-- not get the first caller's stored answer. SQLite cannot change a primary key in place: the
-- table is rebuilt. Keys stored before this migration belong to nobody (caller ''), so no caller
-- can replay them.
CREATE TABLE idempotency_key_scoped (
  caller        TEXT NOT NULL,
  key           TEXT NOT NULL,
  route         TEXT NOT NULL,
  request_hash  TEXT NOT NULL,
  status        INTEGER NOT NULL,
  response_json TEXT NOT NULL,
  created_at    TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  PRIMARY KEY (caller, key, route)
);
INSERT INTO idempotency_key_scoped (caller, key, route, request_hash, status, response_json, created_at)
  SELECT '', key, route, request_hash, status, response_json, created_at FROM idempotency_key;
DROP TABLE idempotency_key;
ALTER TABLE idempotency_key_scoped RENAME TO idempotency_key;
