import type { D1Database } from '@cloudflare/workers-types'
import { Hono } from 'hono'
import * as z from '../../shared/zod'
import { sessionCreateSchema, sessionUpdateSchema, type Session } from '../../shared/sessions/schema'
import { withGuards } from '../db/guardErrors'
import { getReferential, type StoredReferential } from '../db/referentials'
import { closeSession, createSession, deleteSession, getSession, listSessions, updateSession } from '../db/sessions'
import type { AppEnv } from '../env'
import { ApiError, ErrorCode } from '../errors'
import { messages } from '../i18n/fr'
import { limitBody, MiB } from '../middleware/limitBody'
import { validate } from '../middleware/validate'
import { sessionParam } from './params'
import { describeRoute, errors, json, noContent } from '../openapi/describe'
import { sessionResponse, sessionsResponse } from '../openapi/responses/sessions'

const listDoc = describeRoute({ summary: 'Liste des sessions', tags: ['Sessions'], responses: { 200: json('Les sessions.', sessionsResponse) } })
const createDoc = describeRoute({ summary: 'Créer une session', tags: ['Sessions'], responses: { 201: json('La session créée, ouverte.', sessionResponse) } })
const readDoc = describeRoute({ summary: 'Lire une session', tags: ['Sessions'], responses: { 200: json('La session.', sessionResponse), ...errors(404) } })
const updateDoc = describeRoute({
  summary: 'Modifier une session ouverte (version attendue)',
  tags: ['Sessions'],
  responses: { 200: json('La session modifiée.', sessionResponse), ...errors(404, 409, 423) },
})

const versionQuery = z.object({ version: z.coerce.number({ message: 'version de la session attendue' }).int().positive({ message: 'version de la session attendue' }) })
export const sessionCloseSchema = z.object({ version: z.number().int().positive() }).strict()

/** The published référentiel a new session is bound to; 400 located at body.referentialId otherwise. */
export async function publishedReferentialOrThrow(db: D1Database, referentialId: string): Promise<StoredReferential> {
  const referential = await getReferential(db, referentialId)
  if (!referential) {
    throw new ApiError(ErrorCode.VALIDATION_FAILED, messages.referentialNotFound(referentialId), {
      issues: [{ path: 'body.referentialId', message: 'référentiel inconnu' }],
    })
  }
  if (referential.summary.status !== 'published') {
    throw new ApiError(ErrorCode.VALIDATION_FAILED, messages.referentialNotPublished(referentialId), {
      issues: [{ path: 'body.referentialId', message: 'référentiel non publié' }],
    })
  }
  return referential
}

function notDeletable(session: Session): ApiError {
  const reasons = session.deletionBlockers.map((b) => b.message)
  const list = reasons.length > 1 ? `${reasons.slice(0, -1).join(', ')} et ${reasons[reasons.length - 1]}` : (reasons[0] ?? '')
  return new ApiError(ErrorCode.CONFLICT, messages.sessionNotDeletable(session.name, list), { blockers: session.deletionBlockers })
}

async function sessionOrThrow(db: D1Database, sessionId: string): Promise<Session> {
  const session = await getSession(db, sessionId)
  if (!session) throw new ApiError(ErrorCode.NOT_FOUND, messages.sessionNotFound(sessionId), { sessionId })
  return session
}

const deleteDoc = describeRoute({
  summary: 'Supprimer une session qui ne contient ni note, ni décision du jury, ni PV (auditée)',
  description: 'Refusée (409, details.blockers) si la session contient des notes, des décisions du jury, un PV ou n’est plus ouverte.',
  tags: ['Sessions'],
  responses: { 204: noContent('Session supprimée, avec ses candidats, son jury, ses rôles et ses jetons.'), ...errors(404, 409) },
})
const closeDoc = describeRoute({
  summary: 'Clore (archiver) une session délibérée : lecture seule définitive, plus de modification possible',
  tags: ['Sessions'],
  responses: { 200: json('La session close.', sessionResponse), ...errors(404, 409) },
})

export const sessionRoutes = new Hono<AppEnv>()
  .get('/', listDoc, async (c) => c.json({ sessions: await listSessions(c.env.DB) }, 200))
  .post('/', createDoc, limitBody(MiB), validate('json', sessionCreateSchema), async (c) => {
    const input = c.req.valid('json')
    await publishedReferentialOrThrow(c.env.DB, input.referentialId)
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
  /** Only a session that holds nothing of value (no marks, decisions or PV); audited. */
  .delete('/:sessionId', deleteDoc, validate('param', sessionParam), validate('query', versionQuery), async (c) => {
    const { sessionId } = c.req.valid('param')
    const { version } = c.req.valid('query')
    const session = await sessionOrThrow(c.env.DB, sessionId)
    if (session.version !== version) {
      throw new ApiError(ErrorCode.CONFLICT, messages.staleSession, { clientVersion: version, serverVersion: session.version })
    }
    if (!session.deletable) throw notDeletable(session)
    await withGuards(deleteSession(c.env.DB, { actor: c.var.actor, requestId: c.var.requestId }, session), {
      stale_version: () => new ApiError(ErrorCode.CONFLICT, messages.staleSession, { clientVersion: version }),
      // Something arrived between the read and the batch (a mark, a finalisation).
      session_not_empty: () => new ApiError(ErrorCode.CONFLICT, messages.sessionNotDeletable(session.name, 'elle a été modifiée entre-temps'), {}),
    })
    return c.body(null, 204)
  })
  /** Archives a deliberated session: read-only for good, no amendment any more. */
  .post('/:sessionId/close', closeDoc, limitBody(16 * 1024), validate('param', sessionParam), validate('json', sessionCloseSchema), async (c) => {
    const { sessionId } = c.req.valid('param')
    const { version } = c.req.valid('json')
    const session = await sessionOrThrow(c.env.DB, sessionId)
    if (session.status !== 'deliberated') throw new ApiError(ErrorCode.CONFLICT, messages.sessionNotClosable(session.status), { status: session.status })
    await withGuards(closeSession(c.env.DB, { actor: c.var.actor, requestId: c.var.requestId }, sessionId, version), {
      stale_version: () => new ApiError(ErrorCode.CONFLICT, messages.staleSession, { clientVersion: version, serverVersion: session.version }),
      not_deliberated: () => new ApiError(ErrorCode.CONFLICT, messages.sessionNotClosable('open'), {}),
    })
    return c.json({ session: await getSession(c.env.DB, sessionId) }, 200)
  })
