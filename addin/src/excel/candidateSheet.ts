/**
 * The « Candidats » sheet in the workbook: written from its pure layout
 * (shared/workbook/candidateSheet.ts) in one `Excel.run`, and read back as values for the import's
 * dry run. The sheet stays unprotected: it is the school's to fill.
 */
import { CANDIDATE_SHEET_NAME, sheetRowsToSend, type CandidateSheetLayout } from '../../../shared/workbook/candidateSheet'
import { isExcelApiSupported, runExcel, type RangeApi } from './excelApi'
import { emptiedSheet } from './emptiedSheet'
import { toExcelError } from './excelError'
import { chunkRows } from './textGridWriter'

const HEADER_FILL = '#D9D9D9'
/** Columns read back: the layout's and room for a few the school adds (reported as unknown). */
const COLUMNS_READ = 80
/** Rows per read request; reading stops at the first block without any value. */
const ROWS_PER_READ = 1000
/** The import takes 20,000 candidates: a little more is read, so the Worker can say so. */
const MAX_ROWS_READ = 20_200

export { CANDIDATE_SHEET_NAME }

/** Whether the workbook already has a « Candidats » sheet (writing replaces it). */
export async function hasCandidateSheet(): Promise<boolean> {
  try {
    return await runExcel(async (context) => {
      const sheet = context.workbook.worksheets.getItemOrNullObject(CANDIDATE_SHEET_NAME)
      await context.sync()
      return !sheet.isNullObject
    })
  } catch (error) {
    throw toExcelError(error)
  }
}

/**
 * Writes the sheet, replacing what a sheet of that name held, and shows it.
 * @throws {ExcelError} with a French message when Excel refuses.
 */
export async function writeCandidateSheet(layout: CandidateSheetLayout): Promise<void> {
  try {
    await runExcel(async (context) => {
      const sheet = await emptiedSheet(context, CANDIDATE_SHEET_NAME)
      const width = layout.columns.length
      const formats = (rowCount: number) => Array.from({ length: rowCount }, () => [...layout.numberFormats])
      // Formats before values: « 01053 » stays text, a date serial shows as a date.
      for (const chunk of chunkRows(layout.values.length, width)) {
        const range = sheet.getRangeByIndexes(chunk.startRow, 0, chunk.rowCount, width)
        range.numberFormat = formats(chunk.rowCount)
        range.values = layout.values.slice(chunk.startRow, chunk.startRow + chunk.rowCount)
        await context.sync()
      }
      const spare = layout.formattedRows + 1 - layout.values.length
      if (spare > 0) sheet.getRangeByIndexes(layout.values.length, 0, spare, width).numberFormat = formats(spare)
      const header = sheet.getRangeByIndexes(0, 0, 1, width)
      header.numberFormat = [Array<string>(width).fill('@')]
      header.format.font.bold = true
      header.format.fill.color = HEADER_FILL
      header.format.wrapText = true
      header.format.verticalAlignment = 'Top'
      layout.columnWidths.forEach((points, column) => {
        sheet.getRangeByIndexes(0, column, 1, 1).format.columnWidth = points
      })
      if (isExcelApiSupported('1.8')) {
        for (const validation of layout.validations) queueValidation(sheet.getRangeByIndexes(1, validation.column, layout.formattedRows, 1), validation)
      }
      sheet.freezePanes.freezeRows(1)
      sheet.activate()
      await context.sync()
    })
  } catch (error) {
    throw toExcelError(error)
  }
}

function queueValidation(range: RangeApi, validation: CandidateSheetLayout['validations'][number]): void {
  const target = range.dataValidation
  target.rule = { list: { inCellDropDown: true, source: validation.source } }
  target.errorAlert = { showAlert: true, style: 'Stop', title: validation.title, message: validation.message }
}

export interface CandidateSheetValues {
  sheet: string
  /** Sheet row of `rows[0]`. */
  firstRow: number
  rows: Array<Array<string | number | boolean | null>>
}

/**
 * The sheet's values from A1 (trailing empty rows and columns dropped), read a block at a time
 * until a block holds nothing; null when the workbook has no « Candidats » sheet.
 */
export async function readCandidateSheet(): Promise<CandidateSheetValues | null> {
  try {
    return await runExcel(async (context) => {
      const sheet = context.workbook.worksheets.getItemOrNullObject(CANDIDATE_SHEET_NAME)
      await context.sync()
      if (sheet.isNullObject) return null
      const values: unknown[][] = []
      for (let start = 0; start < MAX_ROWS_READ; start += ROWS_PER_READ) {
        const range = sheet.getRangeByIndexes(start, 0, Math.min(ROWS_PER_READ, MAX_ROWS_READ - start), COLUMNS_READ).load('values')
        await context.sync()
        const block = range.values
        values.push(...block)
        if (block.every((row) => row.every((cell) => cell === '' || cell === null))) break
      }
      return { sheet: CANDIDATE_SHEET_NAME, firstRow: 1, rows: sheetRowsToSend(values) }
    })
  } catch (error) {
    throw toExcelError(error)
  }
}
