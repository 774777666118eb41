/**
 * After an accepted push: the sent rows' new versions go into the hidden version column, their
 * values into the snapshot, and the metadata records the push. Only the rows that changed are
 * written, each run of consecutive rows as one block; one request.
 */
import { ROW_VERSION_COLUMN, type RowCells } from '../../../shared/workbook/gradeSheetData'
import { FIRST_DATA_ROW } from '../../../shared/workbook/gradeSheetLayout'
import { serializeSyncMetadata, SYNC_SETTING_KEY, type SyncMetadata } from '../../../shared/workbook/syncMetadata'
import type { ExcelContextApi, WorksheetApi } from './excelApi'
import { SHEET_PROTECTION } from './gridWriter'

export interface PushedState {
  /** New version of each sent row, by its index among the candidate rows of "Grille". */
  versions: ReadonlyArray<{ rowIndex: number; rowVersion: number }>
  /** New snapshot rows, by their index in the snapshot sheet (the same order unless rows were sorted). */
  snapshotRows: ReadonlyArray<{ rowIndex: number; cells: RowCells }>
  metadata: SyncMetadata
}

export async function writePushedState(
  context: ExcelContextApi,
  sheets: { gradeSheet: WorksheetApi; snapshotSheet: WorksheetApi },
  state: PushedState,
): Promise<void> {
  // The version column is locked like every computed cell: lift the protection for this request.
  sheets.gradeSheet.protection.unprotect()
  for (const run of consecutiveRuns(state.versions)) {
    sheets.gradeSheet.getRangeByIndexes(FIRST_DATA_ROW + run[0]!.rowIndex, ROW_VERSION_COLUMN, run.length, 1).values = run.map((row) => [row.rowVersion])
  }
  sheets.gradeSheet.protection.protect(SHEET_PROTECTION)
  for (const run of consecutiveRuns(state.snapshotRows)) {
    const width = run[0]!.cells.length
    sheets.snapshotSheet.getRangeByIndexes(run[0]!.rowIndex, 0, run.length, width).values = run.map((row) => [...row.cells])
  }
  context.workbook.settings.add(SYNC_SETTING_KEY, serializeSyncMetadata(state.metadata))
  await context.sync()
}

function consecutiveRuns<T extends { rowIndex: number }>(rows: readonly T[]): T[][] {
  const runs: T[][] = []
  for (const row of [...rows].sort((a, b) => a.rowIndex - b.rowIndex)) {
    const run = runs.at(-1)
    if (run && run.at(-1)!.rowIndex + 1 === row.rowIndex) run.push(row)
    else runs.push([row])
  }
  return runs
}
