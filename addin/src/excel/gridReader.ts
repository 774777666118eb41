/**
 * Reads the candidate rows of "Grille" and of the snapshot sheet back, in blocks small enough for
 * Excel's 5 MB response cap, plus the result cells where a typed value replaced the formula.
 */
import { columnIndex, columnLetters } from '../../../shared/formulas/a1'
import { FIRST_DATA_ROW } from '../../../shared/workbook/gradeSheetLayout'
import type { RowCells } from '../../../shared/workbook/gradeSheetData'
import type { SyncMetadata } from '../../../shared/workbook/syncMetadata'
import type { ExcelContextApi, RangeAreasApi, WorksheetApi } from './excelApi'
import { READ_CELLS_PER_SYNC } from './gridChunks'
import { readInRowChunks } from './readInRowChunks'

export interface GradeSheetContents {
  rows: RowCells[]
  snapshot: RowCells[]
  /** A1 addresses (no sheet) of formula cells that hold a constant. */
  formulaConstants: string[]
}

export interface ReadShape extends Pick<SyncMetadata, 'rowCount' | 'columnCount' | 'snapshotColumnCount'> {
  /** Columns whose candidate cells must hold formulas. */
  formulaColumns: readonly number[]
}

/**
 * @param onSynced called after each request.
 * @param cellBudget cells per request; smaller in tests to exercise chunking.
 */
export async function readGradeSheet(
  context: ExcelContextApi,
  sheets: { gradeSheet: WorksheetApi; snapshotSheet: WorksheetApi },
  shape: ReadShape,
  onSynced?: () => void,
  cellBudget = READ_CELLS_PER_SYNC,
): Promise<GradeSheetContents> {
  const { rowCount, columnCount, snapshotColumnCount } = shape
  const rows: RowCells[] = []
  const snapshot: RowCells[] = []
  const rowsPerChunk = Math.max(1, Math.floor(cellBudget / Math.max(1, columnCount + snapshotColumnCount)))

  // Excel's special cells find typed values among formulas without sending every formula back.
  const queueConstants = () =>
    shape.formulaColumns.map((column) =>
      sheets.gradeSheet.getRangeByIndexes(FIRST_DATA_ROW, column, rowCount, 1).getSpecialCellsOrNullObject('Constants').load('address'),
    )
  let constants: RangeAreasApi[] = []
  let constantsRead = rowCount === 0
  await readInRowChunks(
    context,
    rowCount,
    rowsPerChunk,
    (chunk) => {
      if (!constantsRead) constants = queueConstants()
      return {
        grade: sheets.gradeSheet.getRangeByIndexes(FIRST_DATA_ROW + chunk.startRow, 0, chunk.rowCount, columnCount).load('values'),
        base: sheets.snapshotSheet.getRangeByIndexes(chunk.startRow, 0, chunk.rowCount, snapshotColumnCount).load('values'),
      }
    },
    (_, { grade, base }) => {
      constantsRead = true
      rows.push(...(grade.values as RowCells[]))
      snapshot.push(...(base.values as RowCells[]))
      onSynced?.()
    },
  )
  const formulaConstants = constants.flatMap((areas) => (areas.isNullObject ? [] : expandAddresses(areas.address)))
  return { rows, snapshot, formulaConstants }
}

/**
 * Some columns of the candidate rows of "Grille", values as Excel shows them (formula results
 * included), in row blocks within the cell budget; one range per run of adjacent columns. Columns
 * not asked for stay "" in the returned rows.
 * @param onSynced called after each request.
 */
export async function readGradeColumns(
  context: ExcelContextApi,
  gradeSheet: WorksheetApi,
  shape: Pick<SyncMetadata, 'rowCount' | 'columnCount'>,
  columns: readonly number[],
  onSynced?: () => void,
  cellBudget = READ_CELLS_PER_SYNC,
): Promise<RowCells[]> {
  const runs: Array<{ first: number; count: number }> = []
  for (const column of [...new Set(columns)].sort((a, b) => a - b)) {
    const last = runs.at(-1)
    if (last && last.first + last.count === column) last.count++
    else runs.push({ first: column, count: 1 })
  }
  const width = runs.reduce((total, run) => total + run.count, 0)
  const rowsPerChunk = Math.max(1, Math.floor(cellBudget / Math.max(1, width)))

  const rows: RowCells[] = Array.from({ length: shape.rowCount }, () => Array.from({ length: shape.columnCount }, () => ''))
  await readInRowChunks(
    context,
    shape.rowCount,
    rowsPerChunk,
    (chunk) => runs.map((run) => ({ run, range: gradeSheet.getRangeByIndexes(FIRST_DATA_ROW + chunk.startRow, run.first, chunk.rowCount, run.count).load('values') })),
    (chunk, ranges) => {
      for (const { run, range } of ranges) {
        for (const [offset, read] of (range.values as RowCells[]).entries()) {
          const cells = rows[chunk.startRow + offset]!
          read.forEach((value, index) => (cells[run.first + index] = value))
        }
      }
      onSynced?.()
    },
  )
  return rows
}

/** Requests `readGradeColumns` makes when nothing is refused. */
export function readColumnsRequestCount(rowCount: number, columnCount: number, cellBudget = READ_CELLS_PER_SYNC): number {
  const rowsPerChunk = Math.max(1, Math.floor(cellBudget / Math.max(1, columnCount)))
  return Math.max(0, Math.ceil(rowCount / rowsPerChunk))
}

/** Number of requests `readGradeSheet` makes when nothing is refused. */
export function readRequestCount(shape: ReadShape, cellBudget = READ_CELLS_PER_SYNC): number {
  const rowsPerChunk = Math.max(1, Math.floor(cellBudget / Math.max(1, shape.columnCount + shape.snapshotColumnCount)))
  return Math.max(0, Math.ceil(shape.rowCount / rowsPerChunk))
}

/** "Grille!G5,Grille!G7:H8" → ["G5", "G7", "G8", "H7", "H8"]: one entry per cell, sheet names dropped. */
export function expandAddresses(address: string): string[] {
  return address
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '')
    .flatMap((part) => {
      const local = part.slice(part.lastIndexOf('!') + 1).replace(/\$/g, '')
      const match = /^([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?$/i.exec(local)
      if (!match) return []
      const [, firstLetters = '', firstRow = '', lastLetters = firstLetters, lastRow = firstRow] = match
      const cells: string[] = []
      for (let column = columnIndex(firstLetters); column <= columnIndex(lastLetters); column++) {
        for (let row = Number(firstRow); row <= Number(lastRow); row++) cells.push(`${columnLetters(column)}${row}`)
      }
      return cells
    })
}
