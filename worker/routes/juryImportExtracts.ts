/**
 * Importing jury sheets read where the files are: the pane and the CLI read each workbook with
 * the shared/jury parser (readJuryWorkbook) and send its extract as JSON — the metadata rows with
 * their seals, the cells each sheet's layout names, the file's SHA-256. The Worker never inflates
 * a workbook on this path: it verifies every seal with its key (a forged or edited metadata row
 * refuses its sheet, as in a file), reads and validates every mark with the rules core
 * (resolveJuryFile), then plans and commits exactly as the multipart route does
 * (juryImportAnswer.ts). Same query (`dryRun`, `onConflict`), same answer.
 */
import { Hono } from 'hono'
import * as z from '../../shared/zod'
import {
  JURY_FILE_REFUSAL_CODES,
  MAX_EXTRACT_CELLS_PER_SHEET,
  MAX_JURY_WORKSHEETS,
  resolveJuryFile,
  type JuryFileExtract,
  type ParsedJuryFile,
} from '../../shared/jury/parseJurySheets'
import { METADATA_COLUMNS } from '../../shared/jury/metadata'
import type { PlanFileInput } from '../../shared/jury/planImport'
import type { AppEnv } from '../env'
import { limitBody, MiB } from '../middleware/limitBody'
import { validate } from '../middleware/validate'
import { describeRoute, errors, json } from '../openapi/describe'
import { juryImportResponse } from '../openapi/responses/jury'
import { answerJuryImport } from './juryImportAnswer'
import { importQuery, isExcluded, MAX_JURY_FILES } from './juryImports'
import { jurySheetSigner } from './jurySheets'
import { sessionParam } from './params'
import { assertSessionOpen, loadSessionContext } from './sessionContext'

/**
 * The extracts of one request together. 300 candidate files are about 5 MB of JSON, a 600-sheet
 * panel about 2 MB: far below, and far less than the Worker would hold parsing the workbooks.
 */
export const MAX_EXTRACT_REQUEST_BYTES = 24 * MiB

/** Excel's longest cell text. */
const MAX_CELL_TEXT = 32_767

const wireCell = z.union([
  z.string().max(MAX_CELL_TEXT),
  z.number(),
  z.boolean(),
  z.strictObject({ date: z.iso.datetime({ message: 'date ISO 8601 attendue' }) }),
  z.null(),
])

const extractSchema = z.strictObject({
  file: z.string().min(1).max(255),
  hash: z.string().regex(/^[0-9a-f]{64}$/, { message: 'SHA-256 du fichier en hexadécimal (64 caractères) attendu' }),
  // Informative (messages, the batch's summary): a file over the limit arrives as a refusal.
  size: z.int().min(0).max(Number.MAX_SAFE_INTEGER),
  refusal: z.strictObject({ code: z.enum(JURY_FILE_REFUSAL_CODES), detail: z.string().min(1).max(2000) }).nullable(),
  metadata: z
    .strictObject({
      sheetName: z.string().max(255),
      rows: z
        .array(z.strictObject({ row: z.int().min(1).max(MAX_JURY_WORKSHEETS + 1), cells: z.array(wireCell).max(METADATA_COLUMNS.length) }))
        .max(MAX_JURY_WORKSHEETS + 1),
    })
    .nullable(),
  sheets: z
    .array(
      z.strictObject({
        name: z.string().max(255),
        cells: z
          .record(z.string().regex(/^[A-Z]{1,2}[1-9][0-9]{0,3}$/, { message: 'adresse de cellule A1 attendue' }), wireCell)
          .refine((cells) => Object.keys(cells).length <= MAX_EXTRACT_CELLS_PER_SHEET, {
            message: `${MAX_EXTRACT_CELLS_PER_SHEET} cellules au plus par feuille`,
          }),
      }),
    )
    .max(MAX_JURY_WORKSHEETS),
})

const extractBody = z.strictObject({
  files: z.array(extractSchema).min(1, { message: 'au moins un fichier attendu' }).max(MAX_JURY_FILES),
  exclude: z.array(z.string().max(255)).max(MAX_JURY_FILES).default([]),
})

/** Display names made unique as the multipart route does (a repeated name gets « (2) »). */
function uniqueNames(files: readonly JuryFileExtract[]): JuryFileExtract[] {
  const seen = new Map<string, number>()
  return files.map((f) => {
    // Control characters never belong in a name shown in messages.
    // eslint-disable-next-line no-control-regex -- control characters are what this strips
    const base = f.file.replace(/[\u0000-\u001f\u007f]/g, '') || 'sans-nom.xlsx'
    const n = (seen.get(base) ?? 0) + 1
    seen.set(base, n)
    return { ...f, file: n === 1 ? base : base.replace(/(\.[^.]*)?$/, (ext) => ` (${n})${ext}`) }
  })
}

const extractDoc = describeRoute({
  summary: 'Importer des fiches du jury lues par le volet ou la CLI (JSON : feuilles extraites, sceaux, empreintes) ; aperçu par défaut, dryRun=false pour écrire en un lot',
  description:
    'Le chemin du volet Excel et de la CLI : chaque classeur est lu là où il se trouve (shared/jury, readJuryWorkbook) et seul son extrait est envoyé. ' +
    'Le Worker vérifie chaque sceau des métadonnées avec sa clé, lit et valide chaque note, puis planifie et écrit comme POST …/jury-imports. Aucun classeur n’est décompressé par le Worker.',
  tags: ['Jury'],
  responses: {
    200: json('Le plan (dryRun=true) ou le lot écrit (dryRun=false), par fichier et au total.', juryImportResponse),
    ...errors(404, 409, 423),
  },
})

export const juryImportExtractRoutes = new Hono<AppEnv>().post(
  '/',
  extractDoc,
  limitBody(MAX_EXTRACT_REQUEST_BYTES),
  validate('param', sessionParam),
  validate('query', importQuery),
  validate('json', extractBody),
  async (c) => {
    const { sessionId } = c.req.valid('param')
    const { dryRun, onConflict, previewToken } = c.req.valid('query')
    const body = c.req.valid('json')
    const db = c.env.DB
    const ctx = await loadSessionContext(db, sessionId)
    if (dryRun === 'false') assertSessionOpen(ctx.session)
    const signer = await jurySheetSigner(c.env)
    const files = uniqueNames(body.files)
    const exclude = body.exclude.map((x) => x.trim()).filter((x) => x !== '')
    const inputs: PlanFileInput[] = []
    for (const extract of files) {
      if (isExcluded(extract.file, exclude)) {
        const parsed: ParsedJuryFile = { file: extract.file, hash: '', size: extract.size, sheets: [], errors: [], warnings: [] }
        inputs.push({ parsed, excluded: true })
        continue
      }
      inputs.push({ parsed: await resolveJuryFile(extract, { sessionId, referential: ctx.referential, signer }) })
    }
    const unmatchedExcludes = exclude.filter((x) => !files.some((f) => isExcluded(f.file, [x])))
    const audit = { actor: c.var.actor, requestId: c.var.requestId }
    return c.json(await answerJuryImport({ db, audit, ctx, sessionId, inputs, unmatchedExcludes, dryRun: dryRun === 'true', onConflict, previewToken }), 200)
  },
)
