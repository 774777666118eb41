/**
 * SQL for verifiable documents (migration 0011): the code of each PV version and attestation,
 * created once in one batch and read back, the public lookup with the latest PV version of the
 * session, and the per-client counter of the public page.
 */
import type { D1Database } from '@cloudflare/workers-types'
import type { DocumentFacts as VerificationFacts } from '../../shared/documents/verificationFacts'

type VerifiedKind = VerificationFacts['kind']


const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'

/** 120 random bits as 24 characters of Crockford base32 (no I, L, O, U: nothing to misread). */
export function newVerificationCode(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(15))
  let bits = 0
  let value = 0
  let code = ''
  for (const byte of bytes) {
    value = (value << 8) | byte
    bits += 8
    while (bits >= 5) {
      code += ALPHABET[(value >> (bits - 5)) & 31]
      bits -= 5
    }
    value &= (1 << bits) - 1
  }
  return code
}

/** The shape of a code, checked before any lookup. */
export const VERIFICATION_CODE = /^[0-9A-HJKMNP-TV-Z]{24}$/

/**
 * The codes of the given documents of one PV version, by candidate key ('' for the PV): new ones
 * are inserted, existing ones kept (INSERT … ON CONFLICT DO NOTHING), all in one batch.
 */
export async function verificationCodes(db: D1Database, sessionId: string, pvVersion: number, documents: readonly VerificationFacts[]): Promise<Map<string, string>> {
  const rows = documents.map((d) => ({
    code: newVerificationCode(),
    kind: d.kind,
    candidateKey: d.candidateKey,
    holderName: d.holderName,
    title: d.title,
    blocs: JSON.stringify(d.blocs),
    issuedOn: d.issuedOn,
  }))
  const keys = documents.map((d) => `${d.kind}:${d.candidateKey}`)
  const [, read] = await db.batch([
    db
      .prepare(
        `INSERT INTO document_verification (code, session_id, pv_version, kind, candidate_key, holder_name, title, blocs_json, issued_on)
         SELECT j.value ->> 'code', ?1, ?2, j.value ->> 'kind', j.value ->> 'candidateKey', j.value ->> 'holderName', j.value ->> 'title',
                j.value ->> 'blocs', j.value ->> 'issuedOn'
         FROM json_each(?3) j WHERE true
         ON CONFLICT (session_id, pv_version, kind, candidate_key) DO NOTHING`,
      )
      .bind(sessionId, pvVersion, JSON.stringify(rows)),
    db
      .prepare(
        `SELECT code, kind, candidate_key FROM document_verification
         WHERE session_id = ?1 AND pv_version = ?2 AND (kind || ':' || candidate_key) IN (SELECT value FROM json_each(?3))`,
      )
      .bind(sessionId, pvVersion, JSON.stringify(keys)),
  ])
  const found = (read?.results ?? []) as Array<{ code: string; kind: string; candidate_key: string }>
  return new Map(found.map((r) => [`${r.kind}:${r.candidate_key}`, r.code]))
}

export interface VerificationRecord extends VerificationFacts {
  code: string
  sessionId: string
  pvVersion: number
  /** The latest PV version of the session, and when it was established. */
  latestVersion: number
  latestCreatedAt: string
  /** The session's status now: a reopened session is being amended. */
  sessionStatus: string | null
}

interface VerificationRow {
  code: string
  session_id: string
  pv_version: number
  kind: VerifiedKind
  candidate_key: string
  holder_name: string | null
  title: string
  blocs_json: string
  issued_on: string
  latest_version: number
  latest_created_at: string
  session_status: string | null
}

export async function findVerification(db: D1Database, code: string): Promise<VerificationRecord | null> {
  const row = await db
    .prepare(
      `SELECT v.*, p.version AS latest_version, p.created_at AS latest_created_at, s.status AS session_status
       FROM document_verification v
       JOIN pv_version p ON p.session_id = v.session_id
         AND p.version = (SELECT max(version) FROM pv_version WHERE session_id = v.session_id)
       LEFT JOIN session s ON s.id = v.session_id
       WHERE v.code = ?1`,
    )
    .bind(code)
    .first<VerificationRow>()
  if (!row) return null
  return {
    code: row.code,
    sessionId: row.session_id,
    pvVersion: row.pv_version,
    kind: row.kind,
    candidateKey: row.candidate_key,
    holderName: row.holder_name,
    title: row.title,
    blocs: JSON.parse(row.blocs_json) as string[],
    issuedOn: row.issued_on,
    latestVersion: row.latest_version,
    latestCreatedAt: row.latest_created_at,
    sessionStatus: row.session_status,
  }
}

/**
 * Counts one request of `clientHash` in the current minute and returns the count so far; rows of
 * minutes past are dropped in the same batch, so the table holds one minute of traffic.
 */
export async function countVerificationHit(db: D1Database, clientHash: string, minute: number): Promise<number> {
  const [, counted] = await db.batch([
    db.prepare('DELETE FROM verification_hit WHERE minute < ?1').bind(minute - 1),
    db
      .prepare(
        `INSERT INTO verification_hit (client_hash, minute, hits) VALUES (?1, ?2, 1)
         ON CONFLICT (client_hash, minute) DO UPDATE SET hits = hits + 1 RETURNING hits`,
      )
      .bind(clientHash, minute),
  ])
  const rows = (counted?.results ?? []) as Array<{ hits: number }>
  return rows[0]?.hits ?? 1
}
