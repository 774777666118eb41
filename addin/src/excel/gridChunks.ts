/**
 * How many rows go into one request. Excel on the web refuses a request or a response above 5 MB;
 * the payload is mostly the JSON of the 2-D arrays, so rows are measured and packed up to a budget
 * that leaves room for Office's own envelope. A refused request is retried in halves.
 */

/** Bytes of row data per request: 60 % of the 5 MB cap, the rest is headroom for the envelope. */
export const REQUEST_BUDGET_BYTES = 3_000_000

/** Cells read per request: a short code is ~6 bytes of JSON, so ~1.2 MB per request typically. */
export const READ_CELLS_PER_SYNC = 200_000

export interface RowChunk {
  startRow: number
  rowCount: number
}

const encoder = new TextEncoder()

/** UTF-8 size of the JSON of a value, as it travels to Excel. */
export function jsonBytes(value: unknown): number {
  return encoder.encode(JSON.stringify(value) ?? '').length
}

/**
 * Consecutive chunks whose rows add up to at most `budget` bytes; a row larger than the budget gets
 * a chunk of its own. `reserved` is taken from the first chunk's budget (what the first request
 * also carries).
 */
export function chunkRowsByBytes(rowBytes: readonly number[], budget = REQUEST_BUDGET_BYTES, reserved = 0): RowChunk[] {
  const chunks: RowChunk[] = []
  let current: RowChunk = { startRow: 0, rowCount: 0 }
  let used = reserved
  rowBytes.forEach((bytes, row) => {
    if (current.rowCount > 0 && used + bytes > budget) {
      chunks.push(current)
      current = { startRow: row, rowCount: 0 }
      used = 0
    }
    current.rowCount++
    used += bytes
  })
  if (current.rowCount > 0 || chunks.length === 0) chunks.push(current)
  return chunks
}

/** Splits a chunk in two halves, to retry a refused request smaller. */
export function halve(chunk: RowChunk): [RowChunk, RowChunk] {
  const first = Math.ceil(chunk.rowCount / 2)
  return [
    { startRow: chunk.startRow, rowCount: first },
    { startRow: chunk.startRow + first, rowCount: chunk.rowCount - first },
  ]
}

/** Office's size errors: the request, or the answer, exceeded what the host accepts. */
export function isPayloadTooLarge(error: unknown): boolean {
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined
  return code === 'RequestPayloadSizeLimitExceeded' || code === 'ResponsePayloadSizeLimitExceeded'
}
