/**
 * The people of a session (administrators): who works on it with which role, and an invitation
 * by e-mail that creates the user or gives a known one a role on the session. Mounted at
 * /sessions/:sessionId/people. Revoking a role and disabling a user are /users routes.
 */
import { Hono } from 'hono'
import { withGuards } from '../db/guardErrors'
import { getSession } from '../db/sessions'
import { listTokens } from '../db/tokens'
import { createUser, findUserByEmail, getUser, listSessionPeople, setSessionRole } from '../db/users'
import type { AppEnv } from '../env'
import { ApiError, ErrorCode } from '../errors'
import { messages } from '../i18n/fr'
import { limitBody } from '../middleware/limitBody'
import { validate } from '../middleware/validate'
import { describeRoute, errors, json } from '../openapi/describe'
import { sessionPeopleResponse, sessionPersonResponse } from '../openapi/responses/access'
import { sessionParam } from './params'
import { withStatus } from './tokens'
import { sessionPersonSchema } from './users'

const listDoc = describeRoute({
  summary: 'Personnes de la session : rôle sur la session ou rôle global, et jetons d’API de la session (administrateur)',
  tags: ['Accès'],
  responses: { 200: json('Les personnes et les jetons de la session.', sessionPeopleResponse), ...errors(404) },
})
const inviteDoc = describeRoute({
  summary: 'Inviter une personne par e-mail sur la session avec un rôle, ou donner ce rôle à un utilisateur connu (administrateur)',
  tags: ['Accès'],
  responses: {
    200: json('L’utilisateur existant, avec son rôle sur la session.', sessionPersonResponse),
    201: json('La personne invitée, avec son rôle sur la session.', sessionPersonResponse),
    ...errors(404, 409),
  },
})

export const peopleRoutes = new Hono<AppEnv>()
  .get('/', listDoc, validate('param', sessionParam), async (c) => {
    const { sessionId } = c.req.valid('param')
    if (!(await getSession(c.env.DB, sessionId))) throw new ApiError(ErrorCode.NOT_FOUND, messages.sessionNotFound(sessionId), { sessionId })
    const [people, tokens] = await Promise.all([listSessionPeople(c.env.DB, sessionId), listTokens(c.env.DB)])
    const now = new Date().toISOString()
    return c.json({ people, tokens: tokens.filter((t) => t.sessionId === sessionId).map((t) => withStatus(t, now)) }, 200)
  })
  .post('/', inviteDoc, limitBody(16 * 1024), validate('param', sessionParam), validate('json', sessionPersonSchema), async (c) => {
    const { sessionId } = c.req.valid('param')
    const { email, displayName, role } = c.req.valid('json')
    const ctx = { actor: c.var.actor, requestId: c.var.requestId }
    if (!(await getSession(c.env.DB, sessionId))) throw new ApiError(ErrorCode.NOT_FOUND, messages.sessionNotFound(sessionId), { sessionId })
    const notFound = () => new ApiError(ErrorCode.NOT_FOUND, messages.sessionNotFound(sessionId), { sessionId })
    const known = await findUserByEmail(c.env.DB, email)
    if (known) {
      if (known.disabledAt !== null) {
        throw new ApiError(ErrorCode.CONFLICT, messages.userDisabledCannotBeAssigned(email), { userId: known.id, issues: [{ path: 'body.email', message: 'compte désactivé' }] })
      }
      await withGuards(setSessionRole(c.env.DB, ctx, known, sessionId, role), { session_not_found: notFound })
      return c.json({ user: await getUser(c.env.DB, known.id), created: false }, 200)
    }
    const id = crypto.randomUUID()
    await withGuards(createUser(c.env.DB, ctx, { email, displayName, globalRole: null, sessionRoles: [{ sessionId, role }] }, id), {
      session_not_found: notFound,
      duplicate_email: () => new ApiError(ErrorCode.CONFLICT, messages.duplicateEmail(email), { issues: [{ path: 'body.email', message: 'adresse déjà utilisée' }] }),
    })
    return c.json({ user: await getUser(c.env.DB, id), created: true }, 201)
  })
