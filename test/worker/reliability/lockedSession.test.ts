/**
 * A deliberated or closed session is read-only: every write route answers 423 SESSION_LOCKED in
 * the error envelope and nothing at all is written; reads keep working.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import { request, seedTheReferential, testEnv } from '../harness'
import {
  bulkCandidates,
  candidateBody,
  candidatesBySchoolId,
  createSession,
  expectError,
  json,
  pushGrades,
  snapshotDatabase,
  type StoredCandidate,
} from './helpers'

const csv = 'Identifiant;Nom de naissance;Prénoms;Option\nNEW1;Martin;Léa;A\nL1;Durand;Paul;A\n'

function writeRequests(sessionId: string, c: StoredCandidate, sessionVersion: number): Array<[string, () => Promise<Response>]> {
  const base = `/api/v1/sessions/${sessionId}`
  return [
    ['PUT grades', () => pushGrades(sessionId, { rows: [{ candidateId: c.id, rowVersion: c.rowVersion, marks: { 'CR1.1': 'NACQ' } }] })],
    ['POST candidate', () => request(`${base}/candidates`, { method: 'POST', ...json(candidateBody('NEW1')) })],
    [
      'PUT candidate',
      () => request(`${base}/candidates/${c.id}`, { method: 'PUT', ...json({ rowVersion: c.rowVersion, candidate: candidateBody('L1', { birthName: 'Changé' }) }) }),
    ],
    ['DELETE candidate', () => request(`${base}/candidates/${c.id}?rowVersion=${c.rowVersion}`, { method: 'DELETE' })],
    ['POST bulk', () => request(`${base}/candidates/bulk`, { method: 'POST', ...json({ candidates: [candidateBody('NEW2'), candidateBody('L1', { birthName: 'Changé' })] }) })],
    [
      'POST import (commit)',
      () => request(`${base}/candidates/import?fileName=liste.csv&dryRun=false`, { method: 'POST', body: csv, headers: { 'Content-Type': 'text/csv' } }),
    ],
    ['PATCH session', () => request(base, { method: 'PATCH', ...json({ version: sessionVersion, name: 'Renommée', campus: 'Lyon' }) })],
  ]
}

beforeAll(async () => {
  await seedTheReferential()
})

describe.each(['deliberated', 'closed'] as const)('a %s session', (status) => {
  let sessionId = ''
  let locked: StoredCandidate
  let sessionVersion = 0

  beforeAll(async () => {
    sessionId = await createSession(`Verrouillée (${status})`)
    await bulkCandidates(sessionId, [candidateBody('L1'), candidateBody('L2')])
    const l1 = (await candidatesBySchoolId(sessionId)).get('L1')
    if (!l1) throw new Error('L1 missing')
    expect((await pushGrades(sessionId, { rows: [{ candidateId: l1.id, rowVersion: l1.rowVersion, marks: { 'CR1.1': 'ACQ' } }] })).status).toBe(200)
    await testEnv.DB.prepare('UPDATE session SET status = ?2 WHERE id = ?1').bind(sessionId, status).run()
    const found = (await candidatesBySchoolId(sessionId)).get('L1')
    if (!found) throw new Error('L1 missing')
    locked = found
    const session = await (await request(`/api/v1/sessions/${sessionId}`)).json<{ session: { version: number } }>()
    sessionVersion = session.session.version
  })

  it('refuses grades, candidate create/update/delete/bulk/import and session updates with 423, writing nothing', async () => {
    const before = await snapshotDatabase()
    for (const [name, send] of writeRequests(sessionId, locked, sessionVersion)) {
      const body = await expectError(await send(), 423, 'SESSION_LOCKED')
      expect(body.error.message, name).toMatch(/délibérée ou close/)
    }
    expect(await snapshotDatabase()).toEqual(before)
  })

  it('still serves the grid and the candidates, and previews an import without writing', async () => {
    const before = await snapshotDatabase()
    const grid = await request(`/api/v1/sessions/${sessionId}/grid`)
    expect(grid.status).toBe(200)
    expect((await grid.json<{ grid: { session: { status: string } } }>()).grid.session.status).toBe(status)
    expect((await request(`/api/v1/sessions/${sessionId}/candidates`)).status).toBe(200)
    const preview = await request(`/api/v1/sessions/${sessionId}/candidates/import?fileName=liste.csv`, {
      method: 'POST',
      body: csv,
      headers: { 'Content-Type': 'text/csv' },
    })
    expect(preview.status).toBe(200)
    expect(await preview.json()).toMatchObject({ dryRun: true, preview: { created: ['NEW1'], updated: ['L1'] } })
    expect(await snapshotDatabase()).toEqual(before)
  })
})
