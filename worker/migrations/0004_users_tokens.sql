-- Users, their roles (global and per session), API tokens, and the RGPD erasure of candidates.
-- Roles: admin, manager (responsable de certification), assessor (évaluateur), reader (lecteur);
-- what each may do is in worker/auth/permissions.ts. Every change here is audited in the same
-- batch (worker/db/users.ts, worker/db/tokens.ts).

-- A person who may sign in with Microsoft. An administrator invites them by email; the first
-- sign-in links the Entra tenant and object ids, which identify them from then on.
CREATE TABLE app_user (
  id           TEXT PRIMARY KEY,
  email        TEXT NOT NULL UNIQUE CHECK (email = lower(trim(email)) AND email LIKE '%_@_%'),
  display_name TEXT,
  global_role  TEXT CHECK (global_role IN ('admin', 'manager', 'assessor', 'reader')),
  tenant_id    TEXT,
  object_id    TEXT,
  disabled_at  TEXT,
  version      INTEGER NOT NULL DEFAULT 1,
  created_by   TEXT NOT NULL,
  created_at   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  updated_at   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  CHECK ((tenant_id IS NULL) = (object_id IS NULL))
);
CREATE UNIQUE INDEX app_user_by_entra_id ON app_user (tenant_id, object_id) WHERE object_id IS NOT NULL;

-- The role a user holds on one session, besides (and added to) their global role.
CREATE TABLE session_role (
  user_id    TEXT NOT NULL REFERENCES app_user (id),
  session_id TEXT NOT NULL REFERENCES session (id),
  role       TEXT NOT NULL CHECK (role IN ('manager', 'assessor', 'reader')),
  granted_by TEXT NOT NULL,
  granted_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  PRIMARY KEY (user_id, session_id)
);
CREATE INDEX session_role_by_session ON session_role (session_id);

-- Tokens for the CLI and automation: a role, on every session or on one, until an expiry. Only
-- the SHA-256 of the secret is kept (the secret is shown once, at creation); `hint` is its last
-- four characters, to recognise it in a list.
CREATE TABLE api_token (
  id           TEXT PRIMARY KEY,
  name         TEXT NOT NULL CHECK (length(trim(name)) > 0),
  token_hash   TEXT NOT NULL UNIQUE CHECK (length(token_hash) = 64),
  hint         TEXT NOT NULL,
  role         TEXT NOT NULL CHECK (role IN ('admin', 'manager', 'assessor', 'reader')),
  session_id   TEXT REFERENCES session (id),
  expires_at   TEXT NOT NULL,
  created_by   TEXT NOT NULL,
  created_at   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  revoked_at   TEXT,
  revoked_by   TEXT,
  last_used_at TEXT,
  CHECK (session_id IS NULL OR role <> 'admin')
);

-- RGPD: a candidate who appears on a finalised PV is anonymised instead of deleted (the PV is a
-- record the certifier must keep). Identity fields are blanked, codes and results stay.
ALTER TABLE candidate ADD COLUMN anonymised_at TEXT;

-- A deliberated session is read-only (migration 0003) except for that anonymisation: the update
-- that sets anonymised_at and leaves everything the PV and the results depend on unchanged.
DROP TRIGGER IF EXISTS candidate_update_locked;
CREATE TRIGGER candidate_update_locked BEFORE UPDATE ON candidate
WHEN (SELECT status FROM session WHERE id = OLD.session_id) IS NOT 'open'
  AND NOT (
    OLD.anonymised_at IS NULL AND NEW.anonymised_at IS NOT NULL
    AND NEW.id IS OLD.id AND NEW.session_id IS OLD.session_id AND NEW.school_id IS OLD.school_id
    AND NEW.option_code IS OLD.option_code AND NEW.access_route IS OLD.access_route
    AND NEW.capitalised_json IS OLD.capitalised_json
  )
BEGIN SELECT RAISE(ABORT, 'guard:session_locked'); END;
