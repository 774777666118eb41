/**
 * Administration calls (administrators only; the Worker checks the role): the people of a
 * session and invitations, users' roles, API tokens and the certifier settings.
 */
import type { CertifierSettingsUpdate } from '../../../shared/documents/certifierSettings'
import { callApi, type ApiClient } from './client'

export type SessionRole = 'manager' | 'assessor' | 'reader'
export type GlobalRole = SessionRole | 'admin'

export function listSessionPeople(client: ApiClient, sessionId: string) {
  return callApi(client.api.v1.sessions[':sessionId'].people.$get({ param: { sessionId } }))
}

export type SessionPeople = Awaited<ReturnType<typeof listSessionPeople>>

/** Invites someone to the session by e-mail, or gives a known user the role there. */
export function inviteToSession(client: ApiClient, sessionId: string, invitation: { email: string; displayName: string | null; role: SessionRole }) {
  return callApi(client.api.v1.sessions[':sessionId'].people.$post({ param: { sessionId }, json: invitation }))
}

/** Invites a user with a global role (every session). */
export function inviteUser(client: ApiClient, invitation: { email: string; displayName: string | null; globalRole: GlobalRole }) {
  return callApi(client.api.v1.users.$post({ json: { ...invitation, sessionRoles: [] } }))
}

/** Removes a user's role on one session; his global role, if any, stays. */
export async function removeSessionRole(client: ApiClient, userId: string, sessionId: string): Promise<void> {
  const response = await client.api.v1.users[':userId'].sessions[':sessionId'].$delete({ param: { userId, sessionId } })
  // 204 has no body: callApi only reads the error envelope of a refusal.
  if (!response.ok) await callApi(Promise.resolve(response))
}

export function listTokens(client: ApiClient) {
  return callApi(client.api.v1.tokens.$get())
}

export type ApiTokenSummary = Awaited<ReturnType<typeof listTokens>>['tokens'][number]

/** Creates an API token; its secret is in this answer only. */
export function createToken(client: ApiClient, token: { name: string; role: GlobalRole; sessionId: string | null; expiresInDays: number }) {
  return callApi(client.api.v1.tokens.$post({ json: token }))
}

export function revokeToken(client: ApiClient, tokenId: string) {
  return callApi(client.api.v1.tokens[':tokenId'].$delete({ param: { tokenId } }))
}

export function getCertifierSettings(client: ApiClient) {
  return callApi(client.api.v1['certifier-settings'].$get())
}

export type CertifierSettingsAnswer = Awaited<ReturnType<typeof getCertifierSettings>>

/** @throws {ApiError} CONFLICT (409) when someone saved since `version` was read. */
export function saveCertifierSettings(client: ApiClient, update: CertifierSettingsUpdate) {
  return callApi(client.api.v1['certifier-settings'].$put({ json: update }))
}
