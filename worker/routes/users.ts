/**
 * Users and their roles (administrators only, see worker/auth/policy.ts): invite by email, set
 * the global role, disable, and grant or remove a role on a session. Every change is audited in
 * its own batch. Users are disabled, never deleted, so that audit events keep naming someone.
 */
import type { D1Database } from '@cloudflare/workers-types'
import { Hono } from 'hono'
import * as z from '../../shared/zod'
import { ROLES, SESSION_ROLES } from '../auth/permissions'
import { withGuards } from '../db/guardErrors'
import { createUser, getUser, listUsers, removeSessionRole, setSessionRole, updateUser, type User } from '../db/users'
import type { AppEnv } from '../env'
import { ApiError, ErrorCode } from '../errors'
import { messages } from '../i18n/fr'
import { limitBody } from '../middleware/limitBody'
import { validate } from '../middleware/validate'
import { sessionParam } from './params'
import { describeRoute, errors, json, noContent } from '../openapi/describe'
import { userResponse, usersResponse } from '../openapi/responses/access'

const id = (what: string) => z.string().regex(/^[A-Za-z0-9-]{1,64}$/, { message: `identifiant de ${what} invalide` })
const userParam = z.object({ userId: id('utilisateur') })
const userSessionParam = userParam.extend(sessionParam.shape)

const email = z
  .string()
  .trim()
  .toLowerCase()
  .max(254)
  .pipe(z.email({ message: 'adresse e-mail invalide' }))
const displayName = z.singleLineText(200)
const role = z.enum(ROLES, { message: `rôle attendu : ${ROLES.join(', ')}` })

const sessionRole = z.enum(SESSION_ROLES, { message: `rôle sur une session : ${SESSION_ROLES.join(', ')}` })

export const userCreateSchema = z
  .object({
    email,
    displayName: displayName.nullable().default(null),
    globalRole: role.nullable().default(null),
    /** Roles on sessions granted with the invitation (issue 15). */
    sessionRoles: z
      .array(z.object({ sessionId: id('session'), role: sessionRole }).strict())
      .max(100, { message: '100 sessions au plus' })
      .refine((roles) => new Set(roles.map((r) => r.sessionId)).size === roles.length, { message: 'une session citée deux fois' })
      .default([]),
  })
  .strict()
export const userUpdateSchema = z
  .object({
    version: z.number().int().positive(),
    displayName: displayName.nullable().optional(),
    globalRole: role.nullable().optional(),
    disabled: z.boolean().optional(),
  })
  .strict()
export const sessionRoleSchema = z.object({ role: sessionRole }).strict()

/** Invite someone to a session by e-mail, or give a known person a role on it. */
export const sessionPersonSchema = z.object({ email, displayName: displayName.nullable().default(null), role: sessionRole }).strict()

const SMALL_BODY = 16 * 1024

async function userOrThrow(db: D1Database, userId: string): Promise<User> {
  const user = await getUser(db, userId)
  if (!user) throw new ApiError(ErrorCode.NOT_FOUND, messages.userNotFound(userId), { userId })
  return user
}

const audit = (c: { var: { actor: string; requestId: string } }) => ({ actor: c.var.actor, requestId: c.var.requestId })

const listDoc = describeRoute({ summary: 'Utilisateurs et leurs rôles (administrateur)', tags: ['Accès'], responses: { 200: json('Les utilisateurs.', usersResponse) } })
const inviteDoc = describeRoute({
  summary: 'Inviter un utilisateur par son adresse e-mail (administrateur)',
  tags: ['Accès'],
  responses: { 201: json('L’utilisateur invité.', userResponse), ...errors(409) },
})
const readDoc = describeRoute({ summary: 'Lire un utilisateur (administrateur)', tags: ['Accès'], responses: { 200: json('L’utilisateur.', userResponse), ...errors(404) } })
const updateDoc = describeRoute({
  summary: 'Modifier nom, rôle global ou désactivation, version attendue (administrateur)',
  tags: ['Accès'],
  responses: { 200: json('L’utilisateur modifié.', userResponse), ...errors(404, 409) },
})
const setSessionRoleDoc = describeRoute({
  summary: 'Donner ou changer le rôle d’un utilisateur sur une session (administrateur)',
  tags: ['Accès'],
  responses: { 200: json('L’utilisateur et ses rôles.', userResponse), ...errors(404) },
})
const removeSessionRoleDoc = describeRoute({
  summary: 'Retirer le rôle d’un utilisateur sur une session (administrateur)',
  tags: ['Accès'],
  responses: { 204: noContent('Rôle retiré.'), ...errors(404) },
})

export const userRoutes = new Hono<AppEnv>()
  .get('/', listDoc, async (c) => c.json({ users: await listUsers(c.env.DB) }, 200))
  .post('/', inviteDoc, limitBody(SMALL_BODY), validate('json', userCreateSchema), async (c) => {
    const input = c.req.valid('json')
    const id = crypto.randomUUID()
    await withGuards(createUser(c.env.DB, audit(c), input, id), {
      duplicate_email: () =>
        new ApiError(ErrorCode.CONFLICT, messages.duplicateEmail(input.email), { issues: [{ path: 'body.email', message: 'adresse déjà utilisée' }] }),
      session_not_found: () =>
        new ApiError(ErrorCode.VALIDATION_FAILED, messages.invalidRequest('body.sessionRoles — session inconnue'), {
          issues: [{ path: 'body.sessionRoles', message: 'session inconnue' }],
        }),
    })
    return c.json({ user: await userOrThrow(c.env.DB, id) }, 201)
  })
  .get('/:userId', readDoc, validate('param', userParam), async (c) => {
    const { userId } = c.req.valid('param')
    return c.json({ user: await userOrThrow(c.env.DB, userId) }, 200)
  })
  .patch('/:userId', updateDoc, limitBody(SMALL_BODY), validate('param', userParam), validate('json', userUpdateSchema), async (c) => {
    const { userId } = c.req.valid('param')
    const update = c.req.valid('json')
    const before = await userOrThrow(c.env.DB, userId)
    await withGuards(updateUser(c.env.DB, audit(c), before, update), {
      stale_version: () => new ApiError(ErrorCode.CONFLICT, messages.staleUser, { clientVersion: update.version, serverVersion: before.version }),
      last_admin: () => new ApiError(ErrorCode.CONFLICT, messages.lastAdmin),
    })
    return c.json({ user: await userOrThrow(c.env.DB, userId) }, 200)
  })
  .put('/:userId/sessions/:sessionId', setSessionRoleDoc, limitBody(SMALL_BODY), validate('param', userSessionParam), validate('json', sessionRoleSchema), async (c) => {
    const { userId, sessionId } = c.req.valid('param')
    const { role } = c.req.valid('json')
    const user = await userOrThrow(c.env.DB, userId)
    await withGuards(setSessionRole(c.env.DB, audit(c), user, sessionId, role), {
      session_not_found: () => new ApiError(ErrorCode.NOT_FOUND, messages.sessionNotFound(sessionId), { sessionId }),
    })
    return c.json({ user: await userOrThrow(c.env.DB, userId) }, 200)
  })
  .delete('/:userId/sessions/:sessionId', removeSessionRoleDoc, validate('param', userSessionParam), async (c) => {
    const { userId, sessionId } = c.req.valid('param')
    const user = await userOrThrow(c.env.DB, userId)
    const notFound = () => new ApiError(ErrorCode.NOT_FOUND, messages.sessionRoleNotFound(user.email, sessionId), { userId, sessionId })
    const removed = await withGuards(removeSessionRole(c.env.DB, audit(c), user, sessionId), { no_session_role: notFound })
    if (!removed) throw notFound()
    return c.body(null, 204)
  })
