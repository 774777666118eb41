import type { D1Database, Fetcher, RateLimit } from '@cloudflare/workers-types'
import type { Identity } from './auth/identity'

/** Bindings and secrets the Worker receives (see wrangler.toml and .dev.vars). */
export interface Env {
  DB: D1Database
  ASSETS: Fetcher
  /**
   * Break-glass administrator token (wrangler secret): bootstrap and local development. Anyone
   * holding it is administrator; leave it unset in production once real administrators exist.
   */
  ADMIN_TOKEN: string
  /** Key sealing jury-sheet metadata (HMAC); derived from ADMIN_TOKEN when absent. */
  JURY_SHEET_SECRET?: string
  /** Failed authentications per client address ([[ratelimits]]); an in-memory fallback when absent. */
  AUTH_RATE_LIMITER?: RateLimit
  /** Microsoft Entra ID sign-in (see docs/security.md): allowed tenant ids, comma-separated. */
  ENTRA_TENANT_IDS?: string
  /** Client id of the add-in's app registration (single-page application), for MSAL. */
  ENTRA_CLIENT_ID?: string
  /** Accepted `aud` values of access tokens (the API's client id and/or api:// URI), comma-separated. */
  ENTRA_API_AUDIENCE?: string
  /** The scope the add-in requests, e.g. api://<api-client-id>/Certibloc.Access; its last segment must be in `scp`. */
  ENTRA_API_SCOPE?: string
}

export interface AppVariables {
  /** Who is acting, recorded in audit events and mark history. */
  actor: string
  /** Correlates the audit events of one request. */
  requestId: string
  /** The authenticated caller and its roles, set by the authorization middleware. */
  identity: Identity
}

export interface AppEnv {
  Bindings: Env
  Variables: AppVariables
}
