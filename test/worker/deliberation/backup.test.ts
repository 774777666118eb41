/**
 * PV versions are records a certifier must keep: a backup restored elsewhere gives back the same
 * snapshots, hashes and lock.
 */
import { applyD1Migrations, env } from 'cloudflare:test'
import { beforeAll, describe, expect, it } from 'vitest'
import { contentHash } from '../../../shared/contentHash'
import { seedReferential } from '../../../shared/referential'
import { exportDatabase, restoreDatabase } from '../../../worker/db/backup'
import { DEMO_SESSION_ID, seedDemoSession } from '../../../worker/db/demo'
import { getPv } from '../../../worker/db/documents'
import { seedTheReferential, testEnv } from '../harness'
import { call, json, REGULAR_JURY } from './helpers'

beforeAll(async () => {
  await seedTheReferential()
  await seedDemoSession(testEnv.DB, seedReferential)
  await call(`/sessions/${DEMO_SESSION_ID}/jury`, json('PUT', { members: REGULAR_JURY }))
  expect((await call(`/sessions/${DEMO_SESSION_ID}/finalise`, json('POST', {}))).status).toBe(200)
  await applyD1Migrations(env.RESTORE_DB, env.TEST_MIGRATIONS)
})

describe('a deliberated session in a backup', () => {
  it('restores with its PV snapshot intact, its hash still matching, and the session still locked', async () => {
    await restoreDatabase(env.RESTORE_DB, await exportDatabase(testEnv.DB))
    const original = await getPv(testEnv.DB, DEMO_SESSION_ID, 1)
    const restored = await getPv(env.RESTORE_DB, DEMO_SESSION_ID, 1)
    expect(restored).toEqual(original)
    expect(await contentHash(restored!.snapshot)).toBe(restored!.contentHash)
    const id = restored!.snapshot.candidates[0]!.candidateId
    await expect(env.RESTORE_DB.prepare(`UPDATE mark SET value = 'NACQ' WHERE candidate_id = ?1`).bind(id).run()).rejects.toThrow(
      /guard:session_locked/,
    )
  })
})
