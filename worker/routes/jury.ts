/**
 * The jury of a session: read it with its composition warnings, replace it while the session is
 * open. Mounted at /sessions/:sessionId/jury.
 */
import { Hono } from 'hono'
import { checkJuryComposition, juryUpdateSchema, type JuryMember } from '../../shared/documents/juryComposition'
import { getJury, replaceJury } from '../db/deliberation'
import { withGuards } from '../db/guardErrors'
import type { AppEnv } from '../env'
import { ApiError, ErrorCode } from '../errors'
import { messages } from '../i18n/fr'
import { limitBody, MiB } from '../middleware/limitBody'
import { validate } from '../middleware/validate'
import { sessionParam } from './params'
import { assertSessionOpen, loadSessionContext } from './sessionContext'
import { describeRoute, errors, json } from '../openapi/describe'
import { juryResponse } from '../openapi/responses/jury'

const readDoc = describeRoute({
  summary: 'Jury de la session, avec les alertes de composition',
  tags: ['Jury'],
  responses: { 200: json('Les membres du jury, dans l’ordre du PV.', juryResponse), ...errors(404) },
})
const replaceDoc = describeRoute({
  summary: 'Remplacer le jury d’une session ouverte (alerte sans bloquer si la composition est inhabituelle)',
  tags: ['Jury'],
  responses: { 200: json('Le jury enregistré et ses alertes de composition.', juryResponse), ...errors(404, 423) },
})

/** The jury with its composition check, as GET and PUT answer it (the pane shows it live). */
function juryAnswer(members: readonly JuryMember[]) {
  const check = checkJuryComposition(members)
  return { members, warnings: check.failures.map((f) => f.message), check }
}

export const juryRoutes = new Hono<AppEnv>()
  .get('/', readDoc, validate('param', sessionParam), async (c) => {
    const { sessionId } = c.req.valid('param')
    await loadSessionContext(c.env.DB, sessionId)
    const members = await getJury(c.env.DB, sessionId)
    return c.json(juryAnswer(members), 200)
  })
  .put('/', replaceDoc, limitBody(MiB), validate('param', sessionParam), validate('json', juryUpdateSchema), async (c) => {
    const { sessionId } = c.req.valid('param')
    const { members } = c.req.valid('json')
    const { session } = await loadSessionContext(c.env.DB, sessionId)
    assertSessionOpen(session)
    await withGuards(replaceJury(c.env.DB, { actor: c.var.actor, requestId: c.var.requestId }, sessionId, members), {
      session_locked: () => new ApiError(ErrorCode.SESSION_LOCKED, messages.sessionLocked),
    })
    // An irregular jury is saved all the same: the check is enforced at finalisation.
    return c.json(juryAnswer(members), 200)
  })
