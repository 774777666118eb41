/**
 * The Idempotency-Key of a push, derived from its content: sending the same rows at the same row
 * versions again (a retry after a lost answer, even after reopening the workbook) replays the
 * Worker's first answer instead of writing twice; any other push gets another key.
 */
export async function idempotencyKey(sessionId: string, rows: unknown): Promise<string> {
  const data = new TextEncoder().encode(JSON.stringify({ sessionId, rows }))
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', data))
  const hex = Array.from(digest, (byte) => byte.toString(16).padStart(2, '0')).join('')
  return `certibloc-push-${hex.slice(0, 48)}`
}
