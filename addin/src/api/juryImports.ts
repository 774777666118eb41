/** Jury sheets: blank sheets to download, filled ones to preview then import (multipart). */
import type { ImportPlan } from '../../../shared/jury/planImport'
import { downloadFile, rawJson, rawRequest, type ApiEndpoint, type DownloadedFile } from './download'

/** The plan as the Worker answers it (what the commit writes per candidate stays on the server). */
export type PublicImportPlan = Omit<ImportPlan, 'writes'>

export interface JuryImportAnswer {
  dryRun: boolean
  sessionStatus: string
  unmatchedExcludes: string[]
  plan: PublicImportPlan
  /** Commit only: the batch written (null when there was nothing to do). */
  batch?: { id: string; summary: unknown } | null
  /** Commit only: what happened, in French. */
  message?: string
}

const sessionPath = (sessionId: string) => `/sessions/${encodeURIComponent(sessionId)}`

/** The blank jury sheets of every panel, as one .xlsx. */
export function downloadBlankJurySheets(endpoint: ApiEndpoint, sessionId: string): Promise<DownloadedFile> {
  return downloadFile(endpoint, `${sessionPath(sessionId)}/jury-sheets.xlsx?panel=all`, 'fiches-jury.xlsx')
}

function importForm(files: readonly File[], exclude: readonly string[]): FormData {
  const form = new FormData()
  for (const file of files) form.append('files', file, file.name)
  for (const name of exclude) form.append('exclude', name)
  return form
}

/** Dry run: what the files would do, per file and in total; nothing is written. */
export function previewJuryImport(endpoint: ApiEndpoint, sessionId: string, files: readonly File[], exclude: readonly string[] = []) {
  return rawJson<JuryImportAnswer>(
    rawRequest(endpoint, `${sessionPath(sessionId)}/jury-imports?dryRun=true`, { method: 'POST', body: importForm(files, exclude) }),
  )
}

/**
 * Writes the import as one batch, all or nothing.
 * @throws {ApiError} VALIDATION_FAILED (errors in an included file) or CONFLICT (marks entered in the grid differ).
 */
export function commitJuryImport(endpoint: ApiEndpoint, sessionId: string, files: readonly File[], exclude: readonly string[]) {
  return rawJson<JuryImportAnswer>(
    rawRequest(endpoint, `${sessionPath(sessionId)}/jury-imports?dryRun=false`, { method: 'POST', body: importForm(files, exclude) }),
  )
}
