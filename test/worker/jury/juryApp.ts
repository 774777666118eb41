/** Requests for the jury-sheet routes through the real app, and a snapshot of what imports write. */
import { env } from 'cloudflare:workers'
import { app } from '../../../worker/app'
import type { Env } from '../../../worker/env'
import { readJuryWorkbook } from '../../../shared/jury/parseJurySheets'
import { checkDocumentedResponse } from '../documentedResponses'
import { ADMIN_TOKEN } from '../harness'

export async function juryRequest(path: string, init: RequestInit & { token?: string | null } = {}): Promise<Response> {
  const { token = ADMIN_TOKEN, headers, ...rest } = init
  const allHeaders = new Headers(headers)
  if (token !== null) allHeaders.set('Authorization', `Bearer ${token}`)
  const response = await app.request(path, { ...rest, headers: allHeaders }, env)
  await checkDocumentedResponse(rest.method ?? 'GET', path, response)
  return response
}

export interface Upload {
  name: string
  bytes: Uint8Array
}

/** POSTs files as multipart/form-data, as the add-in and the CLI do. */
export function uploadJuryFiles(sessionId: string, files: Upload[], query = 'dryRun=true', exclude: string[] = []): Promise<Response> {
  const form = new FormData()
  for (const f of files) form.append('files', new File([f.bytes], f.name, { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }))
  for (const x of exclude) form.append('exclude', x)
  return juryRequest(`/api/v1/sessions/${sessionId}/jury-imports?${query}`, { method: 'POST', body: form })
}

/** Everything an import could write, in one row: equal snapshots mean nothing was written. */
export async function databaseSnapshot(): Promise<string> {
  const db = (env as unknown as Env).DB
  const row = await db
    .prepare(
      `SELECT (SELECT count(*) FROM mark) AS marks,
              (SELECT coalesce(sum(version), 0) FROM mark) AS mark_versions,
              (SELECT coalesce(max(id), 0) FROM mark_history) AS history,
              (SELECT count(*) FROM import_batch) AS batches,
              (SELECT count(*) FROM import_batch WHERE undone_at IS NOT NULL) AS undone,
              (SELECT coalesce(max(id), 0) FROM audit_event) AS audit,
              (SELECT coalesce(sum(row_version), 0) FROM candidate) AS row_versions,
              (SELECT group_concat(grid_version) FROM session) AS grid_versions,
              (SELECT count(*) FROM bloc_decision) AS decisions`,
    )
    .first()
  return JSON.stringify(row)
}

/** Reads each file where it is (as the pane and the CLI do) and POSTs the extracts as JSON. */
export async function sendJuryExtracts(sessionId: string, files: Upload[], query = 'dryRun=true', exclude: string[] = []): Promise<Response> {
  const extracts = []
  for (const f of files) extracts.push(await readJuryWorkbook(f.bytes, f.name))
  return postJuryExtracts(sessionId, { files: extracts, exclude }, query)
}

/** POSTs a JSON body to the extract route as is (for bodies a client could forge). */
export function postJuryExtracts(sessionId: string, body: unknown, query = 'dryRun=true'): Promise<Response> {
  return juryRequest(`/api/v1/sessions/${sessionId}/jury-imports/extracted?${query}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  })
}
