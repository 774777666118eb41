/**
 * Writes the grading workbook in one `Excel.run`: the "Référentiel" sheet, the "Grille" sheet and
 * its very hidden snapshot, the metadata, then the "Synthèse" sheet and its chart with the last
 * request (the one that asks Excel to calculate). Excel's advice for large writes, followed literally:
 * - values, then formulas, then formats, each as 2-D blocks;
 * - rows packed into requests under a byte budget (Excel on the web refuses more than 5 MB), a
 *   refused request retried smaller; the last block carries the formulas and formats;
 * - the formulas are written for the first candidate row only and pasted down by Excel
 *   (`copyFrom`): the generator anchors columns and leaves rows relative for exactly this, and it
 *   keeps thousands of ~5,000-character formulas out of the requests;
 * - calculation suspended for every request of the write, screen updating for the first; one
 *   `calculate` at the end, since Excel leaves suspended work to the add-in;
 * - conditional formats and validation on the candidate rows only, never whole columns.
 */
import { quoteSheetName } from '../../../shared/formulas/a1'
import type { Referential } from '../../../shared/referential/schema'
import type { RowCells } from '../../../shared/workbook/gradeSheetData'
import {
  cellAddress,
  columnRuns,
  FIRST_DATA_ROW,
  GRADE_SHEET_TEXT,
  type GradeColumn,
  type GradeSheetLayout,
} from '../../../shared/workbook/gradeSheetLayout'
import { buildSynthesisSheet } from '../../../shared/workbook/synthesisSheet'
import { excelSerialDate, serializeSyncMetadata, SYNC_SETTING_KEY, type SyncMetadata } from '../../../shared/workbook/syncMetadata'
import { isExcelApiSupported, type ExcelContextApi, type WorksheetApi } from './excelApi'
import { chunkRowsByBytes, halve, isPayloadTooLarge, jsonBytes, REQUEST_BUDGET_BYTES, type RowChunk } from './gridChunks'
import type { WorkbookProbe } from './gridProbe'
import { queueReferentialSheet, referentialSheetBytes } from './writeReferentialSheet'
import { listSynthesisCharts, queueSynthesisSheet, type ExistingSynthesisSheet } from './writeSynthesisSheet'

/** What protection still allows: resizing rows and columns, filtering. Never a password: it guards against slips, not people. */
export const SHEET_PROTECTION: Excel.WorksheetProtectionOptions = {
  allowFormatColumns: true,
  allowFormatRows: true,
  allowAutoFilter: true,
}

export const DATE_TIME_FORMAT = 'dd/mm/yyyy hh:mm'

const HEADER_FILL = '#D9D9D9'
const BAND_FILLS = ['#DDEBF7', '#E2EFDA'] as const

export interface GradeWorkbookContent {
  layout: GradeSheetLayout
  referential: Referential
  sessionName: string
  pulledAt: Date
  /** Candidate rows, one cell per layout column; result columns are left to the formulas. */
  rows: readonly RowCells[]
  /** Snapshot rows (identity and inputs as pulled), `layout.snapshotColumnCount` wide. */
  snapshot: readonly RowCells[]
  /** The generator's formulas for the first candidate row. */
  firstRowFormulas: ReadonlyArray<{ column: number; formula: string }>
  metadata: SyncMetadata
}

/** Called after each request with the number done and the number expected (which may grow on a retry). */
export type SyncProgress = (done: number, total: number) => void

/**
 * Queues and syncs the whole write; `probe` tells which sheets exist already.
 * @returns the number of requests made.
 */
export async function writeGradeWorkbook(
  context: ExcelContextApi,
  probe: WorkbookProbe,
  content: GradeWorkbookContent,
  onSynced?: SyncProgress,
  budget = REQUEST_BUDGET_BYTES,
): Promise<number> {
  const { layout } = content
  const width = layout.columns.length
  const textRuns = columnRuns(layout.columns, (column) => column.text)
  const snapshotTextRuns = columnRuns(
    layout.columns.filter((column) => column.index < layout.snapshotColumnCount),
    (column) => column.text && (column.editable || column.kind === 'candidateId'),
  )
  const textCells = (runs: typeof textRuns) => runs.reduce((total, run) => total + run.count, 0)
  const formatBytesPerRow = 4 * (textCells(textRuns) + textCells(snapshotTextRuns))
  const rowBytes = content.rows.map((row, index) => jsonBytes(row) + jsonBytes(content.snapshot[index]) + formatBytesPerRow)
  const headerRows = headerValues(content)
  const setupBytes = 2 * jsonBytes(headerRows) + referentialSheetBytes(content.referential)
  const finishBytes = jsonBytes(content.firstRowFormulas) + 600 * width
  const pending: RowChunk[] = chunkRowsByBytes(rowBytes, budget, setupBytes)

  let gradeSheet: WorksheetApi | null = null
  let snapshotSheet: WorksheetApi | null = null
  let synthesisSheet: ExistingSynthesisSheet | null = null
  let setupDone = false
  let finishDone = false
  // Set when a request carrying rows and the finish was refused: the finish then goes alone.
  let finishAlone = false
  let done = 0
  while (pending.length > 0 || !finishDone) {
    // Once the rows are out, an empty chunk carries the finish alone.
    const chunk = pending.shift() ?? { startRow: content.rows.length, rowCount: 0 }
    const chunkBytes = rowBytes.slice(chunk.startRow, chunk.startRow + chunk.rowCount).reduce((sum, bytes) => sum + bytes, 0)
    // The finish rides with the last rows when they leave it room.
    const withFinish = pending.length === 0 && (chunk.rowCount === 0 || (!finishAlone && chunkBytes + finishBytes <= budget))
    if (!setupDone) {
      if (isExcelApiSupported('1.9')) context.application.suspendScreenUpdatingUntilNextSync()
      ;({ gradeSheet, snapshotSheet } = queueSetup(context, probe, content, headerRows))
      // Listed now, deleted with the last request: replacing the chart needs no request of its own.
      synthesisSheet = probe.synthesisSheet ? listSynthesisCharts(probe.synthesisSheet) : null
    }
    if (isExcelApiSupported('1.6')) context.application.suspendApiCalculationUntilNextSync()
    queueRows(gradeSheet!, snapshotSheet!, content, chunk, textRuns, snapshotTextRuns)
    if (withFinish) queueFinish(context, gradeSheet!, snapshotSheet!, content)
    try {
      await context.sync()
    } catch (error) {
      // Nothing of a refused request was applied: the same work is queued again, smaller.
      if (!isPayloadTooLarge(error)) throw error
      if (withFinish && chunk.rowCount > 0) {
        finishAlone = true
        pending.unshift(chunk)
      } else if (chunk.rowCount > 1) {
        pending.unshift(...halve(chunk))
      } else {
        throw error
      }
      continue
    }
    setupDone = true
    finishDone ||= withFinish
    done++
    onSynced?.(done, done + pending.length + (finishDone ? 0 : 1) + 1)
  }

  // A few kilobytes whatever the number of candidates: one formula per figure, over the result columns.
  queueSynthesisSheet(context, synthesisSheet, buildSynthesisSheet(layout, content.rows.length, content.sessionName))
  // Suspended work is the add-in's to finish: results of the new formulas appear now.
  context.application.calculate('Recalculate')
  await context.sync()
  onSynced?.(++done, done)
  return done
}

/** Rows 1 and 2: session line and bloc bands, then column headers. */
function headerValues(content: GradeWorkbookContent): unknown[][] {
  const { layout } = content
  const band: unknown[] = layout.columns.map(() => '')
  band[2] = content.sessionName
  band[3] = GRADE_SHEET_TEXT.pulledAtLabel
  band[4] = excelSerialDate(content.pulledAt)
  for (const bloc of layout.blocBands) band[bloc.firstColumn] = `${bloc.blocCode} — ${bloc.title}`
  return [band, layout.columns.map((column) => column.header)]
}

/** First request only: sheets created or emptied, référentiel, header rows. */
function queueSetup(context: ExcelContextApi, probe: WorkbookProbe, content: GradeWorkbookContent, headerRows: unknown[][]) {
  const sheets = context.workbook.worksheets
  const { layout } = content
  queueReferentialSheet(context, probe.referentialSheet, content.referential)

  let gradeSheet = probe.gradeSheet
  if (gradeSheet) {
    // Emptied rather than deleted: formulas of the user's own sheets that point here keep working.
    gradeSheet.protection.unprotect()
    const everything = gradeSheet.getRange()
    everything.clear('All')
    everything.dataValidation.clear()
    everything.conditionalFormats.clearAll()
    everything.columnHidden = false
  } else {
    gradeSheet = sheets.add(GRADE_SHEET_TEXT.sheetName)
  }
  let snapshotSheet = probe.snapshotSheet
  if (snapshotSheet) snapshotSheet.getRange().clear('All')
  else snapshotSheet = sheets.add(GRADE_SHEET_TEXT.snapshotSheetName)

  const header = gradeSheet.getRangeByIndexes(0, 0, FIRST_DATA_ROW, layout.columns.length)
  header.numberFormat = headerRows.map((row, rowIndex) => row.map((_, column) => (rowIndex === 0 && column === 4 ? DATE_TIME_FORMAT : '@')))
  header.values = headerRows
  return { gradeSheet, snapshotSheet }
}

/** Text formats then values of a block of candidate rows, in both sheets. */
function queueRows(
  gradeSheet: WorksheetApi,
  snapshotSheet: WorksheetApi,
  content: GradeWorkbookContent,
  chunk: RowChunk,
  textRuns: Array<{ first: number; count: number }>,
  snapshotTextRuns: Array<{ first: number; count: number }>,
) {
  if (chunk.rowCount === 0) return
  const { layout } = content
  const rows = content.rows.slice(chunk.startRow, chunk.startRow + chunk.rowCount)
  const snapshot = content.snapshot.slice(chunk.startRow, chunk.startRow + chunk.rowCount)
  // "@" before the values: a name or a reason starting with "=", "+" or "-" stays text.
  for (const run of textRuns) {
    gradeSheet.getRangeByIndexes(FIRST_DATA_ROW + chunk.startRow, run.first, chunk.rowCount, run.count).numberFormat = textBlock(chunk.rowCount, run.count)
  }
  gradeSheet.getRangeByIndexes(FIRST_DATA_ROW + chunk.startRow, 0, chunk.rowCount, layout.columns.length).values = rows.map((row) => [...row])
  for (const run of snapshotTextRuns) {
    snapshotSheet.getRangeByIndexes(chunk.startRow, run.first, chunk.rowCount, run.count).numberFormat = textBlock(chunk.rowCount, run.count)
  }
  snapshotSheet.getRangeByIndexes(chunk.startRow, 0, chunk.rowCount, layout.snapshotColumnCount).values = snapshot.map((row) => [...row])
}

/** Formulas, then formats, validation, protection and metadata; the grade sheet becomes active. */
function queueFinish(context: ExcelContextApi, gradeSheet: WorksheetApi, snapshotSheet: WorksheetApi, content: GradeWorkbookContent) {
  const { layout } = content
  const rowCount = content.rows.length
  const sheetName = quoteSheetName(layout.sheetName)

  if (rowCount > 0) {
    for (const { column, formula } of content.firstRowFormulas) {
      gradeSheet.getRangeByIndexes(FIRST_DATA_ROW, column, 1, 1).formulas = [[formula]]
      if (rowCount > 1) {
        gradeSheet.getRangeByIndexes(FIRST_DATA_ROW + 1, column, rowCount - 1, 1).copyFrom(`${sheetName}!${cellAddress(FIRST_DATA_ROW, column)}`, 'Formulas')
      }
    }
  }

  queueHeaderFormats(gradeSheet, layout)
  for (const run of widthRuns(layout.columns)) gradeSheet.getRangeByIndexes(0, run.first, 1, run.count).format.columnWidth = run.width
  for (const run of columnRuns(layout.columns, (column) => column.hidden)) gradeSheet.getRangeByIndexes(0, run.first, 1, run.count).columnHidden = true
  gradeSheet.freezePanes.freezeAt(`A1:${cellAddress(layout.frozen.rows - 1, layout.frozen.columns - 1)}`)

  if (rowCount > 0) {
    for (const column of layout.columns) {
      if (column.kind === 'mark' || column.kind === 'blocResult' || column.kind === 'certification' || column.kind === 'capitalised' || column.kind === 'override') {
        gradeSheet.getRangeByIndexes(FIRST_DATA_ROW, column.index, rowCount, 1).format.horizontalAlignment = 'Center'
      }
    }
    if (isExcelApiSupported('1.8')) {
      for (const column of layout.columns) if (column.validation) queueValidation(gradeSheet, column, rowCount)
    }
    for (const rule of layout.conditionalRules) {
      const range = gradeSheet.getRangeByIndexes(FIRST_DATA_ROW, rule.firstColumn, rowCount, rule.columnCount)
      for (const style of rule.styles) {
        const format = range.conditionalFormats.add('Custom')
        format.custom.rule.formula = style.formula
        format.custom.format.fill.color = style.fill
        format.custom.format.font.color = style.font
      }
    }
    for (const run of columnRuns(layout.columns, (column) => column.editable)) {
      gradeSheet.getRangeByIndexes(FIRST_DATA_ROW, run.first, rowCount, run.count).format.protection.locked = false
    }
  }
  gradeSheet.protection.protect(SHEET_PROTECTION)

  context.workbook.settings.add(SYNC_SETTING_KEY, serializeSyncMetadata(content.metadata))
  gradeSheet.activate()
  // Never shown, never deleted by mistake: only the add-in reads it.
  snapshotSheet.visibility = 'VeryHidden'
}

function queueHeaderFormats(sheet: WorksheetApi, layout: GradeSheetLayout) {
  const width = layout.columns.length
  const band = sheet.getRangeByIndexes(0, 0, 1, width)
  band.format.font.bold = true
  layout.blocBands.forEach((bloc, index) => {
    sheet.getRangeByIndexes(0, bloc.firstColumn, 2, bloc.columnCount).format.fill.color = BAND_FILLS[index % BAND_FILLS.length]!
  })
  const headers = sheet.getRangeByIndexes(1, 0, 1, width)
  headers.format.font.bold = true
  headers.format.wrapText = true
  headers.format.verticalAlignment = 'Top'
  for (const run of columnRuns(layout.columns, (column) => column.blocCode === null)) {
    sheet.getRangeByIndexes(1, run.first, 1, run.count).format.fill.color = HEADER_FILL
  }
}

function queueValidation(sheet: WorksheetApi, column: GradeColumn, rowCount: number) {
  const validation = column.validation!
  const range = sheet.getRangeByIndexes(FIRST_DATA_ROW, column.index, rowCount, 1)
  const target = range.dataValidation
  target.rule =
    validation.kind === 'list'
      ? { list: { inCellDropDown: true, source: validation.source } }
      : validation.kind === 'custom'
        ? { custom: { formula: validation.formula } }
        : { textLength: { formula1: validation.max, operator: 'LessThanOrEqualTo' } }
  target.errorAlert = { showAlert: true, style: 'Stop', title: GRADE_SHEET_TEXT.validation.markTitle, message: validation.errorMessage }
  if (column.label !== null && column.critereCode !== null) {
    // Excel caps a prompt at 32 characters of title and 255 of message.
    target.prompt = { showPrompt: true, title: column.critereCode.slice(0, 32), message: truncate(column.label, 255) }
  }
}

function widthRuns(columns: readonly GradeColumn[]): Array<{ first: number; count: number; width: number }> {
  const runs: Array<{ first: number; count: number; width: number }> = []
  for (const column of columns) {
    const last = runs.at(-1)
    if (last && last.width === column.width) last.count++
    else runs.push({ first: column.index, count: 1, width: column.width })
  }
  return runs
}

function textBlock(rowCount: number, columnCount: number): string[][] {
  return Array.from({ length: rowCount }, () => Array<string>(columnCount).fill('@'))
}

function truncate(text: string, length: number): string {
  return text.length <= length ? text : `${text.slice(0, length - 1)}…`
}
