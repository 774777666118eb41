/** What the open workbook holds, read once when the pane opens: which session, pulled when. */
import type { SyncMetadata } from '../../../shared/workbook/syncMetadata'
import { hasGrid, probeWorkbook } from '../excel/gridProbe'
import { runGridAction } from './runGridAction'

export function readWorkbookStatus(): Promise<SyncMetadata | null> {
  return runGridAction(async (context) => {
    const probe = await probeWorkbook(context)
    return hasGrid(probe) ? probe.metadata : null
  })
}
