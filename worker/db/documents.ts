/**
 * SQL for the documents: PV versions (their frozen snapshots, packed), the certified candidates
 * the Caisse des Dépôts file declares, and the audit of documents issued.
 */
import type { D1Database } from '@cloudflare/workers-types'
import type { Candidate } from '../../shared/candidates/schema'
import type { PvSnapshot } from '../../shared/documents/pvSnapshot'
import { CERTIFIED } from '../../shared/rules/codes'
import { auditStatement, type AuditContext, type AuditEvent } from './audit'
import { toCandidate, type CandidateRow } from './candidates'
import { sortByName } from '../../shared/names/collation'

/**
 * How a snapshot is stored: gzip (Compression Streams API, present in workerd, browsers and
 * Node) then base64, so that it stays text in D1 and in the JSON backups.
 */
export async function packSnapshot(json: string): Promise<string> {
  const stream = new Blob([json]).stream().pipeThrough(new CompressionStream('gzip'))
  const bytes = new Uint8Array(await new Response(stream).arrayBuffer())
  let binary = ''
  // Chunks keep String.fromCharCode's argument list short.
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000))
  return btoa(binary)
}

export async function unpackSnapshot(packed: string): Promise<string> {
  const bytes = Uint8Array.from(atob(packed), (ch) => ch.charCodeAt(0))
  const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'))
  return new Response(stream).text()
}

export interface PvVersionSummary {
  version: number
  contentHash: string
  candidateCount: number
  createdBy: string
  createdAt: string
  /** Why the previous version was reopened (null for version 1). */
  amendmentReason: string | null
}

interface PvVersionRow {
  version: number
  content_hash: string
  candidate_count: number
  created_by: string
  created_at: string
  amendment_reason: string | null
}

export async function listPvVersions(db: D1Database, sessionId: string): Promise<PvVersionSummary[]> {
  const { results } = await db
    .prepare(
      `SELECT p.version, p.content_hash, p.candidate_count, p.created_by, p.created_at, a.reason AS amendment_reason
       FROM pv_version p LEFT JOIN session_amendment a ON a.id = p.amendment_id
       WHERE p.session_id = ?1 ORDER BY p.version`,
    )
    .bind(sessionId)
    .all<PvVersionRow>()
  return results.map((r) => ({
    version: r.version,
    contentHash: r.content_hash,
    candidateCount: r.candidate_count,
    createdBy: r.created_by,
    createdAt: r.created_at,
    amendmentReason: r.amendment_reason,
  }))
}

export interface StoredPv {
  version: number
  contentHash: string
  snapshot: PvSnapshot
}

/** PV `version` of the session, or its latest one when `version` is null. */
export async function getPv(db: D1Database, sessionId: string, version: number | null): Promise<StoredPv | null> {
  const row = await db
    .prepare(
      `SELECT version, content_hash, snapshot_gzip_base64 FROM pv_version
       WHERE session_id = ?1 AND (?2 IS NULL OR version = ?2) ORDER BY version DESC LIMIT 1`,
    )
    .bind(sessionId, version)
    .first<{ version: number; content_hash: string; snapshot_gzip_base64: string }>()
  if (!row) return null
  const snapshot = JSON.parse(await unpackSnapshot(row.snapshot_gzip_base64)) as PvSnapshot
  return { version: row.version, contentHash: row.content_hash, snapshot }
}

/** Enrolled candidates whose final certification decision is CERTIFIÉ, in PV order (French order of names). */
export async function listCertifiedCandidates(db: D1Database, sessionId: string): Promise<Candidate[]> {
  const { results } = await db
    .prepare(
      `SELECT c.* FROM candidate c JOIN certification_decision d ON d.candidate_id = c.id
       WHERE c.session_id = ?1 AND d.final_code = ?2 AND c.status = 'enrolled'
       ORDER BY c.birth_name, c.first_names_json, c.school_id`,
    )
    .bind(sessionId, CERTIFIED)
    .all<CandidateRow>()
  return sortByName(results.map(toCandidate), (c) => c)
}

/** Records that a document left the Worker (attestation issued, CDC file generated). */
export async function auditDocument(db: D1Database, ctx: AuditContext, event: AuditEvent): Promise<void> {
  await auditStatement(db, ctx, event).run()
}
