/**
 * Guards inside a D1 batch. D1 has no interactive transactions: a precondition is checked by the
 * first statement of the batch, which aborts the whole batch (nothing written) when it fails.
 * The `batch_guard` trigger (migration 0002) raises `guard:<reason>`.
 */
import type { D1Database, D1PreparedStatement } from '@cloudflare/workers-types'

/**
 * A statement that aborts the batch with `reason` when `failsWhen` (an SQL boolean expression
 * over the bound parameters) is true.
 */
export function guardStatement(db: D1Database, reason: string, failsWhen: string, ...params: unknown[]): D1PreparedStatement {
  return db
    .prepare(`INSERT INTO batch_guard (reason) SELECT ?1 WHERE ${failsWhen}`)
    .bind(reason, ...params)
}

/** The guard reason carried by a D1 error, or null when the error is something else. */
export function guardReason(error: unknown): string | null {
  if (!(error instanceof Error)) return null
  const cause = error.cause instanceof Error ? error.cause.message : typeof error.cause === 'string' ? error.cause : ''
  const message = `${error.message} ${cause}`
  const match = /guard:([a-z_]+)/.exec(message)
  return match?.[1] ?? null
}
