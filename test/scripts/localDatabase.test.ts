/**
 * `npm run backup -- --persist-to D` reads what `npm run restore -- … --persist-to D` wrote (and
 * what `wrangler d1 … --local --persist-to D` or `wrangler dev --persist-to D` keep): every script
 * reads the option the same way (scripts/lib/localD1.ts). End to end, with the real wrangler.
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { platformPersist, wranglerPersistFlags } from '../../scripts/lib/localD1'

const root = mkdtempSync(join(tmpdir(), 'certibloc-persist-'))
const env = { ...process.env, CI: 'true', WRANGLER_SEND_METRICS: 'false', CLOUDFLARE_CF_FETCH_ENABLED: 'false' }
const bin = (name: string) => join('node_modules', '.bin', name)
const run = (command: string, args: string[]) => execFileSync(bin(command), args, { env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })

interface BackupFile {
  contentHash: string
  tables: Record<string, Array<Record<string, unknown>>>
}
const readBackup = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as BackupFile

afterAll(() => rmSync(root, { recursive: true, force: true }))

describe('--persist-to in the local database scripts', () => {
  it('selects, for getPlatformProxy, the folder wrangler’s CLI uses under the same option', () => {
    expect(platformPersist(undefined)).toBe(true)
    expect(platformPersist('/data/db')).toEqual({ path: join('/data/db', 'v3') })
    expect(wranglerPersistFlags('/data/db')).toEqual(['--persist-to', '/data/db'])
    expect(wranglerPersistFlags(undefined)).toEqual([])
  })

  it('backup reads what wrangler and restore wrote in the same folder', { timeout: 240_000 }, () => {
    const source = join(root, 'source')
    run('wrangler', ['d1', 'migrations', 'apply', 'DB', '--local', ...wranglerPersistFlags(source)])
    run('wrangler', [
      'd1', 'execute', 'DB', '--local', ...wranglerPersistFlags(source),
      '--command', `INSERT INTO idempotency_key (caller, key, route, request_hash, status, response_json) VALUES ('breakGlass:admin', 'persist-test', 'PUT /x', 'h', 200, '{}')`,
    ])

    const first = join(root, 'first.json')
    run('tsx', ['scripts/backup.ts', '--persist-to', source, '--out', first])
    const backup = readBackup(first)
    // Not an empty database: the row written through wrangler's CLI is there.
    expect(backup.tables.idempotency_key).toEqual([expect.objectContaining({ key: 'persist-test' })])

    const target = join(root, 'target')
    expect(run('tsx', ['scripts/restore.ts', first, '--persist-to', target])).toContain('identique à la sauvegarde')
    const second = join(root, 'second.json')
    run('tsx', ['scripts/backup.ts', '--persist-to', target, '--out', second])
    expect(readBackup(second).contentHash).toBe(backup.contentHash)
    expect(readBackup(second).tables.idempotency_key).toEqual(backup.tables.idempotency_key)
  })
})
