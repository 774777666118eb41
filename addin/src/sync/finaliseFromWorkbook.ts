/**
 * "Envoyer les résultats" with the deliberation marked final. In one `Excel.run`: the grid is read
 * and verified as for a send (nothing leaves while a problem remains), changed inputs are pushed,
 * then Excel recalculates and the results the workbook shows are read and sent to the Worker's
 * finalise route with the grid version the workbook holds. The Worker recomputes every result from
 * what it stores and refuses any difference, located here at its cell. Once finalised, the grid is
 * pulled again (its own `Excel.run`): the workbook then holds the locked session as the server does.
 */
import { ApiError, type ApiClient } from '../api/client'
import { finaliseSession } from '../api/documents'
import type { FinalisationDifference } from '../../../shared/documents/finalisation'
import { finaliseRequestFromRows, locateDifferences, type LocatedDifference } from '../../../shared/workbook/finaliseRequest'
import { CANDIDATE_ID_COLUMN, type RowCells } from '../../../shared/workbook/gradeSheetData'
import type { CellDifference } from '../../../shared/workbook/localEdits'
import type { VerificationReport } from '../../../shared/workbook/verifyGradeSheet'
import type { ExcelContextApi } from '../excel/excelApi'
import { readColumnsRequestCount, readGradeColumns } from '../excel/gridReader'
import type { OnProgress } from './progress'
import { pullGrid, type PullOutcome } from './pullGrid'
import { runGridAction } from './runGridAction'
import { pushChanges } from './sendResults'
import { readAndVerify, type CheckedWorkbook } from './verifyWorkbook'

/** What the push before the finalisation saved, when there was something to push. */
export interface PushSummary {
  rows: number
  inputs: number
}

export type FinaliseOutcome =
  /** The workbook has problems: nothing was sent. */
  | { kind: 'blocked'; report: VerificationReport }
  /** The push was refused for stale rows: nothing was saved or finalised. */
  | { kind: 'conflicts'; conflicts: CellDifference[] }
  /** The Worker's computation gives other results: nothing finalised (the push before it stays saved). */
  | { kind: 'differences'; pushed: PushSummary | null; differences: LocatedDifference[] }
  /** The finalisation itself was refused (session locked, grid moved, network…): nothing finalised. */
  | { kind: 'refused'; pushed: PushSummary | null; error: unknown }
  | {
      kind: 'finalised'
      pushed: PushSummary | null
      pvVersion: number
      /** The Worker's warnings (candidates left pending, jury composition), in French. */
      warnings: string[]
      /** The pull that follows, or why it failed: the finalisation stands either way. */
      refresh: { ok: true; outcome: PullOutcome } | { ok: false; error: unknown }
    }

type Finalised = Extract<FinaliseOutcome, { kind: 'finalised' }>
/** The outcome of the `Excel.run`: final, or finalised with the pull still to do. */
type SentOutcome = Exclude<FinaliseOutcome, Finalised> | { kind: 'accepted'; sessionId: string; finalised: Omit<Finalised, 'refresh'> }

export async function finaliseFromWorkbook(
  client: ApiClient,
  options: {
    onProgress?: OnProgress
    now?: () => Date
    /** The user finalises a jury that fails the composition rules: the reason goes on the PV and in the audit. */
    juryOverride?: { reason: string }
  } = {},
): Promise<FinaliseOutcome> {
  const { onProgress, now = () => new Date(), juryOverride } = options
  const sent = await runGridAction(async (context): Promise<SentOutcome> => {
    const checked = await readAndVerify(context, client, onProgress)
    if (checked.report.problems.length > 0) return { kind: 'blocked', report: checked.report }
    const push = await pushChanges(context, client, checked, { onProgress, now })
    if (push.kind === 'conflicts') return push
    const pushed = push.kind === 'sent' ? { rows: push.rows, inputs: push.inputs } : null

    const { layout, rules } = checked.grading
    const rows = await readShownResults(context, checked, onProgress)
    // The version the push left in the metadata: the pulled grid plus this workbook's own pushes.
    const request = { ...finaliseRequestFromRows(layout, rules, rows, push.metadata.gridVersion), ...(juryOverride ? { juryOverride } : {}) }
    onProgress?.({ stage: 'send', done: 0, total: 0 })
    try {
      const answer = await finaliseSession(client, push.metadata.sessionId, request)
      return {
        kind: 'accepted',
        sessionId: push.metadata.sessionId,
        finalised: { kind: 'finalised', pushed, pvVersion: answer.pv.version, warnings: answer.warnings },
      }
    } catch (error) {
      const differences = differencesOf(error)
      if (differences.length > 0) return { kind: 'differences', pushed, differences: locateDifferences(layout, rows, differences) }
      return { kind: 'refused', pushed, error }
    }
  })
  if (sent.kind !== 'accepted') return sent

  // The same path as « Récupérer la grille » for a locked session: values, row versions and grid
  // version as the server now has them, and the pane told that the grid is for consultation.
  try {
    const outcome = await pullGrid(client, sent.sessionId, { now, ...(onProgress ? { onProgress } : {}) })
    return { ...sent.finalised, refresh: { ok: true, outcome } }
  } catch (error) {
    return { ...sent.finalised, refresh: { ok: false, error } }
  }
}

/**
 * The results as Excel shows them now: a recalculation is asked for first (a workbook in manual
 * calculation mode would otherwise show stale results), then identity, option, jury decisions,
 * bloc results and certification are read.
 */
async function readShownResults(context: ExcelContextApi, checked: CheckedWorkbook, onProgress?: OnProgress): Promise<RowCells[]> {
  const { layout } = checked.grading
  const placed = layout.formulaLayout
  const kinds = new Set(['name', 'firstNames', 'option'])
  const columns = [
    CANDIDATE_ID_COLUMN,
    ...layout.columns.filter((column) => kinds.has(column.kind)).map((column) => column.index),
    ...placed.blocs.flatMap((bloc) => [bloc.overrideColumn!, bloc.overrideReasonColumn!, bloc.resultColumn]),
    placed.certificationColumn!,
  ]
  const { metadata } = checked.probe
  const total = readColumnsRequestCount(metadata.rowCount, columns.length)
  let done = 0
  context.application.calculate('Recalculate')
  return readGradeColumns(context, checked.probe.gradeSheet, metadata, columns, () => onProgress?.({ stage: 'read', done: ++done, total }))
}

/** The located differences of a refused finalisation; none for any other failure. */
function differencesOf(error: unknown): FinalisationDifference[] {
  if (!(error instanceof ApiError) || error.code !== 'CONFLICT') return []
  const list = (error.details as { differences?: unknown } | null)?.differences
  if (!Array.isArray(list)) return []
  return list.filter(
    (item): item is FinalisationDifference =>
      typeof item === 'object' && item !== null && typeof (item as FinalisationDifference).candidateId === 'string' && typeof (item as FinalisationDifference).message === 'string',
  )
}
