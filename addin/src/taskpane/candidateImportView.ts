/** What the pane shows of a candidate import's dry run: counts, the rows that change, the errors. */
import type { CandidateImportPreview } from '../api/candidates'

export interface ImportCounts {
  created: number
  updated: number
  unchanged: number
  withdrawn: number
  reinstated: number
  errors: number
}

export function importCounts(preview: CandidateImportPreview): ImportCounts {
  return {
    created: preview.created.length,
    updated: preview.updated.length,
    unchanged: preview.unchanged.length,
    withdrawn: preview.withdrawn.length,
    reinstated: preview.reinstated.length,
    errors: preview.errors.length,
  }
}

/** The rows that the commit changes (new, changed, withdrawn, reinstated), in file order; unchanged ones and errors are counted, not listed. */
export function changingLines(preview: CandidateImportPreview) {
  return preview.lines.filter((line) => line.status !== 'unchanged' && line.status !== 'error')
}

/** Whether « Importer » may be offered: no error, and something to write. */
export function isCommittable(preview: CandidateImportPreview): boolean {
  const counts = importCounts(preview)
  return counts.errors === 0 && counts.created + counts.updated + counts.withdrawn + counts.reinstated > 0
}

/** Same values in the same cells: the sheet did not change since its dry run. */
export function sameRows(a: ReadonlyArray<ReadonlyArray<unknown>>, b: ReadonlyArray<ReadonlyArray<unknown>>): boolean {
  return JSON.stringify(a) === JSON.stringify(b)
}
