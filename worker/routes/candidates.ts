import { Hono } from 'hono'
import * as z from '../../shared/zod'
import { checkCandidateAgainstReferential } from '../../shared/candidates/referentialChecks'
import { candidateInputSchema, type CandidateInput } from '../../shared/candidates/schema'
import { candidateListTemplateCsv, MAX_CANDIDATE_LIST_BYTES, parseCandidateList } from '../../shared/formats/candidateList'
import {
  createCandidate,
  deleteCandidate,
  getCandidate,
  listCandidates,
  previewUpsert,
  updateCandidate,
  upsertCandidates,
} from '../db/candidates'
import { withGuards } from '../db/guardErrors'
import type { AppEnv } from '../env'
import { ApiError, ErrorCode } from '../errors'
import { messages } from '../i18n/fr'
import { limitBody, MiB } from '../middleware/limitBody'
import { validate, type ValidationIssue } from '../middleware/validate'
import { candidateParam, sessionParam } from './params'
import { assertSessionOpen, loadSessionContext, type SessionContext } from './sessionContext'
import { describeRoute, errors, file, json, MEDIA, noContent, rawBody } from '../openapi/describe'
import { bulkResponse, candidateResponse, candidatesResponse, importResponse } from '../openapi/responses/candidates'

const candidateUpdateSchema = z.object({ rowVersion: z.number().int().positive(), candidate: candidateInputSchema }).strict()
const candidateBulkSchema = z
  .object({ candidates: z.array(candidateInputSchema).min(1).max(20_000, { message: '20 000 candidats au plus par envoi' }) })
  .strict()
const importQuery = z.object({
  fileName: z.string().trim().min(1).max(255).default('liste.csv'),
  dryRun: z.enum(['true', 'false'], { message: 'dryRun vaut true ou false' }).default('true'),
})
const rowVersionQuery = z.object({ rowVersion: z.coerce.number().int().positive({ message: 'version de ligne attendue' }) })

/** Référentiel checks of candidates, as validation issues located in the request body. */
function assertMatchesReferential(ctx: SessionContext, candidates: Array<{ path: string; candidate: CandidateInput }>): void {
  const issues: ValidationIssue[] = candidates.flatMap(({ path, candidate }) =>
    checkCandidateAgainstReferential(candidate, ctx.index).map((i) => ({ path: `${path}.${i.field}`, message: i.message })),
  )
  const seen = new Map<string, string>()
  for (const { path, candidate } of candidates) {
    const first = seen.get(candidate.schoolId)
    if (first) issues.push({ path: `${path}.schoolId`, message: `identifiant « ${candidate.schoolId} » déjà utilisé par ${first}` })
    else seen.set(candidate.schoolId, path)
  }
  if (issues.length > 0) {
    throw new ApiError(ErrorCode.VALIDATION_FAILED, messages.invalidRequest(issues.map((i) => `${i.path} — ${i.message}`).slice(0, 5).join(' ; ')), { issues })
  }
}

const guards = (schoolId?: string) => ({
  session_locked: () => new ApiError(ErrorCode.SESSION_LOCKED, messages.sessionLocked),
  stale_row: () => new ApiError(ErrorCode.CONFLICT, messages.staleCandidate),
  duplicate_school_id: () =>
    new ApiError(ErrorCode.CONFLICT, messages.duplicateSchoolId(schoolId ?? ''), { issues: [{ path: 'body.schoolId', message: 'identifiant déjà utilisé' }] }),
})

const listDoc = describeRoute({
  summary: 'Candidats de la session',
  tags: ['Candidats'],
  responses: { 200: json('Les candidats, dans l’ordre de la grille.', candidatesResponse), ...errors(404) },
})
const createDoc = describeRoute({
  summary: 'Créer un candidat',
  tags: ['Candidats'],
  responses: { 201: json('Le candidat créé.', candidateResponse), ...errors(404, 409, 423) },
})
const bulkDoc = describeRoute({
  summary: 'Créer ou mettre à jour des candidats en masse (clé : identifiant école)',
  tags: ['Candidats'],
  responses: { 200: json('Ce qui a été créé, modifié ou laissé tel quel, tout ou rien.', bulkResponse), ...errors(404, 409, 423) },
})
const templateDoc = describeRoute({
  summary: 'Modèle CSV de liste de candidats (en-têtes français)',
  tags: ['Candidats'],
  responses: { 200: file('Le modèle (UTF-8, séparateur « ; »).', MEDIA.csv) },
})
const importDoc = describeRoute({
  summary: 'Importer une liste de candidats CSV ou xlsx (aperçu par défaut, puis dryRun=false pour écrire)',
  tags: ['Candidats'],
  requestBody: rawBody('Le fichier tel quel (CSV ou xlsx, 5 Mo au plus).', [MEDIA.csv, MEDIA.xlsx, 'application/octet-stream']),
  responses: {
    200: json('L’aperçu (dryRun=true) ou ce qui a été écrit (dryRun=false) ; chaque erreur est localisée (ligne, colonne, champ).', importResponse),
    ...errors(404, 409, 423),
  },
})
const readDoc = describeRoute({
  summary: 'Lire un candidat',
  tags: ['Candidats'],
  responses: { 200: json('Le candidat.', candidateResponse), ...errors(404) },
})
const updateDoc = describeRoute({
  summary: 'Modifier un candidat (version de ligne attendue)',
  tags: ['Candidats'],
  responses: { 200: json('Le candidat modifié.', candidateResponse), ...errors(404, 409, 423) },
})
const deleteDoc = describeRoute({
  summary: 'Supprimer un candidat (version de ligne attendue)',
  tags: ['Candidats'],
  responses: { 204: noContent('Candidat supprimé, avec ses notes et décisions.'), ...errors(404, 409, 423) },
})

export const candidateRoutes = new Hono<AppEnv>()
  .get('/', listDoc, validate('param', sessionParam), async (c) => {
    const { sessionId } = c.req.valid('param')
    await loadSessionContext(c.env.DB, sessionId)
    return c.json({ candidates: await listCandidates(c.env.DB, sessionId) }, 200)
  })
  .post('/', createDoc, limitBody(MiB), validate('param', sessionParam), validate('json', candidateInputSchema), async (c) => {
    const { sessionId } = c.req.valid('param')
    const input = c.req.valid('json')
    const ctx = await loadSessionContext(c.env.DB, sessionId)
    assertSessionOpen(ctx.session)
    assertMatchesReferential(ctx, [{ path: 'body', candidate: input }])
    const id = crypto.randomUUID()
    await withGuards(createCandidate(c.env.DB, { actor: c.var.actor, requestId: c.var.requestId }, sessionId, input, id), guards(input.schoolId))
    return c.json({ candidate: await getCandidate(c.env.DB, sessionId, id) }, 201)
  })
  .post('/bulk', bulkDoc, limitBody(16 * MiB), validate('param', sessionParam), validate('json', candidateBulkSchema), async (c) => {
    const { sessionId } = c.req.valid('param')
    const { candidates } = c.req.valid('json')
    const ctx = await loadSessionContext(c.env.DB, sessionId)
    assertSessionOpen(ctx.session)
    assertMatchesReferential(ctx, candidates.map((candidate, i) => ({ path: `body.candidates[${i}]`, candidate })))
    const summary = await withGuards(upsertCandidates(c.env.DB, { actor: c.var.actor, requestId: c.var.requestId }, sessionId, candidates), guards())
    return c.json({ summary }, 200)
  })
  .get('/import-template.csv', templateDoc, validate('param', sessionParam), (c) => {
    c.header('Content-Type', 'text/csv; charset=utf-8')
    c.header('Content-Disposition', 'attachment; filename="modele-candidats.csv"')
    return c.body(candidateListTemplateCsv(), 200)
  })
  /**
   * A candidate list file (CSV or xlsx) as the raw body. `dryRun=true` (the default) answers what
   * would be created, updated or left unchanged, with every error located; `dryRun=false` writes
   * it, all or nothing, and refuses a file that has any error.
   */
  .post('/import', importDoc, limitBody(MAX_CANDIDATE_LIST_BYTES + 64 * 1024), validate('param', sessionParam), validate('query', importQuery), async (c) => {
    const { sessionId } = c.req.valid('param')
    const { fileName, dryRun } = c.req.valid('query')
    const ctx = await loadSessionContext(c.env.DB, sessionId)
    if (dryRun === 'false') assertSessionOpen(ctx.session)
    const parsed = await parseCandidateList(new Uint8Array(await c.req.arrayBuffer()), fileName, ctx.referential)
    const candidates = parsed.candidates.map((i) => i.candidate)
    const preview = {
      fileName,
      format: parsed.format,
      sheet: parsed.sheet ?? null,
      rows: parsed.candidates.length,
      errors: parsed.errors,
      warnings: parsed.warnings,
      ...(await previewUpsert(c.env.DB, sessionId, candidates)),
    }
    if (dryRun === 'true') return c.json({ dryRun: true, preview }, 200)
    if (parsed.errors.length > 0) {
      throw new ApiError(ErrorCode.VALIDATION_FAILED, messages.importHasErrors(fileName, parsed.errors.length), {
        issues: parsed.errors.map((e) => ({ path: `file${e.row === null ? '' : `.row[${e.row}]`}${e.field ? `.${e.field}` : ''}`, message: e.message })),
      })
    }
    const summary = await withGuards(
      upsertCandidates(c.env.DB, { actor: c.var.actor, requestId: c.var.requestId }, sessionId, candidates, 'candidate.import'),
      guards(),
    )
    return c.json({ dryRun: false, preview: { ...preview, ...summary } }, 200)
  })
  .get('/:candidateId', readDoc, validate('param', candidateParam), async (c) => {
    const { sessionId, candidateId } = c.req.valid('param')
    const candidate = await getCandidate(c.env.DB, sessionId, candidateId)
    if (!candidate) throw new ApiError(ErrorCode.NOT_FOUND, messages.candidateNotFound(candidateId), { candidateId })
    return c.json({ candidate }, 200)
  })
  .put('/:candidateId', updateDoc, limitBody(MiB), validate('param', candidateParam), validate('json', candidateUpdateSchema), async (c) => {
    const { sessionId, candidateId } = c.req.valid('param')
    const { rowVersion, candidate: input } = c.req.valid('json')
    const ctx = await loadSessionContext(c.env.DB, sessionId)
    assertSessionOpen(ctx.session)
    assertMatchesReferential(ctx, [{ path: 'body.candidate', candidate: input }])
    if (!(await getCandidate(c.env.DB, sessionId, candidateId))) {
      throw new ApiError(ErrorCode.NOT_FOUND, messages.candidateNotFound(candidateId), { candidateId })
    }
    await withGuards(
      updateCandidate(c.env.DB, { actor: c.var.actor, requestId: c.var.requestId }, sessionId, candidateId, rowVersion, input),
      guards(input.schoolId),
    )
    return c.json({ candidate: await getCandidate(c.env.DB, sessionId, candidateId) }, 200)
  })
  .delete('/:candidateId', deleteDoc, validate('param', candidateParam), validate('query', rowVersionQuery), async (c) => {
    const { sessionId, candidateId } = c.req.valid('param')
    const { rowVersion } = c.req.valid('query')
    const ctx = await loadSessionContext(c.env.DB, sessionId)
    assertSessionOpen(ctx.session)
    if (!(await getCandidate(c.env.DB, sessionId, candidateId))) {
      throw new ApiError(ErrorCode.NOT_FOUND, messages.candidateNotFound(candidateId), { candidateId })
    }
    await withGuards(deleteCandidate(c.env.DB, { actor: c.var.actor, requestId: c.var.requestId }, sessionId, candidateId, rowVersion), guards())
    return c.body(null, 204)
  })
