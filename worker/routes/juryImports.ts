/**
 * Importing filled jury sheets: many .xlsx files in one multipart request (field `files`, and
 * `exclude` for file names to leave out). `dryRun=true` (the default) answers the plan: per file
 * and in total, marks new / changed / unchanged, conflicts, errors and warnings. `dryRun=false`
 * writes it as ONE import batch, all or nothing, and only when no included file has an error and
 * no conflict is left undecided (`onConflict=keep|replace`). The same files imported again change
 * nothing and say so. A batch can be undone as a whole.
 *
 * Memory: the request is capped (50 MB, 5 MB per file), files are parsed one at a time and only
 * their extracted marks are kept.
 */
import { Hono } from 'hono'
import * as z from '../../shared/zod'
import { frenchDateTime } from '../../shared/frenchDates'
import { parseJuryFile, type ParsedJuryFile } from '../../shared/jury/parseJurySheets'
import { MetadataRowReader } from '../../shared/jury/metadata'
import type { PlanFileInput } from '../../shared/jury/planImport'
import { importBatchLabel } from '../../shared/jury/batchLabel'
import { guardReason } from '../db/guard'
import { changedSince, getJuryBatch, listJuryBatches, readBatchCells, undoJuryBatch } from '../db/importBatches'
import { actorNamesOf } from '../db/users'
import type { AppEnv } from '../env'
import { ApiError, ErrorCode } from '../errors'
import { messages } from '../i18n/fr'
import { limitBody, MiB } from '../middleware/limitBody'
import { validate } from '../middleware/validate'
import { answerJuryImport } from './juryImportAnswer'
import { jurySheetSigner } from './jurySheets'
import { sessionParam } from './params'
import { assertSessionOpen, loadSessionContext } from './sessionContext'
import { describeRoute, errors, json, rawBody } from '../openapi/describe'
import { juryBatchesResponse, juryImportResponse, juryUndoResponse } from '../openapi/responses/jury'

/** All files of one request together. */
export const MAX_JURY_REQUEST_BYTES = 50 * MiB
export const MAX_JURY_FILES = 500

export const importQuery = z.object({
  dryRun: z.enum(['true', 'false'], { message: 'dryRun vaut true ou false' }).default('true'),
  onConflict: z.enum(['fail', 'keep', 'replace'], { message: 'onConflict vaut fail, keep ou replace' }).default('fail'),
  /** The dry run's `previewToken`: the commit is refused (409) if the plan changed since that preview. */
  previewToken: z.string().regex(/^[0-9a-f]{64}$/, { message: 'jeton d’aperçu invalide (previewToken de l’aperçu attendu)' }).optional(),
})

const batchParam = sessionParam.extend({ batchId: z.string().regex(/^[A-Za-z0-9-]{1,64}$/, { message: 'identifiant de lot invalide' }) })

const plural = (n: number, one: string, many: string) => `${n} ${n > 1 ? many : one}`

function multipartError(message: string): ApiError {
  return new ApiError(ErrorCode.VALIDATION_FAILED, message, { issues: [{ path: 'body', message }] })
}

interface UploadedFile {
  name: string
  file: File
}

/** Reads the form: files with unique display names (a repeated name gets « (2) »), and exclusions. */
async function readUpload(request: Request): Promise<{ files: UploadedFile[]; exclude: string[] }> {
  const mediaType = (request.headers.get('content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? ''
  if (mediaType !== 'multipart/form-data') {
    throw new ApiError(ErrorCode.UNSUPPORTED_MEDIA_TYPE, 'Type de contenu non pris en charge : multipart/form-data attendu (champ « files »).', {
      issues: [{ path: 'header.content-type', message: `« ${mediaType || 'absent'} » reçu` }],
    })
  }
  let form: FormData
  try {
    form = await request.formData()
  } catch {
    throw multipartError('Corps multipart illisible : envoyez les fiches dans le champ « files ».')
  }
  const entries = form.getAll('files')
  if (entries.length === 0) throw multipartError('Aucun fichier reçu : joignez les fiches dans le champ « files ».')
  if (entries.length > MAX_JURY_FILES) {
    throw multipartError(`${entries.length} fichiers reçus, ${MAX_JURY_FILES} au plus par import : importez-les en plusieurs fois.`)
  }
  const seen = new Map<string, number>()
  const files: UploadedFile[] = []
  for (const entry of entries) {
    if (typeof entry === 'string') throw multipartError('Le champ « files » doit contenir des fichiers, pas du texte.')
    // Control characters never belong in a name shown in messages.
    // eslint-disable-next-line no-control-regex -- control characters are what this strips
    const base = (entry.name || 'sans-nom.xlsx').replace(/[\u0000-\u001f\u007f]/g, '').slice(0, 255)
    const n = (seen.get(base) ?? 0) + 1
    seen.set(base, n)
    files.push({ name: n === 1 ? base : base.replace(/(\.[^.]*)?$/, (ext) => ` (${n})${ext}`), file: entry })
  }
  const exclude = form
    .getAll('exclude')
    .filter((x): x is string => typeof x === 'string')
    .flatMap((x) => x.split('\n'))
    .map((x) => x.trim())
    .filter((x) => x !== '')
  return { files, exclude }
}

/** A name given in `exclude` matches a file by its full name or its last path segment. */
export function isExcluded(name: string, exclude: readonly string[]): boolean {
  const last = name.split(/[\\/]/).pop() ?? name
  return exclude.some((x) => x === name || x === last)
}

const listDoc = describeRoute({
  summary: 'Lots d’import de fiches du jury (les plus récents d’abord)',
  tags: ['Jury'],
  responses: { 200: json('Les lots, avec leur résumé et les notes encore en place.', juryBatchesResponse), ...errors(404) },
})
const importDoc = describeRoute({
  summary: 'Importer des fiches du jury remplies (multipart : files, exclude) ; aperçu par défaut, dryRun=false pour écrire en un lot',
  tags: ['Jury'],
  requestBody: rawBody(
    `Formulaire multipart : champ « files » (les fiches .xlsx, ${MAX_JURY_FILES} au plus, 50 Mo en tout), champ « exclude » (noms de fichiers à laisser de côté, un par ligne).`,
    ['multipart/form-data'],
  ),
  responses: {
    200: json('Le plan (dryRun=true) ou le lot écrit (dryRun=false), par fichier et au total.', juryImportResponse),
    ...errors(404, 409, 415, 423),
  },
})
const undoDoc = describeRoute({
  summary: 'Annuler un lot d’import (refusé si une note a changé depuis)',
  tags: ['Jury'],
  responses: { 200: json('Lot annulé : chaque note remise dans son état d’avant l’import.', juryUndoResponse), ...errors(404, 409, 423) },
})

export const juryImportRoutes = new Hono<AppEnv>()
  .get('/', listDoc, validate('param', sessionParam), async (c) => {
    const { sessionId } = c.req.valid('param')
    await loadSessionContext(c.env.DB, sessionId)
    const batches = await listJuryBatches(c.env.DB, sessionId)
    const nameOf = await actorNamesOf(c.env.DB, batches.map((b) => b.createdBy))
    return c.json(
{ batches: batches.map((b) => ({ ...b, createdByName: nameOf(b.createdBy) })) }, 200)
  })
  .post('/', importDoc, limitBody(MAX_JURY_REQUEST_BYTES + MiB, MAX_JURY_REQUEST_BYTES), validate('param', sessionParam), validate('query', importQuery), async (c) => {
    const { sessionId } = c.req.valid('param')
    const { dryRun, onConflict, previewToken } = c.req.valid('query')
    const db = c.env.DB
    const ctx = await loadSessionContext(db, sessionId)
    if (dryRun === 'false') assertSessionOpen(ctx.session)
    const upload = await readUpload(c.req.raw)
    const signer = await jurySheetSigner(c.env)
    // One reader for every file: their sheets share a layout per bloc (metadata.ts).
    const metadataRows = new MetadataRowReader()

    const inputs: PlanFileInput[] = []
    for (const { name, file } of upload.files) {
      if (isExcluded(name, upload.exclude)) {
        const parsed: ParsedJuryFile = { file: name, hash: '', size: file.size, sheets: [], errors: [], warnings: [] }
        inputs.push({ parsed, excluded: true })
        continue
      }
      const bytes = new Uint8Array(await file.arrayBuffer())
      inputs.push({ parsed: await parseJuryFile(bytes, name, { sessionId, referential: ctx.referential, signer, metadataRows }) })
    }
    const unmatchedExcludes = upload.exclude.filter((x) => !upload.files.some((f) => isExcluded(f.name, [x])))
    const audit = { actor: c.var.actor, requestId: c.var.requestId }
    return c.json(await answerJuryImport({ db, audit, ctx, sessionId, inputs, unmatchedExcludes, dryRun: dryRun === 'true', onConflict, previewToken }), 200)
  })
  /** Puts back every mark the batch wrote, unless someone changed one since. */
  .post('/:batchId/undo', undoDoc, validate('param', batchParam), async (c) => {
    const { sessionId, batchId } = c.req.valid('param')
    const db = c.env.DB
    const ctx = await loadSessionContext(db, sessionId)
    const batch = await getJuryBatch(db, sessionId, batchId)
    if (!batch) throw new ApiError(ErrorCode.NOT_FOUND, 'Cet import est introuvable dans cette session.', { batchId })
    const nameOf = await actorNamesOf(db, [batch.createdBy])
    if (batch.undoneAt !== null) {
      const label = importBatchLabel(batch.createdAt, nameOf(batch.createdBy))
      throw new ApiError(ErrorCode.CONFLICT, `L’${label} a déjà été annulé le ${frenchDateTime(new Date(batch.undoneAt))}.`, { batchId, undoneAt: batch.undoneAt })
    }
    assertSessionOpen(ctx.session)
    const cells = await readBatchCells(db, batchId)
    const changed = cells.filter((cell) => changedSince(cell, batchId))
    if (changed.length > 0) {
      const changedByName = await actorNamesOf(db, changed.map((cell) => cell.current.author))
      const list = changed
        .slice(0, 5)
        .map((cell) => `${cell.schoolId} ${cell.critereCode}`)
        .join(', ')
      throw new ApiError(
        ErrorCode.CONFLICT,
        `${plural(changed.length, 'note importée par ce lot a', 'notes importées par ce lot ont')} été modifiée(s) depuis (${list}${changed.length > 5 ? '…' : ''}) : ` +
          'annulation refusée, rien n’a été modifié.',
        {
          changed: changed.map((cell) => ({
            candidateId: cell.candidateId,
            schoolId: cell.schoolId,
            critereCode: cell.critereCode,
            imported: cell.written.value,
            current: cell.current.value,
            changedBy: changedByName(cell.current.author),
            changedAt: cell.current.updatedAt,
          })),
        },
      )
    }
    try {
      await undoJuryBatch(db, { actor: c.var.actor, requestId: c.var.requestId }, sessionId, batchId, cells)
    } catch (error) {
      const reason = guardReason(error)
      if (reason === 'session_locked') throw new ApiError(ErrorCode.SESSION_LOCKED, 'La session est délibérée ou close : ses données ne sont plus modifiables.')
      if (reason === 'candidate_withdrawn') throw new ApiError(ErrorCode.CONFLICT, messages.candidateWithdrawnNoGrades, { reason })
      if (reason === 'already_undone' || reason === 'changed_since') {
        throw new ApiError(ErrorCode.CONFLICT, 'Le lot ou ses notes ont changé pendant l’annulation : rien n’a été modifié. Réessayez.', { reason })
      }
      throw error
    }
    return c.json({ undone: { batchId, restored: cells.length }, message: `Lot annulé : ${plural(cells.length, 'note remise', 'notes remises')} dans son état d’avant l’import.` }, 200)
  })
