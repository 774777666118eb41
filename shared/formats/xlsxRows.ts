/**
 * Reading the rows of one worksheet of an .xlsx file, as plain values. Streams the sheet with
 * excelts' WorkbookReader so that a caller can stop after a row limit: the Worker has 128 MB and
 * a fully loaded 20,000-row workbook already takes most of it.
 *
 * The `/browser` entry of excelts is used everywhere (Worker, add-in, Node): it has no `node:`
 * imports, and one code path means the tests exercise what the Worker runs.
 */
import { WorkbookReader } from '@cj-tech-master/excelts/browser'

/** A cell as the importers see it: text, number, boolean, date (UTC midnight) or blank. */
export type SheetCell = string | number | boolean | Date | null

export interface SheetRow {
  sheet: string
  /** 1-based row number, as Excel shows it. */
  row: number
  /** Cells from column A; a missing cell is null. */
  cells: SheetCell[]
}

/** The file cannot be read as a workbook; `message` is French and ready to show. */
export class XlsxReadError extends Error {}

/** Zip local file header signature, PK\x03\x04: the first bytes of every .xlsx file. */
export function isZip(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04
}

/** OLE compound file: an Excel 97-2003 .xls, or an .xlsx encrypted with a password. */
export function isOleCompoundFile(bytes: Uint8Array): boolean {
  const signature = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]
  return bytes.length >= 8 && signature.every((b, i) => bytes[i] === b)
}

export interface ZipDirectory {
  /** Entry names, as the central directory lists them. */
  names: string[]
  /** Sum of the uncompressed sizes the entries declare (Infinity for a Zip64 size). */
  uncompressedSize: number
}

/**
 * Reads the zip's central directory without inflating anything: what the archive holds and how
 * big it claims to be, checked before reading (zip bombs, .ods or .xlsb files). Null when the
 * directory cannot be read.
 */
export function readZipDirectory(bytes: Uint8Array): ZipDirectory | null {
  if (bytes.length < 22) return null
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  // End of central directory: 22 bytes plus a comment of at most 65,535 bytes, at the end.
  const lowest = Math.max(0, bytes.length - 22 - 0xffff)
  let eocd = -1
  for (let i = bytes.length - 22; i >= lowest; i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      eocd = i
      break
    }
  }
  if (eocd < 0) return null
  const entries = view.getUint16(eocd + 10, true)
  let offset = view.getUint32(eocd + 16, true)
  const names: string[] = []
  let uncompressedSize = 0
  const decoder = new TextDecoder()
  for (let n = 0; n < entries; n++) {
    if (offset + 46 > bytes.length || view.getUint32(offset, true) !== 0x02014b50) return null
    const size = view.getUint32(offset + 24, true)
    const nameLength = view.getUint16(offset + 28, true)
    // 0xFFFFFFFF means a Zip64 size: far beyond anything a candidate list needs.
    uncompressedSize += size === 0xffffffff ? Number.POSITIVE_INFINITY : size
    names.push(decoder.decode(bytes.subarray(offset + 46, offset + 46 + nameLength)))
    offset += 46 + nameLength + view.getUint16(offset + 30, true) + view.getUint16(offset + 32, true)
  }
  return { names, uncompressedSize }
}

/** Highest uncompressed size accepted: generous for 20,000 rows of text, small for a zip bomb. */
export const MAX_XLSX_UNCOMPRESSED_BYTES = 100 * 1024 * 1024

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
 * time: the rest of the file is not inflated. Throws XlsxReadError for an unreadable file.
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
  // hyperlinks: 'cache' on purpose: with 'ignore' or 'emit', excelts 10.2.0 never settles on a
  // workbook that holds a hyperlink.
  const reader = new WorkbookReader(bytes, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'cache',
    entries: 'ignore',
  })
  let target: string | undefined
  try {
    for await (const worksheet of reader) {
      if (target === undefined) {
        const sheets = reader.model?.sheets
        // The workbook part normally comes before the sheets; if not, take the first visible one.
        target = sheets ? chooseSheet(sheets, options.preferSheet) : chooseSheet([worksheet], undefined)
      }
      // A sheet that is not read is simply not iterated: the reader skips its entry.
      if (worksheet.name !== target) continue
      for await (const row of worksheet) {
        const values = row.values as unknown[]
        const cells: SheetCell[] = []
        let any = false
        for (let c = 1; c < values.length; c++) {
          const cell = toSheetCell(values[c])
          cells.push(cell)
          if (cell !== null && cell !== '') any = true
        }
        if (any) yield { sheet: worksheet.name, row: row.number, cells }
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
