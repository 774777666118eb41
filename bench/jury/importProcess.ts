/**
 * Child process of the bench for the main jury import figure: loads only the app, excelts and a
 * client of the bench's D1 gateway, so that its resident memory is the import's and not the
 * bench's (which holds Miniflare, wrangler and every scale's data: ~450 MB before anything).
 *
 * With `bareOnly`, it parses the files with excelts and nothing else (the app is not even
 * loaded): the memory a bare parse costs a fresh process, the import's memory baseline.
 *
 * Usage: node --import tsx bench/jury/importProcess.ts <job.json>; writes the ImportRun to job.out.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { peakRss, wallMilliseconds } from '../report'
import { bareParse, collectGarbage, emptyRun, runImports, type ImportRun } from './importRun'
import { runPanePath, type PanePathRun } from './panePath'

export interface ImportJob {
  /** The gateway Worker of the bench's D1. */
  url: string
  sessionId: string
  directory: string
  fileNames: string[]
  repeats: number
  /** Also time excelts' bare parse after each import. */
  bare: boolean
  /** Only bare parses, no import. */
  bareOnly?: boolean
  /** Also the pane's path (client-side read, JSON extracts), after the uploads. */
  panePath?: boolean
  out: string
}

export interface ImportProcessResult extends ImportRun {
  /** Kernel high-water mark of this process's RSS over its whole life (bytes). */
  maxRss: number
  pane?: PanePathRun
}

async function main(jobPath: string): Promise<void> {
  const job = JSON.parse(readFileSync(jobPath, 'utf8')) as ImportJob
  const files = job.fileNames.map((name) => ({ name, bytes: new Uint8Array(readFileSync(join(job.directory, name))) }))
  let run: ImportRun
  let pane: PanePathRun | undefined
  if (job.bareOnly) {
    run = { ...emptyRun(), startRss: process.memoryUsage().rss }
    for (let i = 0; i < job.repeats; i++) {
      collectGarbage()
      const parsed = await peakRss(() => wallMilliseconds(() => bareParse(files)))
      run.bareMs.push(parsed.result)
      run.barePeak.push(parsed.peakBytes)
    }
  } else {
    // Loaded only here: a bare-parse process must not pay for the app.
    const [{ appRequester }, { gatewayDatabase }] = await Promise.all([import('../appRequest'), import('../d1/gateway')])
    const requester = appRequester(gatewayDatabase(job.url))
    run = await runImports(requester, job.sessionId, files, { repeats: job.repeats, bare: job.bare })
    if (job.panePath && !run.error) pane = await runPanePath(requester, job.sessionId, files, job.repeats)
  }
  const result: ImportProcessResult = { ...run, maxRss: process.resourceUsage().maxRSS * 1024, ...(pane ? { pane } : {}) }
  writeFileSync(job.out, JSON.stringify(result))
}

// Run as a script only (the bench imports this module for its types).
const jobPath = process.argv[2]
if (process.argv[1]?.endsWith('importProcess.ts') && jobPath) await main(jobPath)
