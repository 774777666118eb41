/**
 * POST /sessions/:sessionId/rattrapage: from a deliberated (or closed) session, a new open session
 * with the candidates its latest PV did not fully certify, their validated blocs carried as
 * capitalised with their origin (shared/sessions/rattrapage.ts), in one audited batch.
 */
import { Hono } from 'hono'
import { rattrapageRequestSchema } from '../../shared/sessions/schema'
import { planRattrapage } from '../../shared/sessions/rattrapage'
import { anonymisedCandidateIds, listCandidates } from '../db/candidates'
import { getPv } from '../db/documents'
import { withGuards } from '../db/guardErrors'
import { createRattrapageSession, getSession } from '../db/sessions'
import type { AppEnv } from '../env'
import { ApiError, ErrorCode } from '../errors'
import { messages } from '../i18n/fr'
import { limitBody, MiB } from '../middleware/limitBody'
import { validate } from '../middleware/validate'
import { describeRoute, errors, json } from '../openapi/describe'
import { rattrapageResponse } from '../openapi/responses/sessions'
import { sessionParam } from './params'
import { loadSessionContext } from './sessionContext'
import { publishedReferentialOrThrow } from './sessions'

const rattrapageDoc = describeRoute({
  summary: 'Créer la session de rattrapage d’une session délibérée : les candidats non certifiés, chaque bloc validé reporté comme capitalisé avec son origine',
  tags: ['Sessions'],
  responses: { 201: json('La session de rattrapage, ouverte, avec ses candidats.', rattrapageResponse), ...errors(404, 409) },
})

export const rattrapageRoutes = new Hono<AppEnv>().post('/', rattrapageDoc, limitBody(MiB), validate('param', sessionParam), validate('json', rattrapageRequestSchema), async (c) => {
  const { sessionId } = c.req.valid('param')
  const { referentialId, ...fields } = c.req.valid('json')
  const db = c.env.DB
  const { session: origin } = await loadSessionContext(db, sessionId)
  const pv = origin.status === 'open' ? null : await getPv(db, sessionId, null)
  if (!pv) throw new ApiError(ErrorCode.CONFLICT, messages.rattrapageNeedsDeliberation, { status: origin.status })
  const target = await publishedReferentialOrThrow(db, referentialId ?? origin.referentialId)
  const [candidates, anonymisedIds] = await Promise.all([listCandidates(db, sessionId), anonymisedCandidateIds(db, sessionId)])
  const plan = planRattrapage({ snapshot: pv.snapshot, pvVersion: pv.version, candidates, anonymisedIds, referential: target.referential })
  if (plan.candidates.length === 0) throw new ApiError(ErrorCode.CONFLICT, messages.rattrapageNobody, { skipped: plan.skipped })
  const id = crypto.randomUUID()
  const input = { referentialId: target.referential.id, ...fields }
  const carried = { candidates: plan.candidates.length, capitalisedBlocs: plan.carriedBlocs }
  await withGuards(
    createRattrapageSession(db, { actor: c.var.actor, requestId: c.var.requestId }, {
      id,
      input,
      originId: sessionId,
      pvVersion: pv.version,
      candidates: plan.candidates,
      details: { pvVersion: pv.version, ...carried },
    }),
    { origin_changed: () => new ApiError(ErrorCode.CONFLICT, messages.rattrapageNeedsDeliberation, {}) },
  )
  return c.json({ session: await getSession(db, id), carried, skipped: plan.skipped, warnings: plan.warnings }, 201)
})
