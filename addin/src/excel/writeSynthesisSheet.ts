/**
 * Writes the « Synthèse » sheet (shared/workbook/synthesisSheet.ts) and its chart inside the pull's
 * `Excel.run`, in two steps so that replacing the chart costs no request of its own:
 * 1. with an earlier request of the batch, the charts of an existing sheet are listed;
 * 2. with the last request, the sheet is created or emptied, the listed charts deleted, then the
 *    cells (formulas, never `formulasLocal`), formats, the one chart and the protection written.
 * Charts float over the cells, so clearing the sheet would leave the previous pull's chart behind.
 */
import { SYNTHESIS_SHEET_TEXT, type SynthesisSheet } from '../../../shared/workbook/synthesisSheet'
import type { ChartCollectionApi, ExcelContextApi, WorksheetApi } from './excelApi'

export const SYNTHESIS_SHEET_NAME = SYNTHESIS_SHEET_TEXT.sheetName

/**
 * As the grade sheet's protection (rows and columns resizable, filters), plus moving or resizing
 * the chart: the cells are formulas that typing over would break, the chart is rebuilt anyway.
 */
export const SYNTHESIS_PROTECTION: Excel.WorksheetProtectionOptions = {
  allowFormatColumns: true,
  allowFormatRows: true,
  allowAutoFilter: true,
  allowEditObjects: true,
}

const HEADER_FILL = '#D9D9D9'

/** The sheet from a probe, with its charts listed; `items` is readable once the request is synced. */
export interface ExistingSynthesisSheet {
  sheet: WorksheetApi
  charts: ChartCollectionApi
}

/** Step 1: queues the listing of the sheet's charts (no sync here). */
export function listSynthesisCharts(sheet: WorksheetApi): ExistingSynthesisSheet {
  return { sheet, charts: sheet.charts.load('items/name') }
}

/**
 * Step 2, in a request after the listing was synced: the whole sheet and its chart, proxies only.
 * The sheet is Certibloc's, rewritten on every pull: every chart on it goes, not only ours.
 */
export function queueSynthesisSheet(context: ExcelContextApi, existing: ExistingSynthesisSheet | null, synthesis: SynthesisSheet): void {
  let sheet: WorksheetApi
  if (existing) {
    sheet = existing.sheet
    sheet.protection.unprotect()
    // Cleared rather than deleted: formulas of the user's own sheets that point here keep working.
    sheet.getRange().clear('All')
    for (const chart of existing.charts.items) chart.delete()
  } else {
    sheet = context.workbook.worksheets.add(SYNTHESIS_SHEET_NAME)
  }

  const { cells, columnCount } = synthesis
  const whole = sheet.getRangeByIndexes(0, 0, cells.length, columnCount)
  // Formats first: "@" keeps a title or label starting with "=" as text; formula cells are never "@".
  whole.numberFormat = synthesis.numberFormats
  whole.formulas = cells
  whole.format.verticalAlignment = 'Top'

  sheet.getRangeByIndexes(synthesis.titleRow, 0, 1, 1).format.font.bold = true
  for (const row of synthesis.sectionRows) sheet.getRangeByIndexes(row, 0, 1, 1).format.font.bold = true
  for (const row of synthesis.headerRows) {
    const header = sheet.getRangeByIndexes(row, 0, 1, columnCount)
    header.format.font.bold = true
    header.format.fill.color = HEADER_FILL
    header.format.wrapText = true
  }
  synthesis.columnWidths.forEach((width, column) => {
    sheet.getRangeByIndexes(0, column, 1, 1).format.columnWidth = width
  })

  const spec = synthesis.chart
  const chart = sheet.charts.add('ColumnClustered', sheet.getRange(spec.sourceAddress), 'Columns')
  chart.title.text = spec.title
  // One series: its name is the title already.
  chart.legend.visible = false
  // Rates from 0 to 100 %, whatever the data: bars compare across pulls and sessions.
  chart.axes.valueAxis.minimum = 0
  chart.axes.valueAxis.maximum = 1
  chart.setPosition(spec.topLeft, spec.bottomRight)

  sheet.protection.protect(SYNTHESIS_PROTECTION)
}
