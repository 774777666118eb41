/**
 * Who is calling, from `Authorization: Bearer <credential>`:
 *   1. the break-glass ADMIN_TOKEN (wrangler secret): a built-in administrator, for bootstrap and
 *      local development;
 *   2. an API token `cbt_…`: looked up by its SHA-256, refused when revoked or expired;
 *   3. otherwise a Microsoft Entra access token (JWT), verified with jose (worker/auth/entra.ts)
 *      and mapped to a Certibloc user by tenant + object id, or at the first sign-in by the email
 *      an administrator invited, whose Entra ids are then recorded.
 */
import { macsEqual } from '../../shared/jury/hmacSha256'
import type { Env } from '../env'
import { type AuditContext } from '../db/audit'
import { findTokenByHash, touchToken } from '../db/tokens'
import { findInvitedUser, findUserByEntraId, linkUser, type User } from '../db/users'
import { entraConfig, verifyEntraToken } from './entra'
import type { Role, SessionRole } from './permissions'

export interface Identity {
  kind: 'breakGlass' | 'user' | 'apiToken'
  /** User id, token id, or "admin" for the break-glass token. */
  id: string
  /** What audit events and mark history record as the author. */
  actor: string
  email: string | null
  displayName: string | null
  globalRole: Role | null
  /** Role per session id, added to the global role on that session. */
  sessionRoles: Readonly<Record<string, SessionRole>>
}

export type Authentication =
  | { outcome: 'authenticated'; identity: Identity }
  /** No credentials at all: 401, not counted as a failed attempt. */
  | { outcome: 'missing' }
  /** Credentials that are wrong, expired or revoked: 401, counted by the rate limiter. */
  | { outcome: 'invalid'; reason: 'expired' | 'invalid' }
  /** A valid Microsoft sign-in of someone Certibloc does not know, or whose account is disabled: 403. */
  | { outcome: 'refused'; reason: 'unknown_user' | 'disabled_user'; email: string | null }

export const API_TOKEN_PREFIX = 'cbt_'
const BEARER = /^Bearer\s+(\S+)\s*$/i
const JWT_SHAPE = /^[\w-]+\.[\w-]*\.[\w-]*$/

const encoder = new TextEncoder()

async function sha256(text: string): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.digest('SHA-256', encoder.encode(text)))
}

export async function sha256Hex(text: string): Promise<string> {
  return [...(await sha256(text))].map((b) => b.toString(16).padStart(2, '0')).join('')
}

/** Constant-time comparison of two secrets: both are hashed so neither length nor content leaks. */
export async function secretsEqual(given: string, expected: string): Promise<boolean> {
  const [a, b] = await Promise.all([sha256(given), sha256(expected)])
  return macsEqual(a, b)
}

export const BREAK_GLASS_IDENTITY: Identity = {
  kind: 'breakGlass',
  id: 'admin',
  actor: 'admin',
  email: null,
  displayName: 'Administrateur (jeton de secours)',
  globalRole: 'admin',
  sessionRoles: {},
}

function userIdentity(user: User): Identity {
  return {
    kind: 'user',
    id: user.id,
    actor: user.email,
    email: user.email,
    displayName: user.displayName,
    globalRole: user.globalRole,
    sessionRoles: user.sessionRoles,
  }
}

async function fromApiToken(env: Env, secret: string, now: Date): Promise<Authentication> {
  const token = await findTokenByHash(env.DB, await sha256Hex(secret))
  if (!token || token.revokedAt !== null) return { outcome: 'invalid', reason: 'invalid' }
  if (token.expiresAt <= now.toISOString()) return { outcome: 'invalid', reason: 'expired' }
  await touchToken(env.DB, token.id, now)
  return {
    outcome: 'authenticated',
    identity: {
      kind: 'apiToken',
      id: token.id,
      actor: `token:${token.name}`,
      email: null,
      displayName: token.name,
      // A token scoped to a session holds its role there only.
      globalRole: token.sessionId === null ? token.role : null,
      sessionRoles: token.sessionId === null || token.role === 'admin' ? {} : { [token.sessionId]: token.role },
    },
  }
}

async function fromEntraToken(env: Env, jwt: string, audit: AuditContext): Promise<Authentication> {
  const config = entraConfig(env)
  if (!config) return { outcome: 'invalid', reason: 'invalid' }
  const verified = await verifyEntraToken(jwt, config)
  if (!verified.ok) return { outcome: 'invalid', reason: verified.reason === 'expired' ? 'expired' : 'invalid' }
  const { tenantId, objectId, email } = verified.claims
  let user = await findUserByEntraId(env.DB, tenantId, objectId)
  if (!user && email) {
    // First sign-in of an invited user: record who they are at Microsoft from now on.
    const invited = await findInvitedUser(env.DB, email)
    if (invited && (await linkUser(env.DB, { ...audit, actor: invited.email }, invited.id, tenantId, objectId))) {
      user = await findUserByEntraId(env.DB, tenantId, objectId)
    }
  }
  if (!user) return { outcome: 'refused', reason: 'unknown_user', email }
  if (user.disabledAt !== null) return { outcome: 'refused', reason: 'disabled_user', email: user.email }
  return { outcome: 'authenticated', identity: userIdentity(user) }
}

export async function authenticate(
  env: Env,
  authorization: string | undefined,
  audit: Pick<AuditContext, 'requestId'>,
  now: Date = new Date(),
): Promise<Authentication> {
  if (authorization === undefined || authorization.trim() === '') return { outcome: 'missing' }
  const credential = BEARER.exec(authorization)?.[1]
  if (!credential) return { outcome: 'invalid', reason: 'invalid' }
  if (env.ADMIN_TOKEN && (await secretsEqual(credential, env.ADMIN_TOKEN))) {
    return { outcome: 'authenticated', identity: BREAK_GLASS_IDENTITY }
  }
  if (credential.startsWith(API_TOKEN_PREFIX)) return fromApiToken(env, credential, now)
  if (JWT_SHAPE.test(credential)) return fromEntraToken(env, credential, { actor: '', requestId: audit.requestId })
  return { outcome: 'invalid', reason: 'invalid' }
}
