/**
 * `npm run backup -- [--out file.json] [--persist-to dir]`: writes a consistent JSON dump of the
 * local D1 database (every table, read in one transaction) and prints its content hash.
 * Production databases: see README (Time Travel, `wrangler d1 export --remote`).
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'
import type { D1Database } from '@cloudflare/workers-types'
import { getPlatformProxy } from 'wrangler'
import { exportDatabase } from '../worker/db/backup'
import { parseArgs } from 'node:util'
import { PERSIST_TO_OPTION, platformPersist } from './lib/localD1'

const { values } = parseArgs({ options: { out: { type: 'string' }, ...PERSIST_TO_OPTION } })
const persistTo = values['persist-to']
const out = values.out ?? `backups/certibloc-${new Date().toISOString().replaceAll(':', '-').slice(0, 19)}.json`
// The same folder as `npm run restore -- … --persist-to` and `wrangler dev --persist-to`.
const persist = platformPersist(persistTo)

const proxy = await getPlatformProxy<{ DB: D1Database }>({ configPath: 'wrangler.jsonc', persist })
try {
  const backup = await exportDatabase(proxy.env.DB)
  mkdirSync(dirname(out), { recursive: true })
  writeFileSync(out, JSON.stringify(backup))
  const rows = Object.values(backup.tables).reduce((n, t) => n + t.length, 0)
  console.log(`Sauvegarde écrite : ${out} (${rows} lignes, empreinte ${backup.contentHash}).`)
} finally {
  await proxy.dispose()
}
