/**
 * The first request of every grid action: which of Certibloc's sheets exist and what the workbook
 * remembers of its last pull. One sync, so the action can decide what to read or write next.
 */
import { GRADE_SHEET_TEXT } from '../../../shared/workbook/gradeSheetLayout'
import { REFERENTIAL_SHEET_TEXT } from '../../../shared/workbook/referentialSheet'
import { SYNTHESIS_SHEET_TEXT } from '../../../shared/workbook/synthesisSheet'
import { parseSyncMetadata, SYNC_SETTING_KEY, type SyncMetadata } from '../../../shared/workbook/syncMetadata'
import type { ExcelContextApi, WorksheetApi } from './excelApi'

export interface WorkbookProbe {
  metadata: SyncMetadata | null
  /** Proxies of the sheets that exist, usable for the rest of the same `Excel.run`. */
  gradeSheet: WorksheetApi | null
  snapshotSheet: WorksheetApi | null
  referentialSheet: WorksheetApi | null
  synthesisSheet: WorksheetApi | null
}

export async function probeWorkbook(context: ExcelContextApi): Promise<WorkbookProbe> {
  const sheets = context.workbook.worksheets
  const grade = sheets.getItemOrNullObject(GRADE_SHEET_TEXT.sheetName)
  const snapshot = sheets.getItemOrNullObject(GRADE_SHEET_TEXT.snapshotSheetName)
  const referential = sheets.getItemOrNullObject(REFERENTIAL_SHEET_TEXT.sheetName)
  const synthesis = sheets.getItemOrNullObject(SYNTHESIS_SHEET_TEXT.sheetName)
  const setting = context.workbook.settings.getItemOrNullObject(SYNC_SETTING_KEY).load('value')
  await context.sync()
  return {
    metadata: setting.isNullObject ? null : parseSyncMetadata(setting.value),
    gradeSheet: grade.isNullObject ? null : grade,
    snapshotSheet: snapshot.isNullObject ? null : snapshot,
    referentialSheet: referential.isNullObject ? null : referential,
    synthesisSheet: synthesis.isNullObject ? null : synthesis,
  }
}

/** True when the workbook holds a complete grid (both sheets and their metadata). */
export function hasGrid(probe: WorkbookProbe): probe is WorkbookProbe & { metadata: SyncMetadata; gradeSheet: WorksheetApi; snapshotSheet: WorksheetApi } {
  return probe.metadata !== null && probe.gradeSheet !== null && probe.snapshotSheet !== null
}
