/**
 * Concurrent edits of the grid: optimistic concurrency on candidate rows means no update is ever
 * lost, the loser is told which cells moved (with the server's values), and the mark history keeps
 * one row per real change.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import { request, seedTheReferential, testEnv } from '../harness'
import {
  bulkCandidates,
  candidateBody,
  candidatesBySchoolId,
  cell,
  createSession,
  expectError,
  getGrid,
  json,
  listCandidates,
  pushGrades,
  type CellConflict,
  type StoredCandidate,
} from './helpers'

let sessionId = ''

interface HistoryRow {
  critere_code: string
  old_value: string | number | null
  new_value: string | number | null
  old_comment: string | null
  new_comment: string | null
  author: string
  source: string
  reason: string | null
}

async function history(candidateId: string, critereCode?: string): Promise<HistoryRow[]> {
  const { results } = await testEnv.DB.prepare(
    `SELECT critere_code, old_value, new_value, old_comment, new_comment, author, source, reason FROM mark_history
     WHERE candidate_id = ?1 AND (?2 IS NULL OR critere_code = ?2) ORDER BY id`,
  )
    .bind(candidateId, critereCode ?? null)
    .all<HistoryRow>()
  return results
}

async function candidate(schoolId: string): Promise<StoredCandidate> {
  const found = (await candidatesBySchoolId(sessionId)).get(schoolId)
  if (!found) throw new Error(`candidate ${schoolId} missing`)
  return found
}

beforeAll(async () => {
  await seedTheReferential()
  sessionId = await createSession('Concurrence')
  await bulkCandidates(sessionId, [
    candidateBody('SAME'),
    ...['RACE', 'CROWD', 'H1', 'H2'].map((id) => candidateBody(id)),
    ...Array.from({ length: 10 }, (_, i) => candidateBody(`PAR${i}`)),
  ])
})

describe('two clients editing the same cells at the same time', () => {
  it('lets exactly one win; the loser gets 409 with each cell it sent and the server value, and none of its push is stored', async () => {
    const { id, rowVersion } = await candidate('RACE')
    const alice = {
      rows: [{ candidateId: id, rowVersion, marks: { 'CR1.1': 'ACQ', 'CR1.2': 'PACQ' }, comments: { 'CR1.1': 'Alice' } }],
      reason: 'Alice',
    }
    const bob = {
      rows: [
        {
          candidateId: id,
          rowVersion,
          marks: { 'CR1.1': 'NACQ', 'CR1.2': 'ABS', 'CR1.3': 'ACQ' },
          decisions: { BC01: { code: 'ADJ', reason: 'Bob' } },
        },
      ],
      reason: 'Bob',
    }
    const [a, b] = await Promise.all([pushGrades(sessionId, alice), pushGrades(sessionId, bob)])
    expect([a.status, b.status].sort()).toEqual([200, 409])

    const aliceWon = a.status === 200
    const [winner, loser, loserRes] = aliceWon ? [alice, bob, b] : [bob, alice, a]
    const winnerMarks = winner.rows[0]?.marks as Record<string, string>
    const loserRow = loser.rows[0] as { marks: Record<string, string>; decisions?: Record<string, { code: string }> }
    const conflict = await expectError(loserRes, 409, 'CONFLICT')
    const expected: CellConflict[] = [
      ...Object.entries(loserRow.marks).map(([critereCode, clientValue]) => ({
        candidateId: id,
        critereCode,
        blocCode: null,
        serverValue: winnerMarks[critereCode] ?? null,
        clientValue,
        serverRowVersion: rowVersion + 1,
        clientRowVersion: rowVersion,
      })),
      ...Object.entries(loserRow.decisions ?? {}).map(([blocCode, d]) => ({
        candidateId: id,
        critereCode: null,
        blocCode,
        serverValue: null,
        clientValue: d.code,
        serverRowVersion: rowVersion + 1,
        clientRowVersion: rowVersion,
      })),
    ]
    expect(conflict.error.details?.conflicts).toEqual(expect.arrayContaining(expected))
    expect(conflict.error.details?.conflicts).toHaveLength(expected.length)

    const grid = await getGrid(sessionId)
    for (const code of ['CR1.1', 'CR1.2', 'CR1.3']) expect(cell(grid, 'RACE', code)).toBe(winnerMarks[code] ?? null)
    const row = grid.candidates.schoolIds.indexOf('RACE')
    expect(grid.candidates.rowVersions[row]).toBe(rowVersion + 1)
    expect(grid.decisions.filter(([r]) => r === row)).toEqual([])
    expect((await history(id)).map((h) => [h.critere_code, h.old_value, h.new_value, h.reason])).toEqual(
      Object.entries(winnerMarks).map(([code, value]) => [code, null, value, winner.reason]),
    )
  })

  it('keeps the single winner of six clients racing on one cell, and tells each loser the winning value', async () => {
    const { id, rowVersion } = await candidate('CROWD')
    const values = ['ACQ', 'PACQ', 'NACQ', 'ABS', 'EXC', 'ATT']
    const responses = await Promise.all(
      values.map((value) => pushGrades(sessionId, { rows: [{ candidateId: id, rowVersion, marks: { 'CR2.1': value } }] })),
    )
    const winners = responses.flatMap((res, i) => (res.status === 200 ? [values[i]] : []))
    expect(winners).toHaveLength(1)
    const winning = winners[0]
    for (const res of responses.filter((r) => r.status !== 200)) {
      const body = await expectError(res, 409, 'CONFLICT')
      expect(body.error.details?.conflicts).toEqual([
        expect.objectContaining({ candidateId: id, critereCode: 'CR2.1', serverValue: winning, serverRowVersion: rowVersion + 1 }),
      ])
    }
    expect(cell(await getGrid(sessionId), 'CROWD', 'CR2.1')).toBe(winning)
    expect(await history(id, 'CR2.1')).toEqual([expect.objectContaining({ old_value: null, new_value: winning })])
  })

  it('applies the loser’s change once it re-reads the row, and the history shows the winner’s value as the old one', async () => {
    const before = await candidate('CROWD')
    const previous = cell(await getGrid(sessionId), 'CROWD', 'CR2.1')
    const next = previous === 'NACQ' ? 'ACQ' : 'NACQ'
    const res = await pushGrades(sessionId, {
      rows: [{ candidateId: before.id, rowVersion: before.rowVersion, marks: { 'CR2.1': next } }],
      reason: 'après rechargement',
    })
    expect(res.status).toBe(200)
    expect(await history(before.id, 'CR2.1')).toEqual([
      expect.objectContaining({ old_value: null, new_value: previous }),
      expect.objectContaining({ old_value: previous, new_value: next, author: 'admin', reason: 'après rechargement' }),
    ])
  })
})

describe('two clients editing different candidates at the same time', () => {
  it('both succeed, each row moving one version and the grid version moving once per push', async () => {
    const [one, two] = [await candidate('PAR0'), await candidate('PAR1')]
    const gridVersion = (await getGrid(sessionId)).session.gridVersion
    const [a, b] = await Promise.all([
      pushGrades(sessionId, { rows: [{ candidateId: one.id, rowVersion: one.rowVersion, marks: { 'CR3.1': 'ACQ' } }] }),
      pushGrades(sessionId, { rows: [{ candidateId: two.id, rowVersion: two.rowVersion, marks: { 'CR3.1': 'NACQ' } }] }),
    ])
    expect([a.status, b.status]).toEqual([200, 200])
    const grid = await getGrid(sessionId)
    expect([cell(grid, 'PAR0', 'CR3.1'), cell(grid, 'PAR1', 'CR3.1')]).toEqual(['ACQ', 'NACQ'])
    expect((await candidate('PAR0')).rowVersion).toBe(one.rowVersion + 1)
    expect((await candidate('PAR1')).rowVersion).toBe(two.rowVersion + 1)
    expect(grid.session.gridVersion).toBe(gridVersion + 2)
  })

  it('all succeed when eight clients push eight different candidates at once', async () => {
    const rows = await Promise.all(Array.from({ length: 8 }, (_, i) => candidate(`PAR${i + 2}`)))
    const responses = await Promise.all(
      rows.map((c) =>
        pushGrades(sessionId, { rows: [{ candidateId: c.id, rowVersion: c.rowVersion, marks: { 'CR4.1': 'PACQ', 'CR4.2': 'ACQ' } }] }),
      ),
    )
    expect(responses.map((r) => r.status)).toEqual(rows.map(() => 200))
    const grid = await getGrid(sessionId)
    for (let i = 2; i < 10; i++) expect([cell(grid, `PAR${i}`, 'CR4.1'), cell(grid, `PAR${i}`, 'CR4.2')]).toEqual(['PACQ', 'ACQ'])
  })
})

describe('two clients editing the same candidate or session at the same time', () => {
  it('creating the same school id: one 201, the other 409, and a single candidate exists', async () => {
    const send = (name: string) =>
      request(`/api/v1/sessions/${sessionId}/candidates`, { method: 'POST', ...json(candidateBody('TWIN', { birthName: name })) })
    const responses = await Promise.all([send('Premier'), send('Second')])
    expect(responses.map((r) => r.status).sort()).toEqual([201, 409])
    await expectError(responses.find((r) => r.status === 409) as Response, 409, 'CONFLICT')
    expect((await listCandidates(sessionId)).filter((c) => c.schoolId === 'TWIN')).toHaveLength(1)
  })

  it('updating one candidate from the same row version: one 200, the other 409, and the winner’s name is kept', async () => {
    const c = await candidate('TWIN')
    const send = (name: string) =>
      request(`/api/v1/sessions/${sessionId}/candidates/${c.id}`, {
        method: 'PUT',
        ...json({ rowVersion: c.rowVersion, candidate: candidateBody('TWIN', { birthName: name }) }),
      })
    const names = ['Alice', 'Bob']
    const responses = await Promise.all(names.map(send))
    expect(responses.map((r) => r.status).sort()).toEqual([200, 409])
    const winner = names[responses.findIndex((r) => r.status === 200)]
    expect(await candidate('TWIN')).toMatchObject({ birthName: winner, rowVersion: c.rowVersion + 1 })
  })

  it('updating the session from the same version: one 200, the other 409, and the winner’s name is kept', async () => {
    const read = async () => (await (await request(`/api/v1/sessions/${sessionId}`)).json<{ session: { name: string; version: number } }>()).session
    const { version } = await read()
    const names = ['Session A', 'Session B']
    const responses = await Promise.all(
      names.map((name) => request(`/api/v1/sessions/${sessionId}`, { method: 'PATCH', ...json({ version, name }) })),
    )
    expect(responses.map((r) => r.status).sort()).toEqual([200, 409])
    expect(await read()).toMatchObject({ name: names[responses.findIndex((r) => r.status === 200)], version: version + 1 })
  })
})

describe('the mark history', () => {
  it('has one row per real change, with old and new values, old and new comments, author, source and reason', async () => {
    const c = await candidate('H1')
    let version = c.rowVersion
    const push = async (marks: Record<string, unknown>, comments: Record<string, unknown>, reason: string) => {
      const res = await pushGrades(sessionId, { rows: [{ candidateId: c.id, rowVersion: version, marks, comments }], reason })
      expect(res.status, await res.clone().text()).toBe(200)
      version += 1
    }
    await push({ 'CR2.1': 'ACQ' }, { 'CR2.1': 'bien' }, 'saisie')
    await push({ 'CR2.1': ' acq ' }, {}, 'même valeur, lue pareil') // no real change
    await push({ 'CR2.1': 'ACQ' }, { 'CR2.1': 'bien' }, 'même valeur et même commentaire') // no real change
    await push({ 'CR2.1': 'ACQ' }, { 'CR2.1': 'très bien' }, 'commentaire seul')
    await push({ 'CR2.1': null }, {}, 'effacement')
    await push({ 'CR2.1': 'PACQ' }, { 'CR2.1': '   ' }, 'note et commentaire effacé')

    expect(await history(c.id)).toEqual([
      { critere_code: 'CR2.1', old_value: null, new_value: 'ACQ', old_comment: null, new_comment: 'bien', author: 'admin', source: 'manual', reason: 'saisie' },
      { critere_code: 'CR2.1', old_value: 'ACQ', new_value: 'ACQ', old_comment: 'bien', new_comment: 'très bien', author: 'admin', source: 'manual', reason: 'commentaire seul' },
      { critere_code: 'CR2.1', old_value: 'ACQ', new_value: null, old_comment: 'très bien', new_comment: 'très bien', author: 'admin', source: 'manual', reason: 'effacement' },
      { critere_code: 'CR2.1', old_value: null, new_value: 'PACQ', old_comment: 'très bien', new_comment: null, author: 'admin', source: 'manual', reason: 'note et commentaire effacé' },
    ])
  })

  // Regression: clearing a never-graded cell used to insert a NULL mark and a NULL → NULL history row.
  it('writes no history row when a never-graded cell is cleared', async () => {
    const c = await candidate('H2')
    const res = await pushGrades(sessionId, { rows: [{ candidateId: c.id, rowVersion: c.rowVersion, marks: { 'CR3.1': null, 'CR3.2': '  ' } }] })
    expect(res.status).toBe(200)
    expect(await history(c.id)).toEqual([])
  })
})

describe('a 409 lists only the cells whose two sides differ', () => {
  it('leaves out a cell the client sent with the value the server already holds', async () => {
    const { id, rowVersion } = await candidate('SAME')
    const first = await pushGrades(sessionId, { rows: [{ candidateId: id, rowVersion, marks: { 'CR1.1': 'ACQ', 'CR1.2': 'PACQ' } }] })
    expect(first.status).toBe(200)
    // Stale version; CR1.1 equal on both sides, CR1.2 and CR1.3 differ.
    const stale = await pushGrades(sessionId, { rows: [{ candidateId: id, rowVersion, marks: { 'CR1.1': 'ACQ', 'CR1.2': 'NACQ', 'CR1.3': 'ACQ' } }] })
    const body = await expectError(stale, 409, 'CONFLICT')
    expect(body.error.details?.conflicts?.map((c) => [c.critereCode, c.serverValue, c.clientValue])).toEqual([
      ['CR1.2', 'PACQ', 'NACQ'],
      ['CR1.3', null, 'ACQ'],
    ])
    expect(body.error.message).toContain('2 cellule(s)')
  })

  it('says so when every cell sent is equal on both sides, though the row moved', async () => {
    const { id, rowVersion } = await candidate('SAME')
    const stale = await pushGrades(sessionId, { rows: [{ candidateId: id, rowVersion: rowVersion - 1, marks: { 'CR1.1': 'ACQ' } }] })
    const body = await expectError(stale, 409, 'CONFLICT')
    expect(body.error.details?.conflicts).toEqual([])
    expect(body.error.message).toContain('aucune des valeurs envoyées ne diffère')
  })
})
