/**
 * A grade write is one D1 batch: when any of its statements fails — the guard at the start, the
 * decisions in the middle, the idempotency record at the end — nothing at all is written. Each
 * test snapshots every table a write touches and compares it byte for byte afterwards.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import { indexReferential, validateGradePush, type PushCandidate } from '../../../shared/grades/gradePush'
import { seedReferential } from '../../../shared/referential'
import { listPushCandidates } from '../../../worker/db/candidates'
import { gradeWriteStatements, writeGrades, type GradeWrite, type RowGradeChange } from '../../../worker/db/grades'
import { request, seedTheReferential, testEnv } from '../harness'
import {
  bulkCandidates,
  candidateBody,
  candidatesBySchoolId,
  createSession,
  expectError,
  pushGrades,
  snapshotDatabase,
  type StoredCandidate,
} from './helpers'

const ctx = { actor: 'admin', requestId: 'atomicity-test' }
const ROUTE = 'PUT /sessions/:sessionId/grades'
let sessionId = ''
let candidates = new Map<string, StoredCandidate>()

function byId(schoolId: string): StoredCandidate {
  const found = candidates.get(schoolId)
  if (!found) throw new Error(`candidate ${schoolId} missing`)
  return found
}

async function refresh(): Promise<void> {
  candidates = await candidatesBySchoolId(sessionId)
}

/** A write that would change marks, comments and a decision of A and B if it went through. */
function writeOfAandB(overrides: Partial<GradeWrite> = {}, decisionReason: string | null = 'jury'): GradeWrite {
  const a = byId('A')
  const b = byId('B')
  const rows: RowGradeChange[] = [
    { candidateId: a.id, rowVersion: a.rowVersion, marks: { 'CR1.1': 'NACQ', 'CR1.4': 'ACQ' }, comments: { 'CR1.1': 'changé' }, decisions: {} },
    { candidateId: b.id, rowVersion: b.rowVersion, marks: { 'CR2.2': 'PACQ' }, comments: {}, decisions: { BC02: { code: 'ADJ', reason: decisionReason } } },
  ]
  return { sessionId, rows, reason: 'atomicité', source: 'manual', idempotency: null, ...overrides }
}

beforeAll(async () => {
  await seedTheReferential()
  sessionId = await createSession('Atomicité')
  await bulkCandidates(sessionId, ['A', 'B', 'C', 'D'].map((id) => candidateBody(id)))
  await refresh()
  // Give every table some content so that an unwanted change, not only an insert, would show.
  const res = await pushGrades(
    sessionId,
    {
      rows: ['A', 'B', 'C'].map((id) => ({
        candidateId: byId(id).id,
        rowVersion: byId(id).rowVersion,
        marks: { 'CR1.1': 'ACQ', 'CR2.2': 'ABS' },
        comments: { 'CR1.1': `avant ${id}` },
        decisions: { BC01: { code: 'ADM', reason: 'initial' } },
      })),
      reason: 'état initial',
    },
    { 'Idempotency-Key': 'initial-push' },
  )
  expect(res.status).toBe(200)
  await refresh()
})

describe('a grade write that fails mid-batch', () => {
  it('writes nothing when the decisions statement trips bloc_decision’s CHECK after the marks statement ran', async () => {
    const write = writeOfAandB({}, '   ') // ADJ with a blank reason: CHECK (… length(trim(override_reason)) > 0)
    const statements = gradeWriteStatements(testEnv.DB, ctx, write)
    expect(statements).toHaveLength(5) // guard, marks, decisions, row versions, audit
    const before = await snapshotDatabase()
    await expect(writeGrades(testEnv.DB, ctx, write)).rejects.toThrow(/CHECK constraint failed/)
    expect(await snapshotDatabase()).toEqual(before)
  })

  it('writes nothing when the last statement (the idempotency record) fails on its unique key', async () => {
    await testEnv.DB.prepare(`INSERT INTO idempotency_key (caller, key, route, request_hash, status, response_json) VALUES ('breakGlass:admin', 'taken', ?1, 'h', 200, '{}')`)
      .bind(ROUTE)
      .run()
    const write = writeOfAandB({ idempotency: { caller: 'breakGlass:admin', key: 'taken', route: ROUTE, requestHash: 'other' } })
    expect(gradeWriteStatements(testEnv.DB, ctx, write)).toHaveLength(6)
    const before = await snapshotDatabase()
    await expect(writeGrades(testEnv.DB, ctx, write)).rejects.toThrow(/UNIQUE constraint failed: idempotency_key/)
    expect(await snapshotDatabase()).toEqual(before)
  })

  it('writes nothing when the marks statement fails (a source the CHECK refuses)', async () => {
    const write = writeOfAandB({ source: 'scanner' as GradeWrite['source'] })
    const before = await snapshotDatabase()
    await expect(writeGrades(testEnv.DB, ctx, write)).rejects.toThrow(/CHECK constraint failed/)
    expect(await snapshotDatabase()).toEqual(before)
  })

  it('writes nothing, not even the rows of other candidates, when a candidate was deleted between validation and write', async () => {
    await refresh()
    // Validate exactly as the route does, while D still exists.
    const d = byId('D')
    const a = byId('A')
    const push = {
      rows: [
        { candidateId: a.id, rowVersion: a.rowVersion, marks: { 'CR3.1': 'ACQ' }, comments: {}, decisions: {} },
        { candidateId: d.id, rowVersion: d.rowVersion, marks: { 'CR3.1': 'PACQ' }, comments: {}, decisions: {} },
      ],
      reason: null,
    }
    const known = new Map<string, PushCandidate>(
      (await listPushCandidates(testEnv.DB, sessionId, push.rows.map((r) => r.candidateId))).map((p) => [p.id, p]),
    )
    const checked = validateGradePush(push, indexReferential(seedReferential), known)
    if (!checked.ok) throw new Error(JSON.stringify(checked.issues))

    const deleted = await request(`/api/v1/sessions/${sessionId}/candidates/${d.id}?rowVersion=${d.rowVersion}`, { method: 'DELETE' })
    expect(deleted.status).toBe(204)
    const before = await snapshotDatabase()
    await expect(writeGrades(testEnv.DB, ctx, { sessionId, rows: checked.rows, reason: null, source: 'manual' })).rejects.toThrow(
      /guard:stale_rows/,
    )
    expect(await snapshotDatabase()).toEqual(before)
  })

  it('writes nothing when the session was locked between validation and write', async () => {
    await refresh()
    const write = writeOfAandB()
    await testEnv.DB.prepare(`UPDATE session SET status = 'deliberated' WHERE id = ?1`).bind(sessionId).run()
    try {
      const before = await snapshotDatabase()
      await expect(writeGrades(testEnv.DB, ctx, write)).rejects.toThrow(/guard:session_locked/)
      expect(await snapshotDatabase()).toEqual(before)
    } finally {
      await testEnv.DB.prepare(`UPDATE session SET status = 'open' WHERE id = ?1`).bind(sessionId).run()
    }
  })

  it('leaves the database able to take the same write once it is valid', async () => {
    await refresh()
    const result = await writeGrades(testEnv.DB, ctx, writeOfAandB())
    expect(result.written).toEqual({ marks: 3, decisions: 1 })
    const row = await testEnv.DB.prepare(`SELECT override_code, override_reason FROM bloc_decision WHERE candidate_id = ?1 AND bloc_code = 'BC02'`)
      .bind(byId('B').id)
      .first()
    expect(row).toEqual({ override_code: 'ADJ', override_reason: 'jury' })
  })
})

describe('the bloc_decision table', () => {
  // Regression: a NULL reason made the CHECK NULL, which SQLite lets pass; it now uses coalesce.
  it('refuses an override stored without a reason', async () => {
    await refresh()
    const insert = testEnv.DB.prepare(
      `INSERT INTO bloc_decision (candidate_id, bloc_code, override_code, override_reason, decided_by) VALUES (?1, 'BC03', 'ADJ', NULL, 'admin')`,
    ).bind(byId('C').id)
    await expect(insert.run()).rejects.toThrow(/CHECK constraint failed/)
  })

  it('refuses an override with a blank reason', async () => {
    await refresh()
    const insert = testEnv.DB.prepare(
      `INSERT INTO bloc_decision (candidate_id, bloc_code, override_code, override_reason, decided_by) VALUES (?1, 'BC04', 'AJ', '  ', 'admin')`,
    ).bind(byId('C').id)
    await expect(insert.run()).rejects.toThrow(/CHECK constraint failed/)
  })
})

describe('a refused request', () => {
  it('changes nothing when a grade push is stale (409)', async () => {
    await refresh()
    const a = byId('A')
    const before = await snapshotDatabase()
    const res = await pushGrades(sessionId, { rows: [{ candidateId: a.id, rowVersion: a.rowVersion - 1, marks: { 'CR1.1': 'EXC' } }] })
    await expectError(res, 409, 'CONFLICT')
    expect(await snapshotDatabase()).toEqual(before)
  })

  it('changes nothing, marks included, when a candidate deletion names a stale row version (409)', async () => {
    await refresh()
    const c = byId('C')
    const before = await snapshotDatabase()
    const res = await request(`/api/v1/sessions/${sessionId}/candidates/${c.id}?rowVersion=${c.rowVersion + 1}`, { method: 'DELETE' })
    await expectError(res, 409, 'CONFLICT')
    expect(await snapshotDatabase()).toEqual(before)
  })

  it('changes nothing when a session update is stale (409)', async () => {
    const before = await snapshotDatabase()
    const res = await request(`/api/v1/sessions/${sessionId}`, {
      method: 'PATCH',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ version: 999, name: 'trop tard' }),
    })
    await expectError(res, 409, 'CONFLICT')
    expect(await snapshotDatabase()).toEqual(before)
  })
})
