import type { D1Database } from '@cloudflare/workers-types'
import { Hono } from 'hono'
import * as z from '../../shared/zod'
import { planCandidateImport, withStoredOrigins } from '../../shared/candidates/importPlan'
import { checkCandidateAgainstReferential } from '../../shared/candidates/referentialChecks'
import { candidateInputSchema, type CandidateInput } from '../../shared/candidates/schema'
import {
  candidateListTemplateCsv,
  MAX_CANDIDATE_LIST_BYTES,
  MAX_CANDIDATE_LIST_ROWS,
  parseCandidateList,
  parseCandidateSheet,
  type CandidateListResult,
} from '../../shared/formats/candidateList'
import {
  commitCandidateImport,
  createCandidate,
  deleteCandidate,
  getCandidate,
  getCandidateListVersion,
  listCandidates,
  reinstateCandidate,
  updateCandidate,
  upsertCandidates,
  withdrawCandidate,
} from '../db/candidates'
import { withGuards } from '../db/guardErrors'
import type { AppEnv } from '../env'
import { ApiError, ErrorCode } from '../errors'
import { messages } from '../i18n/fr'
import { limitBody, MiB } from '../middleware/limitBody'
import { validate, validationFailed, type ValidationIssue } from '../middleware/validate'
import { candidateParam, sessionParam } from './params'
import { assertSessionOpen, loadSessionContext, type SessionContext } from './sessionContext'
import { describeRoute, errors, file, json, MEDIA, noContent, rawBody } from '../openapi/describe'
import { bulkResponse, candidateResponse, candidatesResponse, importResponse } from '../openapi/responses/candidates'

/** The stored candidate's read-only keys: a client may send back what it read without them failing. */
const READ_ONLY_KEYS = new Set(['status', 'withdrawnAt', 'withdrawalReason'])
const candidateUpdateSchema = z
  .object({
    rowVersion: z.number().int().positive(),
    candidate: z.preprocess(
      (value) => (value !== null && typeof value === 'object' && !Array.isArray(value) ? Object.fromEntries(Object.entries(value).filter(([k]) => !READ_ONLY_KEYS.has(k))) : value),
      candidateInputSchema,
    ),
  })
  .strict()
const candidateBulkSchema = z
  .object({ candidates: z.array(candidateInputSchema).min(1).max(20_000, { message: '20 000 candidats au plus par envoi' }) })
  .strict()
const absentOption = z.enum(['withdraw', 'keep'], { message: 'absent vaut withdraw (désinscrire) ou keep (laisser)' }).default('withdraw')
const importQuery = z.object({
  fileName: z.string().trim().min(1).max(255).default('liste.csv'),
  dryRun: z.enum(['true', 'false'], { message: 'dryRun vaut true ou false' }).default('true'),
  absent: absentOption,
  candidateListVersion: z.coerce.number().int().positive({ message: 'version de la liste attendue' }).optional(),
})
const sheetCell = z.union([z.string().max(10_000), z.number(), z.boolean(), z.null()])
export const candidateSheetImportSchema = z
  .object({
    fileName: z.string().trim().min(1).max(255).default('Classeur'),
    sheet: z.string().trim().min(1).max(31).default('Candidats'),
    firstRow: z.number().int().min(1).max(1_048_576).default(1),
    rows: z
      .array(z.array(sheetCell).max(500, { message: '500 colonnes au plus' }))
      .max(MAX_CANDIDATE_LIST_ROWS + 100, { message: '20 000 lignes de candidats au plus' }),
    dryRun: z.boolean().default(true),
    absent: absentOption,
    candidateListVersion: z.number().int().positive().optional(),
  })
  .strict()
export const candidateWithdrawSchema = z
  .object({
    rowVersion: z.number().int().positive(),
    reason: z.string().trim().min(1, { message: 'le motif de la désinscription est obligatoire' }).max(500, { message: '500 caractères au plus' }),
  })
  .strict()
export const candidateReinstateSchema = z.object({ rowVersion: z.number().int().positive() }).strict()
const rowVersionQuery = z.object({ rowVersion: z.coerce.number().int().positive({ message: 'version de ligne attendue' }) })

/** Référentiel checks of candidates, as validation issues located in the request body. */
function assertMatchesReferential(ctx: SessionContext, candidates: Array<{ path: string; candidate: CandidateInput }>): void {
  const issues: ValidationIssue[] = candidates.flatMap(({ path, candidate }) =>
    checkCandidateAgainstReferential(candidate, ctx.index).map((i) => ({ path: `${path}.${i.field}`, message: i.message })),
  )
  const seen = new Map<string, string>()
  for (const { path, candidate } of candidates) {
    const first = seen.get(candidate.schoolId)
    if (first) issues.push({ path: `${path}.schoolId`, message: `identifiant « ${candidate.schoolId} » déjà utilisé par ${first}` })
    else seen.set(candidate.schoolId, path)
  }
  if (issues.length > 0) {
    throw validationFailed(issues)
  }
}

const guards = (schoolId?: string) => ({
  session_locked: () => new ApiError(ErrorCode.SESSION_LOCKED, messages.sessionLocked),
  stale_row: () => new ApiError(ErrorCode.CONFLICT, messages.staleCandidate),
  already_withdrawn: () => new ApiError(ErrorCode.CONFLICT, messages.candidateAlreadyWithdrawn),
  not_withdrawn: () => new ApiError(ErrorCode.CONFLICT, messages.candidateNotWithdrawn),
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
  summary: 'Créer ou mettre à jour des candidats en masse (clé : identifiant école)',
  tags: ['Candidats'],
  responses: { 200: json('Ce qui a été créé, modifié ou laissé tel quel, tout ou rien.', bulkResponse), ...errors(404, 409, 423) },
})
const templateDoc = describeRoute({
  summary: 'Modèle CSV de liste de candidats (en-têtes français)',
  tags: ['Candidats'],
  responses: { 200: file('Le modèle (UTF-8, séparateur « ; »).', MEDIA.csv) },
})
const importDoc = describeRoute({
  summary:
    'Importer une liste de candidats CSV ou xlsx : aperçu ligne par ligne (nouveau, modifié, inchangé, désinscrit, réinscrit, erreur) par défaut, puis dryRun=false pour écrire tout ou rien',
  tags: ['Candidats'],
  requestBody: rawBody('Le fichier tel quel (CSV ou xlsx, 5 Mo au plus).', [MEDIA.csv, MEDIA.xlsx, 'application/octet-stream']),
  responses: {
    200: json('L’aperçu (dryRun=true) ou ce qui a été écrit (dryRun=false) ; chaque erreur est localisée (ligne, colonne, champ).', importResponse),
    ...errors(404, 409, 423),
  },
})
const importSheetDoc = describeRoute({
  summary: 'Importer la feuille « Candidats » envoyée en valeurs (mêmes colonnes, même aperçu et même import tout ou rien que le fichier)',
  tags: ['Candidats'],
  responses: {
    200: json('L’aperçu (dryRun=true) ou ce qui a été écrit (dryRun=false) ; chaque erreur est localisée (feuille, cellule, colonne).', importResponse),
    ...errors(404, 409, 423),
  },
})
const withdrawDoc = describeRoute({
  summary: 'Désinscrire un candidat avec un motif (conservé, exclu de la grille, des résultats et des documents)',
  tags: ['Candidats'],
  responses: { 200: json('Le candidat désinscrit.', candidateResponse), ...errors(404, 409, 423) },
})
const reinstateDoc = describeRoute({
  summary: 'Réinscrire un candidat désinscrit (ses notes conservées reviennent dans la grille)',
  tags: ['Candidats'],
  responses: { 200: json('Le candidat réinscrit.', candidateResponse), ...errors(404, 409, 423) },
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

interface ImportRequest {
  sessionId: string
  fileName: string
  dryRun: boolean
  absent: 'withdraw' | 'keep'
  candidateListVersion: number | undefined
  audit: { actor: string; requestId: string }
}

/**
 * The dry run and the commit of an import, whatever the file came as: the plan against the
 * session's candidates now, then (commit) one guarded batch. The answer is the same either way.
 */
async function runImport(db: D1Database, ctx: SessionContext, parsed: CandidateListResult, request: ImportRequest) {
  const [existing, listVersion] = await Promise.all([listCandidates(db, request.sessionId), getCandidateListVersion(db, request.sessionId)])
  const plan = planCandidateImport(parsed, existing, { absent: request.absent, fileName: request.fileName })
  const errors = [...parsed.errors, ...plan.errors]
  const preview = {
    fileName: request.fileName,
    format: parsed.format,
    sheet: parsed.sheet ?? null,
    rows: parsed.candidates.length + parsed.rejected.length,
    candidateListVersion: listVersion ?? 0,
    errors,
    warnings: parsed.warnings,
    lines: plan.lines,
    created: plan.created,
    updated: plan.updated,
    unchanged: plan.unchanged,
    withdrawn: plan.withdrawn,
    reinstated: plan.reinstated,
  }
  if (request.dryRun) return { dryRun: true, preview }
  assertSessionOpen(ctx.session)
  if (errors.length > 0) {
    throw new ApiError(ErrorCode.VALIDATION_FAILED, messages.importHasErrors(request.fileName, errors.length), {
      issues: errors.map((e) => ({ path: `file${e.row === null ? '' : `.row[${e.row}]`}${e.field ? `.${e.field}` : ''}`, message: e.message })),
    })
  }
  const expected = request.candidateListVersion ?? null
  if (expected !== null && expected !== listVersion) {
    throw new ApiError(ErrorCode.CONFLICT, messages.staleCandidateList(expected, listVersion ?? 0), { clientVersion: expected, serverVersion: listVersion })
  }
  await withGuards(commitCandidateImport(db, request.audit, request.sessionId, plan, expected, request.fileName), {
    ...guards(),
    stale_candidate_list: () => new ApiError(ErrorCode.CONFLICT, messages.staleCandidateList(expected ?? 0, (listVersion ?? 0) + 1), { clientVersion: expected }),
  })
  return { dryRun: false, preview: { ...preview, candidateListVersion: (await getCandidateListVersion(db, request.sessionId)) ?? 0 } }
}

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
  .get('/import-template.csv', templateDoc, validate('param', sessionParam), async (c) => {
    const { sessionId } = c.req.valid('param')
    const ctx = await loadSessionContext(c.env.DB, sessionId)
    c.header('Content-Type', 'text/csv; charset=utf-8')
    c.header('Content-Disposition', 'attachment; filename="modele-candidats.csv"')
    return c.body(candidateListTemplateCsv(ctx.referential), 200)
  })
  /**
   * A candidate list file (CSV or xlsx) as the raw body. `dryRun=true` (the default) answers what
   * each row would do (new, changed, unchanged, withdrawn, reinstated, error) with every error
   * located; `dryRun=false` writes it, all or nothing, and refuses a file that has any error or a
   * candidate list that changed since the dry run (`candidateListVersion`).
   */
  .post('/import', importDoc, limitBody(MAX_CANDIDATE_LIST_BYTES + 64 * 1024, MAX_CANDIDATE_LIST_BYTES), validate('param', sessionParam), validate('query', importQuery), async (c) => {
    const { sessionId } = c.req.valid('param')
    const query = c.req.valid('query')
    const ctx = await loadSessionContext(c.env.DB, sessionId)
    if (query.dryRun === 'false') assertSessionOpen(ctx.session)
    const parsed = await parseCandidateList(new Uint8Array(await c.req.arrayBuffer()), query.fileName, ctx.referential)
    const answer = await runImport(c.env.DB, ctx, parsed, {
      sessionId,
      fileName: query.fileName,
      dryRun: query.dryRun === 'true',
      absent: query.absent,
      candidateListVersion: query.candidateListVersion,
      audit: { actor: c.var.actor, requestId: c.var.requestId },
    })
    return c.json(answer, 200)
  })
  /** The same import from a worksheet's values (the task pane's « Candidats » sheet). */
  .post('/import-sheet', importSheetDoc, limitBody(16 * MiB), validate('param', sessionParam), validate('json', candidateSheetImportSchema), async (c) => {
    const { sessionId } = c.req.valid('param')
    const body = c.req.valid('json')
    const ctx = await loadSessionContext(c.env.DB, sessionId)
    if (!body.dryRun) assertSessionOpen(ctx.session)
    const parsed = parseCandidateSheet({ fileName: body.fileName, sheet: body.sheet, firstRow: body.firstRow, rows: body.rows }, ctx.referential)
    const answer = await runImport(c.env.DB, ctx, parsed, {
      sessionId,
      fileName: body.fileName,
      dryRun: body.dryRun,
      absent: body.absent,
      candidateListVersion: body.candidateListVersion,
      audit: { actor: c.var.actor, requestId: c.var.requestId },
    })
    return c.json(answer, 200)
  })
  .get('/:candidateId', readDoc, validate('param', candidateParam), async (c) => {
    const { sessionId, candidateId } = c.req.valid('param')
    const candidate = await getCandidate(c.env.DB, sessionId, candidateId)
    if (!candidate) throw new ApiError(ErrorCode.NOT_FOUND, messages.candidateNotFound(candidateId), { candidateId })
    return c.json({ candidate }, 200)
  })
  .put('/:candidateId', updateDoc, limitBody(MiB), validate('param', candidateParam), validate('json', candidateUpdateSchema), async (c) => {
    const { sessionId, candidateId } = c.req.valid('param')
    const { rowVersion, candidate: sent } = c.req.valid('json')
    const ctx = await loadSessionContext(c.env.DB, sessionId)
    assertSessionOpen(ctx.session)
    assertMatchesReferential(ctx, [{ path: 'body.candidate', candidate: sent }])
    const current = await getCandidate(c.env.DB, sessionId, candidateId)
    if (!current) throw new ApiError(ErrorCode.NOT_FOUND, messages.candidateNotFound(candidateId), { candidateId })
    // A capitalised bloc sent without its origin keeps the stored one (a rattrapage's session).
    const input = { ...sent, capitalisedBlocs: withStoredOrigins(sent.capitalisedBlocs, current.capitalisedBlocs) }
    await withGuards(
      updateCandidate(c.env.DB, { actor: c.var.actor, requestId: c.var.requestId }, sessionId, candidateId, rowVersion, input),
      guards(input.schoolId),
    )
    return c.json({ candidate: await getCandidate(c.env.DB, sessionId, candidateId) }, 200)
  })
  /** « Désinscrire »: kept for the record, left out of the grid, the results and the documents. */
  .post('/:candidateId/withdraw', withdrawDoc, limitBody(16 * 1024), validate('param', candidateParam), validate('json', candidateWithdrawSchema), async (c) => {
    const { sessionId, candidateId } = c.req.valid('param')
    const { rowVersion, reason } = c.req.valid('json')
    const ctx = await loadSessionContext(c.env.DB, sessionId)
    assertSessionOpen(ctx.session)
    const current = await getCandidate(c.env.DB, sessionId, candidateId)
    if (!current) throw new ApiError(ErrorCode.NOT_FOUND, messages.candidateNotFound(candidateId), { candidateId })
    await withGuards(
      withdrawCandidate(c.env.DB, { actor: c.var.actor, requestId: c.var.requestId }, sessionId, candidateId, current.schoolId, rowVersion, reason),
      guards(),
    )
    return c.json({ candidate: await getCandidate(c.env.DB, sessionId, candidateId) }, 200)
  })
  .post('/:candidateId/reinstate', reinstateDoc, limitBody(16 * 1024), validate('param', candidateParam), validate('json', candidateReinstateSchema), async (c) => {
    const { sessionId, candidateId } = c.req.valid('param')
    const { rowVersion } = c.req.valid('json')
    const ctx = await loadSessionContext(c.env.DB, sessionId)
    assertSessionOpen(ctx.session)
    const current = await getCandidate(c.env.DB, sessionId, candidateId)
    if (!current) throw new ApiError(ErrorCode.NOT_FOUND, messages.candidateNotFound(candidateId), { candidateId })
    await withGuards(
      reinstateCandidate(c.env.DB, { actor: c.var.actor, requestId: c.var.requestId }, sessionId, candidateId, current.schoolId, rowVersion),
      guards(),
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
