/**
 * "Envoyer les résultats": in one `Excel.run`, the grid is read and verified (nothing leaves while a
 * problem remains), the changed inputs are sent with their row versions and an idempotency key,
 * and the accepted versions and values become the workbook's new base. A 409 comes back as the
 * list of conflicting cells, for the user to choose a side.
 */
import { ApiError, type ApiClient } from '../api/client'
import { pushGrades } from '../api/sessions'
import { candidateIdOf } from '../../../shared/workbook/gradeSheetData'
import { describeConflicts, snapshotAfterPush, type CellDifference, type ServerConflict } from '../../../shared/workbook/localEdits'
import type { SyncMetadata } from '../../../shared/workbook/syncMetadata'
import type { VerificationReport } from '../../../shared/workbook/verifyGradeSheet'
import type { ExcelContextApi } from '../excel/excelApi'
import { writePushedState } from '../excel/gridSyncState'
import { idempotencyKey } from './idempotencyKey'
import type { OnProgress } from './progress'
import { runGridAction } from './runGridAction'
import { countInputs, readAndVerify, type CheckedWorkbook } from './verifyWorkbook'

export type SendOutcome =
  | { kind: 'blocked'; report: VerificationReport }
  | { kind: 'nothing'; report: VerificationReport }
  | { kind: 'sent'; rows: number; inputs: number }
  /** The Worker refused stale rows; `conflicts` lists the inputs where its value differs from the user's. */
  | { kind: 'conflicts'; conflicts: CellDifference[] }

export function sendResults(client: ApiClient, options: { onProgress?: OnProgress; now?: () => Date } = {}): Promise<SendOutcome> {
  const { onProgress, now = () => new Date() } = options
  return runGridAction(async (context) => {
    const checked = await readAndVerify(context, client, onProgress)
    if (checked.report.problems.length > 0) return { kind: 'blocked', report: checked.report }
    const pushed = await pushChanges(context, client, checked, { onProgress, now })
    switch (pushed.kind) {
      case 'nothing':
        return { kind: 'nothing', report: checked.report }
      case 'sent':
        return { kind: 'sent', rows: pushed.rows, inputs: pushed.inputs }
      case 'conflicts':
        return pushed
    }
  })
}

export type PushOutcome =
  | { kind: 'nothing'; metadata: SyncMetadata }
  /** `metadata` as now saved in the workbook. */
  | { kind: 'sent'; rows: number; inputs: number; metadata: SyncMetadata }
  | { kind: 'conflicts'; conflicts: CellDifference[] }

/**
 * Sends the changes of a verified workbook and records what the Worker accepted, inside the
 * action's `Excel.run`. Shared by "Envoyer" and the final deliberation.
 */
export async function pushChanges(
  context: ExcelContextApi,
  client: ApiClient,
  checked: CheckedWorkbook,
  options: { onProgress?: OnProgress | undefined; now: () => Date },
): Promise<PushOutcome> {
  const { probe, grading, contents, changes } = checked
  const metadata = probe.metadata
  if (changes.length === 0) return { kind: 'nothing', metadata }

  options.onProgress?.({ stage: 'send', done: 0, total: 0 })
  let accepted: Awaited<ReturnType<typeof pushGrades>>
  try {
    accepted = await pushGrades(client, metadata.sessionId, changes, await idempotencyKey(metadata.sessionId, changes))
  } catch (error) {
    if (error instanceof ApiError && error.code === 'CONFLICT') {
      const conflicts = (error.details as { conflicts?: ServerConflict[] } | null)?.conflicts ?? []
      return { kind: 'conflicts', conflicts: describeConflicts(grading.layout, contents.rows, conflicts) }
    }
    throw error
  }

  const versions = new Map(accepted.rows.map((row) => [row.candidateId, row.rowVersion]))
  const snapshot = snapshotAfterPush(grading.layout, contents.snapshot, changes, versions)
  const rowIndexById = new Map(contents.rows.map((cells, index) => [candidateIdOf(cells), index]))
  const saved: SyncMetadata = {
    ...metadata,
    pushedAt: options.now().toISOString(),
    // The Worker bumps the grid version once per candidate row it writes: the workbook now holds
    // the pulled grid plus this push. Finalising sends it, so any other write since the pull is seen.
    gridVersion: metadata.gridVersion + accepted.rows.length,
  }
  await writePushedState(context, probe, {
    versions: accepted.rows.flatMap((row) => {
      const rowIndex = rowIndexById.get(row.candidateId)
      return rowIndex === undefined ? [] : [{ rowIndex, rowVersion: row.rowVersion }]
    }),
    snapshotRows: snapshot.flatMap((cells, rowIndex) => (versions.has(candidateIdOf(cells)) ? [{ rowIndex, cells }] : [])),
    metadata: saved,
  })
  options.onProgress?.({ stage: 'send', done: 1, total: 1 })
  return { kind: 'sent', rows: changes.length, inputs: countInputs(changes), metadata: saved }
}
