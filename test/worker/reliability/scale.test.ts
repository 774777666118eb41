/**
 * D1 binds at most 100 parameters per statement. A whole-promotion push (2,000 candidates × 45
 * marks = 90,000 cells) must still be one request and one batch of a handful of statements: rows
 * travel as JSON strings that SQLite expands with json_each, never one statement per row.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import { seedReferential } from '../../../shared/referential'
import { indexReferential } from '../../../shared/grades/gradePush'
import { gradeWriteStatements, type RowGradeChange } from '../../../worker/db/grades'
import { seedTheReferential, testEnv } from '../harness'
import { bulkCandidates, candidateBody, count, createSession, getGrid, listCandidates, pushGrades } from './helpers'

const CANDIDATES = 2_000
const MARKS_PER_CANDIDATE = 45
const CODES = ['ACQ', 'PACQ', 'NACQ', 'ABS', 'EXC', 'ATT'] as const

// Candidates without a BLOC 5 option may be graded on every critère; take the first 45 of the 48.
const critereCodes = [...indexReferential(seedReferential).criteres.keys()].slice(0, MARKS_PER_CANDIDATE)
let sessionId = ''

beforeAll(async () => {
  await seedTheReferential()
  sessionId = await createSession('Promotion entière')
  await bulkCandidates(
    sessionId,
    Array.from({ length: CANDIDATES }, (_, i) => candidateBody(`P${String(i).padStart(4, '0')}`, { optionCode: null })),
    1_000,
  )
})

describe('a grade push of 2,000 candidates × 45 marks', () => {
  it('is written in one request and one batch of at most six statements, every mark stored', { timeout: 60_000 }, async () => {
    expect(critereCodes).toHaveLength(MARKS_PER_CANDIDATE)
    const candidates = await listCandidates(sessionId)
    expect(candidates).toHaveLength(CANDIDATES)
    const rows: RowGradeChange[] = candidates.map((c, i) => ({
      candidateId: c.id,
      rowVersion: c.rowVersion,
      marks: Object.fromEntries(critereCodes.map((code, j) => [code, CODES[(i + j) % CODES.length] ?? null])),
      comments: i % 100 === 0 ? { [critereCodes[0] ?? '']: `commentaire ${i}` } : {},
      decisions: Object.fromEntries(i % 50 === 0 ? [['BC01', { code: 'ADJ' as const, reason: 'jury plénier' }]] : []),
    }))
    const statements = gradeWriteStatements(testEnv.DB, { actor: 'admin', requestId: 'scale' }, {
      sessionId,
      rows,
      reason: null,
      source: 'manual',
      idempotency: { caller: 'c', key: 'k', route: 'r', requestHash: 'h' },
    })
    expect(statements.length).toBeLessThanOrEqual(6)

    const res = await pushGrades(sessionId, { rows, reason: 'saisie de fin de semestre' }, { 'Idempotency-Key': 'promotion-2026' })
    expect(res.status, (await res.clone().text()).slice(0, 500)).toBe(200)
    const answer = await res.json<{ rows: Array<{ rowVersion: number }>; written: { marks: number; decisions: number } }>()
    expect(answer.written).toEqual({ marks: CANDIDATES * MARKS_PER_CANDIDATE, decisions: CANDIDATES / 50 })
    expect(answer.rows.every((r) => r.rowVersion === 2)).toBe(true)

    const inSession = 'candidate_id IN (SELECT id FROM candidate WHERE session_id = ?1)'
    expect(await count('mark', `${inSession} AND value IS NOT NULL`, sessionId)).toBe(CANDIDATES * MARKS_PER_CANDIDATE)
    expect(await count('mark_history', inSession, sessionId)).toBe(CANDIDATES * MARKS_PER_CANDIDATE)
    expect(await count('bloc_decision', inSession, sessionId)).toBe(CANDIDATES / 50)
    expect(await count('audit_event', `action = 'grades.update' AND session_id = ?1`, sessionId)).toBe(CANDIDATES)

    const grid = await getGrid(sessionId)
    expect(grid.marks.flat().filter((v) => v !== null)).toHaveLength(CANDIDATES * MARKS_PER_CANDIDATE)
    expect(grid.comments).toHaveLength(CANDIDATES / 100)
    const first = grid.candidates.schoolIds.indexOf('P1999')
    const expected = rows[candidates.findIndex((c) => c.schoolId === 'P1999')]?.marks
    expect(Object.fromEntries(critereCodes.map((code) => [code, grid.marks[first]?.[grid.criteres.findIndex((c) => c.code === code)]]))).toEqual(expected)
  })
})
