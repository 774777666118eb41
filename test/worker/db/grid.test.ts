import { describe, expect, it } from 'vitest'
import { GRID_CANDIDATES_SQL } from '../../../worker/db/grid'
import { testEnv } from '../harness'

describe('the grid query', () => {
  it('reads a session’s candidates in name order from an index, without sorting them afterwards', async () => {
    const { results } = await testEnv.DB.prepare(`EXPLAIN QUERY PLAN ${GRID_CANDIDATES_SQL}`).bind('any-session').all<{ detail: string }>()
    const plan = results.map((r) => r.detail)
    expect(plan[0]).toBe('SEARCH c USING INDEX candidate_grid_order (session_id=?)')
    // A sort would hold every row with its marks JSON (~1 KB each) before the first one is sent.
    expect(plan.join(' | ')).not.toMatch(/TEMP B-TREE/)
  })
})
