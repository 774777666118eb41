/**
 * Reading candidate rows in blocks, one request each: a block whose answer Excel refuses as too
 * large is split in halves and read again, so a dense grid never fails on the 5 MB cap.
 */
import type { ExcelContextApi } from './excelApi'
import { halve, isPayloadTooLarge, type RowChunk } from './gridChunks'

/**
 * @param queue loads what to read for a block (no sync); its result goes to `consume`.
 * @param consume takes a block's loaded ranges, after its request succeeded, blocks in row order.
 */
export async function readInRowChunks<T>(
  context: ExcelContextApi,
  rowCount: number,
  rowsPerChunk: number,
  queue: (chunk: RowChunk) => T,
  consume: (chunk: RowChunk, queued: T) => void,
): Promise<void> {
  const pending: RowChunk[] = []
  for (let start = 0; start < rowCount; start += rowsPerChunk) pending.push({ startRow: start, rowCount: Math.min(rowsPerChunk, rowCount - start) })
  while (pending.length > 0) {
    const chunk = pending.shift()!
    const queued = queue(chunk)
    try {
      await context.sync()
    } catch (error) {
      if (!isPayloadTooLarge(error) || chunk.rowCount === 1) throw error
      pending.unshift(...halve(chunk))
      continue
    }
    consume(chunk, queued)
  }
}
