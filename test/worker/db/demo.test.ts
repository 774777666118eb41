import { describe, expect, it } from 'vitest'
import { seedReferential } from '../../../shared/referential'
import { DEMO_SESSION_ID, seedDemoSession } from '../../../worker/db/demo'
import { readGrid } from '../../../worker/db/grid'
import { seedTheReferential, testEnv } from '../harness'

describe('seedDemoSession', () => {
  it('creates about thirty candidates with marks once, and leaves them alone the second time', async () => {
    await seedTheReferential()
    expect(await seedDemoSession(testEnv.DB, seedReferential)).toBe('created')
    const grid = await readGrid(testEnv.DB, DEMO_SESSION_ID)
    expect(grid?.candidates.ids.length).toBe(30)
    expect(grid?.marks.flat().filter((v) => v !== null).length).toBeGreaterThan(500)
    expect(await seedDemoSession(testEnv.DB, seedReferential)).toBe('exists')
    expect((await readGrid(testEnv.DB, DEMO_SESSION_ID))?.session.gridVersion).toBe(grid?.session.gridVersion)
  })
})
