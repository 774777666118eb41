/**
 * SQL for the RGPD rights of a candidate: export everything stored about them, and erase them.
 *
 * Erasure deletes the candidate and everything attached (marks, mark history, decisions) unless
 * they appear on a finalised PV (a `pv_version` snapshot, migration 0003): the PV is a record the
 * certifier must keep, so the candidate is anonymised instead: identity fields blanked, school id,
 * option, marks, codes and decisions kept so that the PV and the results stay true. Either way the
 * erasure is audited in the same batch, with its reason.
 */
import type { D1Database } from '@cloudflare/workers-types'
import type { PvCandidate, PvSnapshot } from '../../shared/documents/pvSnapshot'
import { auditStatement, listAuditEvents, type AuditContext, type StoredAuditEvent } from './audit'
import { sessionOpenGuard } from './candidates'
import { unpackSnapshot } from './documents'
import { guardStatement } from './guard'

/** What the birth name becomes when a candidate is anonymised. */
export const ANONYMISED_NAME = 'ANONYMISÉ'

/** The PV versions of the session whose snapshot lists the candidate, with the entry printed. */
export async function pvEntriesOf(
  db: D1Database,
  sessionId: string,
  candidateId: string,
): Promise<Array<{ version: number; contentHash: string; entry: PvCandidate }>> {
  const { results } = await db
    .prepare('SELECT version, content_hash, snapshot_gzip_base64 FROM pv_version WHERE session_id = ?1 ORDER BY version')
    .bind(sessionId)
    .all<{ version: number; content_hash: string; snapshot_gzip_base64: string }>()
  const entries: Array<{ version: number; contentHash: string; entry: PvCandidate }> = []
  for (const row of results) {
    const snapshot = JSON.parse(await unpackSnapshot(row.snapshot_gzip_base64)) as PvSnapshot
    const entry = snapshot.candidates.find((c) => c.candidateId === candidateId)
    if (entry) entries.push({ version: row.version, contentHash: row.content_hash, entry })
  }
  return entries
}

export interface CandidateExport {
  candidate: Record<string, unknown>
  marks: Array<Record<string, unknown>>
  markHistory: Array<Record<string, unknown>>
  blocDecisions: Array<Record<string, unknown>>
  certificationDecision: Record<string, unknown> | null
  pvEntries: Array<{ version: number; contentHash: string; entry: PvCandidate }>
  auditEvents: StoredAuditEvent[]
}

/** Everything stored about a candidate, in one consistent read; null when there is no such candidate. */
export async function exportCandidate(db: D1Database, sessionId: string, candidateId: string): Promise<CandidateExport | null> {
  const [candidate, marks, history, blocs, certification] = await db.batch<Record<string, unknown>>([
    db.prepare('SELECT * FROM candidate WHERE session_id = ?1 AND id = ?2').bind(sessionId, candidateId),
    db.prepare('SELECT * FROM mark WHERE candidate_id = ?1 ORDER BY critere_code').bind(candidateId),
    db.prepare('SELECT * FROM mark_history WHERE candidate_id = ?1 ORDER BY id').bind(candidateId),
    db.prepare('SELECT * FROM bloc_decision WHERE candidate_id = ?1 ORDER BY bloc_code').bind(candidateId),
    db.prepare('SELECT * FROM certification_decision WHERE candidate_id = ?1').bind(candidateId),
  ])
  const row = candidate?.results[0]
  if (!row) return null
  return {
    candidate: row,
    marks: marks?.results ?? [],
    markHistory: history?.results ?? [],
    blocDecisions: blocs?.results ?? [],
    certificationDecision: certification?.results[0] ?? null,
    pvEntries: await pvEntriesOf(db, sessionId, candidateId),
    auditEvents: await listAuditEvents(db, { sessionId, candidateId }),
  }
}

export async function isAnonymised(db: D1Database, sessionId: string, candidateId: string): Promise<boolean | null> {
  const row = await db
    .prepare('SELECT anonymised_at FROM candidate WHERE session_id = ?1 AND id = ?2')
    .bind(sessionId, candidateId)
    .first<{ anonymised_at: string | null }>()
  return row ? row.anonymised_at !== null : null
}

const candidateMissing = (db: D1Database, sessionId: string, candidateId: string) =>
  guardStatement(db, 'candidate_not_found', 'NOT EXISTS (SELECT 1 FROM candidate WHERE session_id = ?2 AND id = ?3)', sessionId, candidateId)

/**
 * Deletes a candidate who is on no PV, with marks, history and decisions. Guards:
 * session_locked, candidate_not_found.
 */
export async function deleteCandidateData(
  db: D1Database,
  ctx: AuditContext,
  sessionId: string,
  candidateId: string,
  reason: string,
): Promise<void> {
  await db.batch([
    sessionOpenGuard(db, sessionId),
    candidateMissing(db, sessionId, candidateId),
    guardStatement(
      db,
      'on_pv',
      'EXISTS (SELECT 1 FROM certification_decision d JOIN pv_version p ON p.session_id = ?2 WHERE d.candidate_id = ?3)',
      sessionId,
      candidateId,
    ),
    db.prepare('DELETE FROM mark_history WHERE candidate_id = ?1').bind(candidateId),
    db.prepare('DELETE FROM mark WHERE candidate_id = ?1').bind(candidateId),
    db.prepare('DELETE FROM bloc_decision WHERE candidate_id = ?1').bind(candidateId),
    db.prepare('DELETE FROM certification_decision WHERE candidate_id = ?1').bind(candidateId),
    db.prepare('DELETE FROM candidate WHERE session_id = ?1 AND id = ?2').bind(sessionId, candidateId),
    auditStatement(db, ctx, { action: 'candidate.erase', sessionId, candidateId, details: { mode: 'deleted', reason } }),
  ])
}

/**
 * Blanks the identity of a candidate who appears on a PV, keeping school id, option, marks and
 * decisions. Allowed in a deliberated session (migration 0004). Guards: candidate_not_found,
 * already_anonymised.
 */
export async function anonymiseCandidate(
  db: D1Database,
  ctx: AuditContext,
  sessionId: string,
  candidateId: string,
  reason: string,
  pvVersions: number[],
): Promise<void> {
  await db.batch([
    candidateMissing(db, sessionId, candidateId),
    guardStatement(
      db,
      'already_anonymised',
      'EXISTS (SELECT 1 FROM candidate WHERE session_id = ?2 AND id = ?3 AND anonymised_at IS NOT NULL)',
      sessionId,
      candidateId,
    ),
    db
      .prepare(
        `UPDATE candidate SET birth_name = ?3, usage_name = NULL, first_names_json = '[]', sex = NULL, birth_date = NULL,
           birth_commune_code = NULL, birth_commune_code_kind = NULL, birth_commune_label = NULL,
           birth_country_code = NULL, birth_country_label = NULL, email = NULL,
           anonymised_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), row_version = row_version + 1,
           updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
         WHERE session_id = ?1 AND id = ?2`,
      )
      .bind(sessionId, candidateId, ANONYMISED_NAME),
    auditStatement(db, ctx, { action: 'candidate.erase', sessionId, candidateId, details: { mode: 'anonymised', reason, pvVersions } }),
  ])
}

/** Records that a candidate's data was exported (who, when), in the candidate's audit trail. */
export async function auditCandidateExport(db: D1Database, ctx: AuditContext, sessionId: string, candidateId: string): Promise<void> {
  await auditStatement(db, ctx, { action: 'candidate.export', sessionId, candidateId }).run()
}
