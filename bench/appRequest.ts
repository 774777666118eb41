/**
 * The real app, as the Worker runs it, on a D1 that counts: `app.request(path, init, env)` with
 * env { DB, ADMIN_TOKEN } and the bearer token set. Lean on purpose (no Miniflare, no wrangler):
 * the jury import's child process loads it to measure memory.
 */
import type { D1Database } from '@cloudflare/workers-types'
import { app } from '../worker/app'
import type { Env } from '../worker/env'
import { CountingD1, type D1Tally } from './d1/counting'

export const ADMIN_TOKEN = 'bench-admin-token'

export interface AppOutcome {
  response: Response
  /** What reached D1 during the request. */
  tally: D1Tally
  /** What the app logged with console.error (kept out of the bench's output). */
  logged: string[]
}

export interface AppRequester {
  counter: CountingD1
  request(path: string, init?: RequestInit): Promise<AppOutcome>
}

function describe(value: unknown): string {
  if (!(value instanceof Error)) return String(value)
  const cause = value.cause instanceof Error ? value.cause.message : value.cause === undefined ? '' : JSON.stringify(value.cause)
  return cause && !value.message.includes(cause) ? `${value.message} (${cause})` : value.message
}

export function appRequester(db: D1Database): AppRequester {
  const counter = new CountingD1(db)
  const env = { DB: counter.db, ADMIN_TOKEN } as unknown as Env
  return {
    counter,
    async request(path, init = {}) {
      const headers = new Headers(init.headers)
      headers.set('Authorization', `Bearer ${ADMIN_TOKEN}`)
      const logged: string[] = []
      const consoleError = console.error
      console.error = (...args: unknown[]) => {
        logged.push(args.map(describe).join(' '))
      }
      counter.reset()
      try {
        const response = await app.request(path, { ...init, headers }, env)
        // Read the whole body inside the measurement: a response is not served until it is sent.
        const body = await response.arrayBuffer()
        const empty = response.status === 204 || response.status === 304
        return { response: new Response(empty ? null : body, response), tally: counter.reset(), logged }
      } finally {
        console.error = consoleError
      }
    },
  }
}

export type { D1Tally }
