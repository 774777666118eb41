/**
 * Setting a session up from the pane: create, edit while open, close (archive), delete an empty
 * one, and create the rattrapage session of a deliberated one. Typed from the Worker's routes.
 */
import type { SessionCreate } from '../../../shared/sessions/schema'
import { callApi, type ApiClient } from './client'

/** What the pane's session form sends; null for a field left empty. */
export type SessionFields = Omit<SessionCreate, 'referentialId'>

/** @throws {ApiError} VALIDATION_FAILED located at `body.<field>` (unknown or unpublished référentiel…). */
export async function createSession(client: ApiClient, input: SessionCreate) {
  const { session } = await callApi(client.api.v1.sessions.$post({ json: input }))
  return session
}

/** @throws {ApiError} CONFLICT when the session changed since `version`, SESSION_LOCKED once deliberated. */
export async function updateSession(client: ApiClient, sessionId: string, version: number, fields: SessionFields) {
  const { session } = await callApi(client.api.v1.sessions[':sessionId'].$patch({ param: { sessionId }, json: { version, ...fields } }))
  return session
}

/** Archives a deliberated session for good. @throws {ApiError} CONFLICT when it is not deliberated. */
export async function closeSession(client: ApiClient, sessionId: string, version: number) {
  const { session } = await callApi(client.api.v1.sessions[':sessionId'].close.$post({ param: { sessionId }, json: { version } }))
  return session
}

/**
 * Deletes a session that holds no mark, decision or PV.
 * @throws {ApiError} CONFLICT with the Worker's French reason (« elle contient des notes… »).
 */
export async function deleteSession(client: ApiClient, sessionId: string, version: number): Promise<void> {
  const response = await client.api.v1.sessions[':sessionId'].$delete({ param: { sessionId }, query: { version: String(version) } })
  // 204 has no body: only a refusal goes through callApi, which reads the envelope and throws.
  if (!response.ok) await callApi(Promise.resolve(response))
}

/**
 * The rattrapage session of a deliberated one, with the candidates not fully certified and their
 * validated blocs carried as capitalised. @throws {ApiError} CONFLICT when not deliberated, or
 * when every candidate was certified.
 */
export function createRattrapage(client: ApiClient, sessionId: string, fields: SessionFields) {
  return callApi(client.api.v1.sessions[':sessionId'].rattrapage.$post({ param: { sessionId }, json: fields }))
}
