/**
 * Editing the « Brouillon référentiel » sheet as a school would: the cells to type so that the
 * sheet holds a given draft. Used by the fake-host tests and, through the page, by the browser test.
 */
import { columnLetters } from '../../../shared/formulas/a1'
import type { DraftCell } from '../../../shared/workbook/referentialDraftSheet'

export interface CellEdit {
  address: string
  /** What the user types; null empties the cell. */
  value: string | number | null
}

/** Every cell where `current` (as read from the sheet) differs from `target`, as edits in reading order. */
export function draftEdits(current: readonly (readonly unknown[])[], target: readonly (readonly DraftCell[])[]): CellEdit[] {
  const edits: CellEdit[] = []
  const rows = Math.max(current.length, target.length)
  for (let row = 0; row < rows; row++) {
    const columns = Math.max(current[row]?.length ?? 0, target[row]?.length ?? 0)
    for (let column = 0; column < columns; column++) {
      const now = current[row]?.[column] ?? ''
      const wanted = target[row]?.[column] ?? ''
      if (now === wanted) continue
      edits.push({ address: `${columnLetters(column)}${row + 1}`, value: wanted === '' ? null : wanted })
    }
  }
  return edits
}
