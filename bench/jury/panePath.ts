/**
 * The pane's path for the jury import, measured beside the upload: the files are read where they
 * are (readJuryWorkbook, the client's cost, timed here), their extracts posted as JSON to
 * …/jury-imports/extracted (a dry run, then the commit). For the commit: its wall time, the time
 * it waited for D1 (the rest is the Worker's own), and the process's peak RSS during the request
 * above its RSS just before — the Worker's memory for 300 sheets' extracted data, the client's
 * extracts being already in memory. Each commit is undone (not timed) before the next.
 */
import { readJuryWorkbook, type JuryFileExtract } from '../../shared/jury/parseJurySheets'
import type { AppRequester } from '../appRequest'
import { peakRss, wallMilliseconds } from '../report'
import { collectGarbage, type JuryFile } from './importRun'

export interface PanePathRun {
  /** Client-side read of every file (ms), per repeat. */
  clientParseMs: number[]
  /** The JSON body posted (bytes). */
  bodyBytes: number
  /** Commit request: wall time, time waiting for D1, peak RSS above the RSS before (bytes). */
  commitMs: number[]
  commitD1Ms: number[]
  commitPeakDelta: number[]
  /** The dry run of the same body, wall time. */
  previewMs: number[]
  marks: number
  error?: string
}

const json = (body: Uint8Array<ArrayBuffer>): RequestInit => ({ method: 'POST', headers: { 'Content-Type': 'application/json' }, body })

export async function runPanePath(requester: AppRequester, sessionId: string, files: readonly JuryFile[], repeats: number): Promise<PanePathRun> {
  const run: PanePathRun = { clientParseMs: [], bodyBytes: 0, commitMs: [], commitD1Ms: [], commitPeakDelta: [], previewMs: [], marks: 0 }
  const path = (dryRun: boolean) => `/api/v1/sessions/${sessionId}/jury-imports/extracted?dryRun=${dryRun}`
  for (let i = 0; i < repeats; i++) {
    const extracts: JuryFileExtract[] = []
    const parseMs = await wallMilliseconds(async () => {
      for (const file of files) extracts.push(await readJuryWorkbook(file.bytes, file.name))
    })
    run.clientParseMs.push(parseMs)
    // Bytes, as the network delivers them to a Worker: the client's encoding is not the Worker's time.
    const body = new TextEncoder().encode(JSON.stringify({ files: extracts }))
    run.bodyBytes = body.length
    let preview: Awaited<ReturnType<AppRequester['request']>> | null = null
    const previewMs = await wallMilliseconds(async () => {
      preview = await requester.request(path(true), json(body))
    })
    const previewed = preview!
    if (previewed.response.status !== 200) return { ...run, error: `preview: HTTP ${previewed.response.status}: ${(await previewed.response.text()).slice(0, 300)}` }
    run.previewMs.push(previewMs)
    collectGarbage()
    let outcome: Awaited<ReturnType<AppRequester['request']>> | null = null
    const { peakBytes, beforeBytes, result: ms } = await peakRss(() =>
      wallMilliseconds(async () => {
        outcome = await requester.request(path(false), json(body))
      }),
    )
    const done = outcome!
    if (done.response.status !== 200) return { ...run, error: `commit: HTTP ${done.response.status}: ${(await done.response.text()).slice(0, 300)}` }
    const answer = (await done.response.json()) as { batch: { id: string; summary: { marks: number } } | null }
    if (!answer.batch) return { ...run, error: 'nothing imported' }
    run.commitMs.push(ms)
    run.commitD1Ms.push(done.tally.d1Ms)
    run.commitPeakDelta.push(peakBytes - beforeBytes)
    run.marks = answer.batch.summary.marks
    const undo = await requester.request(`/api/v1/sessions/${sessionId}/jury-imports/${answer.batch.id}/undo`, { method: 'POST' })
    if (undo.response.status !== 200) return { ...run, error: `undo: HTTP ${undo.response.status}` }
  }
  return run
}
