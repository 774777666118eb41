/**
 * The CLI reads jury files where they are, as the pane does: each workbook is read with the
 * shared/jury parser (readJuryWorkbook: inflated bytes counted, a deadline) and only its extract
 * is posted as JSON to …/jury-imports/extracted. Each file is read once per run, so the commit
 * sends exactly what the preview showed even if a file changes on disk in between.
 */
import { readJuryWorkbook, type JuryFileExtract } from '../../shared/jury/parseJurySheets'
import type { FoundFile } from './files'
import type { CliIo } from './io'

const read = new Map<string, Promise<JuryFileExtract>>()

async function extractOf(io: CliIo, file: FoundFile): Promise<JuryFileExtract> {
  let extract = read.get(file.path)
  if (extract === undefined) {
    extract = io.readFile(file.path).then((bytes) => readJuryWorkbook(bytes, file.name))
    read.set(file.path, extract)
  }
  return extract
}

/** The extracts route of a session, with the query the preview or the commit sends. */
export function extractsUrl(api: string, session: string, dryRun: boolean, policy: string): string {
  return `${api}/api/v1/sessions/${encodeURIComponent(session)}/jury-imports/extracted?dryRun=${dryRun}&onConflict=${policy}`
}

/** Reads the files one after the other (one workbook in memory at a time) and posts their extracts. */
export async function postJuryExtracts(io: CliIo, url: string, token: string, files: ReadonlyArray<FoundFile>, exclude: readonly string[]): Promise<Response> {
  const extracts: JuryFileExtract[] = []
  for (const file of files) extracts.push(await extractOf(io, file))
  return io.fetch(url, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ files: extracts, exclude }),
  })
}
