/**
 * Writes a 2-D block of strings as text, in chunks small enough for one request each (Excel on
 * the web caps a request at 5 MB; ~10k cells per sync is the documented safe size).
 */
import type { ExcelContextApi, WorksheetApi } from './excelApi'

export const CELLS_PER_SYNC = 10_000

export interface RowChunk {
  startRow: number
  rowCount: number
}

/** Splits `rowCount` rows of `columnCount` cells into consecutive chunks of at most `cellBudget` cells. */
export function chunkRows(rowCount: number, columnCount: number, cellBudget = CELLS_PER_SYNC): RowChunk[] {
  const rowsPerChunk = Math.max(1, Math.floor(cellBudget / Math.max(1, columnCount)))
  const chunks: RowChunk[] = []
  for (let startRow = 0; startRow < rowCount; startRow += rowsPerChunk) {
    chunks.push({ startRow, rowCount: Math.min(rowsPerChunk, rowCount - startRow) })
  }
  return chunks
}

/**
 * Queues the grid at the top-left of the sheet. Every chunk but the last is synced here, one
 * request per chunk on purpose; the last chunk stays queued so that the caller's formatting and
 * its own final `sync()` travel in the same request.
 *
 * The text number format "@" is queued before the values of each chunk: Excel would otherwise
 * turn a label starting with "=", "+" or "-" into a formula, and "01" into a number.
 *
 * @param onChunkSynced called after each intermediate sync with the number of chunks synced so far.
 * @param cellBudget cells per request; smaller in tests to exercise chunking.
 * @returns the number of chunks, that is the number of syncs the whole write takes (the caller
 * performs the last one).
 */
export async function queueTextGrid(
  context: ExcelContextApi,
  sheet: WorksheetApi,
  grid: string[][],
  onChunkSynced?: (chunksSynced: number) => void,
  cellBudget = CELLS_PER_SYNC,
): Promise<number> {
  const columnCount = grid[0]?.length ?? 0
  if (columnCount === 0) return 0
  const chunks = chunkRows(grid.length, columnCount, cellBudget)
  for (const [index, chunk] of chunks.entries()) {
    const range = sheet.getRangeByIndexes(chunk.startRow, 0, chunk.rowCount, columnCount)
    range.numberFormat = Array.from({ length: chunk.rowCount }, () => Array<string>(columnCount).fill('@'))
    range.values = grid.slice(chunk.startRow, chunk.startRow + chunk.rowCount)
    if (index < chunks.length - 1) {
      await context.sync()
      onChunkSynced?.(index + 1)
    }
  }
  return chunks.length
}
