/**
 * SQL for candidates. Single-row writes check the row version the client read; bulk upserts
 * match on the school's own id and bind every row as one JSON string (json_each).
 */
import type { D1Database, D1PreparedStatement } from '@cloudflare/workers-types'
import type { CandidateImportPlan } from '../../shared/candidates/importPlan'
import type { Candidate, CandidateInput, CandidateStatus, CapitalisedBloc } from '../../shared/candidates/schema'
import { auditStatement, type AuditContext } from './audit'
import { guardStatement } from './guard'
import { sortByName } from '../../shared/names/collation'

export interface CandidateRow {
  id: string
  session_id: string
  school_id: string
  birth_name: string
  usage_name: string | null
  first_names_json: string
  sex: 'M' | 'F' | null
  birth_date: string | null
  birth_commune_code: string | null
  birth_commune_code_kind: 'insee' | 'postal' | null
  birth_commune_label: string | null
  birth_country_code: string | null
  birth_country_label: string | null
  email: string | null
  option_code: string | null
  access_route: Candidate['accessRoute']
  capitalised_json: string
  row_version: number
  status: CandidateStatus
  withdrawn_at: string | null
  withdrawal_reason: string | null
}

export function toCandidate(row: CandidateRow): Candidate {
  return {
    id: row.id,
    sessionId: row.session_id,
    schoolId: row.school_id,
    birthName: row.birth_name,
    usageName: row.usage_name,
    firstNames: JSON.parse(row.first_names_json) as string[],
    sex: row.sex,
    birthDate: row.birth_date,
    birthCommuneCode: row.birth_commune_code,
    birthCommuneCodeKind: row.birth_commune_code_kind,
    birthCommuneLabel: row.birth_commune_label,
    birthCountryCode: row.birth_country_code,
    birthCountryLabel: row.birth_country_label,
    email: row.email,
    optionCode: row.option_code,
    accessRoute: row.access_route,
    capitalisedBlocs: JSON.parse(row.capitalised_json) as CapitalisedBloc[],
    rowVersion: row.row_version,
    status: row.status,
    withdrawnAt: row.withdrawn_at,
    withdrawalReason: row.withdrawal_reason,
  }
}

/** The JSON shape bound for inserts and upserts, keys named after the columns. */
function toColumns(id: string, input: CandidateInput) {
  return {
    id,
    school_id: input.schoolId,
    birth_name: input.birthName,
    usage_name: input.usageName,
    first_names_json: JSON.stringify(input.firstNames),
    sex: input.sex,
    birth_date: input.birthDate,
    birth_commune_code: input.birthCommuneCode,
    birth_commune_code_kind: input.birthCommuneCodeKind,
    birth_commune_label: input.birthCommuneLabel,
    birth_country_code: input.birthCountryCode,
    birth_country_label: input.birthCountryLabel,
    email: input.email,
    option_code: input.optionCode,
    access_route: input.accessRoute,
    capitalised_json: JSON.stringify([...input.capitalisedBlocs].sort((a, b) => a.blocCode.localeCompare(b.blocCode))),
  }
}

const DATA_COLUMNS = [
  'school_id',
  'birth_name',
  'usage_name',
  'first_names_json',
  'sex',
  'birth_date',
  'birth_commune_code',
  'birth_commune_code_kind',
  'birth_commune_label',
  'birth_country_code',
  'birth_country_label',
  'email',
  'option_code',
  'access_route',
  'capitalised_json',
] as const

const ALL_COLUMNS = ['id', ...DATA_COLUMNS]
const extract = (source: string) => ALL_COLUMNS.map((c) => `${source}->>'${c}'`).join(', ')
const changedColumns = DATA_COLUMNS.filter((c) => c !== 'school_id')
  .map((c) => `candidate.${c} IS NOT excluded.${c}`)
  .join(' OR ')
const updateAssignments = [
  ...DATA_COLUMNS.filter((c) => c !== 'school_id').map((c) => `${c} = excluded.${c}`),
  'row_version = candidate.row_version + 1',
  `updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')`,
].join(', ')

export async function listCandidates(db: D1Database, sessionId: string): Promise<Candidate[]> {
  const { results } = await db
    .prepare('SELECT * FROM candidate WHERE session_id = ?1 ORDER BY birth_name, first_names_json, school_id')
    .bind(sessionId)
    .all<CandidateRow>()
  // The French order of names, which SQLite's byte order is not.
  return sortByName(results.map(toCandidate), (c) => c)
}

export async function getCandidate(db: D1Database, sessionId: string, id: string): Promise<Candidate | null> {
  const row = await db
    .prepare('SELECT * FROM candidate WHERE session_id = ?1 AND id = ?2')
    .bind(sessionId, id)
    .first<CandidateRow>()
  return row ? toCandidate(row) : null
}

/** Candidate writes are refused once the session is no longer open (deliberated or closed). */
export function sessionOpenGuard(db: D1Database, sessionId: string): D1PreparedStatement {
  return guardStatement(db, 'session_locked', `(SELECT status FROM session WHERE id = ?2) IS NOT 'open'`, sessionId)
}

/** Aborts the batch when the candidate is gone or no longer at the version the client read. */
function staleRowGuard(db: D1Database, sessionId: string, id: string, rowVersion: number): D1PreparedStatement {
  return guardStatement(
    db,
    'stale_row',
    '(SELECT row_version FROM candidate WHERE session_id = ?2 AND id = ?3) IS NOT ?4',
    sessionId,
    id,
    rowVersion,
  )
}

export async function createCandidate(
  db: D1Database,
  ctx: AuditContext,
  sessionId: string,
  input: CandidateInput,
  id: string = crypto.randomUUID(),
): Promise<void> {
  await db.batch([
    sessionOpenGuard(db, sessionId),
    guardStatement(
      db,
      'duplicate_school_id',
      'EXISTS (SELECT 1 FROM candidate WHERE session_id = ?2 AND school_id = ?3)',
      sessionId,
      input.schoolId,
    ),
    db
      .prepare(`INSERT INTO candidate (session_id, ${ALL_COLUMNS.join(', ')}) SELECT ?1, ${extract('?2')}`)
      .bind(sessionId, JSON.stringify(toColumns(id, input))),
    auditStatement(db, ctx, { action: 'candidate.create', sessionId, candidateId: id, details: { schoolId: input.schoolId } }),
  ])
}

export async function updateCandidate(
  db: D1Database,
  ctx: AuditContext,
  sessionId: string,
  id: string,
  rowVersion: number,
  input: CandidateInput,
): Promise<void> {
  const row = toColumns(id, input)
  await db.batch([
    sessionOpenGuard(db, sessionId),
    staleRowGuard(db, sessionId, id, rowVersion),
    guardStatement(
      db,
      'duplicate_school_id',
      'EXISTS (SELECT 1 FROM candidate WHERE session_id = ?2 AND school_id = ?3 AND id != ?4)',
      sessionId,
      input.schoolId,
      id,
    ),
    db
      .prepare(
        `UPDATE candidate SET ${DATA_COLUMNS.map((c) => `${c} = ?3->>'${c}'`).join(', ')},
           row_version = row_version + 1, updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
         WHERE session_id = ?1 AND id = ?2`,
      )
      .bind(sessionId, id, JSON.stringify(row)),
    auditStatement(db, ctx, { action: 'candidate.update', sessionId, candidateId: id, details: { schoolId: input.schoolId } }),
  ])
}

export async function deleteCandidate(
  db: D1Database,
  ctx: AuditContext,
  sessionId: string,
  id: string,
  rowVersion: number,
): Promise<void> {
  await db.batch([
    sessionOpenGuard(db, sessionId),
    staleRowGuard(db, sessionId, id, rowVersion),
    auditStatement(db, ctx, { action: 'candidate.delete', sessionId, candidateId: id }),
    db.prepare('DELETE FROM mark WHERE candidate_id = ?1').bind(id),
    db.prepare('DELETE FROM bloc_decision WHERE candidate_id = ?1').bind(id),
    db.prepare('DELETE FROM certification_decision WHERE candidate_id = ?1').bind(id),
    db.prepare('DELETE FROM candidate WHERE session_id = ?1 AND id = ?2').bind(sessionId, id),
  ])
}

export interface UpsertSummary {
  created: string[]
  updated: string[]
  unchanged: string[]
}

/** What an upsert of these candidates would do, without writing (dry runs and summaries). */
async function previewUpsert(db: D1Database, sessionId: string, inputs: CandidateInput[]): Promise<UpsertSummary> {
  const existing = await db
    .prepare(
      `SELECT ${DATA_COLUMNS.join(', ')} FROM candidate
       WHERE session_id = ?1 AND school_id IN (SELECT value FROM json_each(?2))`,
    )
    .bind(sessionId, JSON.stringify(inputs.map((i) => i.schoolId)))
    .all<Record<string, unknown>>()
  const bySchoolId = new Map(existing.results.map((r) => [String(r.school_id), r]))
  const summary: UpsertSummary = { created: [], updated: [], unchanged: [] }
  for (const input of inputs) {
    const row = toColumns('', input)
    const current = bySchoolId.get(input.schoolId)
    if (!current) summary.created.push(input.schoolId)
    else if (DATA_COLUMNS.some((c) => (current[c] ?? null) !== (row[c] ?? null))) summary.updated.push(input.schoolId)
    else summary.unchanged.push(input.schoolId)
  }
  return summary
}

/**
 * Creates or updates many candidates at once, matched on their school id; rows whose content
 * did not change keep their version. One atomic batch of three statements whatever the count.
 */
export async function upsertCandidates(
  db: D1Database,
  ctx: AuditContext,
  sessionId: string,
  inputs: CandidateInput[],
  action = 'candidate.bulkUpsert',
): Promise<UpsertSummary> {
  const summary = await previewUpsert(db, sessionId, inputs)
  await db.batch([
    sessionOpenGuard(db, sessionId),
    db
      .prepare(
        `INSERT INTO candidate (session_id, ${ALL_COLUMNS.join(', ')})
         SELECT ?1, ${extract('value')} FROM json_each(?2) WHERE true
         ON CONFLICT (session_id, school_id) DO UPDATE SET ${updateAssignments} WHERE ${changedColumns}`,
      )
      .bind(sessionId, JSON.stringify(inputs.map((input) => toColumns(crypto.randomUUID(), input)))),
    auditStatement(db, ctx, {
      action,
      sessionId,
      details: { created: summary.created.length, updated: summary.updated.length, unchanged: summary.unchanged.length },
    }),
  ])
  return summary
}

/** The INSERT of many new candidates in one statement (a rattrapage session's batch). */
export function insertCandidatesStatement(db: D1Database, sessionId: string, inputs: readonly CandidateInput[]): D1PreparedStatement {
  return db
    .prepare(`INSERT INTO candidate (session_id, ${ALL_COLUMNS.join(', ')}) SELECT ?1, ${extract('value')} FROM json_each(?2)`)
    .bind(sessionId, JSON.stringify(inputs.map((input) => toColumns(crypto.randomUUID(), input))))
}

/** Ids of the session's candidates anonymised for the RGPD. */
export async function anonymisedCandidateIds(db: D1Database, sessionId: string): Promise<Set<string>> {
  const { results } = await db
    .prepare('SELECT id FROM candidate WHERE session_id = ?1 AND anonymised_at IS NOT NULL')
    .bind(sessionId)
    .all<{ id: string }>()
  return new Set(results.map((r) => r.id))
}

/** Existence, option and status of the candidates a grade push names, in one statement. */
export async function listPushCandidates(
  db: D1Database,
  sessionId: string,
  ids: string[],
): Promise<Array<{ id: string; optionCode: string | null; withdrawn: boolean }>> {
  const { results } = await db
    .prepare('SELECT id, option_code, status FROM candidate WHERE session_id = ?1 AND id IN (SELECT value FROM json_each(?2))')
    .bind(sessionId, JSON.stringify(ids))
    .all<{ id: string; option_code: string | null; status: CandidateStatus }>()
  return results.map((r) => ({ id: r.id, optionCode: r.option_code, withdrawn: r.status === 'withdrawn' }))
}

/** The candidate list version a commit is checked against (null: no such session). */
export async function getCandidateListVersion(db: D1Database, sessionId: string): Promise<number | null> {
  return db.prepare('SELECT candidate_list_version FROM session WHERE id = ?1').bind(sessionId).first<number>('candidate_list_version')
}

/**
 * Withdraws a candidate (« désinscrit »): kept with its marks, left out of the grid, results and
 * documents. Guards: session_locked, stale_row, already_withdrawn.
 */
export async function withdrawCandidate(
  db: D1Database,
  ctx: AuditContext,
  sessionId: string,
  id: string,
  schoolId: string,
  rowVersion: number,
  reason: string,
): Promise<void> {
  await db.batch([
    sessionOpenGuard(db, sessionId),
    staleRowGuard(db, sessionId, id, rowVersion),
    guardStatement(db, 'already_withdrawn', `(SELECT status FROM candidate WHERE id = ?2) = 'withdrawn'`, id),
    db
      .prepare(
        `UPDATE candidate SET status = 'withdrawn', withdrawn_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), withdrawal_reason = ?3,
           row_version = row_version + 1, updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
         WHERE session_id = ?1 AND id = ?2`,
      )
      .bind(sessionId, id, reason),
    auditStatement(db, ctx, { action: 'candidate.withdraw', sessionId, candidateId: id, details: { schoolId, reason } }),
  ])
}

/** Enrols a withdrawn candidate again. Guards: session_locked, stale_row, not_withdrawn. */
export async function reinstateCandidate(
  db: D1Database,
  ctx: AuditContext,
  sessionId: string,
  id: string,
  schoolId: string,
  rowVersion: number,
): Promise<void> {
  await db.batch([
    sessionOpenGuard(db, sessionId),
    staleRowGuard(db, sessionId, id, rowVersion),
    guardStatement(db, 'not_withdrawn', `(SELECT status FROM candidate WHERE id = ?2) IS NOT 'withdrawn'`, id),
    db
      .prepare(
        `UPDATE candidate SET status = 'enrolled', withdrawn_at = NULL, withdrawal_reason = NULL,
           row_version = row_version + 1, updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
         WHERE session_id = ?1 AND id = ?2`,
      )
      .bind(sessionId, id),
    auditStatement(db, ctx, { action: 'candidate.reinstate', sessionId, candidateId: id, details: { schoolId } }),
  ])
}

/**
 * Applies an import plan in one batch: the session still open and (when the dry run's version is
 * given) its candidate list unchanged since, then the upserts, withdrawals and reinstatements,
 * one audit event for the import and one per withdrawal or reinstatement. Guards:
 * session_locked, stale_candidate_list.
 */
export async function commitCandidateImport(
  db: D1Database,
  ctx: AuditContext,
  sessionId: string,
  plan: CandidateImportPlan,
  expectedListVersion: number | null,
  fileName: string,
): Promise<void> {
  const now = `strftime('%Y-%m-%dT%H:%M:%fZ', 'now')`
  const statements: D1PreparedStatement[] = [sessionOpenGuard(db, sessionId)]
  if (expectedListVersion !== null) {
    statements.push(
      guardStatement(db, 'stale_candidate_list', '(SELECT candidate_list_version FROM session WHERE id = ?2) IS NOT ?3', sessionId, expectedListVersion),
    )
  }
  if (plan.upserts.length > 0) {
    statements.push(
      db
        .prepare(
          `INSERT INTO candidate (session_id, ${ALL_COLUMNS.join(', ')})
           SELECT ?1, ${extract('value')} FROM json_each(?2) WHERE true
           ON CONFLICT (session_id, school_id) DO UPDATE SET ${updateAssignments} WHERE ${changedColumns}`,
        )
        .bind(sessionId, JSON.stringify(plan.upserts.map((input) => toColumns(crypto.randomUUID(), input)))),
    )
  }
  if (plan.withdrawals.length > 0) {
    const withdrawals = JSON.stringify(plan.withdrawals)
    statements.push(
      db
        .prepare(
          `UPDATE candidate SET status = 'withdrawn', withdrawn_at = ${now},
             withdrawal_reason = (SELECT value->>'reason' FROM json_each(?2) WHERE value->>'candidateId' = candidate.id),
             row_version = row_version + 1, updated_at = ${now}
           WHERE session_id = ?1 AND status = 'enrolled' AND id IN (SELECT value->>'candidateId' FROM json_each(?2))`,
        )
        .bind(sessionId, withdrawals),
      db
        .prepare(
          `INSERT INTO audit_event (actor, action, session_id, candidate_id, details_json, request_id)
           SELECT ?1, 'candidate.withdraw', ?2, value->>'candidateId', json_object('schoolId', value->>'schoolId', 'reason', value->>'reason', 'import', ?4), ?3 FROM json_each(?5)`,
        )
        .bind(ctx.actor, sessionId, ctx.requestId, fileName, withdrawals),
    )
  }
  if (plan.reinstatements.length > 0) {
    const reinstatements = JSON.stringify(plan.reinstatements)
    statements.push(
      db
        .prepare(
          `UPDATE candidate SET status = 'enrolled', withdrawn_at = NULL, withdrawal_reason = NULL,
             row_version = row_version + 1, updated_at = ${now}
           WHERE session_id = ?1 AND status = 'withdrawn' AND id IN (SELECT value->>'candidateId' FROM json_each(?2))`,
        )
        .bind(sessionId, reinstatements),
      db
        .prepare(
          `INSERT INTO audit_event (actor, action, session_id, candidate_id, details_json, request_id)
           SELECT ?1, 'candidate.reinstate', ?2, value->>'candidateId', json_object('schoolId', value->>'schoolId', 'import', ?4), ?3 FROM json_each(?5)`,
        )
        .bind(ctx.actor, sessionId, ctx.requestId, fileName, reinstatements),
    )
  }
  statements.push(
    auditStatement(db, ctx, {
      action: 'candidate.import',
      sessionId,
      details: {
        fileName,
        created: plan.created.length,
        updated: plan.updated.length,
        unchanged: plan.unchanged.length,
        withdrawn: plan.withdrawn.length,
        reinstated: plan.reinstated.length,
      },
    }),
  )
  await db.batch(statements)
}
