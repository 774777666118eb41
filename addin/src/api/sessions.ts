/** The session calls of the grading loop, typed end to end from the Worker's routes. */
import type { PushRow } from '../../../shared/workbook/localEdits'
import { callApi, callApiWithHeaders, type ApiClient } from './client'

export async function listSessions(client: ApiClient) {
  const { sessions } = await callApi(client.api.v1.sessions.$get())
  return sessions
}

export type SessionSummary = Awaited<ReturnType<typeof listSessions>>[number]

/** The columnar grid of a session and its ETag (null if the server sent none). */
export async function getGrid(client: ApiClient, sessionId: string) {
  const { body, headers } = await callApiWithHeaders(client.api.v1.sessions[':sessionId'].grid.$get({ param: { sessionId } }))
  return { grid: body.grid, etag: headers.get('etag') }
}

export type SessionGrid = Awaited<ReturnType<typeof getGrid>>['grid']

/**
 * Sends changed marks and jury decisions. The idempotency key makes a retry after a lost answer
 * safe: the Worker replays its first answer instead of writing twice.
 * @throws {ApiError} CONFLICT (409) with `details.conflicts` when a row moved on the server.
 */
export async function pushGrades(client: ApiClient, sessionId: string, rows: PushRow[], idempotencyKey: string) {
  return callApi(
    client.api.v1.sessions[':sessionId'].grades.$put(
      { param: { sessionId }, json: { rows: rows.map((row) => ({ ...row, comments: {} })), reason: null } },
      { headers: { 'Idempotency-Key': idempotencyKey } },
    ),
  )
}
