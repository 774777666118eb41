/** Audit events: appended in the same batch as the change they describe, never updated. */
import type { D1Database, D1PreparedStatement } from '@cloudflare/workers-types'

export interface AuditContext {
  actor: string
  requestId: string
}

export interface AuditEvent {
  action: string
  sessionId?: string | null
  candidateId?: string | null
  details?: unknown
}

export function auditStatement(db: D1Database, ctx: AuditContext, event: AuditEvent): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO audit_event (actor, action, session_id, candidate_id, details_json, request_id)
       VALUES (?1, ?2, ?3, ?4, ?5, ?6)`,
    )
    .bind(
      ctx.actor,
      event.action,
      event.sessionId ?? null,
      event.candidateId ?? null,
      event.details === undefined ? null : JSON.stringify(event.details),
      ctx.requestId,
    )
}

export interface StoredAuditEvent {
  id: number
  at: string
  actor: string
  action: string
  sessionId: string | null
  candidateId: string | null
  details: unknown
  requestId: string | null
}

export async function listAuditEvents(
  db: D1Database,
  filter: { sessionId: string; candidateId?: string | null },
): Promise<StoredAuditEvent[]> {
  const { results } = await db
    .prepare(
      `SELECT id, at, actor, action, session_id, candidate_id, details_json, request_id FROM audit_event
       WHERE session_id = ?1 AND (?2 IS NULL OR candidate_id = ?2) ORDER BY id`,
    )
    .bind(filter.sessionId, filter.candidateId ?? null)
    .all<{
      id: number
      at: string
      actor: string
      action: string
      session_id: string | null
      candidate_id: string | null
      details_json: string | null
      request_id: string | null
    }>()
  return results.map((r) => ({
    id: r.id,
    at: r.at,
    actor: r.actor,
    action: r.action,
    sessionId: r.session_id,
    candidateId: r.candidate_id,
    details: r.details_json === null ? null : JSON.parse(r.details_json),
    requestId: r.request_id,
  }))
}
