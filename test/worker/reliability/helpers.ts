/** Shared steps of the reliability tests: sessions, candidates, grids and database snapshots. */
import { expect } from 'vitest'
import { seedReferential } from '../../../shared/referential'
import { request, testEnv } from '../harness'

export const REFERENTIAL_ID = seedReferential.id

export interface ErrorBody {
  error: {
    code: string
    message: string
    details: { issues?: Array<{ path: string; message: string }>; conflicts?: CellConflict[] } | null
  }
}

export interface CellConflict {
  candidateId: string
  critereCode: string | null
  blocCode: string | null
  serverValue: string | number | null
  clientValue: string | number | null
  serverRowVersion: number | null
  clientRowVersion: number
}

export interface GridBody {
  grid: {
    session: { id: string; status: string; version: number; gridVersion: number }
    criteres: Array<{ code: string; blocCode: string }>
    candidates: {
      ids: string[]
      schoolIds: string[]
      birthNames: string[]
      usageNames: Array<string | null>
      firstNames: string[][]
      rowVersions: number[]
    }
    marks: Array<Array<string | number | null>>
    comments: Array<[number, number, string]>
    decisions: Array<[number, Array<{ blocCode: string; code: string; reason: string }>]>
  }
}

export interface StoredCandidate {
  id: string
  schoolId: string
  birthName: string
  usageName: string | null
  firstNames: string[]
  optionCode: string | null
  rowVersion: number
}

/** A request init carrying `body` as JSON. */
export function json(body: unknown, init: RequestInit & { method?: string } = {}): RequestInit {
  return {
    ...init,
    headers: { 'Content-Type': 'application/json', ...Object.fromEntries(new Headers(init.headers).entries()) },
    body: JSON.stringify(body),
  }
}

/** A valid candidate body; `extra` overrides any field. */
export function candidateBody(schoolId: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { schoolId, birthName: `NOM-${schoolId}`, firstNames: ['Camille'], optionCode: 'BC05-A', ...extra }
}

export async function createSession(name: string): Promise<string> {
  const res = await request('/api/v1/sessions', { method: 'POST', ...json({ referentialId: REFERENTIAL_ID, name }) })
  expect(res.status).toBe(201)
  return (await res.json<{ session: { id: string } }>()).session.id
}

/** Creates (or updates) candidates through POST /candidates/bulk, in chunks of `chunk`. */
export async function bulkCandidates(sessionId: string, candidates: Array<Record<string, unknown>>, chunk = 5_000): Promise<void> {
  for (let start = 0; start < candidates.length; start += chunk) {
    const res = await request(`/api/v1/sessions/${sessionId}/candidates/bulk`, {
      method: 'POST',
      ...json({ candidates: candidates.slice(start, start + chunk) }),
    })
    expect(res.status, await res.clone().text()).toBe(200)
  }
}

export async function listCandidates(sessionId: string): Promise<StoredCandidate[]> {
  const res = await request(`/api/v1/sessions/${sessionId}/candidates`)
  expect(res.status).toBe(200)
  return (await res.json<{ candidates: StoredCandidate[] }>()).candidates
}

/** The candidates of a session keyed by school id. */
export async function candidatesBySchoolId(sessionId: string): Promise<Map<string, StoredCandidate>> {
  return new Map((await listCandidates(sessionId)).map((c) => [c.schoolId, c]))
}

export async function getGrid(sessionId: string): Promise<GridBody['grid']> {
  const res = await request(`/api/v1/sessions/${sessionId}/grid`)
  expect(res.status).toBe(200)
  return (await res.json<GridBody>()).grid
}

/** The value of one cell of a grid, by school id and critère code. */
export function cell(grid: GridBody['grid'], schoolId: string, critereCode: string): string | number | null | undefined {
  const row = grid.candidates.schoolIds.indexOf(schoolId)
  const column = grid.criteres.findIndex((c) => c.code === critereCode)
  return grid.marks[row]?.[column]
}

export function pushGrades(sessionId: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return request(`/api/v1/sessions/${sessionId}/grades`, { method: 'PUT', ...json(body, { headers }) })
}

/** Tables a write may touch, with the order that makes their dump deterministic. */
export const WRITTEN_TABLES = {
  session: 'id',
  candidate: 'id',
  mark: 'candidate_id, critere_code',
  mark_history: 'id',
  bloc_decision: 'candidate_id, bloc_code',
  certification_decision: 'candidate_id',
  audit_event: 'id',
  idempotency_key: 'caller, key, route',
  import_batch: 'id',
  batch_guard: 'rowid',
  /** AUTOINCREMENT counters: a rolled-back insert must not consume an id either. */
  sqlite_sequence: 'name',
} as const

/**
 * Every row of every table a write may touch, as the exact JSON of what SQLite returns (types
 * and bytes included), so two snapshots compare equal only if nothing at all changed.
 */
export async function snapshotDatabase(): Promise<Record<string, string>> {
  const db = testEnv.DB
  const tables = Object.entries(WRITTEN_TABLES)
  const results = await db.batch(tables.map(([table, order]) => db.prepare(`SELECT * FROM ${table} ORDER BY ${order}`)))
  return Object.fromEntries(tables.map(([table], i) => [table, JSON.stringify(results[i]?.results ?? [])]))
}

export async function count(table: keyof typeof WRITTEN_TABLES, where = 'true', ...params: unknown[]): Promise<number> {
  const row = await testEnv.DB.prepare(`SELECT count(*) AS n FROM ${table} WHERE ${where}`)
    .bind(...params)
    .first<{ n: number }>()
  return row?.n ?? 0
}

/** French text: an accented letter or one of the common French words of our messages. */
export const FRENCH = /[àâäçéèêëîïôöùûüÿœæ’«»]|\b(?:le|la|les|de|des|du|une?|est|pas|attendu|requête|invalide|corps)\b/i

/** Checks a response is in the error envelope with the given status and code; returns its body. */
export async function expectError(res: Response, status: number, code: string): Promise<ErrorBody> {
  const text = await res.text()
  expect(res.status, text).toBe(status)
  const body = JSON.parse(text) as ErrorBody
  expect(Object.keys(body)).toEqual(['error'])
  expect(Object.keys(body.error).sort()).toEqual(['code', 'details', 'message'])
  expect(body.error.code).toBe(code)
  expect(body.error.message).toMatch(FRENCH)
  return body
}
