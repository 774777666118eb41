/**
 * "Récupérer la grille": downloads the session's grid and référentiel, then, in one `Excel.run`,
 * reads what the workbook already holds, merges it with the server's grid (unsent edits are kept,
 * conflicts reported) and writes the workbook anew. Also how conflicts are settled: the user's
 * choices go in as resolutions.
 */
import { getGrid } from '../api/sessions'
import type { ApiClient } from '../api/client'
import { gridToRows, unknownCriteres } from '../../../shared/workbook/gradeSheetData'
import { countLooseEdits, mergeWithServer, type CellDifference, type MergeResult, type Resolution } from '../../../shared/workbook/localEdits'
import { SYNC_FORMAT_VERSION, type SyncMetadata } from '../../../shared/workbook/syncMetadata'
import { hasGrid, probeWorkbook } from '../excel/gridProbe'
import { readGradeSheet, readRequestCount } from '../excel/gridReader'
import { writeGradeWorkbook } from '../excel/gridWriter'
import { fr } from '../i18n/fr'
import { loadGradingRules } from './gradingRules'
import type { OnProgress } from './progress'
import { runGridAction } from './runGridAction'
import { SyncError } from './syncError'

export interface PullOptions {
  /** The user's side or the server's, per conflicting input (`CellDifference.key`). */
  resolutions?: ReadonlyMap<string, Resolution>
  onProgress?: OnProgress
  /** Clock, for tests. */
  now?: () => Date
}

export interface PullOutcome {
  sessionName: string
  rowCount: number
  /** Inputs where the sheet now differs from the server: unsent edits, conflicts among them. */
  differences: CellDifference[]
  droppedEdits: MergeResult['droppedEdits']
  /** The session no longer accepts grades (deliberated or closed). */
  readOnly: boolean
  metadata: SyncMetadata
}

export async function pullGrid(client: ApiClient, sessionId: string, options: PullOptions = {}): Promise<PullOutcome> {
  const { onProgress, resolutions = new Map(), now = () => new Date() } = options
  onProgress?.({ stage: 'download', done: 0, total: 0 })
  const { grid, etag } = await getGrid(client, sessionId)
  const grading = await loadGradingRules(client, grid.session.referentialId)
  const { layout } = grading
  const unknown = unknownCriteres(layout, grid)
  if (unknown.length > 0) throw new SyncError('GRID_MISMATCH', fr.sync.gridMismatch, unknown.join(', '))
  const serverRows = gridToRows(layout, grid)

  return runGridAction(async (context) => {
    let done = 0
    const probe = await probeWorkbook(context)
    onProgress?.({ stage: 'read', done: ++done, total: 1 })

    let local: { rows: typeof serverRows; snapshot: typeof serverRows } | null = null
    if (hasGrid(probe)) {
      const metadata = probe.metadata
      const shape = { ...metadata, formulaColumns: [] }
      const total = 1 + readRequestCount(shape)
      const contents = await readGradeSheet(context, probe, shape, () => onProgress?.({ stage: 'read', done: ++done, total }))
      if (metadata.sessionId === sessionId && metadata.layoutSignature === layout.signature) {
        local = contents
      } else {
        // Another session (or a sheet of an older shape): replacing it must not lose unsent work.
        const edits = countLooseEdits(metadata.inputColumns, contents.rows, contents.snapshot)
        if (edits > 0) throw new SyncError('UNSENT_EDITS_ELSEWHERE', fr.sync.unsentEditsElsewhere(metadata.sessionName, edits))
      }
    }

    const merged = mergeWithServer(layout, serverRows, local, resolutions)
    const pulledAt = now()
    const metadata: SyncMetadata = {
      formatVersion: SYNC_FORMAT_VERSION,
      sessionId,
      sessionName: grid.session.name,
      referentialId: grading.referential.id,
      referentialVersion: grading.referential.version,
      layoutSignature: layout.signature,
      gridEtag: etag,
      gridVersion: grid.session.gridVersion,
      pulledAt: pulledAt.toISOString(),
      pushedAt: probe.metadata?.sessionId === sessionId ? probe.metadata.pushedAt : null,
      rowCount: merged.rows.length,
      columnCount: layout.columns.length,
      snapshotColumnCount: layout.snapshotColumnCount,
      inputColumns: layout.columns.filter((column) => column.editable).map((column) => column.index),
    }
    await writeGradeWorkbook(
      context,
      probe,
      {
        layout,
        referential: grading.referential,
        sessionName: grid.session.name,
        pulledAt,
        rows: merged.rows,
        snapshot: merged.snapshot,
        firstRowFormulas: grading.firstRowFormulas,
        metadata,
      },
      (writeDone, total) => onProgress?.({ stage: 'write', done: writeDone, total }),
    )
    return {
      sessionName: grid.session.name,
      rowCount: merged.rows.length,
      differences: merged.differences,
      droppedEdits: merged.droppedEdits,
      readOnly: grid.session.status !== 'open',
      metadata,
    }
  })
}
