/**
 * The real Worker app answering in-process on a real local D1, for integration and browser tests.
 *
 * Why not the workerd test project: the add-in side (adapter, fake Excel host, HyperFormula) runs
 * in Node here, so the database comes to Node instead: wrangler's `getPlatformProxy` starts a local
 * D1 (SQLite in a temporary directory, via Miniflare), the project's migrations are applied with
 * the same splitter the Worker tests use, then the seed référentiel and the demo session are loaded
 * through the Worker's own db layer. `app.request` then runs every route as production does.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { D1Database } from '@cloudflare/workers-types'
import { readD1Migrations } from '@cloudflare/vitest-plugin'
import { getPlatformProxy } from 'wrangler'
import { contentHash } from '../../../shared/contentHash'
import { seedReferential } from '../../../shared/referential'
import { app } from '../../../worker/app'
import { DEMO_SESSION_ID, seedDemoSession } from '../../../worker/db/demo'
import { publishReferential } from '../../../worker/db/referentials'
import type { Env } from '../../../worker/env'

export const LOCAL_ADMIN_TOKEN = 'jeton-local-de-test'
export { DEMO_SESSION_ID }

export interface LocalWorker {
  env: Env
  /** A fetch that reaches the app in-process (what the add-in's client is given). */
  fetch: typeof fetch
  /** Authenticated JSON call, for tests that check the server's side. */
  api<T>(path: string, init?: RequestInit): Promise<T>
  dispose(): Promise<void>
}

/** A wrangler config with the D1 binding only: the repository's also serves dist/, absent before a build. */
const CONFIG = `name = "certibloc-test"
compatibility_date = "2026-11-01"

[[d1_databases]]
binding = "DB"
database_name = "certibloc"
database_id = "00000000-0000-4000-8000-000000000000"
`

/** Certifier settings a finalisation needs (docs/deliberation.md), fictional. */
export const LOCAL_CERTIFIER_VARS = {
  CERTIFIER_NAME: 'École de test Certibloc',
  RNCP_CODE: 'RNCP00000',
} as const

/**
 * @param options.demo loads the demo session (default true).
 * @param options.vars wrangler variables besides the admin token, e.g. `LOCAL_CERTIFIER_VARS`.
 */
/**
 * The Worker's static assets (the pane's public files, the PDF fonts among them) as its ASSETS
 * binding serves them once built: read from addin/public/.
 */
const publicAssets = {
  async fetch(input: RequestInfo | URL): Promise<Response> {
    const url = new URL(typeof input === 'string' || input instanceof URL ? input : input.url)
    const relative = decodeURIComponent(url.pathname).replace(/^\/+/, '')
    if (relative.split('/').includes('..')) return new Response('Not found', { status: 404 })
    try {
      return new Response(await readFile(join('addin/public', relative)))
    } catch {
      return new Response('Not found', { status: 404 })
    }
  },
}

export async function startLocalWorker(options: { demo?: boolean; vars?: Readonly<Record<string, string>> } = {}): Promise<LocalWorker> {
  const directory = await mkdtemp(join(tmpdir(), 'certibloc-d1-'))
  const configPath = join(directory, 'wrangler.toml')
  await writeFile(configPath, CONFIG)
  const proxy = await getPlatformProxy<{ DB: D1Database }>({ configPath, persist: { path: join(directory, 'state') } })
  try {
    const db = proxy.env.DB
    for (const migration of await readD1Migrations('worker/migrations')) {
      for (const query of migration.queries) await db.prepare(query).run()
    }
    await publishReferential(db, seedReferential, await contentHash(seedReferential))
    if (options.demo !== false) await seedDemoSession(db, seedReferential)
  } catch (error) {
    await proxy.dispose()
    throw error
  }
  const env = { ...options.vars, DB: proxy.env.DB, ADMIN_TOKEN: LOCAL_ADMIN_TOKEN, ASSETS: publicAssets } as unknown as Env
  const workerFetch: typeof fetch = async (input, init) =>
    app.request(input instanceof Request ? input : String(input), init, env)
  return {
    env,
    fetch: workerFetch,
    async api<T>(path: string, init: RequestInit = {}) {
      const headers = new Headers(init.headers)
      headers.set('Authorization', `Bearer ${LOCAL_ADMIN_TOKEN}`)
      if (init.body !== undefined) headers.set('Content-Type', 'application/json')
      const response = await app.request(`http://certibloc.test/api/v1${path}`, { ...init, headers }, env)
      if (!response.ok) throw new Error(`${init.method ?? 'GET'} ${path}: HTTP ${response.status} ${await response.text()}`)
      return (await response.json()) as T
    },
    async dispose() {
      await proxy.dispose()
      await rm(directory, { recursive: true, force: true })
    },
  }
}
