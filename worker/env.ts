import type { D1Database, Fetcher } from '@cloudflare/workers-types'

/** Bindings and secrets the Worker receives (see wrangler.toml and .dev.vars). */
export interface Env {
  DB: D1Database
  ASSETS: Fetcher
  /** Bearer token of the single administrator until users and roles exist (wrangler secret). */
  ADMIN_TOKEN: string
  /** Key sealing jury-sheet metadata (HMAC); derived from ADMIN_TOKEN when absent. */
  JURY_SHEET_SECRET?: string
}

export interface AppVariables {
  /** Who is acting, recorded in audit events and mark history. */
  actor: string
  /** Correlates the audit events of one request. */
  requestId: string
}

export interface AppEnv {
  Bindings: Env
  Variables: AppVariables
}
