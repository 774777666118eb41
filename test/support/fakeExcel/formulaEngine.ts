/**
 * Formula evaluation for the fake host: the workbook is mirrored into HyperFormula (configured like
 * Excel, see ../hyperformula.ts) and every formula cell gets its computed value back, errors as
 * Excel shows them ("#VALUE!"). Cross-sheet references work because every sheet is mirrored.
 *
 * Parsing is what costs (a bloc formula is ~5,000 characters), so the mirror is incremental: only
 * cells whose content changed since the last evaluation are sent to HyperFormula, and a sheet
 * rewritten with the same formulas costs nothing. Adding, removing or renaming a sheet rebuilds it.
 */
import { DetailedCellError, type HyperFormula, type RawCellContent } from 'hyperformula'
import { createExcelLikeHyperFormula, toRawContent } from '../hyperformula'
import { splitKey, type CellValue, type FakeSheet, type FakeWorkbook } from './cellStore'
import { shiftFormula } from './formulaShift'

type SheetContent = Map<string, RawCellContent>

export class FormulaEngine {
  private hf: HyperFormula | null = null
  /** What HyperFormula holds, by sheet name then cell key. */
  private mirrored = new Map<string, SheetContent>()
  private sheetIds = new Map<string, number>()

  /** Recomputes every formula cell of the workbook. */
  evaluate(workbook: FakeWorkbook): void {
    const wanted = new Map(workbook.sheets.map((sheet) => [sheet.name, contentOf(sheet)]))
    const sameSheets = this.hf !== null && wanted.size === this.mirrored.size && [...wanted.keys()].every((name) => this.mirrored.has(name))
    if (sameSheets) this.update(wanted)
    else this.rebuild(wanted)
    const hf = this.hf!
    for (const sheet of workbook.sheets) {
      const sheetId = this.sheetIds.get(sheet.name)!
      for (const [key, cell] of sheet.cells) {
        if (cell.formula === null) continue
        const [row, col] = splitKey(key)
        cell.value = toCellValue(hf.getCellValue({ sheet: sheetId, row, col }))
      }
    }
    workbook.dirty = false
  }

  /**
   * Evaluates `formula`, written for the cell at `anchor`, as if it sat at `at`: how Excel applies
   * a conditional format's rule to each cell of its range.
   */
  evaluateAt(sheet: FakeSheet, formula: string, anchor: { row: number; column: number }, at: { row: number; column: number }): CellValue | null {
    if (!this.hf) throw new Error('evaluate() the workbook first')
    const shifted = shiftFormula(formula, at.row - anchor.row, at.column - anchor.column)
    const value = this.hf.calculateFormula(shifted, this.sheetIds.get(sheet.name)!)
    return toCellValue(Array.isArray(value) ? (value[0]?.[0] ?? null) : value)
  }

  private rebuild(wanted: Map<string, SheetContent>): void {
    this.hf?.destroy()
    const hf = createExcelLikeHyperFormula()
    this.hf = hf
    this.sheetIds = new Map()
    // Sheets first, so that a formula may refer to a sheet added after its own.
    for (const name of wanted.keys()) {
      hf.addSheet(name)
      this.sheetIds.set(name, hf.getSheetId(name)!)
    }
    hf.batch(() => {
      for (const [name, content] of wanted) hf.setSheetContent(this.sheetIds.get(name)!, toRows(content))
    })
    this.mirrored = wanted
  }

  private update(wanted: Map<string, SheetContent>): void {
    const hf = this.hf!
    hf.batch(() => {
      for (const [name, content] of wanted) {
        const sheet = this.sheetIds.get(name)!
        const previous = this.mirrored.get(name)!
        for (const [key, raw] of content) {
          if (previous.get(key) === raw) continue
          const [row, col] = splitKey(key)
          hf.setCellContents({ sheet, row, col }, raw)
        }
        for (const key of previous.keys()) {
          if (content.has(key)) continue
          const [row, col] = splitKey(key)
          hf.setCellContents({ sheet, row, col }, null)
        }
      }
    })
    this.mirrored = wanted
  }
}

function contentOf(sheet: FakeSheet): SheetContent {
  const content: SheetContent = new Map()
  for (const [key, cell] of sheet.cells) {
    const raw = cell.formula ?? toRawContent(cell.value)
    if (raw !== null) content.set(key, raw)
  }
  return content
}

/** HyperFormula wants dense rows: holes become empty cells. */
function toRows(content: SheetContent): RawCellContent[][] {
  const rows: RawCellContent[][] = []
  for (const [key, raw] of content) {
    const [row, column] = splitKey(key)
    ;(rows[row] ??= [])[column] = raw
  }
  return Array.from(rows, (cells) => Array.from(cells ?? [], (cell) => cell ?? null))
}

function toCellValue(value: unknown): CellValue | null {
  if (value instanceof DetailedCellError) return value.value
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value
  return null
}
