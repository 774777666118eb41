/**
 * GET /sessions/{id}/audit: the session's audit events, oldest first, optionally about one
 * candidate, a page at a time (`after` = the last id of the previous page; the database reads
 * only that page). Read-only: no route edits or deletes audit events, and the database refuses it
 * anyway (migration 0002 triggers).
 */
import { Hono } from 'hono'
import * as z from '../../shared/zod'
import { listAuditEventPage } from '../db/audit'
import { getSession } from '../db/sessions'
import { actorNamesOf } from '../db/users'
import type { AppEnv } from '../env'
import { ApiError, ErrorCode } from '../errors'
import { messages } from '../i18n/fr'
import { validate } from '../middleware/validate'
import { sessionParam } from './params'
import { describeRoute, errors, json } from '../openapi/describe'
import { auditPageResponse } from '../openapi/responses/audit'

export const MAX_AUDIT_PAGE = 500

const auditQuery = z.object({
  candidateId: z
    .string()
    .regex(/^[A-Za-z0-9-]{1,64}$/, { message: 'identifiant de candidat invalide' })
    .optional(),
  after: z.coerce.number().int().min(0, { message: 'after : identifiant d’événement' }).default(0),
  /** Issue 15: the Journal reads newest first (`before` = the last id of the previous page). */
  order: z.enum(['oldest', 'newest'], { message: 'order : oldest ou newest' }).default('oldest'),
  before: z.coerce.number().int().min(1, { message: 'before : identifiant d’événement' }).optional(),
  limit: z.coerce.number().int().min(1).max(MAX_AUDIT_PAGE, { message: `${MAX_AUDIT_PAGE} événements au plus par page` }).default(100),
})

const auditDoc = describeRoute({
  summary: 'Journal d’audit de la session, par pages : du plus ancien au plus récent (after), ou du plus récent au plus ancien (order=newest, before)',
  tags: ['Audit'],
  responses: { 200: json('Une page d’événements.', auditPageResponse), ...errors(404) },
})

export const auditRoutes = new Hono<AppEnv>().get('/', auditDoc, validate('param', sessionParam), validate('query', auditQuery), async (c) => {
  const { sessionId } = c.req.valid('param')
  const { candidateId, after, limit, order, before } = c.req.valid('query')
  if (!(await getSession(c.env.DB, sessionId))) throw new ApiError(ErrorCode.NOT_FOUND, messages.sessionNotFound(sessionId), { sessionId })
  const page = await listAuditEventPage(c.env.DB, { sessionId, candidateId: candidateId ?? null }, {
    after,
    limit,
    ...(order === 'newest' ? { newest: { before: before ?? null } } : {}),
  })
  const nameOf = await actorNamesOf(c.env.DB, page.events.map((e) => e.actor))
  return c.json({ ...page, events: page.events.map((e) => ({ ...e, actorName: nameOf(e.actor) })) }, 200)
})
