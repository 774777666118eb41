/**
 * One `Excel.run` per user action, with every failure turned into an error the pane can show:
 * the API's and the sync rules' own errors pass through, Office errors get their French message.
 */
import { ApiError } from '../api/client'
import { runExcel, type ExcelContextApi } from '../excel/excelApi'
import { toExcelError } from '../excel/excelError'
import { SyncError } from './syncError'

export async function runGridAction<T>(batch: (context: ExcelContextApi) => Promise<T>): Promise<T> {
  try {
    return await runExcel(batch)
  } catch (error) {
    if (error instanceof ApiError || error instanceof SyncError) throw error
    throw toExcelError(error)
  }
}
