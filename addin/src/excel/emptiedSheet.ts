/**
 * The sheet a writer is about to fill: the one of that name emptied (values, formats, data
 * validation), or a new one. Emptied rather than deleted, so that formulas of other sheets that
 * point at it keep their references.
 */
import { isExcelApiSupported, type ExcelContextApi, type WorksheetApi } from './excelApi'

/** Syncs once (to learn whether the sheet exists), then suspends screen updating until the next sync. */
export async function emptiedSheet(context: ExcelContextApi, name: string): Promise<WorksheetApi> {
  const worksheets = context.workbook.worksheets
  const existing = worksheets.getItemOrNullObject(name)
  await context.sync()
  // Before the bulk write: Excel looks idle meanwhile, so callers report progress.
  if (isExcelApiSupported('1.9')) context.application.suspendScreenUpdatingUntilNextSync()
  if (existing.isNullObject) return worksheets.add(name)
  const everything = existing.getRange()
  everything.clear('All')
  everything.dataValidation.clear()
  return existing
}
