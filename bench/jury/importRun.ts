/**
 * One jury import measurement: the commit request through the real app (multipart upload,
 * parse, plan, one atomic write), then the batch undone (not timed) so the next repeat imports
 * into the same empty cells; optionally excelts' bare parse of the same bytes after each import.
 * Lean (no Miniflare): the main figure runs it in a child process of its own (importProcess.ts).
 */
import { runInNewContext } from 'node:vm'
import { setFlagsFromString } from 'node:v8'
import { UnguardedWorkbookReader as WorkbookReader } from '../../shared/xlsx'
import type { AppOutcome, AppRequester } from '../appRequest'
import { emptyTally, type D1Tally } from '../d1/counting'
import { peakRss, wallMilliseconds } from '../report'

export interface JuryFile {
  name: string
  bytes: Uint8Array
}

export interface ImportRun {
  importMs: number[]
  bareMs: number[]
  /** Peak RSS of the process during each import request, and during each bare parse (bytes). */
  importPeak: number[]
  barePeak: number[]
  /** RSS just before the first measured import (bytes). */
  startRss: number
  /** Per import request: time waiting for D1 (ms), and peak RSS above the RSS just before (bytes). */
  importD1Ms: number[]
  importPeakDelta: number[]
  /** D1 traffic of the last import request. */
  tally: D1Tally
  /** Marks the last import wrote. */
  marks: number
  error?: string
}

export function emptyRun(): ImportRun {
  return { importMs: [], bareMs: [], importPeak: [], barePeak: [], startRss: 0, importD1Ms: [], importPeakDelta: [], tally: emptyTally(), marks: 0 }
}

let gc: (() => void) | null = null
/** A full garbage collection before a memory measurement, so earlier garbage does not count. */
export function collectGarbage(): void {
  if (gc === null) {
    setFlagsFromString('--expose-gc')
    gc = runInNewContext('gc') as () => void
  }
  gc()
}

/** excelts' bare parse: its streaming reader, default options, every row of every worksheet. */
export async function bareParse(files: readonly JuryFile[]): Promise<number> {
  let cells = 0
  for (const file of files) {
    for await (const worksheet of new WorkbookReader(file.bytes, {})) {
      for await (const row of worksheet) cells += (row.values as unknown[]).length
    }
  }
  return cells
}

function form(files: readonly JuryFile[]): FormData {
  const body = new FormData()
  for (const file of files) {
    body.append('files', new File([file.bytes as Uint8Array<ArrayBuffer>], file.name, { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }))
  }
  return body
}

async function failure(outcome: AppOutcome, what: string): Promise<string> {
  const detail = outcome.logged[0] ?? (await outcome.response.text())
  return `${what}: HTTP ${outcome.response.status}: ${detail.slice(0, 300)}`
}

interface OneImport {
  ms: number
  peakBytes: number
  beforeBytes: number
  tally: D1Tally
  marks?: number
  error?: string
}

async function importOnce(requester: AppRequester, sessionId: string, files: readonly JuryFile[]): Promise<OneImport> {
  const body = form(files)
  collectGarbage()
  let outcome: AppOutcome | null = null
  const { peakBytes, beforeBytes, result: ms } = await peakRss(() =>
    wallMilliseconds(async () => {
      outcome = await requester.request(`/api/v1/sessions/${sessionId}/jury-imports?dryRun=false`, { method: 'POST', body })
    }),
  )
  const done = outcome!
  const base = { ms, peakBytes, beforeBytes, tally: done.tally }
  if (done.response.status !== 200) return { ...base, error: await failure(done, 'import') }
  const answer = (await done.response.json()) as { batch: { id: string; summary: { marks: number } } | null }
  if (!answer.batch) return { ...base, error: 'nothing imported' }
  const undo = await requester.request(`/api/v1/sessions/${sessionId}/jury-imports/${answer.batch.id}/undo`, { method: 'POST' })
  if (undo.response.status !== 200) return { ...base, error: await failure(undo, 'undo') }
  return { ...base, marks: answer.batch.summary.marks }
}

/** `repeats` imports (each followed by a bare parse when `bare`), after a 3-file warm-up when `warm`. */
export async function runImports(
  requester: AppRequester,
  sessionId: string,
  files: readonly JuryFile[],
  { repeats = 5, bare = true, warm = true } = {},
): Promise<ImportRun> {
  const run = emptyRun()
  if (warm) {
    const first = await importOnce(requester, sessionId, files.slice(0, 3))
    if (first.error) return { ...run, error: first.error }
    if (bare) await bareParse(files.slice(0, 3))
  }
  for (let i = 0; i < repeats; i++) {
    const one = await importOnce(requester, sessionId, files)
    if (i === 0) run.startRss = one.beforeBytes
    if (one.error) return { ...run, error: one.error }
    run.importMs.push(one.ms)
    run.importPeak.push(one.peakBytes)
    run.importD1Ms.push(one.tally.d1Ms)
    run.importPeakDelta.push(one.peakBytes - one.beforeBytes)
    run.tally = one.tally
    run.marks = one.marks ?? 0
    if (!bare) continue
    collectGarbage()
    const parsed = await peakRss(() => wallMilliseconds(() => bareParse(files)))
    run.bareMs.push(parsed.result)
    run.barePeak.push(parsed.peakBytes)
  }
  return run
}
