/**
 * The workbook state behind the fake Excel host: sheets holding a Map of cells, written only when
 * a queued operation is applied at sync. Plain data (value, formula, number format, format, lock),
 * plus what Excel keeps per sheet (protection, data validation, conditional formats, frozen panes)
 * and per workbook (settings). Formula results are filled in by the formula engine.
 */

export type CellValue = string | number | boolean

export interface CellFormat {
  bold?: boolean
  fillColor?: string
  fontColor?: string
  wrapText?: boolean
  verticalAlignment?: string
  horizontalAlignment?: string
}

export interface FakeCell {
  /** Constant value, or the last computed value of a formula (null until evaluated or when empty). */
  value: CellValue | null
  /** Formula text such as "=A1+1"; null for a constant. */
  formula: string | null
  /** Excel number format code; "General" unless set. */
  numberFormat: string
  format: CellFormat
  /** Excel locks every cell by default; only matters once the sheet is protected. */
  locked: boolean
}

/** Zero-based rectangle of cells. */
export interface CellRect {
  row: number
  column: number
  rowCount: number
  columnCount: number
}

export interface FakeDataValidation {
  rect: CellRect
  rule: Excel.DataValidationRule
  errorAlert?: Excel.DataValidationErrorAlert
  prompt?: Excel.DataValidationPrompt
  ignoreBlanks?: boolean
}

export interface FakeConditionalFormat {
  rect: CellRect
  type: 'Custom'
  /** Relative to the top-left cell of `rect`, as Excel reads a custom rule. */
  formula: string | null
  fillColor?: string
  fontColor?: string
  bold?: boolean
  stopIfTrue?: boolean
}

/** A chart as Excel keeps it: what the add-in set, readable by tests. */
export interface FakeChart {
  /** Unique in the workbook, like Excel's chart id. */
  id: number
  /** Excel's default, "Graphique 1", … (names are per sheet in Excel, unique here). */
  name: string
  type: string
  /** The source range with its sheet, as Excel shows it: "'Synthèse'!A6:B10". */
  sourceAddress: string
  seriesBy: string
  title: string | null
  legendVisible: boolean
  valueAxis: { minimum: number | null; maximum: number | null }
  /** The cells it spans, once placed with `setPosition`. */
  position: { startCell: string; endCell: string | null } | null
}

export const MAX_ROWS = 1_048_576
export const MAX_COLUMNS = 16_384
export const WHOLE_SHEET: CellRect = { row: 0, column: 0, rowCount: MAX_ROWS, columnCount: MAX_COLUMNS }

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/

export class FakeSheet {
  readonly cells = new Map<string, FakeCell>()
  /** Widths in points, by column index; absent means Excel's default. */
  readonly columnWidths = new Map<number, number>()
  readonly hiddenColumns = new Set<number>()
  readonly dataValidations: FakeDataValidation[] = []
  readonly conditionalFormats: FakeConditionalFormat[] = []
  /** Charts float over the sheet: clearing cells leaves them, as in Excel. */
  readonly charts: FakeChart[] = []
  frozenRows = 0
  frozenColumns = 0
  visibility: 'Visible' | 'Hidden' | 'VeryHidden' = 'Visible'
  protection: { protected: boolean; options: Excel.WorksheetProtectionOptions | null } = { protected: false, options: null }

  constructor(public name: string) {}

  cell(row: number, column: number): FakeCell | undefined {
    return this.cells.get(cellKey(row, column))
  }

  /** The cell at an A1 address such as "C2". */
  cellAt(address: string): FakeCell | undefined {
    const rect = parseA1(address)
    return this.cell(rect.row, rect.column)
  }

  /** Reads or creates a cell for writing. */
  cellForWrite(row: number, column: number): FakeCell {
    const key = cellKey(row, column)
    let cell = this.cells.get(key)
    if (!cell) {
      cell = { value: null, formula: null, numberFormat: 'General', format: {}, locked: true }
      this.cells.set(key, cell)
    }
    return cell
  }

  isLocked(row: number, column: number): boolean {
    return this.cell(row, column)?.locked ?? true
  }

  /** Values from A1 to the last non-empty cell, empty cells as "" (as Office returns them). */
  usedValues(): CellValue[][] {
    let lastRow = -1
    let lastColumn = -1
    for (const [key, cell] of this.cells) {
      if (cell.value === null && cell.formula === null) continue
      const [row, column] = splitKey(key)
      lastRow = Math.max(lastRow, row)
      lastColumn = Math.max(lastColumn, column)
    }
    return Array.from({ length: lastRow + 1 }, (_, row) =>
      Array.from({ length: lastColumn + 1 }, (_, column) => this.cell(row, column)?.value ?? ''),
    )
  }

  forEachCellIn(rect: CellRect, visit: (cell: FakeCell, key: string) => void): void {
    for (const [key, cell] of this.cells) {
      const [row, column] = splitKey(key)
      if (contains(rect, row, column)) visit(cell, key)
    }
  }

  /** The validation that applies to a cell, if any. */
  validationAt(address: string): FakeDataValidation | undefined {
    const { row, column } = parseA1(address)
    return this.dataValidations.find((validation) => contains(validation.rect, row, column))
  }
}

export class FakeWorkbook {
  readonly sheets: FakeSheet[] = []
  /** Document settings (`workbook.settings`), saved with the file. */
  readonly settings = new Map<string, unknown>()
  activeSheetName: string | null = null
  /** Set by every content change; the formula engine recomputes before the next read. */
  dirty = false
  /** Last chart id handed out. */
  chartCount = 0

  /** Sheet names are case-insensitive in Excel. */
  findSheet(name: string): FakeSheet | undefined {
    const wanted = name.toLowerCase()
    return this.sheets.find((sheet) => sheet.name.toLowerCase() === wanted)
  }
}

/**
 * How Excel stores a value assigned through `Range.values`: null leaves the cell as it is, "" empties
 * it; under the text format "@" every string stays text; otherwise numeric strings become numbers
 * and strings starting with "=", "+" or "-" become formulas (Office.js documentation of `Range.values`).
 */
export function writeValue(cell: FakeCell, input: unknown): void {
  if (input === null || input === undefined) return
  if (input === '') {
    cell.value = null
    cell.formula = null
    return
  }
  if (typeof input === 'number' || typeof input === 'boolean') {
    cell.value = input
    cell.formula = null
    return
  }
  const text = String(input)
  if (cell.numberFormat === '@') {
    cell.value = text
    cell.formula = null
  } else if (NUMBER.test(text)) {
    cell.value = Number(text)
    cell.formula = null
  } else if (/^[=+-]/.test(text)) {
    cell.value = null
    cell.formula = text.startsWith('=') ? text : `=${text}`
  } else {
    cell.value = text
    cell.formula = null
  }
}

/**
 * `Range.formulas`: a text starting with "=" is a formula, except in a cell formatted as text, where
 * Excel keeps it as a plain string (a classic trap: formula columns must not be "@").
 */
export function writeFormula(cell: FakeCell, input: unknown): void {
  if (typeof input === 'string' && input.startsWith('=') && cell.numberFormat !== '@') {
    cell.formula = input
    cell.value = null
    return
  }
  writeValue(cell, input)
}

export function cellKey(row: number, column: number): string {
  return `${row},${column}`
}

export function splitKey(key: string): [number, number] {
  return key.split(',').map(Number) as [number, number]
}

export function contains(rect: CellRect, row: number, column: number): boolean {
  return (
    row >= rect.row && row < rect.row + rect.rowCount && column >= rect.column && column < rect.column + rect.columnCount
  )
}

export function intersects(a: CellRect, b: CellRect): boolean {
  return (
    a.row < b.row + b.rowCount && b.row < a.row + a.rowCount && a.column < b.column + b.columnCount && b.column < a.column + a.columnCount
  )
}

export function columnLetters(column: number): string {
  let letters = ''
  for (let n = column + 1; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters
  return letters
}

export function toA1(rect: CellRect): string {
  const start = `${columnLetters(rect.column)}${rect.row + 1}`
  if (rect.rowCount === 1 && rect.columnCount === 1) return start
  return `${start}:${columnLetters(rect.column + rect.columnCount - 1)}${rect.row + rect.rowCount}`
}

/** Parses "B2" or "A1:D10" (no sheet prefix, no whole rows or columns: the adapter needs neither). */
export function parseA1(address: string): CellRect {
  const match = /^([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?$/i.exec(address.replace(/\$/g, ''))
  if (!match) throw new Error(`Unsupported address in the fake Excel host: ${address}`)
  const [, startColumn = '', startRow = '', endColumn = startColumn, endRow = startRow] = match
  const first = { row: Number(startRow) - 1, column: columnIndex(startColumn) }
  const last = { row: Number(endRow) - 1, column: columnIndex(endColumn) }
  return {
    row: Math.min(first.row, last.row),
    column: Math.min(first.column, last.column),
    rowCount: Math.abs(last.row - first.row) + 1,
    columnCount: Math.abs(last.column - first.column) + 1,
  }
}

/** Splits "'Jury d''avril'!B2" or "Grille!A1:B3" into its sheet name (null when absent) and address. */
export function splitSheetAddress(address: string): { sheetName: string | null; address: string } {
  const quoted = /^'((?:[^']|'')+)'!(.+)$/.exec(address)
  if (quoted) return { sheetName: quoted[1]!.replaceAll("''", "'"), address: quoted[2]! }
  const bang = address.lastIndexOf('!')
  return bang < 0 ? { sheetName: null, address } : { sheetName: address.slice(0, bang), address: address.slice(bang + 1) }
}

function columnIndex(letters: string): number {
  return [...letters.toUpperCase()].reduce((index, letter) => index * 26 + letter.charCodeAt(0) - 64, 0) - 1
}
