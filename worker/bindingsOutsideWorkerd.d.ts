// The Worker's generated Env (worker-configuration.d.ts) names workerd's global binding types.
// Code compiled outside workerd that imports the Worker (the task pane, for its typed RPC client;
// Node tests, scripts and the bench) has the DOM instead of workerd's globals, so there those
// names come from the same package as modules. Excluded from the Worker's own tsconfigs.
import type * as workers from '@cloudflare/workers-types'

declare global {
  type D1Database = workers.D1Database
  type Fetcher = workers.Fetcher
  type RateLimit = workers.RateLimit
}
