/**
 * Reading the rows of one worksheet of an .xlsx file, as plain values. Streams the sheet through
 * the xlsx adapter (shared/xlsx.ts: inflated bytes counted against a budget, a deadline) so that
 * a caller can stop after a row limit: the Worker has 128 MB and a fully loaded 20,000-row
 * workbook already takes most of it.
 */
import { openWorkbook, readZipDirectory, XlsxReadError, type XlsxReadBudget } from '../xlsx'

export { isOleCompoundFile, isZip, readZipDirectory, XlsxReadError } from '../xlsx'

/** A cell as the importers see it: text, number, boolean, date (UTC midnight) or blank. */
export type SheetCell = string | number | boolean | Date | null

export interface SheetRow {
  sheet: string
  /** 1-based row number, as Excel shows it. */
  row: number
  /** Cells from column A; a missing cell is null. */
  cells: SheetCell[]
}

/** Highest uncompressed size accepted: generous for 20,000 rows of text, small for a zip bomb. */
export const MAX_XLSX_UNCOMPRESSED_BYTES = 100 * 1024 * 1024

/** What a candidate list may inflate to, counted while inflating (the directory may lie). */
const CANDIDATE_LIST_BUDGET: XlsxReadBudget = { maxPartBytes: 64 * 1024 * 1024, maxTotalBytes: MAX_XLSX_UNCOMPRESSED_BYTES, deadlineMs: 30_000 }

export interface ReadXlsxRowsOptions {
  /**
   * Tells whether a sheet name is the one to read; when no visible sheet matches, the first
   * visible sheet (in tab order) is read.
   */
  preferSheet?: (name: string) => boolean
}

interface SheetMeta {
  name: string
  state?: string
}

function chooseSheet(sheets: readonly SheetMeta[], prefer: ((name: string) => boolean) | undefined): string | undefined {
  const visible = sheets.filter((s) => s.state === undefined || s.state === 'visible')
  return (prefer ? visible.find((s) => prefer(s.name)) : undefined)?.name ?? visible[0]?.name
}

/**
 * Yields the rows of the chosen worksheet that hold at least one cell. Stop iterating at any
 * time: the rest of the sheet is not parsed. Throws XlsxReadError for an unreadable file.
 */
export async function* readXlsxRows(bytes: Uint8Array, options: ReadXlsxRowsOptions = {}): AsyncGenerator<SheetRow> {
  const directory = readZipDirectory(bytes)
  if (directory === null) throw new XlsxReadError('le classeur .xlsx est illisible (archive zip endommagée).')
  if (directory.uncompressedSize > MAX_XLSX_UNCOMPRESSED_BYTES) {
    throw new XlsxReadError('le contenu décompressé du classeur dépasse 100 Mo : ce n’est pas une liste de candidats.')
  }
  const has = (name: string) => directory.names.includes(name)
  if (has('xl/workbook.bin')) {
    throw new XlsxReadError(
      'classeur binaire Excel (.xlsb) non pris en charge : enregistrez-le au format « Classeur Excel (.xlsx) » ' +
        'ou « CSV UTF-8 ».',
    )
  }
  if (!has('[Content_Types].xml')) {
    const what =
      has('content.xml') && has('mimetype') ? 'feuille de calcul OpenDocument (.ods)' : 'archive zip qui n’est pas un classeur Excel'
    throw new XlsxReadError(`${what} : enregistrez la liste au format « Classeur Excel (.xlsx) » ou « CSV UTF-8 ».`)
  }
  try {
    const workbook = await openWorkbook(bytes, { budget: CANDIDATE_LIST_BUDGET })
    let target: string | undefined
    for await (const worksheet of workbook.worksheets()) {
      const name = worksheet.name ?? ''
      if (target === undefined) {
        const sheets = workbook.sheets()
        // The workbook part normally comes before the sheets; if not, take the first visible one.
        target = sheets ? chooseSheet(sheets, options.preferSheet) : name
      }
      // A sheet that is not read is simply not iterated: the reader skips its entry.
      if (name !== target) continue
      for await (const row of worksheet.rows) {
        const values = row.values
        const cells: SheetCell[] = []
        let any = false
        for (let c = 1; c < values.length; c++) {
          const cell = toSheetCell(values[c])
          cells.push(cell)
          if (cell !== null && cell !== '') any = true
        }
        if (any) yield { sheet: name, row: row.number, cells }
      }
      return
    }
  } catch (error) {
    if (error instanceof XlsxReadError) throw error
    throw new XlsxReadError('le classeur .xlsx est illisible (archive ou contenu XML endommagé).')
  }
}

/**
 * Flattens excelts' cell shapes. A formula gives its value as last computed by Excel, never a
 * re-evaluation; a formula never computed is kept as its text, like any other data.
 */
export function toSheetCell(value: unknown): SheetCell {
  if (value === null || value === undefined) return null
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value
  if (typeof value !== 'object') return typeof value === 'bigint' ? value.toString() : null
  const v = value as Record<string, unknown>
  if (Array.isArray(v.richText)) return (v.richText as { text?: unknown }[]).map((r) => (typeof r.text === 'string' ? r.text : '')).join('')
  if ('formula' in v || 'sharedFormula' in v) {
    if (v.result !== undefined && v.result !== null) return toSheetCell(v.result)
    const formula = typeof v.formula === 'string' ? v.formula : typeof v.sharedFormula === 'string' ? v.sharedFormula : ''
    return formula === '' ? null : `=${formula}`
  }
  if (typeof v.text === 'string') return v.text
  if (typeof v.error === 'string') return v.error
  if (typeof v.checkbox === 'boolean') return v.checkbox
  return null
}

/** Column letters of a 0-based column index: 0 → A, 26 → AA. */
export function columnLetter(index: number): string {
  let n = index + 1
  let letters = ''
  while (n > 0) {
    const rem = (n - 1) % 26
    letters = String.fromCharCode(65 + rem) + letters
    n = Math.floor((n - 1) / 26)
  }
  return letters
}
