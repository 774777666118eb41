/**
 * Deliberation of a session: finalise (recompute every result from the stored marks, compare
 * with what the workbook shows, freeze the results, write the next PV version and lock the
 * session) and amend (reopen a deliberated session with a mandatory reason). Mounted at
 * /sessions/:sessionId.
 */
import { Hono } from 'hono'
import { canonicalJson } from '../../shared/contentHash'
import { effectiveRncpCode } from '../../shared/documents/certifierSettings'
import {
  amendRequestSchema,
  compareWithComputation,
  finaliseRequestSchema,
  type FinalisationCandidate,
} from '../../shared/documents/finalisation'
import { personLabel } from '../../shared/documents/frenchFormat'
import { checkJuryComposition } from '../../shared/documents/juryComposition'
import { buildPvSnapshot, pvContentHash } from '../../shared/documents/pvSnapshot'
import type { CandidateResult } from '../../shared/results/sessionResults'
import { listCandidates } from '../db/candidates'
import { amendmentAfter, amendSession, finaliseSession, getJury, latestPvVersion } from '../db/deliberation'
import { packSnapshot } from '../db/documents'
import { readGrid, type Grid } from '../db/grid'
import { withGuards } from '../db/guardErrors'
import { getSession } from '../db/sessions'
import { actorNamesOf } from '../db/users'
import type { AppEnv, Env } from '../env'
import { ApiError, ErrorCode } from '../errors'
import { messages } from '../i18n/fr'
import { limitBody, MiB } from '../middleware/limitBody'
import { validate } from '../middleware/validate'
import { sessionParam } from './params'
import { certifierSettingsFor } from './certifierSettings'
import { assertSessionOpen, loadSessionContext, rulesOf } from './sessionContext'
import { describeRoute, errors, json } from '../openapi/describe'
import { amendResponse, finaliseResponse } from '../openapi/responses/deliberation'

/** The grid's rows as the rules engine reads them, labelled for French messages. */
export function storedGradesOf(grid: Grid): FinalisationCandidate[] {
  const decisionsByRow = new Map(grid.decisions)
  const c = grid.candidates
  return c.ids.map((id, row) => ({
    candidateId: id,
    label: personLabel({ birthName: c.birthNames[row] ?? '', usageName: null, firstNames: c.firstNames[row] ?? [], schoolId: c.schoolIds[row] ?? '' }),
    optionCode: c.optionCodes[row] ?? null,
    capitalisedBlocCodes: (c.capitalisedBlocs[row] ?? []).map((b) => b.blocCode),
    marks: grid.marks[row] ?? [],
    decisions: Object.fromEntries((decisionsByRow.get(row) ?? []).map((d) => [d.blocCode, { code: d.code, reason: d.reason }])),
  }))
}

export async function readGridOrThrow(env: Env, sessionId: string): Promise<Grid> {
  const grid = await readGrid(env.DB, sessionId)
  if (!grid) throw new ApiError(ErrorCode.NOT_FOUND, messages.sessionNotFound(sessionId), { sessionId })
  return grid
}

function blocRecords(final: readonly CandidateResult[]) {
  return final.flatMap((result) =>
    Object.entries(result.blocs).map(([blocCode, bloc]) => ({
      candidateId: result.candidateId,
      blocCode,
      computedCode: bloc.computedCode,
      overrideCode: bloc.override,
      overrideReason: bloc.overrideReason,
      finalCode: bloc.code,
    })),
  )
}

const finaliseDoc = describeRoute({
  summary: 'Finaliser la délibération : recalcul depuis les notes, comparaison avec les résultats envoyés (409 avec les écarts), PV, verrouillage',
  description:
    'Un jury qui ne respecte pas les règles de composition (collégial, moitié au moins d’extérieurs, un président) est refusé (422 JURY_COMPOSITION_INVALID, details.failures) sauf dérogation motivée (juryOverride.reason), portée au PV et au journal. Un paramètre du certificateur manquant : 409 SETTINGS_INCOMPLETE.',
  tags: ['Délibération'],
  responses: {
    200: json('Session délibérée et verrouillée, PV écrit.', finaliseResponse),
    ...errors(404, 409, 422, 423),
  },
})
const amendDoc = describeRoute({
  summary: 'Rouvrir une session délibérée avec un motif obligatoire (la finalisation suivante écrit le PV n+1)',
  tags: ['Délibération'],
  responses: { 200: json('Session rouverte.', amendResponse), ...errors(404, 409) },
})

export const deliberationRoutes = new Hono<AppEnv>()
  .post('/finalise', finaliseDoc, limitBody(16 * MiB), validate('param', sessionParam), validate('json', finaliseRequestSchema), async (c) => {
    const { sessionId } = c.req.valid('param')
    const body = c.req.valid('json')
    const db = c.env.DB
    const ctx = await loadSessionContext(db, sessionId)
    assertSessionOpen(ctx.session)
    // The jury's composition first: the user must see it before anything else is looked at.
    const jury = await getJury(db, sessionId)
    const juryCheck = checkJuryComposition(jury)
    if (!juryCheck.ok && !body.juryOverride) {
      throw new ApiError(ErrorCode.JURY_COMPOSITION_INVALID, messages.juryCompositionInvalid(juryCheck.failures.map((f) => f.message).join(' ')), {
        failures: juryCheck.failures,
        overridable: true,
      })
    }
    const juryComposition = {
      failures: juryCheck.failures.map((f) => f.message),
      overrideReason: juryCheck.ok ? null : (body.juryOverride?.reason ?? null),
    }
    const settings = await certifierSettingsFor(c.env, ctx.referential.rncpCode === null ? ['certifierName', 'rncpCode'] : ['certifierName'])
    const grid = await readGridOrThrow(c.env, sessionId)
    if (body.gridVersion !== undefined && body.gridVersion !== grid.session.gridVersion) {
      throw new ApiError(ErrorCode.CONFLICT, messages.gridVersionMismatch(body.gridVersion, grid.session.gridVersion), {
        clientGridVersion: body.gridVersion,
        serverGridVersion: grid.session.gridVersion,
      })
    }
    const outcome = compareWithComputation(rulesOf(ctx.referential), grid.criteres.map((k) => k.code), storedGradesOf(grid), body.results)
    if (!outcome.ok) {
      throw new ApiError(ErrorCode.CONFLICT, messages.finaliseDifferences(outcome.differences.length), { differences: outcome.differences })
    }

    const [candidates, previous] = await Promise.all([listCandidates(db, sessionId), latestPvVersion(db, sessionId)])
    const amendment = previous > 0 ? await amendmentAfter(db, sessionId, previous) : null
    const version = previous + 1
    // The PV prints people by name: the actor keys are resolved once, frozen in the snapshot.
    const nameOf = await actorNamesOf(db, [c.var.actor, ...(amendment ? [amendment.amendedBy] : [])])
    const snapshot = buildPvSnapshot({
      version,
      amendment: amendment && { previousVersion: previous, reason: amendment.reason, by: nameOf(amendment.amendedBy), at: amendment.amendedAt },
      certifier: {
        name: settings.certifierName ?? '',
        siret: settings.siret,
        address: settings.address,
        rncpCode: effectiveRncpCode(ctx.referential.rncpCode, settings) ?? '',
        rncpRegistrationDate: settings.rncpRegistrationDate,
        nsfCodes: settings.nsfCodes,
        city: settings.city,
        signatory: settings.signatory,
      },
      referential: ctx.referential,
      session: ctx.session,
      jury,
      ...(juryCheck.ok ? {} : { juryComposition }),
      candidates,
      final: outcome.final,
      computed: outcome.computed,
      finalisedAt: new Date().toISOString(),
      finalisedBy: nameOf(c.var.actor),
    })
    const contentHash = await pvContentHash(snapshot)
    const computedById = new Map(outcome.computed.map((r) => [r.candidateId, r.decision]))
    const warnings = juryComposition.failures
    await withGuards(
      finaliseSession(db, { actor: c.var.actor, requestId: c.var.requestId }, {
        sessionId,
        gridVersion: grid.session.gridVersion,
        pvVersion: version,
        contentHash,
        snapshot: await packSnapshot(canonicalJson(snapshot)),
        candidateCount: snapshot.candidates.length,
        amendmentId: amendment?.id ?? null,
        blocDecisions: blocRecords(outcome.final),
        certificationDecisions: outcome.final.map((r) => ({
          candidateId: r.candidateId,
          computedCode: computedById.get(r.candidateId) ?? r.decision,
          finalCode: r.decision,
        })),
        newOverrides: outcome.newOverrides,
        juryOverride: juryComposition.overrideReason === null ? null : { failures: juryComposition.failures, reason: juryComposition.overrideReason },
        details: {
          counts: snapshot.counts,
          newOverrides: outcome.newOverrides.length,
          juryWarnings: warnings,
          juryOverrideReason: juryComposition.overrideReason,
          warnings: outcome.warnings,
        },
      }),
      {
        session_locked: () => new ApiError(ErrorCode.SESSION_LOCKED, messages.sessionLocked),
        stale_grid: () => new ApiError(ErrorCode.CONFLICT, messages.staleGridForFinalise),
        pv_version_taken: () => new ApiError(ErrorCode.SESSION_LOCKED, messages.sessionLocked),
      },
    )
    return c.json(
      {
        session: await getSession(db, sessionId),
        pv: { version, contentHash, href: `/api/v1/sessions/${sessionId}/pv/${version}.pdf` },
        counts: snapshot.counts,
        overrides: outcome.newOverrides,
        juryComposition: { ok: juryCheck.ok, ...juryComposition },
        warnings: [...warnings, ...outcome.warnings],
      },
      200,
    )
  })
  .post('/amend', amendDoc, limitBody(64 * 1024), validate('param', sessionParam), validate('json', amendRequestSchema), async (c) => {
    const { sessionId } = c.req.valid('param')
    const { reason } = c.req.valid('json')
    const db = c.env.DB
    const { session } = await loadSessionContext(db, sessionId)
    if (session.status !== 'deliberated') throw new ApiError(ErrorCode.CONFLICT, messages.sessionNotAmendable, { status: session.status })
    const amendedPvVersion = await latestPvVersion(db, sessionId)
    await withGuards(amendSession(db, { actor: c.var.actor, requestId: c.var.requestId }, sessionId, amendedPvVersion, reason), {
      not_deliberated: () => new ApiError(ErrorCode.CONFLICT, messages.sessionNotAmendable),
    })
    return c.json({ session: await getSession(db, sessionId), amendment: { amendedPvVersion, reason, nextPvVersion: amendedPvVersion + 1 } }, 200)
  })
