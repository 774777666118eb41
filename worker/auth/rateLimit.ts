/**
 * Failed authentications per client address (`cf-connecting-ip`). Each failure is counted by the
 * Workers rate-limit binding AUTH_RATE_LIMITER (wrangler.jsonc `ratelimits`, counted per
 * Cloudflare location) or, when the binding is absent (local development, tests), by an
 * in-memory window in this isolate. Past the limit the address is refused with 429 for the rest
 * of the period, even with valid credentials, so that guessing stops paying off.
 *
 * The binding can only count, not peek: this isolate remembers which addresses went over, and
 * other isolates learn it at that address's next failure.
 */
import type { Env } from '../env'

/** Failed attempts allowed per address and period (keep in step with wrangler.jsonc). */
export const FAILED_AUTH_LIMIT = 10
export const FAILED_AUTH_PERIOD_SECONDS = 60

const MAX_TRACKED_ADDRESSES = 10_000

/** Addresses over the limit → until when they are refused (ms since epoch). */
const blocked = new Map<string, number>()
/** Fallback counters: address → failure times in the current window. */
const failures = new Map<string, number[]>()

export function clientAddress(headers: { get(name: string): string | null | undefined }): string {
  return headers.get('cf-connecting-ip')?.trim() || 'unknown'
}

function evictIfFull<V>(map: Map<string, V>): void {
  // Maps iterate in insertion order: drop the oldest entries first.
  while (map.size >= MAX_TRACKED_ADDRESSES) {
    const oldest = map.keys().next()
    if (oldest.done) return
    map.delete(oldest.value)
  }
}

/** Seconds until the address may try again, or 0 when it is not blocked. */
export function blockedFor(address: string, now: number = Date.now()): number {
  const until = blocked.get(address)
  if (until === undefined) return 0
  if (until <= now) {
    blocked.delete(address)
    return 0
  }
  return Math.ceil((until - now) / 1000)
}

function countInMemory(address: string, now: number): boolean {
  const windowStart = now - FAILED_AUTH_PERIOD_SECONDS * 1000
  const recent = (failures.get(address) ?? []).filter((t) => t > windowStart)
  recent.push(now)
  failures.delete(address)
  evictIfFull(failures)
  failures.set(address, recent)
  return recent.length <= FAILED_AUTH_LIMIT
}

/**
 * Counts one failed authentication; returns the seconds to wait when the address is now over the
 * limit (and blocks it), or 0.
 */
export async function recordFailedAuthentication(env: Env, address: string, now: number = Date.now()): Promise<number> {
  const withinLimit = env.AUTH_RATE_LIMITER
    ? (await env.AUTH_RATE_LIMITER.limit({ key: `auth-failure:${address}` })).success
    : countInMemory(address, now)
  if (withinLimit) return 0
  evictIfFull(blocked)
  blocked.set(address, now + FAILED_AUTH_PERIOD_SECONDS * 1000)
  return FAILED_AUTH_PERIOD_SECONDS
}
