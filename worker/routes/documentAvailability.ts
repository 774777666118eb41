/**
 * GET /sessions/:sessionId/documents: which documents of the session can be produced now, and
 * why not in French when one cannot (shared/documents/availability.ts), with whether the caller's
 * role may download each. The task pane disables its buttons from it.
 */
import { Hono } from 'hono'
import { missingCertifierSettings } from '../../shared/documents/certifierSettings'
import { sessionDocuments } from '../../shared/documents/availability'
import { roleGrants, type Permission } from '../auth/permissions'
import { getPv, listCertifiedCandidates } from '../db/documents'
import type { AppEnv } from '../env'
import { validate } from '../middleware/validate'
import { describeRoute, errors, json } from '../openapi/describe'
import { documentsResponse } from '../openapi/responses/sessions'
import { resolvedCertifierSettings } from './certifierSettings'
import { sessionParam } from './params'
import { loadSessionContext } from './sessionContext'

const documentsDoc = describeRoute({
  summary: 'Documents de la session productibles maintenant, la raison en français sinon, et ce que le rôle de l’appelant permet',
  tags: ['Documents'],
  responses: { 200: json('La disponibilité de chaque document.', documentsResponse), ...errors(404) },
})

export const documentAvailabilityRoutes = new Hono<AppEnv>().get('/', documentsDoc, validate('param', sessionParam), async (c) => {
  const { sessionId } = c.req.valid('param')
  const db = c.env.DB
  const { session } = await loadSessionContext(db, sessionId)
  const [pv, settings, certified] = await Promise.all([
    session.pvVersion === null ? null : getPv(db, sessionId, null),
    resolvedCertifierSettings(c.env),
    session.status === 'open' ? [] : listCertifiedCandidates(db, sessionId),
  ])
  const identity = c.var.identity
  const can = (permission: Permission) => roleGrants(identity.globalRole, permission) || roleGrants(identity.sessionRoles[sessionId], permission)
  // The PV froze the registration date when it was known; otherwise the settings must give it now.
  const frozenDate = pv?.snapshot.certifier.rncpRegistrationDate ?? null
  return c.json(
    sessionDocuments({
      sessionId,
      status: session.status,
      pv: pv && { version: pv.version, snapshot: pv.snapshot },
      attestationSettingsMissing: frozenDate === null ? missingCertifierSettings(settings, ['rncpRegistrationDate']) : [],
      cdcSettingsMissing: missingCertifierSettings(settings, ['cdcIdClient', 'cdcIdContrat']),
      certifiedCount: certified.length,
      can: { export: can('document.export'), issue: can('document.issue') },
    }),
    200,
  )
})
