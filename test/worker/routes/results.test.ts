import { beforeAll, describe, expect, it } from 'vitest'
import { seedReferential } from '../../../shared/referential'
import { DEMO_SESSION_ID, seedDemoSession } from '../../../worker/db/demo'
import { request, seedTheReferential, testEnv } from '../harness'

interface ResultsBody {
  results: Array<{
    candidateId: string
    schoolId: string
    blocs: Record<string, { code: string; computedCode: string | null; override: string | null }>
    decision: string
  }>
}

const json = (method: string, body: unknown) => ({ method, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) })

beforeAll(async () => {
  await seedTheReferential()
  await seedDemoSession(testEnv.DB, seedReferential)
})

describe('GET /sessions/{id}/results', () => {
  it('computes every candidate’s blocs (mandatory + chosen option only) and decision from stored marks', async () => {
    const res = await request(`/api/v1/sessions/${DEMO_SESSION_ID}/results`)
    expect(res.status).toBe(200)
    const { results } = await res.json<ResultsBody>()
    expect(results).toHaveLength(30)
    for (const r of results) {
      expect(Object.keys(r.blocs).slice(0, 4)).toEqual(['BC01', 'BC02', 'BC03', 'BC04'])
      expect(Object.keys(r.blocs).length).toBeLessThanOrEqual(5)
    }
    const codes = new Set(results.flatMap((r) => Object.values(r.blocs).map((b) => b.code)))
    expect([...codes].sort()).toEqual(expect.arrayContaining(['ADM', 'AJ', 'ATT', 'CAP']))
    expect(new Set(results.map((r) => r.decision)).size).toBeGreaterThan(1)
  })

  it('validates a bloc when every critère is ACQ, and keeps a jury decision beside the computed code', async () => {
    const create = await request('/api/v1/sessions', json('POST', { referentialId: seedReferential.id, name: 'R' }))
    const sessionId = (await create.json<{ session: { id: string } }>()).session.id
    await request(`/api/v1/sessions/${sessionId}/candidates`, json('POST', { schoolId: 'X1', birthName: 'Test', firstNames: ['Ana'], optionCode: 'BC05-B' }))
    const grid = await (await request(`/api/v1/sessions/${sessionId}/grid`)).json<{
      grid: { candidates: { ids: string[]; rowVersions: number[] }; criteres: Array<{ code: string; blocCode: string }> }
    }>()
    const marks = Object.fromEntries(grid.grid.criteres.filter((k) => k.blocCode === 'BC01').map((k) => [k.code, 'ACQ']))
    marks['CR2.1'] = 'NACQ'
    const push = await request(
      `/api/v1/sessions/${sessionId}/grades`,
      json('PUT', {
        rows: [
          {
            candidateId: grid.grid.candidates.ids[0],
            rowVersion: grid.grid.candidates.rowVersions[0],
            marks,
            decisions: { BC03: { code: 'ADJ', reason: 'Projet remarquable, épreuve reportée' } },
          },
        ],
      }),
    )
    expect(push.status).toBe(200)
    const { results } = await (await request(`/api/v1/sessions/${sessionId}/results`)).json<ResultsBody>()
    expect(results[0]?.blocs.BC01?.code).toBe('ADM')
    expect(results[0]?.blocs.BC02?.code).toBe('ATT')
    expect(results[0]?.blocs.BC03).toMatchObject({ code: 'ADJ', computedCode: 'ATT', override: 'ADJ' })
    expect(Object.keys(results[0]?.blocs ?? {})).toContain('BC05-B')
    expect(results[0]?.decision).toBe('EN ATTENTE')
  })
})
