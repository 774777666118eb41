/**
 * API tokens for the CLI and automation (administrators only). A token carries a role, on every
 * session or on one, and an expiry. Its secret is returned ONCE, by the creation; the database
 * keeps only its SHA-256. Revocation takes effect at the next request.
 */
import { Hono } from 'hono'
import * as z from '../../shared/zod'
import { API_TOKEN_PREFIX, sha256Hex } from '../auth/identity'
import { ROLES } from '../auth/permissions'
import { withGuards } from '../db/guardErrors'
import { createToken, getToken, listTokens, revokeToken, type ApiToken } from '../db/tokens'
import type { AppEnv } from '../env'
import { ApiError, ErrorCode } from '../errors'
import { messages } from '../i18n/fr'
import { limitBody } from '../middleware/limitBody'
import { validate } from '../middleware/validate'
import { describeRoute, errors, json } from '../openapi/describe'
import { tokenCreatedResponse, tokenRevokedResponse, tokensResponse } from '../openapi/responses/access'

const tokenParam = z.object({ tokenId: z.string().regex(/^[A-Za-z0-9-]{1,64}$/, { message: 'identifiant de jeton invalide' }) })

export const MAX_TOKEN_DAYS = 366

export const tokenCreateSchema = z
  .object({
    name: z.singleLineText(100),
    role: z.enum(ROLES, { message: `rôle attendu : ${ROLES.join(', ')}` }),
    sessionId: z
      .string()
      .regex(/^[A-Za-z0-9-]{1,64}$/, { message: 'identifiant de session invalide' })
      .nullable()
      .default(null),
    expiresInDays: z.number().int().min(1).max(MAX_TOKEN_DAYS, { message: `${MAX_TOKEN_DAYS} jours au plus` }).default(90),
  })
  .strict()
  .refine((t) => !(t.role === 'admin' && t.sessionId !== null), {
    message: 'un jeton administrateur vaut pour toutes les sessions : ne précisez pas de session',
    path: ['sessionId'],
  })

/** 32 random bytes, base64url, behind a recognisable prefix (secret scanners can match it). */
function newSecret(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32))
  const base64 = btoa(String.fromCharCode(...bytes))
  return API_TOKEN_PREFIX + base64.replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '')
}

/** A token with its state now: active, expired or revoked. */
export function withStatus(token: ApiToken, now: string) {
  return { ...token, status: token.revokedAt !== null ? 'revoked' : token.expiresAt <= now ? 'expired' : 'active' }
}

const listDoc = describeRoute({
  summary: 'Jetons d’API, sans leur secret (administrateur)',
  tags: ['Accès'],
  responses: { 200: json('Les jetons, avec leur état (actif, expiré, révoqué).', tokensResponse) },
})
const createDoc = describeRoute({
  summary: 'Créer un jeton d’API ; le secret n’est renvoyé qu’une fois (administrateur)',
  tags: ['Accès'],
  responses: { 201: json('Le jeton et son secret (à conserver : il ne sera plus montré).', tokenCreatedResponse) },
})
const revokeDoc = describeRoute({
  summary: 'Révoquer un jeton d’API (administrateur)',
  tags: ['Accès'],
  responses: { 200: json('Le jeton révoqué (révoquer deux fois n’est pas une erreur).', tokenRevokedResponse), ...errors(404) },
})

export const tokenRoutes = new Hono<AppEnv>()
  .get('/', listDoc, async (c) => {
    const now = new Date().toISOString()
    return c.json({ tokens: (await listTokens(c.env.DB)).map((t) => withStatus(t, now)) }, 200)
  })
  .post('/', createDoc, limitBody(16 * 1024), validate('json', tokenCreateSchema), async (c) => {
    const input = c.req.valid('json')
    const secret = newSecret()
    const id = crypto.randomUUID()
    const expiresAt = new Date(Date.now() + input.expiresInDays * 86_400_000).toISOString()
    await withGuards(
      createToken(c.env.DB, { actor: c.var.actor, requestId: c.var.requestId }, {
        id,
        name: input.name,
        tokenHash: await sha256Hex(secret),
        hint: secret.slice(-4),
        role: input.role,
        sessionId: input.sessionId,
        expiresAt,
      }),
      {
        session_not_found: () =>
          new ApiError(ErrorCode.VALIDATION_FAILED, messages.sessionNotFound(input.sessionId ?? ''), {
            issues: [{ path: 'body.sessionId', message: 'session inconnue' }],
          }),
      },
    )
    const token = await getToken(c.env.DB, id)
    if (!token) throw new Error(`token ${id} vanished after creation`)
    // The only time the secret leaves the Worker: never cache this answer.
    c.header('Cache-Control', 'no-store')
    return c.json({ token: withStatus(token, new Date().toISOString()), secret }, 201)
  })
  .delete('/:tokenId', revokeDoc, validate('param', tokenParam), async (c) => {
    const { tokenId } = c.req.valid('param')
    const token = await getToken(c.env.DB, tokenId)
    if (!token) throw new ApiError(ErrorCode.NOT_FOUND, messages.tokenNotFound(tokenId), { tokenId })
    // Revoking twice is not an error: the token is revoked either way.
    await revokeToken(c.env.DB, { actor: c.var.actor, requestId: c.var.requestId }, token)
    const after = await getToken(c.env.DB, tokenId)
    return c.json({ token: after && withStatus(after, new Date().toISOString()) }, 200)
  })
