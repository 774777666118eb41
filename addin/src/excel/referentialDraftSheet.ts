/**
 * The « Brouillon référentiel » sheet in the workbook: written from its pure layout
 * (shared/workbook/referentialDraftSheet.ts) in one `Excel.run`, and read back as values for the
 * draft check. The sheet stays unprotected: it is the school's to edit.
 */
import {
  buildDraftSheet,
  DRAFT_COLUMN_COUNT,
  DRAFT_HEADER_ROW,
  DRAFT_SHEET_TEXT,
  DRAFT_TABLE_ROWS,
  type DraftSheet,
  type DraftSheetValidation,
  type DraftSource,
} from '../../../shared/workbook/referentialDraftSheet'
import { isExcelApiSupported, runExcel, type WorksheetApi } from './excelApi'
import { emptiedSheet } from './emptiedSheet'
import { toExcelError } from './excelError'

export const DRAFT_SHEET_NAME = DRAFT_SHEET_TEXT.sheetName

const HEADER_FILL = '#D9D9D9'
const BLOC_FILL = '#DDEBF7'
const READ_ONLY_FILL = '#F2F2F2'
/** Rows read back: the fields, the header, the table and a margin to see rows past its end. */
const ROWS_READ = DRAFT_HEADER_ROW + 1 + DRAFT_TABLE_ROWS + 20

export interface WrittenDraft {
  sheetName: string
  /** Rows of the table written (blocs, options and their items). */
  rowCount: number
}

/**
 * Writes the draft sheet, replacing what a sheet of that name held, and shows it.
 * @throws {ExcelError} with a French message when Excel refuses.
 */
export async function writeDraftSheet(source: DraftSource): Promise<WrittenDraft> {
  const sheetData = buildDraftSheet(source)
  try {
    await runExcel(async (context) => {
      const sheet = await emptiedSheet(context, DRAFT_SHEET_NAME)
      queueDraft(sheet, sheetData)
      sheet.activate()
      await context.sync()
    })
  } catch (error) {
    throw toExcelError(error)
  }
  return { sheetName: DRAFT_SHEET_NAME, rowCount: sheetData.cells.length - sheetData.headerRow - 1 }
}

function queueDraft(sheet: WorksheetApi, data: DraftSheet): void {
  const rows = data.cells.length
  const range = sheet.getRangeByIndexes(0, 0, rows, DRAFT_COLUMN_COUNT)
  // Formats before values: a label starting with "=" stays text, "01" stays "01".
  range.numberFormat = data.numberFormats
  range.values = data.cells
  // The table's text columns keep "@" below the rows written, for the rows the school adds.
  const below = data.headerRow + 1 + DRAFT_TABLE_ROWS - rows
  if (below > 0) {
    const formats = data.numberFormats.at(-1)!
    sheet.getRangeByIndexes(rows, 0, below, DRAFT_COLUMN_COUNT).numberFormat = Array.from({ length: below }, () => [...formats])
  }

  const whole = sheet.getRangeByIndexes(0, 0, data.headerRow + 1 + DRAFT_TABLE_ROWS, DRAFT_COLUMN_COUNT)
  whole.format.verticalAlignment = 'Top'
  sheet.getRangeByIndexes(data.titleRow, 0, 1, 1).format.font.bold = true
  sheet.getRangeByIndexes(data.titleRow + 1, 0, 1, 1).format.wrapText = false
  for (let row = data.titleRow + 2; row < data.headerRow; row++) sheet.getRangeByIndexes(row, 0, 1, 1).format.font.bold = true
  const header = sheet.getRangeByIndexes(data.headerRow, 0, 1, DRAFT_COLUMN_COUNT)
  header.format.font.bold = true
  header.format.fill.color = HEADER_FILL
  header.format.wrapText = true
  for (const row of data.blocRows) {
    const bloc = sheet.getRangeByIndexes(row, 0, 1, DRAFT_COLUMN_COUNT)
    bloc.format.font.bold = true
    bloc.format.fill.color = BLOC_FILL
  }
  for (const row of data.readOnlyRows) sheet.getRangeByIndexes(row, 1, 1, 1).format.fill.color = READ_ONLY_FILL
  data.columnWidths.forEach((width, column) => {
    sheet.getRangeByIndexes(0, column, 1, 1).format.columnWidth = width
  })
  sheet.getRangeByIndexes(data.headerRow + 1, 2, DRAFT_TABLE_ROWS, 1).format.wrapText = true
  if (isExcelApiSupported('1.8')) for (const validation of data.validations) queueValidation(sheet, validation)
  sheet.freezePanes.freezeAt(`A1:C${data.headerRow + 1}`)
}

function queueValidation(sheet: WorksheetApi, validation: DraftSheetValidation): void {
  const target = sheet.getRangeByIndexes(validation.row, validation.column, validation.rowCount, 1).dataValidation
  const rule = validation.validation
  target.rule =
    rule.kind === 'list'
      ? { list: { inCellDropDown: true, source: rule.values.join(',') } }
      : rule.kind === 'textLength'
        ? { textLength: { formula1: rule.max, operator: 'LessThanOrEqualTo' } }
        : rule.kind === 'whole'
          ? { wholeNumber: { formula1: rule.min, formula2: rule.max, operator: 'Between' } }
          : { decimal: { formula1: rule.min, formula2: rule.max, operator: 'Between' } }
  target.errorAlert = { showAlert: true, style: 'Stop', title: 'Saisie refusée', message: validation.errorMessage }
  target.prompt = { showPrompt: true, title: validation.note.title, message: validation.note.message }
}

/**
 * The draft sheet's values from A1, as `range.values` gives them, or null when the workbook has
 * no draft sheet.
 */
export async function readDraftSheetValues(): Promise<unknown[][] | null> {
  try {
    return await runExcel(async (context) => {
      const sheet = context.workbook.worksheets.getItemOrNullObject(DRAFT_SHEET_NAME)
      await context.sync()
      if (sheet.isNullObject) return null
      const range = sheet.getRangeByIndexes(0, 0, ROWS_READ, DRAFT_COLUMN_COUNT).load('values')
      await context.sync()
      return range.values
    })
  } catch (error) {
    throw toExcelError(error)
  }
}
