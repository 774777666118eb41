import { Hono } from 'hono'
import { canonicalJson, contentHash } from '../../shared/contentHash'
import { gradePushSchema, validateGradePush, type PushCandidate } from '../../shared/grades/gradePush'
import { listPushCandidates } from '../db/candidates'
import { findConflicts, findIdempotentAnswer, writeGrades } from '../db/grades'
import { guardReason } from '../db/guard'
import type { AppEnv } from '../env'
import { ApiError, ErrorCode } from '../errors'
import { messages } from '../i18n/fr'
import { limitBody, MiB } from '../middleware/limitBody'
import { validate, validationFailed } from '../middleware/validate'
import { sessionParam } from './params'
import { assertSessionOpen, loadSessionContext } from './sessionContext'
import { describeRoute, errors, header, headerParam, json } from '../openapi/describe'
import { gradePushResponse } from '../openapi/responses/grades'

const ROUTE = 'PUT /sessions/:sessionId/grades'
const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,128}$/

const pushDoc = describeRoute({
  summary: 'Enregistrer des notes et décisions du jury, tout ou rien (409 si une ligne a changé)',
  tags: ['Notes'],
  parameters: [headerParam('Idempotency-Key', 'rejouer la même requête avec la même clé renvoie la première réponse ; une clé est propre à l’appelant (utilisateur ou jeton) (1 à 128 caractères imprimables)')],
  responses: {
    200: json('Notes écrites : nouvelles versions des lignes.', gradePushResponse, {
      'Idempotent-Replayed': header('true quand la réponse est celle d’une requête identique déjà traitée'),
    }),
    ...errors(404, 409, 422, 423),
  },
})

export const gradeRoutes = new Hono<AppEnv>().put(
  '/',
  pushDoc,
  limitBody(16 * MiB),
  validate('param', sessionParam),
  validate('json', gradePushSchema),
  async (c) => {
    const { sessionId } = c.req.valid('param')
    const push = c.req.valid('json')
    const db = c.env.DB
    const key = c.req.header('idempotency-key') ?? null
    if (key !== null && !IDEMPOTENCY_KEY.test(key)) {
      throw new ApiError(ErrorCode.VALIDATION_FAILED, messages.invalidIdempotencyKey, {
        issues: [{ path: 'header.idempotency-key', message: 'clé invalide' }],
      })
    }
    const requestHash = await contentHash({ sessionId, push: JSON.parse(canonicalJson(push)) as unknown })
    // A key is the caller's own: another caller's identical request is a request of its own.
    const caller = `${c.var.identity.kind}:${c.var.identity.id}`
    const replay = async () => {
      const previous = key ? await findIdempotentAnswer(db, caller, key, ROUTE) : null
      if (!previous) return null
      if (previous.requestHash !== requestHash) throw new ApiError(ErrorCode.IDEMPOTENCY_KEY_REUSED, messages.idempotencyKeyReused)
      c.header('Idempotent-Replayed', 'true')
      return c.json(previous.response as { rows: Array<{ candidateId: string; rowVersion: number }>; written: { marks: number; decisions: number } }, 200)
    }
    const replayed = await replay()
    if (replayed) return replayed

    const ctx = await loadSessionContext(db, sessionId)
    assertSessionOpen(ctx.session)
    const candidates = new Map<string, PushCandidate>(
      (await listPushCandidates(db, sessionId, push.rows.map((r) => r.candidateId))).map((p) => [p.id, p]),
    )
    const checked = validateGradePush(push, ctx.index, candidates)
    if (!checked.ok) {
      throw validationFailed(checked.issues)
    }
    const write = {
      sessionId,
      rows: checked.rows,
      reason: push.reason,
      source: 'manual' as const,
      idempotency: key ? { caller, key, route: ROUTE, requestHash } : null,
    }
    try {
      const result = await writeGrades(db, { actor: c.var.actor, requestId: c.var.requestId }, write)
      return c.json(result, 200)
    } catch (error) {
      const reason = guardReason(error)
      // An identical request with the same key may have won the race: answer as it did.
      if (key && (reason === 'stale_rows' || /UNIQUE constraint failed: idempotency_key/.test(String(error)))) {
        const again = await replay()
        if (again) return again
      }
      if (reason === 'session_locked') throw new ApiError(ErrorCode.SESSION_LOCKED, messages.sessionLocked)
      // Withdrawn between the check and the batch.
      if (reason === 'candidate_withdrawn') throw new ApiError(ErrorCode.CONFLICT, messages.candidateWithdrawnNoGrades)
      if (reason === 'stale_rows') {
        const conflicts = await findConflicts(db, sessionId, checked.rows)
        throw new ApiError(ErrorCode.CONFLICT, conflicts.length > 0 ? messages.staleRows(conflicts.length) : messages.staleRowsSameValues, { conflicts })
      }
      throw error
    }
  },
)
