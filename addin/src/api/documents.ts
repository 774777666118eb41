/** The documents of a session (PV, summary, CDC file) and its deliberation (finalise, amend). */
import type { FinaliseRequest } from '../../../shared/documents/finalisation'
import { callApi, type ApiClient } from './client'
import { downloadFile, rawJson, rawRequest, type ApiEndpoint, type DownloadedFile } from './download'

const sessionPath = (sessionId: string) => `/sessions/${encodeURIComponent(sessionId)}`

interface PvList {
  status: string
  versions: Array<{ version: number; href: string }>
}

/** The latest PV version as a PDF. @throws {ApiError} CONFLICT when the session has no PV yet. */
export async function downloadLatestPv(endpoint: ApiEndpoint, sessionId: string): Promise<DownloadedFile & { version: number }> {
  const { versions } = await rawJson<PvList>(rawRequest(endpoint, `${sessionPath(sessionId)}/pv`))
  const latest = versions.reduce<number>((max, v) => Math.max(max, v.version), 0)
  if (latest === 0) throw new NoPvError()
  const file = await downloadFile(endpoint, `${sessionPath(sessionId)}/pv/${latest}.pdf`, `PV-v${latest}.pdf`)
  return { ...file, version: latest }
}

/** No PV exists yet: the deliberation was never finalised. */
export class NoPvError extends Error {
  constructor() {
    super('Aucun PV pour cette session : finalisez d’abord la délibération.')
    this.name = 'NoPvError'
  }
}

export function downloadSummary(endpoint: ApiEndpoint, sessionId: string, format: 'xlsx' | 'csv'): Promise<DownloadedFile> {
  return downloadFile(endpoint, `${sessionPath(sessionId)}/summary.${format}`, `synthese.${format}`)
}

/** @throws {ApiError} VALIDATION_FAILED (422) with `details.errors`, the located problems, when the file cannot be built. */
export function downloadCdc(endpoint: ApiEndpoint, sessionId: string): Promise<DownloadedFile> {
  return downloadFile(endpoint, `${sessionPath(sessionId)}/cdc.xml`, 'cdc-accrochage.xml')
}

/**
 * Finalises the deliberation on the results the workbook shows (`body`): the Worker recomputes
 * them, writes the next PV version and locks the session.
 * @throws {ApiError} CONFLICT (409) with `details.differences` when the pushed results differ from
 * the computation, or with the two versions when the grid moved since `body.gridVersion`;
 * SESSION_LOCKED (423) when the session is no longer open.
 */
export function finaliseSession(client: ApiClient, sessionId: string, body: FinaliseRequest) {
  return callApi(client.api.v1.sessions[':sessionId'].finalise.$post({ param: { sessionId }, json: body }))
}

/** The version number the next finalisation's PV will carry. */
export async function nextPvVersion(client: ApiClient, sessionId: string): Promise<number> {
  const { versions } = await callApi(client.api.v1.sessions[':sessionId'].pv.$get({ param: { sessionId } }))
  return versions.reduce((max, v) => Math.max(max, v.version), 0) + 1
}

/** Reopens a deliberated session; the reason goes on the next PV version. */
export function amendSession(client: ApiClient, sessionId: string, reason: string) {
  return callApi(client.api.v1.sessions[':sessionId'].amend.$post({ param: { sessionId }, json: { reason } }))
}

/** The located messages of an ApiError's details (cdc `errors`, finalise `differences`), for lists. */
export function detailMessages(details: unknown, key: 'errors' | 'differences' | 'issues' | 'failures'): string[] {
  if (typeof details !== 'object' || details === null) return []
  const list = (details as Record<string, unknown>)[key]
  if (!Array.isArray(list)) return []
  return list.flatMap((item) => {
    if (typeof item === 'string') return [item]
    if (typeof item === 'object' && item !== null && typeof (item as { message?: unknown }).message === 'string') {
      return [(item as { message: string }).message]
    }
    return []
  })
}

/** Which documents of the session can be produced now, why not otherwise, and what the caller's role allows. */
export function documentAvailability(client: ApiClient, sessionId: string) {
  return callApi(client.api.v1.sessions[':sessionId'].documents.$get({ param: { sessionId } }))
}

export type SessionDocuments = Awaited<ReturnType<typeof documentAvailability>>

/** Downloads a document the availability route points at (`/api/v1/…`). */
export function downloadDocument(endpoint: ApiEndpoint, href: string, fallbackName: string): Promise<DownloadedFile> {
  return downloadFile(endpoint, href.replace(/^\/api\/v1/, ''), fallbackName)
}
