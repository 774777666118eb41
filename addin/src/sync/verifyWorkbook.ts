/**
 * "Vérifier": one `Excel.run` reads the grid back, the rules engine decides every bloc again, and
 * every difference or invalid input is listed by cell. Also counts what would be sent.
 */
import type { ApiClient } from '../api/client'
import { localChanges, type PushRow } from '../../../shared/workbook/localEdits'
import type { SyncMetadata } from '../../../shared/workbook/syncMetadata'
import { verifyGradeSheet, type VerificationReport } from '../../../shared/workbook/verifyGradeSheet'
import type { ExcelContextApi } from '../excel/excelApi'
import { hasGrid, probeWorkbook, type WorkbookProbe } from '../excel/gridProbe'
import { readGradeSheet, readRequestCount, type GradeSheetContents } from '../excel/gridReader'
import { fr } from '../i18n/fr'
import { loadGradingRules, type GradingRules } from './gradingRules'
import type { OnProgress } from './progress'
import { runGridAction } from './runGridAction'
import { SyncError } from './syncError'

export interface VerifyOutcome {
  report: VerificationReport
  metadata: SyncMetadata
  /** Inputs changed since the pull, that "Envoyer" would send. */
  pendingInputs: number
}

export function verifyWorkbook(client: ApiClient, options: { onProgress?: OnProgress } = {}): Promise<VerifyOutcome> {
  return runGridAction(async (context) => {
    const checked = await readAndVerify(context, client, options.onProgress)
    return { report: checked.report, metadata: checked.probe.metadata, pendingInputs: countInputs(checked.changes) }
  })
}

export interface CheckedWorkbook {
  probe: WorkbookProbe & { metadata: SyncMetadata; gradeSheet: NonNullable<WorkbookProbe['gradeSheet']>; snapshotSheet: NonNullable<WorkbookProbe['snapshotSheet']> }
  grading: GradingRules
  contents: GradeSheetContents
  report: VerificationReport
  changes: PushRow[]
}

/** The reading and checking shared by "Vérifier" and "Envoyer", inside their `Excel.run`. */
export async function readAndVerify(context: ExcelContextApi, client: ApiClient, onProgress?: OnProgress): Promise<CheckedWorkbook> {
  let done = 0
  const probe = await probeWorkbook(context)
  if (!hasGrid(probe)) throw new SyncError('NO_GRID', fr.sync.noGrid)
  const grading = await loadGradingRules(client, probe.metadata.referentialId)
  const { layout } = grading
  if (probe.metadata.layoutSignature !== layout.signature) throw new SyncError('LAYOUT_CHANGED', fr.sync.layoutChanged)
  const placed = layout.formulaLayout
  const shape = {
    ...probe.metadata,
    formulaColumns: [...placed.blocs.map((bloc) => bloc.resultColumn), placed.certificationColumn!],
  }
  const total = 1 + readRequestCount(shape)
  onProgress?.({ stage: 'read', done: ++done, total })
  const contents = await readGradeSheet(context, probe, shape, () => onProgress?.({ stage: 'read', done: ++done, total }))
  const report = verifyGradeSheet(layout, grading.rules, contents.rows, contents.snapshot, contents.formulaConstants)
  const changes = localChanges(layout, contents.rows, contents.snapshot)
  return { probe, grading, contents, report, changes }
}

export function countInputs(rows: readonly PushRow[]): number {
  return rows.reduce((total, row) => total + Object.keys(row.marks).length + Object.keys(row.decisions).length, 0)
}
