/** The candidates of a session, typed from the Worker's route. */
import { callApi, type ApiClient } from './client'

/** Every candidate of the session, by birth name then first names (the Worker's order). */
export async function listCandidates(client: ApiClient, sessionId: string) {
  const { candidates } = await callApi(client.api.v1.sessions[':sessionId'].candidates.$get({ param: { sessionId } }))
  return candidates
}

export type SessionCandidate = Awaited<ReturnType<typeof listCandidates>>[number]
