import { beforeAll, describe, expect, it } from 'vitest'
import { seedReferential } from '../../../shared/referential'
import { GRID_CANDIDATES_SQL } from '../../../worker/db/grid'
import { seedTheReferential, testEnv } from '../harness'
import { call, json } from '../deliberation/helpers'

describe('the grid query', () => {
  it('reads a session’s candidates from an index, without sorting them in SQL', async () => {
    const { results } = await testEnv.DB.prepare(`EXPLAIN QUERY PLAN ${GRID_CANDIDATES_SQL}`).bind('any-session').all<{ detail: string }>()
    const plan = results.map((r) => r.detail)
    expect(plan[0]).toBe('SEARCH c USING INDEX candidate_grid_order (session_id=?)')
    // A sort would hold every row with its marks JSON (~1 KB each) before the first one is sent.
    expect(plan.join(' | ')).not.toMatch(/TEMP B-TREE/)
  })
})

describe('the order of the grid and of the candidate list', () => {
  let sessionId = ''
  beforeAll(async () => {
    await seedTheReferential()
    const created = await call('/sessions', json('POST', { referentialId: seedReferential.id, name: 'Ordre des noms' }))
    sessionId = (await created.json<{ session: { id: string } }>()).session.id
    const people = [
      { schoolId: 'E1', birthName: 'TRAORÉ', firstNames: ['Awa'] },
      { schoolId: 'E2', birthName: 'de La Rochefoucauld', firstNames: ['Anne'] },
      { schoolId: 'E3', birthName: 'émery', firstNames: ['Jean'] },
      { schoolId: 'E4', birthName: 'ZIDANE', usageName: 'Abadie', firstNames: ['Inès'] },
      { schoolId: 'E5', birthName: 'Łukasiewicz', firstNames: ['Jan'] },
      { schoolId: 'E6', birthName: 'Martin', firstNames: ['Zoé'] },
      { schoolId: 'E7', birthName: 'MARTIN', firstNames: ['Ambre'] },
    ]
    for (const person of people) {
      const res = await call(`/sessions/${sessionId}/candidates`, json('POST', { ...person, optionCode: 'BC05-A' }))
      expect(res.status, await res.clone().text()).toBe(201)
    }
  })

  const expected = ['E4', 'E3', 'E2', 'E5', 'E7', 'E6', 'E1']

  it('is the French order of the displayed names: usage name, particle set aside, accents and case ignored', async () => {
    const grid = await (await call(`/sessions/${sessionId}/grid`)).json<{ grid: { candidates: { schoolIds: string[] } } }>()
    expect(grid.grid.candidates.schoolIds).toEqual(expected)
  })

  it('is the same in the candidate list', async () => {
    const list = await (await call(`/sessions/${sessionId}/candidates`)).json<{ candidates: Array<{ schoolId: string }> }>()
    expect(list.candidates.map((c) => c.schoolId)).toEqual(expected)
  })
})
