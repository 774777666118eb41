/** SQL for certification sessions. */
import type { D1Database } from '@cloudflare/workers-types'
import type { Session, SessionCreate, SessionStatus, SessionUpdate } from '../../shared/sessions/schema'
import { auditStatement, type AuditContext } from './audit'
import { guardStatement } from './guard'

interface SessionRow {
  id: string
  referential_id: string
  name: string
  campus: string | null
  starts_on: string | null
  ends_on: string | null
  jury_date: string | null
  status: SessionStatus
  version: number
  grid_version: number
  candidate_count: number
  created_at: string
  updated_at: string
}

const SELECT_SESSION = `SELECT s.*, (SELECT count(*) FROM candidate c WHERE c.session_id = s.id) AS candidate_count FROM session s`

function toSession(row: SessionRow): Session {
  return {
    id: row.id,
    referentialId: row.referential_id,
    name: row.name,
    campus: row.campus,
    startsOn: row.starts_on,
    endsOn: row.ends_on,
    juryDate: row.jury_date,
    status: row.status,
    version: row.version,
    gridVersion: row.grid_version,
    candidateCount: row.candidate_count,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  }
}

export async function listSessions(db: D1Database): Promise<Session[]> {
  const { results } = await db.prepare(`${SELECT_SESSION} ORDER BY s.created_at DESC, s.id`).all<SessionRow>()
  return results.map(toSession)
}

export async function getSession(db: D1Database, id: string): Promise<Session | null> {
  const row = await db.prepare(`${SELECT_SESSION} WHERE s.id = ?1`).bind(id).first<SessionRow>()
  return row ? toSession(row) : null
}

export async function createSession(db: D1Database, ctx: AuditContext, input: SessionCreate, id: string = crypto.randomUUID()): Promise<Session> {
  await db.batch([
    db
      .prepare(
        `INSERT INTO session (id, referential_id, name, campus, starts_on, ends_on, jury_date, created_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)`,
      )
      .bind(id, input.referentialId, input.name, input.campus, input.startsOn, input.endsOn, input.juryDate, ctx.actor),
    auditStatement(db, ctx, { action: 'session.create', sessionId: id, details: input }),
  ])
  const created = await getSession(db, id)
  if (!created) throw new Error(`session ${id} vanished after insert`)
  return created
}

/**
 * Applies a partial update if the session is still open and still at the version the client
 * read; otherwise the guard aborts the batch with `session_locked` or `stale_version`.
 */
export async function updateSession(db: D1Database, ctx: AuditContext, id: string, update: SessionUpdate): Promise<void> {
  const { version, ...fields } = update
  const columns: Record<string, string> = {
    name: 'name',
    campus: 'campus',
    startsOn: 'starts_on',
    endsOn: 'ends_on',
    juryDate: 'jury_date',
  }
  const sets: string[] = []
  const values: unknown[] = []
  for (const [key, value] of Object.entries(fields)) {
    if (value === undefined) continue
    values.push(value)
    sets.push(`${columns[key]} = ?${values.length + 2}`)
  }
  await db.batch([
    guardStatement(db, 'session_locked', `(SELECT status FROM session WHERE id = ?2) != 'open'`, id),
    guardStatement(db, 'stale_version', `(SELECT version FROM session WHERE id = ?2) != ?3`, id, version),
    db
      .prepare(
        `UPDATE session SET ${[...sets, 'version = version + 1', 'grid_version = grid_version + 1', `updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')`].join(', ')}
         WHERE id = ?1 AND version = ?2`,
      )
      .bind(id, version, ...values),
    auditStatement(db, ctx, { action: 'session.update', sessionId: id, details: fields }),
  ])
}
