/**
 * Failed authentications are limited per client address: past the limit the address gets 429
 * (even with valid credentials) for the rest of the period, other addresses are not affected.
 * Without the AUTH_RATE_LIMITER binding (tests, local development) an in-memory window counts.
 */
import type { RateLimit, RateLimitOptions } from '@cloudflare/workers-types'
import { describe, expect, it } from 'vitest'
import { FAILED_AUTH_LIMIT, FAILED_AUTH_PERIOD_SECONDS } from '../../../worker/auth/rateLimit'
import { ADMIN_TOKEN } from '../harness'
import { call, expectError, securityEnv } from './support'

describe('failed authentications from one address (in-memory fallback)', () => {
  // Whether or not wrangler.jsonc declares the binding, these cases exercise the fallback.
  const env = securityEnv({ AUTH_RATE_LIMITER: undefined })

  it(`answer 401 up to ${FAILED_AUTH_LIMIT}, then 429 with Retry-After, even with a valid token`, async () => {
    const ip = '198.51.100.77'
    for (let i = 0; i < FAILED_AUTH_LIMIT; i++) {
      await expectError(await call('/sessions', { token: `wrong-${i}`, ip, env }), 401, 'UNAUTHORIZED')
    }
    const limited = await call('/sessions', { token: 'wrong-again', ip, env })
    expect(limited.headers.get('Retry-After')).toBe(String(FAILED_AUTH_PERIOD_SECONDS))
    const body = await expectError(limited, 429, 'TOO_MANY_REQUESTS')
    expect(body.error.message).toBe(
      `Trop de tentatives d’authentification échouées depuis votre adresse : réessayez dans ${FAILED_AUTH_PERIOD_SECONDS} secondes.`,
    )
    await expectError(await call('/sessions', { token: ADMIN_TOKEN, ip, env }), 429, 'TOO_MANY_REQUESTS')
    // Another address is not affected.
    expect((await call('/sessions', { token: ADMIN_TOKEN, ip: '198.51.100.78', env })).status).toBe(200)
  })

  it('do not include requests without credentials, which are not guesses', async () => {
    const ip = '198.51.100.79'
    for (let i = 0; i < FAILED_AUTH_LIMIT * 2; i++) await expectError(await call('/sessions', { token: null, ip, env }), 401, 'UNAUTHORIZED')
    expect((await call('/sessions', { token: ADMIN_TOKEN, ip, env })).status).toBe(200)
  })

  it('leave public routes open', async () => {
    const ip = '198.51.100.80'
    for (let i = 0; i <= FAILED_AUTH_LIMIT; i++) await call('/sessions', { token: 'wrong', ip, env })
    expect((await call('/health', { token: null, ip, env })).status).toBe(200)
  })
})

describe('with the AUTH_RATE_LIMITER binding', () => {
  it('counts each failure under the address and refuses once the binding says so', async () => {
    const keys: string[] = []
    let remaining = 2
    const limiter: RateLimit = {
      async limit(options: RateLimitOptions) {
        keys.push(options.key)
        return { success: remaining-- > 0 }
      },
    }
    const env = securityEnv({ AUTH_RATE_LIMITER: limiter })
    const ip = '2001:db8:3::1'
    await expectError(await call('/sessions', { token: 'wrong', ip, env }), 401, 'UNAUTHORIZED')
    await expectError(await call('/sessions', { token: 'wrong', ip, env }), 401, 'UNAUTHORIZED')
    await expectError(await call('/sessions', { token: 'wrong', ip, env }), 429, 'TOO_MANY_REQUESTS')
    // Successful requests are not counted; this isolate now refuses the address without asking.
    await expectError(await call('/sessions', { token: ADMIN_TOKEN, ip, env }), 429, 'TOO_MANY_REQUESTS')
    expect(keys).toEqual([`auth-failure:${ip}`, `auth-failure:${ip}`, `auth-failure:${ip}`])
    expect((await call('/sessions', { token: ADMIN_TOKEN, ip: '2001:db8:3::2', env })).status).toBe(200)
    expect(keys).toHaveLength(3)
  })
})
