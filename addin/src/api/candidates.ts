/**
 * The candidates of a session, typed from the Worker's routes: the list, the import of the
 * « Candidats » sheet (sent as values) or of a CSV/xlsx file (dry run, then one all-or-nothing
 * commit), and the edit, withdrawal and reinstatement of one candidate.
 */
import type { CandidateInput } from '../../../shared/candidates/schema'
import { callApi, type ApiClient } from './client'
import { rawJson, rawRequest, type ApiEndpoint } from './download'

/** Every candidate of the session, by birth name then first names (the Worker's order). */
export async function listCandidates(client: ApiClient, sessionId: string) {
  const { candidates } = await callApi(client.api.v1.sessions[':sessionId'].candidates.$get({ param: { sessionId } }))
  return candidates
}

export type SessionCandidate = Awaited<ReturnType<typeof listCandidates>>[number]

export interface SheetImportRequest {
  /** The workbook's name, cited in the messages. */
  fileName: string
  sheet: string
  /** Sheet row of `rows[0]`. */
  firstRow: number
  rows: Array<Array<string | number | boolean | null>>
  dryRun: boolean
  /** withdraw: an enrolled candidate missing from the sheet is withdrawn; keep: left as is. */
  absent: 'withdraw' | 'keep'
  /** The list version the dry run saw: the commit is refused if the list changed since. */
  candidateListVersion?: number
}

/**
 * The « Candidats » sheet's values: the dry run (what each row would do, every error located by
 * sheet, cell and column) or the commit, all or nothing.
 * @throws {ApiError} VALIDATION_FAILED (the sheet has errors), CONFLICT (the list changed since the
 * dry run), SESSION_LOCKED.
 */
export function importCandidateSheet(client: ApiClient, sessionId: string, request: SheetImportRequest) {
  return callApi(client.api.v1.sessions[':sessionId'].candidates['import-sheet'].$post({ param: { sessionId }, json: request }))
}

export type CandidateImportAnswer = Awaited<ReturnType<typeof importCandidateSheet>>
export type CandidateImportPreview = CandidateImportAnswer['preview']

/** The same import from a CSV or .xlsx file, sent as is (the Worker reads it). */
export function importCandidateFile(endpoint: ApiEndpoint, sessionId: string, file: File, dryRun: boolean, candidateListVersion?: number) {
  const query = new URLSearchParams({ fileName: file.name, dryRun: String(dryRun) })
  if (candidateListVersion !== undefined) query.set('candidateListVersion', String(candidateListVersion))
  return rawJson<CandidateImportAnswer>(
    rawRequest(endpoint, `/sessions/${encodeURIComponent(sessionId)}/candidates/import?${query.toString()}`, {
      method: 'POST',
      headers: { 'Content-Type': file.type || 'application/octet-stream' },
      body: file,
    }),
  )
}

/** @throws {ApiError} CONFLICT when the candidate changed since `rowVersion`, VALIDATION_FAILED located at `body.candidate.<field>`. */
export async function updateCandidate(client: ApiClient, sessionId: string, candidateId: string, rowVersion: number, candidate: CandidateInput) {
  const answer = await callApi(
    client.api.v1.sessions[':sessionId'].candidates[':candidateId'].$put({ param: { sessionId, candidateId }, json: { rowVersion, candidate } }),
  )
  return answer.candidate
}

/** « Désinscrire »: kept for the record, out of the grid, the results and the documents. */
export async function withdrawCandidate(client: ApiClient, sessionId: string, candidateId: string, rowVersion: number, reason: string) {
  const answer = await callApi(
    client.api.v1.sessions[':sessionId'].candidates[':candidateId'].withdraw.$post({ param: { sessionId, candidateId }, json: { rowVersion, reason } }),
  )
  return answer.candidate
}

export async function reinstateCandidate(client: ApiClient, sessionId: string, candidateId: string, rowVersion: number) {
  const answer = await callApi(
    client.api.v1.sessions[':sessionId'].candidates[':candidateId'].reinstate.$post({ param: { sessionId, candidateId }, json: { rowVersion } }),
  )
  return answer.candidate
}
