/**
 * SQL for candidates. Single-row writes check the row version the client read; bulk upserts
 * match on the school's own id and bind every row as one JSON string (json_each).
 */
import type { D1Database, D1PreparedStatement } from '@cloudflare/workers-types'
import type { Candidate, CandidateInput, CapitalisedBloc } from '../../shared/candidates/schema'
import { auditStatement, type AuditContext } from './audit'
import { guardStatement } from './guard'

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
  return results.map(toCandidate)
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
export async function previewUpsert(db: D1Database, sessionId: string, inputs: CandidateInput[]): Promise<UpsertSummary> {
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

/** Existence and option of the candidates a grade push names, in one statement. */
export async function listPushCandidates(
  db: D1Database,
  sessionId: string,
  ids: string[],
): Promise<Array<{ id: string; optionCode: string | null }>> {
  const { results } = await db
    .prepare('SELECT id, option_code FROM candidate WHERE session_id = ?1 AND id IN (SELECT value FROM json_each(?2))')
    .bind(sessionId, JSON.stringify(ids))
    .all<{ id: string; option_code: string | null }>()
  return results.map((r) => ({ id: r.id, optionCode: r.option_code }))
}
