/**
 * Jury sheets: blank sheets to download, filled ones to preview then import, and the session's
 * import batches (list, undo). Filled sheets are read here, in the pane, with the shared/jury
 * parser (readJuryWorkbook: inflated bytes counted, a deadline), and only their extracts go to
 * the Worker as JSON (POST …/jury-imports/extracted): the Worker never inflates a workbook on the
 * path users take. The other calls use the typed RPC client, so their paths and answers come from
 * the Worker's own types.
 */
import type { JuryFileExtract } from '../../../shared/jury/parseJurySheets'
import type { ConflictPolicy, ImportPlan } from '../../../shared/jury/planImport'
import { callApi, createApiClient } from './client'
import { downloadFile, rawJson, rawRequest, type ApiEndpoint, type DownloadedFile } from './download'

export type { ConflictPolicy }

/** The plan as the Worker answers it (what the commit writes per candidate stays on the server). */
export type PublicImportPlan = Omit<ImportPlan, 'writes'>

export interface JuryImportAnswer {
  dryRun: boolean
  sessionStatus: string
  unmatchedExcludes: string[]
  /** The plan's fingerprint: sent back with the commit, which is refused (409) if the plan changed since. */
  previewToken: string
  plan: PublicImportPlan
  /** Commit only: the batch written (null when there was nothing to do). */
  batch?: { id: string; summary: { marks: number } } | null
  /** Commit only: what happened, in French. */
  message?: string
}

const sessionPath = (sessionId: string) => `/sessions/${encodeURIComponent(sessionId)}`

function typedClient(endpoint: ApiEndpoint) {
  return createApiClient(endpoint.baseUrl, endpoint.authorization, endpoint.fetch ? { fetch: endpoint.fetch } : {})
}

/** The blank jury sheets of every panel, as one .xlsx. */
export function downloadBlankJurySheets(endpoint: ApiEndpoint, sessionId: string): Promise<DownloadedFile> {
  return downloadFile(endpoint, `${sessionPath(sessionId)}/jury-sheets.xlsx?panel=all`, 'fiches-jury.xlsx')
}

/**
 * Each file read once: a preview and the commit that follows send the same extracts. The parser
 * is loaded on first use, so the pane's first screen does not carry the xlsx reader.
 */
const extracts = new WeakMap<File, Promise<JuryFileExtract>>()

function extractOf(file: File): Promise<JuryFileExtract> {
  let extract = extracts.get(file)
  if (extract === undefined) {
    extract = (async () => {
      const { readJuryWorkbook } = await import('../../../shared/jury/parseJurySheets')
      return readJuryWorkbook(new Uint8Array(await file.arrayBuffer()), file.name)
    })()
    extracts.set(file, extract)
    // A failed read (the file vanished) is tried again next time.
    extract.catch(() => extracts.delete(file))
  }
  return extract
}

/** The extracts of the files, read one after the other (memory: one workbook at a time). */
export async function readJuryFiles(files: readonly File[]): Promise<JuryFileExtract[]> {
  const out: JuryFileExtract[] = []
  for (const file of files) out.push(await extractOf(file))
  return out
}

// The policy is always sent, so what the server planned never depends on its default.
const importPath = (sessionId: string, dryRun: boolean, onConflict: ConflictPolicy, previewToken?: string) =>
  `${sessionPath(sessionId)}/jury-imports/extracted?dryRun=${dryRun}&onConflict=${onConflict}${previewToken ? `&previewToken=${previewToken}` : ''}`

async function sendExtracts(
  endpoint: ApiEndpoint,
  sessionId: string,
  files: readonly File[],
  exclude: readonly string[],
  dryRun: boolean,
  onConflict: ConflictPolicy,
  previewToken?: string,
) {
  const body = JSON.stringify({ files: await readJuryFiles(files), exclude })
  return rawJson<JuryImportAnswer>(
    rawRequest(endpoint, importPath(sessionId, dryRun, onConflict, previewToken), { method: 'POST', headers: { 'Content-Type': 'application/json' }, body }),
  )
}

/**
 * Dry run: what the files would do, per file and in total; nothing is written. With `keep` or
 * `replace`, each conflict of the plan says what the commit would do with it (`resolution`).
 */
export function previewJuryImport(
  endpoint: ApiEndpoint,
  sessionId: string,
  files: readonly File[],
  exclude: readonly string[] = [],
  onConflict: ConflictPolicy = 'fail',
) {
  return sendExtracts(endpoint, sessionId, files, exclude, true, onConflict)
}

/**
 * Writes the import as one batch, all or nothing. `fail` (the default) refuses any mark typed in
 * the grid that the sheets contradict; `keep` leaves those marks, `replace` takes the sheets'.
 * @throws {ApiError} VALIDATION_FAILED (errors in an included file; details carry the plan),
 * CONFLICT (conflicts left undecided, with `details.conflicts` and the plan, rows changed
 * meanwhile, or the plan no longer the one `previewToken` previewed), SESSION_LOCKED.
 */
export function commitJuryImport(
  endpoint: ApiEndpoint,
  sessionId: string,
  files: readonly File[],
  exclude: readonly string[],
  onConflict: ConflictPolicy = 'fail',
  previewToken?: string,
) {
  return sendExtracts(endpoint, sessionId, files, exclude, false, onConflict, previewToken)
}

/** The session's jury-sheet import batches, most recent first (undone ones included). */
export async function listJuryImportBatches(endpoint: ApiEndpoint, sessionId: string) {
  const { batches } = await callApi(typedClient(endpoint).api.v1.sessions[':sessionId']['jury-imports'].$get({ param: { sessionId } }))
  return batches
}

export type JuryImportBatch = Awaited<ReturnType<typeof listJuryImportBatches>>[number]

/**
 * Puts back every mark the batch wrote, as it was before the import.
 * @throws {ApiError} NOT_FOUND, CONFLICT (already undone, or marks changed since: `details.changed`),
 * SESSION_LOCKED.
 */
export function undoJuryImportBatch(endpoint: ApiEndpoint, sessionId: string, batchId: string) {
  return callApi(typedClient(endpoint).api.v1.sessions[':sessionId']['jury-imports'][':batchId'].undo.$post({ param: { sessionId, batchId } }))
}
