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
  type WireCell,
  type ParsedJuryFile,
} from '../../shared/jury/parseJurySheets'
import { METADATA_COLUMNS, MetadataRowReader } from '../../shared/jury/metadata'
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

const ISO_DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/
const ADDRESS = /^[A-Z]{1,2}[1-9][0-9]{0,3}$/

/** What is wrong with a cell of an extract, or null: checked by hand, a union per cell was most of the validation time. */
function cellProblem(cell: unknown): string | null {
  if (cell === null || typeof cell === 'boolean') return null
  if (typeof cell === 'number') return Number.isFinite(cell) ? null : 'nombre fini attendu'
  if (typeof cell === 'string') return cell.length <= MAX_CELL_TEXT ? null : `texte de ${MAX_CELL_TEXT} caractères au plus attendu`
  if (typeof cell === 'object' && !Array.isArray(cell)) {
    const keys = Object.keys(cell)
    const date = (cell as { date?: unknown }).date
    if (keys.length === 1 && typeof date === 'string' && ISO_DATE.test(date)) return null
  }
  return 'cellule attendue : texte, nombre, booléen, null ou { date } (date ISO 8601)'
}

/** Cells by A1 address (a sheet's) or in a row (a metadata row's), each checked, located by its key. */
const cellMap = z.custom<Record<string, WireCell>>().superRefine((value, ctx) => {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    ctx.addIssue({ code: 'custom', message: 'objet { adresse A1 : cellule } attendu' })
    return
  }
  const entries = Object.entries(value)
  if (entries.length > MAX_EXTRACT_CELLS_PER_SHEET) ctx.addIssue({ code: 'custom', message: `${MAX_EXTRACT_CELLS_PER_SHEET} cellules au plus par feuille` })
  for (const [address, cell] of entries) {
    if (!ADDRESS.test(address)) ctx.addIssue({ code: 'custom', path: [address], message: 'adresse de cellule A1 attendue' })
    const problem = cellProblem(cell)
    if (problem !== null) ctx.addIssue({ code: 'custom', path: [address], message: problem })
  }
})
const cellRow = z.custom<WireCell[]>().superRefine((value, ctx) => {
  if (!Array.isArray(value) || value.length > METADATA_COLUMNS.length) {
    ctx.addIssue({ code: 'custom', message: `liste de ${METADATA_COLUMNS.length} cellules au plus attendue` })
    return
  }
  value.forEach((cell: unknown, i) => {
    const problem = cellProblem(cell)
    if (problem !== null) ctx.addIssue({ code: 'custom', path: [i], message: problem })
  })
})

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
        .array(z.strictObject({ row: z.int().min(1).max(MAX_JURY_WORKSHEETS + 1), cells: cellRow }))
        .max(MAX_JURY_WORKSHEETS + 1),
    })
    .nullable(),
  sheets: z
    .array(
      z.strictObject({
        name: z.string().max(255),
        cells: cellMap,
      }),
    )
    .max(MAX_JURY_WORKSHEETS),
})

export const extractBody = z.strictObject({
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
  summary: 'Importer des fiches du jury lues par le volet ou la CLI (JSON : feuilles extraites, sceaux, empreintes) ; aperçu par défaut, dryRun=false pour écrire en un lot',
  description:
    'Le chemin du volet Excel et de la CLI : chaque classeur est lu là où il se trouve (shared/jury, readJuryWorkbook) et seul son extrait est envoyé. ' +
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
    // One reader for every file: their sheets share a layout per bloc (metadata.ts).
    const metadataRows = new MetadataRowReader()
    const files = uniqueNames(body.files)
    const exclude = body.exclude.map((x) => x.trim()).filter((x) => x !== '')
    // Resolved together: the seals' HMACs are the only waits, and they overlap.
    const inputs: PlanFileInput[] = await Promise.all(
      files.map(async (extract): Promise<PlanFileInput> => {
        if (isExcluded(extract.file, exclude)) {
          const parsed: ParsedJuryFile = { file: extract.file, hash: '', size: extract.size, sheets: [], errors: [], warnings: [] }
          return { parsed, excluded: true }
        }
        return { parsed: await resolveJuryFile(extract, { sessionId, referential: ctx.referential, signer, metadataRows }) }
      }),
    )
    const unmatchedExcludes = exclude.filter((x) => !files.some((f) => isExcluded(f.file, [x])))
    const audit = { actor: c.var.actor, requestId: c.var.requestId }
    return c.json(await answerJuryImport({ db, audit, ctx, sessionId, inputs, unmatchedExcludes, dryRun: dryRun === 'true', onConflict, previewToken }), 200)
  },
)
