/** The jury of a session: read it with its composition check, replace it while the session is open. */
import type { JuryMember } from '../../../shared/documents/juryComposition'
import { callApi, type ApiClient } from './client'

export async function getJury(client: ApiClient, sessionId: string) {
  return callApi(client.api.v1.sessions[':sessionId'].jury.$get({ param: { sessionId } }))
}

/** @throws {ApiError} SESSION_LOCKED (423) once the session is deliberated or closed. */
export async function saveJury(client: ApiClient, sessionId: string, members: readonly JuryMember[]) {
  return callApi(client.api.v1.sessions[':sessionId'].jury.$put({ param: { sessionId }, json: { members: [...members] } }))
}
