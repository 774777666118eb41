import { applyD1Migrations, env } from 'cloudflare:test'
import { beforeAll, describe, expect, it } from 'vitest'
import { seedReferential } from '../../../shared/referential'
import { exportDatabase, restoreDatabase, RestoreRefused, type Backup } from '../../../worker/db/backup'
import { DEMO_SESSION_ID, seedDemoSession } from '../../../worker/db/demo'
import { readGrid } from '../../../worker/db/grid'
import { seedTheReferential, testEnv } from '../harness'

let backup: Backup

beforeAll(async () => {
  await seedTheReferential()
  await seedDemoSession(testEnv.DB, seedReferential)
  backup = await exportDatabase(testEnv.DB)
  await applyD1Migrations(env.RESTORE_DB, env.TEST_MIGRATIONS)
})

describe('backup and restore', () => {
  it('exports every table consistently, with the applied migrations', () => {
    expect(backup.migrations.length).toBeGreaterThanOrEqual(2)
    expect(backup.tables.referential).toHaveLength(1)
    expect(backup.tables.candidate).toHaveLength(30)
    expect(backup.tables.mark_history?.length).toBe(backup.tables.mark?.length)
    expect(backup.tables.audit_event?.length).toBeGreaterThan(0)
  })

  it('refuses a tampered dump and writes nothing', async () => {
    const tampered = structuredClone(backup)
    ;(tampered.tables.candidate?.[0] as Record<string, unknown>).birth_name = 'Intrus'
    await expect(restoreDatabase(env.RESTORE_DB, tampered)).rejects.toBeInstanceOf(RestoreRefused)
    expect((await exportDatabase(env.RESTORE_DB)).tables.candidate).toEqual([])
  })

  it('restores into an empty database: export → restore → export gives the same content hash', async () => {
    const { rows } = await restoreDatabase(env.RESTORE_DB, backup)
    expect(rows).toBeGreaterThan(1000)
    const again = await exportDatabase(env.RESTORE_DB)
    expect(again.contentHash).toBe(backup.contentHash)
    expect(await readGrid(env.RESTORE_DB, DEMO_SESSION_ID)).toEqual(await readGrid(testEnv.DB, DEMO_SESSION_ID))
  })

  it('keeps the rules in force after a restore (published référentiel still immutable, audit append-only)', async () => {
    await expect(env.RESTORE_DB.prepare(`UPDATE referential SET title = 'x'`).run()).rejects.toThrow(/immutable/)
    await expect(env.RESTORE_DB.prepare('DELETE FROM audit_event').run()).rejects.toThrow(/append_only/)
  })

  it('refuses to restore over a database that has data', async () => {
    await expect(restoreDatabase(env.RESTORE_DB, backup)).rejects.toThrow(/pas vide/)
  })
})
