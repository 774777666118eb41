/**
 * Writes a référentiel into the "Référentiel" sheet, replacing what the sheet held. One
 * `Excel.run`: a first sync to learn whether the sheet exists, then the text block and its
 * formatting in as few requests as the data allows (one for a référentiel of a few hundred rows).
 */
import type { Referential } from '../../../shared/referential/schema'
import {
  buildReferentialSheet,
  REFERENTIAL_SHEET_COLUMNS,
  REFERENTIAL_SHEET_TEXT,
} from '../../../shared/workbook/referentialSheet'
import { runExcel, type ExcelContextApi, type WorksheetApi } from './excelApi'
import { jsonBytes } from './gridChunks'
import { emptiedSheet } from './emptiedSheet'
import { toExcelError } from './excelError'
import { chunkRows, queueTextGrid } from './textGridWriter'

export const REFERENTIAL_SHEET_NAME = REFERENTIAL_SHEET_TEXT.sheetName

const HEADER_FILL = '#D9D9D9'
const BLOC_HEADER_FILL = '#DDEBF7'

export interface WriteReferentialSheetResult {
  sheetName: string
  /** Data rows written below the header row. */
  rowCount: number
}

/** Called after each `context.sync()` with the number of syncs done and the total expected. */
export type WriteProgress = (done: number, total: number) => void

/** @throws {ExcelError} with a French message when Excel refuses the batch. */
export async function writeReferentialSheet(
  referential: Referential,
  onProgress?: WriteProgress,
): Promise<WriteReferentialSheetResult> {
  const sheetData = buildReferentialSheet(referential)
  const grid = [sheetData.header, ...sheetData.rows]
  const columnCount = sheetData.header.length
  const totalSyncs = 1 + chunkRows(grid.length, columnCount).length

  try {
    await runExcel(async (context) => {
      const sheet = await emptiedSheet(context, REFERENTIAL_SHEET_NAME)
      onProgress?.(1, totalSyncs)

      await queueTextGrid(context, sheet, grid, (chunksSynced) => onProgress?.(1 + chunksSynced, totalSyncs))
      queueFormats(sheet, sheetData.blocHeaderRowIndexes, sheetData.columnWidths, grid.length)
      sheet.activate()
      await context.sync()
      onProgress?.(totalSyncs, totalSyncs)
    })
  } catch (error) {
    throw toExcelError(error)
  }

  return { sheetName: REFERENTIAL_SHEET_NAME, rowCount: sheetData.rows.length }
}

/**
 * Queues the whole sheet without syncing, for an action that writes the référentiel with other
 * sheets in the same request (the pull). The sheet is created, or cleared when it exists.
 */
export function queueReferentialSheet(context: ExcelContextApi, existing: WorksheetApi | null, referential: Referential): void {
  const sheetData = buildReferentialSheet(referential)
  const grid = [sheetData.header, ...sheetData.rows]
  const sheet = existing ?? context.workbook.worksheets.add(REFERENTIAL_SHEET_NAME)
  if (existing) existing.getRange().clear('All')
  const range = sheet.getRangeByIndexes(0, 0, grid.length, sheetData.header.length)
  const formats = grid.map((row) => row.map(() => '@'))
  range.numberFormat = formats
  range.values = grid
  queueFormats(sheet, sheetData.blocHeaderRowIndexes, sheetData.columnWidths, grid.length)
}

/** Approximate size of what `queueReferentialSheet` queues, for the caller's request budget. */
export function referentialSheetBytes(referential: Referential): number {
  const sheetData = buildReferentialSheet(referential)
  const cells = (sheetData.rows.length + 1) * sheetData.header.length
  // Values, one "@" per cell, and formats by the row.
  return jsonBytes([sheetData.header, ...sheetData.rows]) + 4 * cells + 200 * sheetData.blocHeaderRowIndexes.length
}

/** Formats go after the values (Excel's advice for large writes); proxies only, no sync. */
function queueFormats(sheet: WorksheetApi, blocHeaderRowIndexes: number[], columnWidths: number[], gridRowCount: number) {
  const columnCount = columnWidths.length
  const whole = sheet.getRangeByIndexes(0, 0, gridRowCount, columnCount)
  whole.format.verticalAlignment = 'Top'

  const header = sheet.getRangeByIndexes(0, 0, 1, columnCount)
  header.format.font.bold = true
  header.format.fill.color = HEADER_FILL

  for (const rowIndex of blocHeaderRowIndexes) {
    // +1: rows are indexed below the header row.
    const blocHeader = sheet.getRangeByIndexes(rowIndex + 1, 0, 1, columnCount)
    blocHeader.format.font.bold = true
    blocHeader.format.fill.color = BLOC_HEADER_FILL
  }

  columnWidths.forEach((width, column) => {
    sheet.getRangeByIndexes(0, column, 1, 1).format.columnWidth = width
  })
  sheet.getRangeByIndexes(0, REFERENTIAL_SHEET_COLUMNS.label, gridRowCount, 1).format.wrapText = true

  sheet.freezePanes.freezeRows(1)
}
