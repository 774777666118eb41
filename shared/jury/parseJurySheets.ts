/**
 * Reading filled jury sheets: bytes and a file name in, the marks of every recognised jury sheet
 * out, with every problem located (file, sheet, cell) in French. Never throws for a bad file.
 *
 * Two stages, so that the workbook is read where the file is (the pane, the CLI) and the Worker
 * never inflates it: readJuryWorkbook (no key needed) reads the cells a jury sheet's metadata
 * points at, the metadata rows and file-level refusals into a JuryFileExtract, which is plain
 * JSON; resolveJuryFile (the Worker, with its key) verifies every metadata seal and reads every
 * mark from those cells. parseJuryFile does both, for the multipart route and the tests.
 *
 * Memory stays bounded: the file size is capped, the zip directory is checked before anything is
 * inflated (honest zip bombs, .xlsb, .ods), the bytes actually inflated are counted against a
 * budget by the xlsx adapter (lying bombs), only the first rows and columns of a sheet are kept,
 * and a jury sheet keeps only the cells its layout names.
 *
 * A sheet is recognised by the reference written in it and its metadata row, never by its tab
 * name or position. Nothing here knows the session's candidates: planImport.ts checks those.
 */
import { columnLetter, toSheetCell, type SheetCell } from '../formats/xlsxRows'
import { isOleCompoundFile, isZip, openWorkbook, readZipDirectory, XlsxReadError, type XlsxReadBudget } from '../xlsx'
import { frenchDate } from '../frenchDates'
import { findEvaluableBloc, type GradedBloc } from '../referential'
import type { Referential } from '../referential/schema'
import type { CanonicalMark } from '../rules/marks'
import { sha256Hex, type SheetSigner } from './checksum'
import { juryIssue, quote, type IssueLocation, type JuryIssue, type JuryIssueCode } from './issues'
import { readJuryMark, tidyText } from './markInput'
import { checkedMetadata, METADATA_COLUMNS, MetadataRowReader, readMetadataRow, type JurySheetMeta } from './metadata'
import { METADATA_MARKER, METADATA_SHEET_NAME, SUPPORTED_TEMPLATE_VERSIONS } from './templateVersion'

/** One jury file: a candidate's five sheets or a panel of a few hundred stay far below. */
export const MAX_JURY_FILE_BYTES = 5 * 1024 * 1024
/**
 * Uncompressed content accepted, as the zip directory declares it: a 600-sheet panel is about
 * 12 MB; anything far beyond is not a jury file and would only cost memory (honest zip bombs;
 * the lying ones meet JURY_READ_BUDGET).
 */
export const MAX_JURY_UNCOMPRESSED_BYTES = 32 * 1024 * 1024
/** What one jury file may inflate to, counted while inflating, and how long reading it may take. */
export const JURY_READ_BUDGET: XlsxReadBudget = { maxPartBytes: 16 * 1024 * 1024, maxTotalBytes: MAX_JURY_UNCOMPRESSED_BYTES, deadlineMs: 20_000 }
/** Worksheets in one file (a generated file has at most 600 jury sheets and the metadata). */
export const MAX_JURY_WORKSHEETS = 700
/** Rows and columns read per jury sheet: the layout uses about 80 rows and 4 columns. */
const MAX_JURY_ROWS = 400
const MAX_JURY_COLUMNS = 12
/** Cells kept per file, all sheets together. */
const MAX_CELLS_PER_FILE = 400_000
/** Longest comment kept with a mark (the grade push accepts the same). */
export const MAX_COMMENT_LENGTH = 2000

const REFERENCE = /R[ée]f[ée]rence Certibloc\s*:\s*(J[0-9a-f]{20})\b/

export interface JuryParseContext {
  /** The session the files are imported into. */
  sessionId: string
  /** The session's référentiel version. */
  referential: Referential
  /** Verifies the metadata checksums (the Worker's key). */
  signer: SheetSigner
  /** Shared by the files of one request, so that their common layouts are read once (a reader per file otherwise). */
  metadataRows?: MetadataRowReader
}

export interface ExtractedMark {
  /** The cell as read (text, number…), for the preview. */
  raw: SheetCell
  /** A1 address of the mark cell. */
  cell: string
  /** Canonical value (never null: blank cells are left out). */
  value: Exclude<CanonicalMark, null>
}

export interface ExtractedSheet {
  file: string
  /** Tab name in the file, as the jury left it. */
  sheetName: string
  sheetId: string
  candidateId: string
  schoolId: string
  blocCode: string
  /** Cell showing the candidate's identifier, to locate candidate errors. */
  identityCell: string
  /** Filled critères only. */
  marks: Record<string, ExtractedMark>
  comments: Record<string, { text: string; cell: string }>
  jury: { members: string[]; date: string | null; signed: boolean; visa: string | null }
}

/** What became of one worksheet of a file, for a preview that shows every sheet. */
export interface SheetStatus {
  sheet: string
  /** valid: its marks are read; error: see the file's errors; blank / no_marks: ignored. */
  status: 'valid' | 'error' | 'blank' | 'no_marks'
  /** Marks read on the sheet (valid sheets only). */
  marks: number
}

export interface ParsedJuryFile {
  file: string
  /** SHA-256 of the bytes: the same file imported again is recognised. */
  hash: string
  size: number
  sheets: ExtractedSheet[]
  errors: JuryIssue[]
  warnings: JuryIssue[]
  /** Every jury sheet met, in the file's order, even when another sheet has an error. */
  sheetStatuses?: SheetStatus[]
}

/* ----------------------------------------------------------------------------------------- */
/* Cells                                                                                     */
/* ----------------------------------------------------------------------------------------- */

type Cells = Map<string, SheetCell>

interface ReadSheet {
  name: string
  cells: Cells
}

function pad2(n: number): string {
  return String(n).padStart(2, '0')
}

/** A cell as the person sees it, spaces tidied; null when blank. */
function cellText(cell: SheetCell | undefined): string | null {
  if (cell === null || cell === undefined) return null
  if (typeof cell === 'string') {
    const text = tidyText(cell)
    return text === '' ? null : text
  }
  if (typeof cell === 'number') return String(cell)
  if (typeof cell === 'boolean') return cell ? 'VRAI' : 'FAUX'
  return frenchDate(cell)
}

/** Comments keep their line breaks; only the ends are trimmed. */
function commentText(cell: SheetCell | undefined): string | null {
  if (typeof cell === 'string') {
    const text = cell.replace(/\r\n?/g, '\n').replace(/[\u00a0\u202f]/g, ' ').trim()
    return text === '' ? null : text
  }
  return cellText(cell)
}

const FRENCH_MONTHS: Record<string, number> = {
  janvier: 1, janv: 1, fevrier: 2, fevr: 2, fev: 2, mars: 3, avril: 4, avr: 4, mai: 5, juin: 6,
  juillet: 7, juil: 7, aout: 8, septembre: 9, sept: 9, octobre: 10, oct: 10, novembre: 11, nov: 11,
  decembre: 12, dec: 12,
}
const EXCEL_EPOCH_SERIAL = 25569

function isoDate(y: number, m: number, d: number): string | null {
  const date = new Date(Date.UTC(y, m - 1, d))
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null
  return `${y}-${pad2(m)}-${pad2(d)}`
}

/** The jury's date: a date cell, a serial, or a text such as 12/06/2025, 12-06-25, 2025-06-12, 12 juin 2025. */
export function readJuryDate(cell: SheetCell): { ok: true; value: string } | { ok: false; message: string } {
  let iso: string | null = null
  if (cell instanceof Date) {
    // Date cells come at UTC midnight; half a second absorbs float noise.
    iso = new Date(cell.getTime() + 500).toISOString().slice(0, 10)
  } else if (typeof cell === 'number') {
    if (Number.isFinite(cell) && cell > 60 && cell < 2958466) {
      iso = new Date((Math.floor(cell + 1e-7) - EXCEL_EPOCH_SERIAL) * 86_400_000).toISOString().slice(0, 10)
    }
  } else if (typeof cell === 'string') {
    const text = tidyText(cell)
      .toLowerCase()
      .normalize('NFD')
      .replace(/\p{M}/gu, '')
      .replace(/^(le|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)\s+/g, '')
    const year = (y: string) => (y.length === 2 ? 2000 + Number(y) : Number(y))
    const dmy = /^(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4}|\d{2})$/.exec(text)
    const ymd = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text)
    const words = /^(\d{1,2})(?:er)?\s+([a-z]+)\.?\s+(\d{4})$/.exec(text)
    if (dmy) iso = isoDate(year(dmy[3] ?? ''), Number(dmy[2]), Number(dmy[1]))
    else if (ymd) iso = isoDate(Number(ymd[1]), Number(ymd[2]), Number(ymd[3]))
    else if (words) {
      const month = FRENCH_MONTHS[words[2] ?? '']
      if (month !== undefined) iso = isoDate(Number(words[3]), month, Number(words[1]))
    }
  }
  if (iso === null) {
    const shown = typeof cell === 'string' ? quote(cell) : String(cell)
    return { ok: false, message: `${shown} n’est pas une date (JJ/MM/AAAA attendu, par exemple 12/06/2025)` }
  }
  const y = Number(iso.slice(0, 4))
  if (y < 2000 || y > 2099) return { ok: false, message: `date ${frenchDate(new Date(`${iso}T00:00:00Z`))} invraisemblable pour une évaluation` }
  return { ok: true, value: iso }
}

/* ----------------------------------------------------------------------------------------- */
/* The file                                                                                  */
/* ----------------------------------------------------------------------------------------- */

const decoder = new TextDecoder()

/** What a file that is not a zip probably is, for a message that helps. */
function sniffNotZip(bytes: Uint8Array): string {
  const head = decoder.decode(bytes.subarray(0, 1024)).replace(/^\uFEFF/, '').trimStart().toLowerCase()
  if (head.startsWith('%pdf')) return 'document PDF renommé en .xlsx : renvoyez la fiche Excel elle-même'
  if (head.startsWith('<!doctype html') || head.startsWith('<html') || /<html[\s>]/.test(head)) {
    return 'page web (HTML) renommée en .xlsx, souvent un export de messagerie ou de site : téléchargez la pièce jointe .xlsx d’origine'
  }
  if (head.startsWith('<?xml') && head.includes('urn:schemas-microsoft-com:office:spreadsheet')) {
    return 'classeur « XML 2003 » renommé en .xlsx : enregistrez-le au format « Classeur Excel (.xlsx) »'
  }
  if (bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b) return 'archive zip endommagée (en-tête invalide)'
  const sample = bytes.subarray(0, Math.min(bytes.length, 4096))
  const printable = sample.filter((b) => b === 9 || b === 10 || b === 13 || (b >= 32 && b !== 127)).length
  if (sample.length > 0 && printable / sample.length > 0.97) {
    return 'fichier texte (CSV ou autre) renommé en .xlsx : seules les fiches d’évaluation Excel générées par Certibloc sont importées'
  }
  return 'ce n’est pas un classeur Excel (.xlsx) : contenu non reconnu (fichier endommagé ou d’un autre type)'
}

function megabytes(n: number): string {
  return (n / (1024 * 1024)).toFixed(1).replace('.', ',')
}

class FileReport {
  readonly sheets: ExtractedSheet[] = []
  readonly errors: JuryIssue[] = []
  readonly warnings: JuryIssue[] = []
  /** The whole-file problem, as given to fileError. */
  refusal: { code: JuryFileRefusalCode; detail: string } | null = null
  constructor(readonly file: string) {}

  error(code: JuryIssueCode, at: Omit<IssueLocation, 'file'>, detail: string): void {
    this.errors.push(juryIssue(code, { file: this.file, ...at }, detail))
  }

  warn(code: JuryIssueCode, at: Omit<IssueLocation, 'file'>, detail: string): void {
    this.warnings.push(juryIssue(code, { file: this.file, ...at }, detail))
  }

  /** A problem with the whole file: it is the only message, nothing of the file is kept. */
  fileError(code: JuryFileRefusalCode, detail: string): void {
    this.sheets.length = 0
    this.errors.length = 0
    this.warnings.length = 0
    this.refusal = { code, detail }
    this.error(code, {}, detail)
  }
}

/** Checks made before anything is inflated; false when the file is refused. */
function checkContainer(bytes: Uint8Array, report: FileReport): boolean {
  if (bytes.length === 0) {
    report.fileError('file_empty', 'fichier vide (0 octet) : le transfert a sans doute échoué, renvoyez la fiche')
    return false
  }
  if (bytes.length > MAX_JURY_FILE_BYTES) {
    report.fileError(
      'file_too_large',
      `le fichier pèse ${megabytes(bytes.length)} Mo, au-delà de la limite de ${megabytes(MAX_JURY_FILE_BYTES)} Mo par fiche : ce n’est pas une fiche d’évaluation telle que générée`,
    )
    return false
  }
  if (isOleCompoundFile(bytes)) {
    report.fileError(
      'legacy_or_encrypted',
      'classeur Excel 97-2003 (.xls) ou protégé par mot de passe : ouvrez-le, retirez le mot de passe éventuel et enregistrez-le au format « Classeur Excel (.xlsx) »',
    )
    return false
  }
  if (!isZip(bytes)) {
    report.fileError('not_xlsx', sniffNotZip(bytes))
    return false
  }
  const directory = readZipDirectory(bytes)
  if (directory === null) {
    report.fileError('zip_corrupt', 'classeur endommagé ou incomplet (archive zip illisible, fichier tronqué ?) : renvoyez le fichier d’origine')
    return false
  }
  if (directory.uncompressedSize > MAX_JURY_UNCOMPRESSED_BYTES) {
    const size = Number.isFinite(directory.uncompressedSize) ? `${megabytes(directory.uncompressedSize)} Mo` : 'une taille démesurée'
    report.fileError(
      'zip_bomb',
      `le classeur annonce ${size} une fois décompressé (limite ${megabytes(MAX_JURY_UNCOMPRESSED_BYTES)} Mo) : fichier refusé par précaution (archive piégée ?)`,
    )
    return false
  }
  const has = (name: string) => directory.names.includes(name)
  if (has('xl/workbook.bin')) {
    report.fileError('not_xlsx', 'classeur binaire Excel (.xlsb) : enregistrez-le au format « Classeur Excel (.xlsx) »')
    return false
  }
  if (has('content.xml') && has('mimetype')) {
    report.fileError('not_xlsx', 'feuille de calcul OpenDocument (.ods) : enregistrez-la au format « Classeur Excel (.xlsx) »')
    return false
  }
  if (!has('[Content_Types].xml') || !has('xl/workbook.xml')) {
    report.fileError('not_xlsx', 'archive zip qui n’est pas un classeur Excel (.xlsx)')
    return false
  }
  return true
}

/* ----------------------------------------------------------------------------------------- */
/* Metadata and jury sheets                                                                  */
/* ----------------------------------------------------------------------------------------- */

interface MetadataEntry {
  row: number
  meta: JurySheetMeta | null
  /** Checksum verified against the server key. */
  sealed: boolean
}

interface Metadata {
  sheetName: string
  entries: Map<string, MetadataEntry>
  /** The metadata sheet itself is unusable (header changed). */
  broken: boolean
}

async function readMetadata(sheetName: string, rows: ReadonlyArray<{ row: number; cells: SheetCell[] }>, ctx: JuryParseContext): Promise<Metadata> {
  const metadata: Metadata = { sheetName, entries: new Map(), broken: false }
  const header = rows.find((r) => r.row === 1)?.cells ?? []
  const expected = [METADATA_MARKER, ...METADATA_COLUMNS.slice(1)]
  if (expected.some((name, i) => header[i] !== name)) {
    metadata.broken = true
    return metadata
  }
  const seen = new Set<string>()
  const reader = ctx.metadataRows ?? new MetadataRowReader()
  const read = rows.map(({ row, cells }) => {
    const sheetId = row === 1 || typeof cells[0] !== 'string' ? null : cells[0]
    return { row, sheetId, read: sheetId === null ? null : reader.read(cells) }
  })
  // Seals first: a sealed row is exactly what the generator wrote, from checked data, so only
  // the rows the key refuses go through the schema (their fields then only name the sheet in
  // messages). The schema was most of the time spent reading 1,500 rows.
  const sealed = await Promise.all(
    read.map((r) => (r.read === null ? Promise.resolve(false) : ctx.signer.verify(r.read.payload, r.read.checksum))),
  )
  read.forEach(({ row, sheetId, read: entry }, i) => {
    if (sheetId === null) return
    const verified = sealed[i] === true
    const meta = entry === null ? null : verified ? entry.fields : checkedMetadata(entry.fields)
    // The same id twice cannot come from the generator: neither row is trusted.
    metadata.entries.set(sheetId, seen.has(sheetId) ? { row, meta: null, sealed: false } : { row, meta, sealed: verified })
    seen.add(sheetId)
  })
  return metadata
}

function findReference(cells: Cells): { sheetId: string; cell: string } | null {
  for (const [address, value] of cells) {
    if (typeof value !== 'string') continue
    const m = REFERENCE.exec(value)
    if (m?.[1]) return { sheetId: m[1], cell: address }
  }
  return null
}

function blocDecimals(bloc: GradedBloc): number {
  return bloc.rule.kind === 'score' ? bloc.rule.roundingDecimals : 2
}

/** Extracts one jury sheet's marks against its (verified) metadata. */
function extractSheet(sheet: ReadSheet, meta: JurySheetMeta, ctx: JuryParseContext, report: FileReport): void {
  const at = (cell?: string, critereCode?: string) => ({ sheet: sheet.name, ...(cell ? { cell } : {}), ...(critereCode ? { critereCode } : {}) })
  const { layout } = meta
  if (meta.sessionId !== ctx.sessionId) {
    report.error(
      'other_session',
      at(layout.reference),
      `fiche générée pour une autre session (identifiant ${meta.sessionId}) : importez-la dans sa propre session`,
    )
    return
  }
  if (meta.referentialId !== ctx.referential.id || meta.referentialVersion !== ctx.referential.version) {
    report.error(
      'other_referential',
      at(layout.reference),
      `fiche générée pour le référentiel « ${meta.referentialId} » version ${meta.referentialVersion}, ` +
        `alors que la session suit « ${ctx.referential.id} » version ${ctx.referential.version} : générez de nouvelles fiches`,
    )
    return
  }
  if (!SUPPORTED_TEMPLATE_VERSIONS.includes(meta.templateVersion)) {
    report.error(
      'template_version',
      at(layout.reference),
      `modèle de fiche version ${meta.templateVersion} inconnu de cette version de Certibloc : générez de nouvelles fiches`,
    )
    return
  }
  const bloc = findEvaluableBloc(ctx.referential, meta.blocCode)
  if (bloc === undefined) {
    report.error('unknown_bloc', at(layout.reference), `bloc « ${meta.blocCode} » inconnu du référentiel « ${ctx.referential.id} »`)
    return
  }
  const shownId = cellText(sheet.cells.get(layout.identity))
  if (shownId !== meta.schoolId) {
    report.error(
      'identity_mismatch',
      at(layout.identity),
      `l’identifiant du candidat affiché (${shownId === null ? 'vide' : quote(shownId)}) ne correspond pas à celui de la fiche ` +
        `(« ${meta.schoolId} ») : la fiche a été modifiée ou son contenu copié d’une autre fiche`,
    )
    return
  }
  const critereByCode = new Map(bloc.criteres.map((c) => [c.code, c]))
  for (const entry of layout.criteres) {
    if (!critereByCode.has(entry.code)) {
      report.error('unknown_critere', at(entry.codeCell, entry.code), `critère « ${entry.code} » inconnu du bloc ${bloc.code}`)
      return
    }
    if (cellText(sheet.cells.get(entry.codeCell)) !== entry.code) {
      const found = cellText(sheet.cells.get(entry.codeCell))
      report.error(
        'structure_changed',
        at(entry.codeCell, entry.code),
        `cette cellule devrait contenir le code ${entry.code} et contient ${found === null ? 'rien' : quote(found)} : ` +
          'des lignes ont été insérées, supprimées ou déplacées ; saisissez les évaluations dans la fiche telle que générée',
      )
      return
    }
  }

  const errorsBefore = report.errors.length
  const marks: ExtractedSheet['marks'] = {}
  const comments: ExtractedSheet['comments'] = {}
  for (const entry of layout.criteres) {
    const critere = critereByCode.get(entry.code)
    if (critere === undefined) continue
    const raw = sheet.cells.get(entry.mark) ?? null
    const read = readJuryMark(raw, critere.assessment.scale, blocDecimals(bloc))
    if (!read.ok) report.error('invalid_mark', at(entry.mark, entry.code), read.message)
    else if (read.value !== null) marks[entry.code] = { raw, cell: entry.mark, value: read.value }
    const comment = commentText(sheet.cells.get(entry.comment))
    if (comment === null) continue
    if (comment.length > MAX_COMMENT_LENGTH) {
      report.error('comment_too_long', at(entry.comment, entry.code), `commentaire de ${comment.length} caractères : ${MAX_COMMENT_LENGTH} au plus`)
    } else if (read.ok && read.value === null) {
      report.error(
        'comment_without_mark',
        at(entry.comment, entry.code),
        `commentaire sans évaluation : saisissez l’évaluation en ${entry.mark} (ou ATT si elle est en attente)`,
      )
    } else comments[entry.code] = { text: comment, cell: entry.comment }
  }

  const members = layout.members.map((cell) => cellText(sheet.cells.get(cell))).filter((m): m is string => m !== null)
  const dateCell = sheet.cells.get(layout.date) ?? null
  const visa = cellText(sheet.cells.get(layout.visa))
  const anyMark = layout.criteres.some((e) => cellText(sheet.cells.get(e.mark)) !== null || cellText(sheet.cells.get(e.comment)) !== null)
  if (!anyMark && members.length === 0 && cellText(dateCell) === null && visa === null) {
    report.warn('blank_sheet', at(), `fiche vierge (candidat ${meta.schoolId}, bloc ${meta.blocCode}) : ignorée`)
    return
  }
  if (!anyMark) {
    report.warn('no_marks', at(), `aucune évaluation saisie (candidat ${meta.schoolId}, bloc ${meta.blocCode}) : fiche ignorée`)
    return
  }
  const first = layout.members[0] ?? ''
  const last = layout.members[layout.members.length - 1] ?? first
  if (members.length === 0) {
    report.error(
      'no_jury_member',
      at(first === last ? first : `${first}:${last}`),
      'aucun membre du jury indiqué : saisissez le nom et la qualité d’au moins un membre',
    )
  }
  let date: string | null = null
  if (cellText(dateCell) === null) {
    report.error('no_jury_date', at(layout.date), 'date de l’évaluation manquante (JJ/MM/AAAA)')
  } else {
    const read = readJuryDate(dateCell)
    if (read.ok) date = read.value
    else report.error('invalid_jury_date', at(layout.date), read.message)
  }
  if (report.errors.length > errorsBefore) return
  report.sheets.push({
    file: report.file,
    sheetName: sheet.name,
    sheetId: meta.sheetId,
    candidateId: meta.candidateId,
    schoolId: meta.schoolId,
    blocCode: meta.blocCode,
    identityCell: layout.identity,
    marks,
    comments,
    jury: { members, date, signed: visa !== null, visa },
  })
}

function resolveSheet(sheet: ReadSheet, metadata: Metadata, ctx: JuryParseContext, report: FileReport, used: Set<string>): void {
  const reference = findReference(sheet.cells)
  if (reference === null) {
    if (sheet.cells.size > 0) {
      report.warn('not_a_jury_sheet', { sheet: sheet.name }, 'feuille ignorée : ce n’est pas une fiche d’évaluation Certibloc (référence absente)')
    }
    return
  }
  const at = { sheet: sheet.name, cell: reference.cell }
  const entry = metadata.entries.get(reference.sheetId)
  if (metadata.broken) {
    report.error(
      'metadata_unreadable',
      at,
      `les informations cachées du classeur (feuille « ${metadata.sheetName} ») ont été modifiées et sont illisibles : importez le fichier tel que généré par Certibloc`,
    )
    return
  }
  if (entry === undefined) {
    report.error(
      'unknown_reference',
      at,
      `référence ${reference.sheetId} absente des informations cachées du classeur : la fiche a été copiée depuis un autre classeur ; importez le classeur d’origine`,
    )
    return
  }
  used.add(reference.sheetId)
  if (entry.meta === null) {
    report.error(
      'metadata_unreadable',
      at,
      `les informations cachées de cette fiche (feuille « ${metadata.sheetName} », ligne ${entry.row}) sont illisibles : la fiche ne peut pas être importée ; générez-en une nouvelle`,
    )
    return
  }
  if (!entry.sealed) {
    report.error(
      'checksum_mismatch',
      at,
      `les informations cachées de cette fiche (feuille « ${metadata.sheetName} », ligne ${entry.row}) ont été modifiées ` +
        '(somme de contrôle invalide) : importez la fiche telle que générée par Certibloc, ou générez-en une nouvelle',
    )
    return
  }
  extractSheet(sheet, entry.meta, ctx, report)
}

/* ----------------------------------------------------------------------------------------- */
/* Reading where the file is: the extract                                                    */
/* ----------------------------------------------------------------------------------------- */

/** Refusals of a whole file that reading it (without the key) can give. */
export const JURY_FILE_REFUSAL_CODES = [
  'file_empty',
  'file_too_large',
  'not_xlsx',
  'legacy_or_encrypted',
  'zip_corrupt',
  'zip_bomb',
  'unreadable',
  'too_much_content',
  'no_metadata',
  'no_jury_sheet',
  'metadata_unreadable',
] as const satisfies readonly JuryIssueCode[]
export type JuryFileRefusalCode = (typeof JURY_FILE_REFUSAL_CODES)[number]

/** Cells kept per jury sheet in an extract: the rows and columns the reader keeps. */
export const MAX_EXTRACT_CELLS_PER_SHEET = MAX_JURY_ROWS * MAX_JURY_COLUMNS

/** A cell in JSON: a date cell travels as its ISO text. */
export type WireCell = string | number | boolean | { date: string } | null

/**
 * What the pane and the CLI send for one file, read without the Worker's key: the metadata rows
 * (sealed: the Worker verifies each seal), the cells each jury sheet's layout names, and any
 * refusal of the whole file. Plain JSON.
 */
export interface JuryFileExtract {
  file: string
  /** SHA-256 of the file's bytes: the same file imported again is recognised. */
  hash: string
  size: number
  /** The whole file is refused (not an .xlsx, bomb, no metadata…): nothing else is sent. */
  refusal: { code: JuryFileRefusalCode; detail: string } | null
  metadata: { sheetName: string; rows: Array<{ row: number; cells: WireCell[] }> } | null
  /** Every worksheet but the metadata one, in the file's order, with the cells the Worker reads. */
  sheets: Array<{ name: string; cells: Record<string, WireCell> }>
}

function toWire(cell: SheetCell): WireCell {
  return cell instanceof Date ? { date: cell.toISOString() } : cell
}

function fromWire(cell: WireCell): SheetCell {
  if (cell !== null && typeof cell === 'object') {
    const date = new Date(cell.date)
    return Number.isNaN(date.getTime()) ? null : date
  }
  return cell
}

/** The cells resolveSheet reads for a sheet with this layout (reference cell included). */
function layoutCells(layout: JurySheetMeta['layout']): string[] {
  return [
    layout.reference,
    layout.identity,
    ...layout.criteres.flatMap((c) => [c.codeCell, c.mark, c.comment]),
    ...layout.members,
    layout.date,
    layout.visa,
  ]
}

/**
 * Keeps only what the Worker needs of a sheet: its layout's cells when its reference points at a
 * readable metadata row, the reference cell alone when not, and one cell of a sheet without a
 * reference (so that it is still reported as « not a jury sheet »).
 */
function trimCells(cells: Cells, layouts: ReadonlyMap<string, JurySheetMeta['layout']>): Record<string, WireCell> {
  const out: Record<string, WireCell> = {}
  const reference = findReference(cells)
  if (reference === null) {
    const first = cells.entries().next()
    if (!first.done) out[first.value[0]] = toWire(first.value[1])
    return out
  }
  out[reference.cell] = toWire(cells.get(reference.cell) ?? null)
  const layout = layouts.get(reference.sheetId)
  if (layout === undefined) return out
  for (const address of layoutCells(layout)) {
    const cell = cells.get(address)
    if (cell !== undefined) out[address] = toWire(cell)
  }
  return out
}

/** Layouts of the readable metadata rows, unverified (the client has no key): only used to trim. */
function unverifiedLayouts(rows: ReadonlyArray<{ row: number; cells: SheetCell[] }>): Map<string, JurySheetMeta['layout']> {
  const layouts = new Map<string, JurySheetMeta['layout']>()
  for (const { row, cells } of rows) {
    if (row === 1) continue
    const read = readMetadataRow(cells)
    if (read !== null && !layouts.has(read.meta.sheetId)) layouts.set(read.meta.sheetId, read.meta.layout)
  }
  return layouts
}

/** Reads one jury file into its extract. Never throws for a bad file: the refusal says why. */
export async function readJuryWorkbook(bytes: Uint8Array, fileName: string): Promise<JuryFileExtract> {
  const report = new FileReport(fileName)
  const extract: JuryFileExtract = { file: fileName, hash: await sha256Hex(bytes), size: bytes.length, refusal: null, metadata: null, sheets: [] }
  const refuse = (code: JuryFileRefusalCode, detail: string): JuryFileExtract => ({ ...extract, refusal: { code, detail }, metadata: null, sheets: [] })
  if (!checkContainer(bytes, report)) return refuse(report.refusal?.code ?? 'unreadable', report.refusal?.detail ?? 'classeur illisible')

  let metaRows: Array<{ row: number; cells: SheetCell[] }> | null = null
  let metaName = ''
  let layouts = new Map<string, JurySheetMeta['layout']>()
  const untrimmed: Array<{ index: number; cells: Cells }> = []
  let worksheets = 0
  let cellCount = 0
  try {
    // Styles are not parsed: nothing here needs a cell's format; a date cell then arrives as its
    // serial number, which readJuryDate reads, and parsing styles.xml was a quarter of the time.
    const workbook = await openWorkbook(bytes, { budget: JURY_READ_BUDGET, styles: false })
    for await (const worksheet of workbook.worksheets()) {
      worksheets++
      if (worksheets > MAX_JURY_WORKSHEETS) return refuse('too_much_content', `le classeur compte plus de ${MAX_JURY_WORKSHEETS} feuilles : découpez-le en plusieurs fichiers`)
      const name = worksheet.name ?? `Feuille ${worksheets}`
      let isMetadata: boolean | null = null
      const rows: Array<{ row: number; cells: SheetCell[] }> = []
      const cells: Cells = new Map()
      for await (const row of worksheet.rows) {
        const values = row.values
        if (isMetadata === null) isMetadata = row.number === 1 && values[1] === METADATA_MARKER
        if (isMetadata) {
          if (row.number > MAX_JURY_WORKSHEETS + 1) break
          rows.push({ row: row.number, cells: values.slice(1, METADATA_COLUMNS.length + 1).map(toSheetCell) })
          continue
        }
        // Stopping early keeps a huge sheet (pasted data, a million blank rows) from costing memory.
        if (row.number > MAX_JURY_ROWS) break
        for (let c = 1; c < Math.min(values.length, MAX_JURY_COLUMNS + 1); c++) {
          const cell = toSheetCell(values[c])
          if (cell === null || cell === '') continue
          cells.set(`${columnLetter(c - 1)}${row.number}`, cell)
        }
      }
      cellCount += cells.size + rows.length * METADATA_COLUMNS.length
      if (cellCount > MAX_CELLS_PER_FILE) return refuse('too_much_content', 'le classeur contient bien plus de données qu’une fiche d’évaluation : fichier refusé')
      if (isMetadata) {
        if (metaRows !== null) {
          return refuse('metadata_unreadable', `le classeur contient deux feuilles d’informations Certibloc (« ${metaName} » et « ${name} ») : importez le fichier tel que généré`)
        }
        metaRows = rows
        metaName = name
        layouts = unverifiedLayouts(rows)
        for (const sheet of untrimmed.splice(0)) {
          const target = extract.sheets[sheet.index]
          if (target) target.cells = trimCells(sheet.cells, layouts)
        }
        continue
      }
      if (metaRows === null) untrimmed.push({ index: extract.sheets.length, cells })
      extract.sheets.push({ name, cells: metaRows === null ? {} : trimCells(cells, layouts) })
    }
  } catch (error) {
    // The adapter's messages say which part and why (« classeur illisible : la partie … »).
    if (error instanceof XlsxReadError) return refuse(error.reason === 'budget' ? 'zip_bomb' : 'unreadable', error.message)
    return refuse('unreadable', 'classeur illisible (contenu endommagé) : ouvrez-le dans Excel, enregistrez-le à nouveau au format .xlsx et renvoyez-le')
  }

  if (metaRows === null) {
    const referenced = untrimmed.some((s) => findReference(s.cells) !== null)
    return referenced
      ? refuse(
          'no_metadata',
          `informations cachées Certibloc absentes (feuille « ${METADATA_SHEET_NAME} » supprimée, ou fiches copiées dans un autre classeur) : ` +
            'importez le classeur tel que généré par Certibloc',
        )
      : refuse('no_jury_sheet', 'ce classeur ne contient aucune fiche d’évaluation Certibloc : générez les fiches depuis Certibloc')
  }
  extract.metadata = { sheetName: metaName, rows: metaRows.map((r) => ({ row: r.row, cells: r.cells.map(toWire) })) }
  return extract
}

/* ----------------------------------------------------------------------------------------- */
/* Resolving with the key: the Worker                                                        */
/* ----------------------------------------------------------------------------------------- */

/**
 * Verifies every metadata seal of an extract and reads every mark from its cells. The extract may
 * come from anyone: a seal that does not verify refuses its sheet, as for a file.
 */
export async function resolveJuryFile(extract: JuryFileExtract, ctx: JuryParseContext): Promise<ParsedJuryFile> {
  const report = new FileReport(extract.file)
  const statuses: SheetStatus[] = []
  const result = (): ParsedJuryFile => ({
    file: extract.file,
    hash: extract.hash,
    size: extract.size,
    sheets: report.errors.length > 0 ? [] : report.sheets,
    errors: report.errors,
    warnings: report.warnings,
    sheetStatuses: report.refusal === null ? statuses : [],
  })
  if (extract.refusal !== null) {
    report.fileError(extract.refusal.code, extract.refusal.detail)
    return result()
  }
  if (extract.metadata === null) {
    report.fileError('no_metadata', `informations cachées Certibloc absentes (feuille « ${METADATA_SHEET_NAME} ») : importez le classeur tel que généré par Certibloc`)
    return result()
  }
  const metadata = await readMetadata(
    extract.metadata.sheetName,
    extract.metadata.rows.map((r) => ({ row: r.row, cells: r.cells.map(fromWire) })),
    ctx,
  )
  const used = new Set<string>()
  for (const sheet of extract.sheets) {
    const cells: Cells = new Map()
    for (const address in sheet.cells) cells.set(address, fromWire(sheet.cells[address] ?? null))
    const before = { errors: report.errors.length, warnings: report.warnings.length, sheets: report.sheets.length }
    resolveSheet({ name: sheet.name, cells }, metadata, ctx, report, used)
    const read = report.sheets.length > before.sheets ? report.sheets[report.sheets.length - 1] : undefined
    const warned = report.warnings.length > before.warnings ? report.warnings[report.warnings.length - 1]?.code : undefined
    if (report.errors.length > before.errors) statuses.push({ sheet: sheet.name, status: 'error', marks: 0 })
    else if (read) statuses.push({ sheet: sheet.name, status: 'valid', marks: Object.keys(read.marks).length })
    else if (warned === 'blank_sheet' || warned === 'no_marks') statuses.push({ sheet: sheet.name, status: warned === 'blank_sheet' ? 'blank' : 'no_marks', marks: 0 })
  }
  if (used.size === 0 && report.errors.length === 0) {
    report.fileError('no_jury_sheet', 'ce classeur ne contient aucune fiche d’évaluation Certibloc : les fiches ont été supprimées ?')
    return result()
  }
  for (const [sheetId, entry] of metadata.entries) {
    if (used.has(sheetId)) continue
    const generated = entry.meta ? ` « ${entry.meta.generatedName} » (candidat ${entry.meta.schoolId}, bloc ${entry.meta.blocCode})` : ` ${sheetId}`
    report.warn('sheet_missing', {}, `la fiche${generated} a été retirée du classeur : elle n’est pas importée`)
  }
  return result()
}

/** Parses one jury file. Every problem is in `errors`; `sheets` holds only sheets without any. */
export async function parseJuryFile(bytes: Uint8Array, fileName: string, ctx: JuryParseContext): Promise<ParsedJuryFile> {
  return resolveJuryFile(await readJuryWorkbook(bytes, fileName), ctx)
}
