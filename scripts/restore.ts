/**
 * `npm run restore -- <backup.json> [--persist-to dir]`: migrates the target local D1 (it must be
 * empty) and loads the dump into it in one atomic batch; prints the content hash read back.
 */
import { spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { D1Database } from '@cloudflare/workers-types'
import { getPlatformProxy } from 'wrangler'
import { exportDatabase, restoreDatabase, RestoreRefused, type Backup } from '../worker/db/backup'
import { parseArgs } from 'node:util'
import { PERSIST_TO_OPTION, platformPersist, wranglerPersistFlags } from './lib/localD1'

const { values, positionals } = parseArgs({ options: { ...PERSIST_TO_OPTION }, allowPositionals: true })
const persistTo = values['persist-to']
const file = positionals[0]
if (!file) {
  console.error('Usage : npm run restore -- <sauvegarde.json> [--persist-to dossier]')
  process.exit(2)
}
const migrate = spawnSync(
  join('node_modules', '.bin', 'wrangler'),
  ['d1', 'migrations', 'apply', 'DB', '--local', ...wranglerPersistFlags(persistTo)],
  { stdio: 'inherit', env: { ...process.env, CI: 'true', WRANGLER_SEND_METRICS: 'false', CLOUDFLARE_CF_FETCH_ENABLED: 'false' } },
)
if (migrate.status !== 0) process.exit(migrate.status ?? 1)

const backup = JSON.parse(readFileSync(file, 'utf8')) as Backup
const proxy = await getPlatformProxy<{ DB: D1Database }>({ configPath: 'wrangler.jsonc', persist: platformPersist(persistTo) })
try {
  const { rows } = await restoreDatabase(proxy.env.DB, backup)
  const check = await exportDatabase(proxy.env.DB)
  console.log(`Restauration terminée : ${rows} lignes ; empreinte ${check.contentHash} (${check.contentHash === backup.contentHash ? 'identique à la sauvegarde' : 'DIFFÉRENTE'}).`)
  if (check.contentHash !== backup.contentHash) process.exitCode = 1
} catch (error) {
  if (error instanceof RestoreRefused) {
    console.error(`Restauration refusée : ${error.message}. Rien n’a été écrit.`)
    process.exitCode = 1
  } else throw error
} finally {
  await proxy.dispose()
}
