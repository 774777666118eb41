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

export interface AuditFilter {
  sessionId: string
  /** Only the events about this candidate. */
  candidateId?: string | null
}

/**
 * A page: the events with an id above `after`, at most `limit` of them, oldest first; or, with
 * `newest`, the events with an id below `before` (all when null), newest first.
 */
export interface AuditPageRequest {
  after: number
  limit: number
  newest?: { before: number | null }
}

export interface AuditPage {
  events: StoredAuditEvent[]
  /** The `after` of the next page (oldest first); null on the last page or newest first. */
  nextAfter: number | null
  /** The `before` of the next page (newest first); null on the last page or oldest first. */
  nextBefore: number | null
}

interface AuditRow {
  id: number
  at: string
  actor: string
  action: string
  session_id: string | null
  candidate_id: string | null
  details_json: string | null
  request_id: string | null
}

/**
 * The SQL of a listing, oldest first. Two texts rather than `(? IS NULL OR candidate_id = ?)`:
 * with that condition SQLite walks the session's whole index; with `candidate_id = ?` it seeks
 * `audit_event_by_candidate (candidate_id, id)`, and without it `audit_event_by_session
 * (session_id, id)` (migration 0002). Either way the rows come in id order from the index, so a
 * page reads `limit + 1` rows (the extra one says whether a next page exists), never the session.
 * Exported for the query-plan test.
 */
export function auditEventsQuery(filter: AuditFilter, page?: AuditPageRequest): { sql: string; params: Array<string | number> } {
  const where = ['session_id = ?']
  const params: Array<string | number> = [filter.sessionId]
  if (filter.candidateId) {
    where.push('candidate_id = ?')
    params.push(filter.candidateId)
  }
  let tail = 'ORDER BY id'
  if (page?.newest) {
    // The same index read backwards.
    if (page.newest.before !== null) {
      where.push('id < ?')
      params.push(page.newest.before)
    }
    tail = 'ORDER BY id DESC LIMIT ? + 1'
    params.push(page.limit)
  } else if (page) {
    where.push('id > ?')
    params.push(page.after)
    tail = 'ORDER BY id LIMIT ? + 1'
    params.push(page.limit)
  }
  return {
    sql: `SELECT id, at, actor, action, session_id, candidate_id, details_json, request_id FROM audit_event WHERE ${where.join(' AND ')} ${tail}`,
    params,
  }
}

function toEvent(r: AuditRow): StoredAuditEvent {
  return {
    id: r.id,
    at: r.at,
    actor: r.actor,
    action: r.action,
    sessionId: r.session_id,
    candidateId: r.candidate_id,
    details: r.details_json === null ? null : JSON.parse(r.details_json),
    requestId: r.request_id,
  }
}

async function selectEvents(db: D1Database, filter: AuditFilter, page?: AuditPageRequest): Promise<StoredAuditEvent[]> {
  const { sql, params } = auditEventsQuery(filter, page)
  const { results } = await db.prepare(sql).bind(...params).all<AuditRow>()
  return results.map(toEvent)
}

/** Every event of a session (or of one of its candidates), oldest first: the RGPD export, tests. */
export function listAuditEvents(db: D1Database, filter: AuditFilter): Promise<StoredAuditEvent[]> {
  return selectEvents(db, filter)
}

/** One page of a session's events (or of one of its candidates), oldest first or newest first. */
export async function listAuditEventPage(db: D1Database, filter: AuditFilter, page: AuditPageRequest): Promise<AuditPage> {
  const rows = await selectEvents(db, filter, page)
  const events = rows.slice(0, page.limit)
  const next = rows.length > page.limit ? (events.at(-1)?.id ?? null) : null
  return page.newest ? { events, nextAfter: null, nextBefore: next } : { events, nextAfter: next, nextBefore: null }
}
