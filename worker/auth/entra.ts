/**
 * Microsoft Entra ID access tokens, verified with jose: RS256 signature against the tenant's
 * published keys (JWKS found through the tenant's OpenID discovery document), issuer of an
 * allowed tenant, audience of our API, expiry, and the API's scope in `scp`.
 *
 * The tenant is read from the token before verification only to pick which keys and issuer to
 * verify against; a tenant outside the allow-list is refused without any network request.
 */
import { createRemoteJWKSet, decodeJwt, errors, jwtVerify, type JWTVerifyGetKey } from 'jose'
import type { Env } from '../env'

export interface EntraConfig {
  tenantIds: string[]
  /** Client id of the add-in's app registration, handed to MSAL by GET /auth/config. */
  clientId: string | null
  audiences: string[]
  /** The full scope the add-in requests, e.g. api://…/Certibloc.Access. */
  scope: string
  /** The scope's last segment, as it appears in the token's `scp`. */
  scopeName: string
}

const list = (value: string | undefined) =>
  (value ?? '')
    .split(',')
    .map((v) => v.trim())
    .filter((v) => v !== '')

const TENANT_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** The sign-in configuration, or null when the deployment did not configure Microsoft sign-in. */
export function entraConfig(env: Env): EntraConfig | null {
  const tenantIds = list(env.ENTRA_TENANT_IDS).filter((t) => TENANT_ID.test(t)).map((t) => t.toLowerCase())
  const audiences = list(env.ENTRA_API_AUDIENCE)
  const scope = (env.ENTRA_API_SCOPE ?? '').trim()
  if (tenantIds.length === 0 || audiences.length === 0 || scope === '') return null
  const scopeName = scope.slice(scope.lastIndexOf('/') + 1)
  return { tenantIds, clientId: env.ENTRA_CLIENT_ID?.trim() || null, audiences, scope, scopeName }
}

export const LOGIN_HOST = 'https://login.microsoftonline.com'
export const issuerOf = (tenantId: string) => `${LOGIN_HOST}/${tenantId}/v2.0`
export const discoveryUrlOf = (tenantId: string) => `${LOGIN_HOST}/${tenantId}/v2.0/.well-known/openid-configuration`

/** Key sets per tenant for this isolate; jose caches the keys themselves and refetches on rotation. */
const keySets = new Map<string, { keys: JWTVerifyGetKey; until: number }>()
const DISCOVERY_TTL_MS = 24 * 60 * 60 * 1000

async function keySetOf(tenantId: string): Promise<JWTVerifyGetKey> {
  const cached = keySets.get(tenantId)
  if (cached && cached.until > Date.now()) return cached.keys
  const response = await fetch(discoveryUrlOf(tenantId), { signal: AbortSignal.timeout(5000) })
  if (!response.ok) throw new Error(`Entra discovery for ${tenantId} answered ${response.status}`)
  const document: { issuer?: unknown; jwks_uri?: unknown } = await response.json()
  if (document.issuer !== issuerOf(tenantId)) throw new Error(`Entra discovery for ${tenantId} names issuer ${String(document.issuer)}`)
  const jwksUri = typeof document.jwks_uri === 'string' ? new URL(document.jwks_uri) : null
  if (!jwksUri || jwksUri.origin !== LOGIN_HOST) throw new Error(`Entra discovery for ${tenantId} names keys at ${String(document.jwks_uri)}`)
  const keys = createRemoteJWKSet(jwksUri)
  keySets.set(tenantId, { keys, until: Date.now() + DISCOVERY_TTL_MS })
  return keys
}

/** Forgets the cached discovery documents and keys (tests rotate keys between cases). */
export function forgetEntraKeys(): void {
  keySets.clear()
}

export interface EntraClaims {
  tenantId: string
  objectId: string
  /** preferred_username or email: the sign-in name, used once to link an invited user. */
  email: string | null
  name: string | null
}

export type EntraVerification = { ok: true; claims: EntraClaims } | { ok: false; reason: 'expired' | 'invalid' | 'tenant' | 'scope' }

/** jose errors that mean "this token is not acceptable"; anything else (network, timeouts) is ours. */
function isTokenError(error: unknown): boolean {
  return (
    error instanceof errors.JWTExpired ||
    error instanceof errors.JWTClaimValidationFailed ||
    error instanceof errors.JWTInvalid ||
    error instanceof errors.JWSInvalid ||
    error instanceof errors.JWSSignatureVerificationFailed ||
    error instanceof errors.JWKSNoMatchingKey ||
    error instanceof errors.JWKSMultipleMatchingKeys ||
    error instanceof errors.JOSEAlgNotAllowed ||
    error instanceof errors.JOSENotSupported
  )
}

export async function verifyEntraToken(token: string, config: EntraConfig): Promise<EntraVerification> {
  let tenantId: unknown
  try {
    tenantId = decodeJwt(token).tid
  } catch {
    return { ok: false, reason: 'invalid' }
  }
  if (typeof tenantId !== 'string' || !config.tenantIds.includes(tenantId.toLowerCase())) return { ok: false, reason: 'tenant' }
  const tid = tenantId.toLowerCase()
  try {
    const { payload } = await jwtVerify(token, await keySetOf(tid), {
      algorithms: ['RS256'],
      issuer: issuerOf(tid),
      audience: config.audiences,
      requiredClaims: ['exp', 'iat', 'oid', 'tid'],
      clockTolerance: 60,
    })
    const scopes = typeof payload.scp === 'string' ? payload.scp.split(' ') : []
    if (!scopes.includes(config.scopeName)) return { ok: false, reason: 'scope' }
    if (typeof payload.oid !== 'string' || payload.oid === '') return { ok: false, reason: 'invalid' }
    const email = [payload.preferred_username, payload.email].find((v): v is string => typeof v === 'string' && v.includes('@'))
    return {
      ok: true,
      claims: {
        tenantId: tid,
        objectId: payload.oid.toLowerCase(),
        email: email ? email.trim().toLowerCase() : null,
        name: typeof payload.name === 'string' ? payload.name : null,
      },
    }
  } catch (error) {
    if (error instanceof errors.JWTExpired) return { ok: false, reason: 'expired' }
    if (isTokenError(error)) return { ok: false, reason: 'invalid' }
    throw error
  }
}
