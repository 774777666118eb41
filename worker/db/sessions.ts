/** SQL for certification sessions. */
import type { D1Database } from '@cloudflare/workers-types'
import {
  sessionDeletionBlockers,
  sessionStatusLabels,
  type Session,
  type SessionCreate,
  type SessionStatus,
  type SessionUpdate,
} from '../../shared/sessions/schema'
import type { CandidateInput } from '../../shared/candidates/schema'
import { auditStatement, type AuditContext } from './audit'
import { insertCandidatesStatement } from './candidates'
import { guardStatement } from './guard'

interface SessionRow {
  id: string
  referential_id: string
  name: string
  campus: string | null
  starts_on: string | null
  ends_on: string | null
  jury_date: string | null
  deliberation_place: string | null
  status: SessionStatus
  closed_at: string | null
  closed_by: string | null
  rattrapage_of: string | null
  rattrapage_of_name: string | null
  version: number
  grid_version: number
  candidate_list_version: number
  candidate_count: number
  withdrawn_count: number
  pv_version: number | null
  has_marks: number
  has_decisions: number
  created_at: string
  updated_at: string
}

/**
 * A session with what the task pane shows of it: counts of enrolled and withdrawn candidates,
 * its latest PV version and whether it could be deleted (EXISTS stops at the first mark, so the
 * list does not read every mark of every session).
 */
const SELECT_SESSION = `SELECT s.*,
    (SELECT count(*) FROM candidate c WHERE c.session_id = s.id AND c.status = 'enrolled') AS candidate_count,
    (SELECT count(*) FROM candidate c WHERE c.session_id = s.id AND c.status = 'withdrawn') AS withdrawn_count,
    (SELECT max(p.version) FROM pv_version p WHERE p.session_id = s.id) AS pv_version,
    EXISTS (SELECT 1 FROM candidate c JOIN mark m ON m.candidate_id = c.id
            WHERE c.session_id = s.id AND (m.value IS NOT NULL OR m.comment IS NOT NULL)) AS has_marks,
    EXISTS (SELECT 1 FROM candidate c JOIN bloc_decision d ON d.candidate_id = c.id
            WHERE c.session_id = s.id AND d.override_code IS NOT NULL) AS has_decisions,
    (SELECT o.name FROM session o WHERE o.id = s.rattrapage_of) AS rattrapage_of_name
  FROM session s`

function toSession(row: SessionRow): Session {
  const blockers = sessionDeletionBlockers({
    status: row.status,
    hasMarks: row.has_marks === 1,
    hasDecisions: row.has_decisions === 1,
    pvVersion: row.pv_version,
  })
  return {
    id: row.id,
    referentialId: row.referential_id,
    name: row.name,
    campus: row.campus,
    startsOn: row.starts_on,
    endsOn: row.ends_on,
    juryDate: row.jury_date,
    deliberationPlace: row.deliberation_place,
    status: row.status,
    statusLabel: sessionStatusLabels[row.status],
    pvVersion: row.pv_version,
    closedAt: row.closed_at,
    closedBy: row.closed_by,
    rattrapageOf: row.rattrapage_of === null ? null : { id: row.rattrapage_of, name: row.rattrapage_of_name ?? '' },
    version: row.version,
    gridVersion: row.grid_version,
    candidateCount: row.candidate_count,
    withdrawnCount: row.withdrawn_count,
    candidateListVersion: row.candidate_list_version,
    deletable: blockers.length === 0,
    deletionBlockers: blockers,
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

/** The INSERT of a new open session (also the first statement of a rattrapage's batch). */
function insertSessionStatement(db: D1Database, ctx: AuditContext, id: string, input: SessionCreate, rattrapageOf: string | null = null) {
  return db
    .prepare(
      `INSERT INTO session (id, referential_id, name, campus, starts_on, ends_on, jury_date, deliberation_place, rattrapage_of, created_by)
       VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)`,
    )
    .bind(id, input.referentialId, input.name, input.campus, input.startsOn, input.endsOn, input.juryDate, input.deliberationPlace, rattrapageOf, ctx.actor)
}

export async function createSession(db: D1Database, ctx: AuditContext, input: SessionCreate, id: string = crypto.randomUUID()): Promise<Session> {
  await db.batch([insertSessionStatement(db, ctx, id, input), auditStatement(db, ctx, { action: 'session.create', sessionId: id, details: input })])
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
    deliberationPlace: 'deliberation_place',
  }
  const sets: string[] = []
  const values: unknown[] = []
  for (const [key, value] of Object.entries(fields)) {
    if (value === undefined) continue
    values.push(value)
    sets.push(`${columns[key]} = ?${values.length + 2}`)
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

/**
 * Deletes a session that holds nothing of value: no mark (nor comment), no jury decision, no PV,
 * and still open. Its empty candidates, jury, session roles, import batches and the API tokens
 * scoped to it go with it; the audit keeps the deletion (audit_event has no foreign key).
 * Guards: `stale_version`, `session_not_empty` (what the route read may have changed since).
 */
export async function deleteSession(db: D1Database, ctx: AuditContext, session: Session): Promise<void> {
  const id = session.id
  const ofCandidates = 'candidate_id IN (SELECT id FROM candidate WHERE session_id = ?1)'
  await db.batch([
    guardStatement(db, 'stale_version', '(SELECT version FROM session WHERE id = ?2) IS NOT ?3', id, session.version),
    guardStatement(
      db,
      'session_not_empty',
      `(SELECT status FROM session WHERE id = ?2) IS NOT 'open'
        OR EXISTS (SELECT 1 FROM pv_version WHERE session_id = ?2)
        OR EXISTS (SELECT 1 FROM candidate c JOIN mark m ON m.candidate_id = c.id WHERE c.session_id = ?2 AND (m.value IS NOT NULL OR m.comment IS NOT NULL))
        OR EXISTS (SELECT 1 FROM candidate c JOIN bloc_decision d ON d.candidate_id = c.id WHERE c.session_id = ?2)
        OR EXISTS (SELECT 1 FROM candidate c JOIN certification_decision d ON d.candidate_id = c.id WHERE c.session_id = ?2)`,
      id,
    ),
    auditStatement(db, ctx, {
      action: 'session.delete',
      sessionId: id,
      details: { name: session.name, referentialId: session.referentialId, candidates: session.candidateCount + session.withdrawnCount },
    }),
    // Cleared marks (value and comment null) and their history: nothing a session "holds".
    db.prepare(`DELETE FROM mark WHERE ${ofCandidates}`).bind(id),
    db.prepare(`DELETE FROM mark_history WHERE ${ofCandidates}`).bind(id),
    db.prepare('DELETE FROM candidate WHERE session_id = ?1').bind(id),
    db.prepare('DELETE FROM import_batch WHERE session_id = ?1').bind(id),
    db.prepare('DELETE FROM jury_member WHERE session_id = ?1').bind(id),
    db.prepare('DELETE FROM session_role WHERE session_id = ?1').bind(id),
    db.prepare('DELETE FROM api_token WHERE session_id = ?1').bind(id),
    db.prepare('DELETE FROM session WHERE id = ?1').bind(id),
  ])
}

/** Archives a deliberated session (status `closed`). Guards: `stale_version`, `not_deliberated`. */
export async function closeSession(db: D1Database, ctx: AuditContext, id: string, version: number): Promise<void> {
  await db.batch([
    guardStatement(db, 'stale_version', '(SELECT version FROM session WHERE id = ?2) IS NOT ?3', id, version),
    guardStatement(db, 'not_deliberated', `(SELECT status FROM session WHERE id = ?2) IS NOT 'deliberated'`, id),
    db
      .prepare(
        `UPDATE session SET status = 'closed', closed_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), closed_by = ?2,
           version = version + 1, grid_version = grid_version + 1, updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
         WHERE id = ?1`,
      )
      .bind(id, ctx.actor),
    auditStatement(db, ctx, { action: 'session.close', sessionId: id }),
  ])
}

export interface RattrapageCreation {
  id: string
  input: SessionCreate
  originId: string
  /** The PV version the candidates and carried blocs come from: the batch refuses if it moved. */
  pvVersion: number
  candidates: readonly CandidateInput[]
  details: Record<string, unknown>
}

/**
 * Creates a rattrapage session with its candidates in one batch, audited on both sessions.
 * Guard `origin_changed`: the original session was amended (or reopened) since it was read.
 */
export async function createRattrapageSession(db: D1Database, ctx: AuditContext, r: RattrapageCreation): Promise<void> {
  await db.batch([
    guardStatement(
      db,
      'origin_changed',
      `(SELECT status FROM session WHERE id = ?2) NOT IN ('deliberated', 'closed')
        OR (SELECT max(version) FROM pv_version WHERE session_id = ?2) IS NOT ?3`,
      r.originId,
      r.pvVersion,
    ),
    insertSessionStatement(db, ctx, r.id, r.input, r.originId),
    insertCandidatesStatement(db, r.id, r.candidates),
    auditStatement(db, ctx, { action: 'session.create', sessionId: r.id, details: { ...r.input, rattrapageOf: r.originId, ...r.details } }),
    auditStatement(db, ctx, { action: 'session.rattrapage', sessionId: r.originId, details: { rattrapageSessionId: r.id, name: r.input.name, ...r.details } }),
  ])
}
