import { Hono } from 'hono'
import { sessionCreateSchema, sessionUpdateSchema } from '../../shared/sessions/schema'
import { withGuards } from '../db/guardErrors'
import { getReferential } from '../db/referentials'
import { createSession, getSession, listSessions, updateSession } from '../db/sessions'
import type { AppEnv } from '../env'
import { ApiError, ErrorCode } from '../errors'
import { messages } from '../i18n/fr'
import { limitBody, MiB } from '../middleware/limitBody'
import { validate } from '../middleware/validate'
import { sessionParam } from './params'
import { describeRoute, errors, json } from '../openapi/describe'
import { sessionResponse, sessionsResponse } from '../openapi/responses/sessions'

const listDoc = describeRoute({ summary: 'Liste des sessions', tags: ['Sessions'], responses: { 200: json('Les sessions.', sessionsResponse) } })
const createDoc = describeRoute({ summary: 'Créer une session', tags: ['Sessions'], responses: { 201: json('La session créée, ouverte.', sessionResponse) } })
const readDoc = describeRoute({ summary: 'Lire une session', tags: ['Sessions'], responses: { 200: json('La session.', sessionResponse), ...errors(404) } })
const updateDoc = describeRoute({
  summary: 'Modifier une session ouverte (version attendue)',
  tags: ['Sessions'],
  responses: { 200: json('La session modifiée.', sessionResponse), ...errors(404, 409, 423) },
})

export const sessionRoutes = new Hono<AppEnv>()
  .get('/', listDoc, async (c) => c.json({ sessions: await listSessions(c.env.DB) }, 200))
  .post('/', createDoc, limitBody(MiB), validate('json', sessionCreateSchema), async (c) => {
    const input = c.req.valid('json')
    const referential = await getReferential(c.env.DB, input.referentialId)
    if (!referential) {
      throw new ApiError(ErrorCode.VALIDATION_FAILED, messages.referentialNotFound(input.referentialId), {
        issues: [{ path: 'body.referentialId', message: 'référentiel inconnu' }],
      })
    }
    if (referential.summary.status !== 'published') {
      throw new ApiError(ErrorCode.VALIDATION_FAILED, messages.referentialNotPublished(input.referentialId), {
        issues: [{ path: 'body.referentialId', message: 'référentiel non publié' }],
      })
    }
    const session = await createSession(c.env.DB, { actor: c.var.actor, requestId: c.var.requestId }, input)
    return c.json({ session }, 201)
  })
  .get('/:sessionId', readDoc, validate('param', sessionParam), async (c) => {
    const { sessionId } = c.req.valid('param')
    const session = await getSession(c.env.DB, sessionId)
    if (!session) throw new ApiError(ErrorCode.NOT_FOUND, messages.sessionNotFound(sessionId), { sessionId })
    return c.json({ session }, 200)
  })
  .patch('/:sessionId', updateDoc, limitBody(MiB), validate('param', sessionParam), validate('json', sessionUpdateSchema), async (c) => {
    const { sessionId } = c.req.valid('param')
    const update = c.req.valid('json')
    const before = await getSession(c.env.DB, sessionId)
    if (!before) throw new ApiError(ErrorCode.NOT_FOUND, messages.sessionNotFound(sessionId), { sessionId })
    await withGuards(updateSession(c.env.DB, { actor: c.var.actor, requestId: c.var.requestId }, sessionId, update), {
      session_locked: () => new ApiError(ErrorCode.SESSION_LOCKED, messages.sessionLocked, { status: before.status }),
      stale_version: () =>
        new ApiError(ErrorCode.CONFLICT, messages.staleSession, { clientVersion: update.version, serverVersion: before.version }),
    })
    return c.json({ session: await getSession(c.env.DB, sessionId) }, 200)
  })
