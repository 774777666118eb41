/**
 * A real local D1 for the bench: Miniflare's D1 (the implementation `wrangler dev` and
 * getPlatformProxy run) persisted in a temporary directory, with the project's migrations applied.
 *
 * Why not getPlatformProxy's binding: its proxy turns every prepare(), bind() and execution into
 * a cross-process call (about 3–16 ms each on the shared 2-core machine), so a latency measured
 * through it is mostly proxy and a 2,000-statement baseline takes minutes. Here a tiny gateway
 * Worker holds the binding and Node talks to it with one HTTP request per execution or batch —
 * the way workerd's own D1 binding talks to D1 (one `/query` request per call). prepare() and
 * bind() are local, as in the Worker. The app still runs in Node through `app.request`.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { D1Database, D1PreparedStatement } from '@cloudflare/workers-types'
import { Miniflare } from 'miniflare'
import { unstable_splitSqlQuery } from 'wrangler'
import { gatewayDatabase } from './gateway'

const GATEWAY = `
const decode = (v) => (v && typeof v === 'object' && '__bytes' in v ? Uint8Array.from(atob(v.__bytes), (c) => c.charCodeAt(0)) : v)
export default {
  async fetch(request, env) {
    const body = await request.json()
    try {
      const make = (s) => {
        const p = env.DB.prepare(s.sql)
        return s.params.length > 0 ? p.bind(...s.params.map(decode)) : p
      }
      let result = null
      const one = () => make(body.statements[0])
      if (body.op === 'batch') result = await env.DB.batch(body.statements.map(make))
      else if (body.op === 'first') result = body.column === null ? await one().first() : await one().first(body.column)
      else if (body.op === 'all') result = await one().all()
      else if (body.op === 'run') result = await one().run()
      else if (body.op === 'raw') result = await one().raw({ columnNames: body.columnNames === true })
      else if (body.op === 'exec') result = await env.DB.exec(body.sql)
      return Response.json({ ok: true, result: result ?? null })
    } catch (error) {
      const cause = error && error.cause ? String(error.cause.message ?? error.cause) : null
      return Response.json({ ok: false, message: String((error && error.message) ?? error), cause })
    }
  },
}
`

export interface LocalD1 {
  db: D1Database
  /** Where the gateway listens: another process can reach the same D1 (gatewayDatabase). */
  url: string
  dispose(): Promise<void>
}

/** Starts Miniflare with a D1 persisted under `directory` and applies worker/migrations in order. */
export async function startLocalD1(directory: string, migrationsDir = 'worker/migrations'): Promise<LocalD1> {
  const mf = new Miniflare({
    resourcePersistencePath: directory,
    workers: [
      {
        config: {
          name: 'bench-d1-gateway',
          compatibilityDate: '2026-11-01',
          manifest: { mainModule: 'gateway.mjs', modules: { 'gateway.mjs': { type: 'esm', contents: GATEWAY } } },
          env: { DB: { type: 'd1', id: 'bench' } },
        },
      },
    ],
  })
  const url = (await mf.ready).href
  const db = gatewayDatabase(url)
  for (const file of readdirSync(migrationsDir).filter((name) => name.endsWith('.sql')).sort()) {
    const queries = unstable_splitSqlQuery(readFileSync(join(migrationsDir, file), 'utf8'))
    await db.batch(queries.map((sql): D1PreparedStatement => db.prepare(sql)))
  }
  return { db, url, dispose: () => mf.dispose() }
}
