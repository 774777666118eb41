/**
 * Bearer-token gate for every /api route except health. Until users and roles exist there is one
 * administrator token, held as a wrangler secret (.dev.vars locally).
 */
import { createMiddleware } from 'hono/factory'
import type { AppEnv } from '../env'
import { ApiError, ErrorCode } from '../errors'
import { messages } from '../i18n/fr'

const encoder = new TextEncoder()

async function sha256(text: string): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.digest('SHA-256', encoder.encode(text)))
}

/**
 * Compares two secrets in constant time. Both sides are hashed first so that neither the length
 * nor the first differing byte of the expected token leaks through timing.
 */
export async function secretsEqual(given: string, expected: string): Promise<boolean> {
  const [a, b] = await Promise.all([sha256(given), sha256(expected)])
  let diff = 0
  for (let i = 0; i < a.length; i++) diff |= (a[i] ?? 0) ^ (b[i] ?? 0)
  return diff === 0
}

const BEARER = /^Bearer\s+(\S+)\s*$/i

export const requireAdminToken = createMiddleware<AppEnv>(async (c, next) => {
  const expected = c.env.ADMIN_TOKEN
  if (!expected) throw new ApiError(ErrorCode.SERVER_MISCONFIGURED, messages.adminTokenMissing)
  const match = BEARER.exec(c.req.header('authorization') ?? '')
  const given = match?.[1]
  if (!given || !(await secretsEqual(given, expected))) {
    c.header('WWW-Authenticate', 'Bearer realm="certibloc"')
    throw new ApiError(ErrorCode.UNAUTHORIZED, messages.unauthorized)
  }
  c.set('actor', 'admin')
  await next()
})
