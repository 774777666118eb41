-- Verifiable documents (issue 17): every PV version and every attestation carries an unguessable
-- code (120 random bits, 24 characters of Crockford base32), printed as a QR code and a short
-- address /verifier/<code>. The row keeps only what the document itself prints (holder's name as
-- printed, title, blocs, date), so the public page shows nothing more. A code is created the first
-- time its document is generated and never changes: a PDF downloaded again is identical.
-- No foreign key to session: a session that has a PV cannot be deleted, and the verification of a
-- document must outlive any later change to the working data.
CREATE TABLE document_verification (
  code          TEXT PRIMARY KEY CHECK (length(code) = 24),
  session_id    TEXT NOT NULL,
  pv_version    INTEGER NOT NULL CHECK (pv_version > 0),
  kind          TEXT NOT NULL CHECK (kind IN ('pv', 'attestation')),
  -- The candidate id for an attestation, '' for the PV (NULLs would not be unique).
  candidate_key TEXT NOT NULL DEFAULT '',
  holder_name   TEXT,
  title         TEXT NOT NULL,
  blocs_json    TEXT NOT NULL DEFAULT '[]',
  issued_on     TEXT NOT NULL,
  created_at    TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  UNIQUE (session_id, pv_version, kind, candidate_key)
);

CREATE TRIGGER document_verification_no_update BEFORE UPDATE ON document_verification
BEGIN SELECT RAISE(ABORT, 'document_verification_immutable'); END;

-- Requests to the public page per client (SHA-256 of the address, never the address itself) and
-- per minute: a D1 counter, shared by every isolate and location, unlike an in-memory one.
CREATE TABLE verification_hit (
  client_hash  TEXT NOT NULL,
  minute       INTEGER NOT NULL,
  hits         INTEGER NOT NULL DEFAULT 1,
  PRIMARY KEY (client_hash, minute)
);
CREATE INDEX verification_hit_by_minute ON verification_hit (minute);
