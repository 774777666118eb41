/** The session calls of the grading loop, typed end to end from the Worker's routes. */
import type { PushRow } from '../../../shared/workbook/localEdits'
import { ApiError, callApi, callApiWithHeaders, type ApiClient } from './client'

export async function listSessions(client: ApiClient) {
  const { sessions } = await callApi(client.api.v1.sessions.$get())
  return sessions
}

export type SessionSummary = Awaited<ReturnType<typeof listSessions>>[number]

/**
 * The sessions the user can open. The whole list is for global roles; an assessor, refused it,
 * gets the sessions GET /me says he is assigned to, each read on its own (a handful at most).
 * @param assigned the ids from GET /me, awaited only when the list is refused (null: unknown).
 */
export async function listOpenableSessions(client: ApiClient, assigned: Promise<readonly string[] | null>): Promise<SessionSummary[]> {
  try {
    return await listSessions(client)
  } catch (error) {
    if (!(error instanceof ApiError && error.code === 'FORBIDDEN')) throw error
    const ids = await assigned
    if (ids === null || ids.length === 0) throw error
    return Promise.all(
      ids.map(async (sessionId) => (await callApi(client.api.v1.sessions[':sessionId'].$get({ param: { sessionId } }))).session),
    )
  }
}

/** The columnar grid of a session and its ETag (null if the server sent none). */
export async function getGrid(client: ApiClient, sessionId: string) {
  const { body, headers } = await callApiWithHeaders(client.api.v1.sessions[':sessionId'].grid.$get({ param: { sessionId } }))
  return { grid: body.grid, etag: headers.get('etag') }
}


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
