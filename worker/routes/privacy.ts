/**
 * RGPD rights of a candidate, mounted at /sessions/:sessionId/candidates/:candidateId:
 * - GET /export: everything stored about them (identity, marks and their history, decisions,
 *   the PV entries that name them, audit events about them), as a JSON download; audited.
 * - POST /erase with a reason: deleted when they appear on no finalised PV, anonymised otherwise
 *   (identity blanked, codes and results kept so that the PV stays true); audited in the batch.
 */
import { Hono } from 'hono'
import * as z from '../../shared/zod'
import { withGuards } from '../db/guardErrors'
import { anonymiseCandidate, auditCandidateExport, deleteCandidateData, exportCandidate, isAnonymised, pvEntriesOf } from '../db/privacy'
import { getSession } from '../db/sessions'
import type { AppEnv } from '../env'
import { ApiError, ErrorCode } from '../errors'
import { messages } from '../i18n/fr'
import { limitBody } from '../middleware/limitBody'
import { validate } from '../middleware/validate'
import { candidateParam } from './params'
import { describeRoute, errors, header, json } from '../openapi/describe'
import { candidateExportResponse, eraseResponse } from '../openapi/responses/audit'

export const eraseRequestSchema = z
  .object({ reason: z.string().trim().min(3, { message: 'motif obligatoire (3 caractères au moins)' }).max(1000) })
  .strict()

const exportDoc = describeRoute({
  summary: 'RGPD : toutes les données d’un candidat, en JSON (audité)',
  tags: ['RGPD'],
  responses: {
    200: json('Tout ce qui est enregistré sur le candidat, en téléchargement.', candidateExportResponse, {
      'Content-Disposition': header('attachment; filename="donnees-candidat-<id>.json"'),
    }),
    ...errors(404),
  },
})
const eraseDoc = describeRoute({
  summary: 'RGPD : effacer un candidat avec un motif (supprimé, ou anonymisé s’il figure sur un PV finalisé)',
  tags: ['RGPD'],
  responses: { 200: json('Ce qui a été fait.', eraseResponse), ...errors(404, 409, 423) },
})

export const privacyRoutes = new Hono<AppEnv>()
  .get('/export', exportDoc, validate('param', candidateParam), async (c) => {
    const { sessionId, candidateId } = c.req.valid('param')
    const data = await exportCandidate(c.env.DB, sessionId, candidateId)
    if (!data) throw new ApiError(ErrorCode.NOT_FOUND, messages.candidateNotFound(candidateId), { candidateId })
    await auditCandidateExport(c.env.DB, { actor: c.var.actor, requestId: c.var.requestId }, sessionId, candidateId)
    c.header('Cache-Control', 'no-store')
    c.header('Content-Disposition', `attachment; filename="donnees-candidat-${candidateId}.json"`)
    return c.json({ exportedAt: new Date().toISOString(), sessionId, ...data }, 200)
  })
  .post('/erase', eraseDoc, limitBody(16 * 1024), validate('param', candidateParam), validate('json', eraseRequestSchema), async (c) => {
    const { sessionId, candidateId } = c.req.valid('param')
    const { reason } = c.req.valid('json')
    const db = c.env.DB
    const ctx = { actor: c.var.actor, requestId: c.var.requestId }
    const session = await getSession(db, sessionId)
    if (!session) throw new ApiError(ErrorCode.NOT_FOUND, messages.sessionNotFound(sessionId), { sessionId })
    const anonymised = await isAnonymised(db, sessionId, candidateId)
    if (anonymised === null) throw new ApiError(ErrorCode.NOT_FOUND, messages.candidateNotFound(candidateId), { candidateId })
    if (anonymised) throw new ApiError(ErrorCode.CONFLICT, messages.candidateAlreadyAnonymised, { candidateId })
    const pvVersions = (await pvEntriesOf(db, sessionId, candidateId)).map((e) => e.version)
    const notFound = () => new ApiError(ErrorCode.NOT_FOUND, messages.candidateNotFound(candidateId), { candidateId })
    if (pvVersions.length === 0 && session.status === 'open') {
      await withGuards(deleteCandidateData(db, ctx, sessionId, candidateId, reason), {
        candidate_not_found: notFound,
        session_locked: () => new ApiError(ErrorCode.SESSION_LOCKED, messages.sessionLocked),
        on_pv: () => new ApiError(ErrorCode.CONFLICT, messages.staleCandidate),
      })
      return c.json({ candidateId, mode: 'deleted' as const, pvVersions }, 200)
    }
    await withGuards(anonymiseCandidate(db, ctx, sessionId, candidateId, reason, pvVersions), {
      candidate_not_found: notFound,
      already_anonymised: () => new ApiError(ErrorCode.CONFLICT, messages.candidateAlreadyAnonymised, { candidateId }),
    })
    return c.json({ candidateId, mode: 'anonymised' as const, pvVersions }, 200)
  })
