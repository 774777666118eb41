/**
 * Jury import: filled jury files imported through the real route (POST /jury-imports?dryRun=false:
 * multipart upload, parse, plan, one atomic write), into sessions whose imported cells are empty.
 *
 * Data: one file per candidate, as the per-candidate download gives it (5 sheets: 4 mandatory
 * blocs and the option; 45 critères), generated and sealed by the project's generator with the
 * Worker's signer, then filled with excelts like the tests do (bench/jury/fillSheets.ts, two child
 * processes). Main figure: 300 files (1,500 sheets, 13,500 marks) into the 2,000-candidate
 * session. Sweep: a fixed 15 files into each session (100 … 10,000 candidates), so that only the
 * session size changes; proportional counts (1,500 files at 10,000) would exceed the route's 500
 * files per import and the bench's 10-minute budget (filling costs ~0.3 s a file).
 *
 * Baseline: excelts' bare parse of the same bytes — its streaming WorkbookReader with default
 * options, every row of every worksheet read — the cheapest way that library reads all cells.
 * The main figure runs in a child process that loads only the app, excelts and a D1 client
 * (bench/jury/importProcess.ts), alternating import and bare parse; peak memory is that
 * process's RSS during the import request (see peakRss), after a garbage collection.
 * Each repeat imports, then undoes the batch (not timed).
 */
import { spawn } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { availableParallelism } from 'node:os'
import { join } from 'node:path'
import { ADMIN_TOKEN, MAIN_SCALE, SCALES, type BenchContext } from './context'
import { MARKS_PER_CANDIDATE } from './data'
import { describeViolation } from './d1/counting'
import type { FillJob } from './jury/fillSheets'
import type { ImportJob, ImportProcessResult } from './jury/importProcess'
import type { PanePathRun } from './jury/panePath'
import { emptyRun, runImports, type ImportRun, type JuryFile } from './jury/importRun'
import { formatBytes, grewAtMostLinearly, linearGoal, median, type Figure } from './report'

export type { JuryFile }

export const MAIN_FILES = 300
export const SWEEP_FILES = 15
const REPEATS = 5
const JURY_VARIANT = 1_000
const SHEETS_PER_FILE = 5
const TIME_GOAL_S = 15
const MEMORY_GOAL_MB = 400
const RATIO_GOAL = 1.5
/** A Worker isolate's memory. */
const WORKER_MEMORY_MB = 128

/** Candidates of each session left ungraded by the seed: the ones the files are for. */
export function filesAt(scale: number): number {
  return scale === MAIN_SCALE ? MAIN_FILES : SWEEP_FILES
}

/** Generates and fills every scale's files in child processes; returns them by scale. */
export async function generateJuryFiles(context: BenchContext): Promise<Map<number, JuryFile[]>> {
  const workers = Math.max(1, Math.min(2, availableParallelism()))
  const jobs: FillJob[][] = Array.from({ length: workers }, () => [])
  const wanted = new Map<number, string[]>()
  let turn = 0
  for (const scale of SCALES) {
    const session = context.sessions.get(scale)!
    const outDir = join(context.directory, 'jury', String(scale))
    mkdirSync(outDir, { recursive: true })
    const candidates = session.candidates.slice(0, filesAt(scale))
    wanted.set(scale, candidates.map((c) => join(outDir, `${c.schoolId}.xlsx`)))
    // Deal candidates one by one, so that both workers get a share of every scale.
    const shares: FillJob['candidates'][] = Array.from({ length: workers }, () => [])
    for (const c of candidates) {
      shares[turn++ % workers]!.push({
        id: c.id,
        schoolId: c.schoolId,
        birthName: c.birthName,
        usageName: c.usageName,
        firstNames: c.firstNames,
        optionCode: c.optionCode,
        capitalisedBlocs: [],
        index: c.index,
      })
    }
    shares.forEach((share, w) => {
      if (share.length === 0) return
      jobs[w]!.push({
        adminToken: ADMIN_TOKEN,
        session: { id: session.sessionId, name: session.sessionName, campus: 'Lyon', juryDate: '2026-06-12' },
        outDir,
        variant: JURY_VARIANT,
        candidates: share,
      })
    })
  }
  await Promise.all(
    jobs.map(async (workerJobs, w) => {
      for (const [j, job] of workerJobs.entries()) {
        const jobPath = join(context.directory, `fill-${w}-${j}.json`)
        writeFileSync(jobPath, JSON.stringify(job))
        await new Promise<void>((resolve, reject) => {
          const child = spawn(process.execPath, ['--import', 'tsx', 'bench/jury/fillSheets.ts', jobPath], { stdio: ['ignore', 'inherit', 'inherit'] })
          child.on('error', reject)
          child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`fillSheets exited with ${code}`))))
        })
      }
    }),
  )
  const files = new Map<number, JuryFile[]>()
  for (const [scale, paths] of wanted) {
    files.set(
      scale,
      paths.map((path) => ({ name: path.slice(path.lastIndexOf('/') + 1), bytes: new Uint8Array(readFileSync(path)) })),
    )
  }
  return files
}

export interface ImportResult extends ImportRun {
  scale: number
  files: number
  bytes: number
}

async function importInChild(
  context: BenchContext,
  files: readonly JuryFile[],
  options: { repeats: number; bare: boolean; bareOnly?: boolean; panePath?: boolean; nodeArgs?: string[] },
) {
  const session = context.sessions.get(MAIN_SCALE)!
  const job: ImportJob = {
    url: context.d1.url,
    sessionId: session.sessionId,
    directory: join(context.directory, 'jury', String(MAIN_SCALE)),
    fileNames: files.map((f) => f.name),
    repeats: options.repeats,
    bare: options.bare,
    bareOnly: options.bareOnly ?? false,
    panePath: options.panePath ?? false,
    out: join(context.directory, 'import-result.json'),
  }
  const jobPath = join(context.directory, 'import-job.json')
  writeFileSync(jobPath, JSON.stringify(job))
  rmSync(job.out, { force: true })
  const code = await new Promise<number | null>((resolve, reject) => {
    const args = [...(options.nodeArgs ?? []), '--import', 'tsx', 'bench/jury/importProcess.ts', jobPath]
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'inherit', 'pipe'] })
    let stderr = ''
    child.stderr.on('data', (chunk: Buffer) => {
      stderr = `${stderr}${chunk.toString()}`.slice(-4_000)
    })
    child.on('error', reject)
    child.on('exit', (exitCode) => {
      if (exitCode !== 0 && !/heap out of memory/i.test(stderr)) process.stderr.write(stderr)
      resolve(exitCode)
    })
  })
  if (code !== 0 || !existsSync(job.out)) return { code, run: null }
  return { code, run: JSON.parse(readFileSync(job.out, 'utf8')) as ImportProcessResult }
}

export type MainImport = ImportResult & {
  maxRss: number
  /** Peak RSS of a fresh process that only parses the files with excelts (bytes; null if it failed). */
  bareProcessPeak: number | null
  capped: { ok: boolean; ms: number | null; code: number | null }
  /** The pane's path on the same files, in the same process (panePath.ts). */
  pane?: PanePathRun
}

/**
 * The main figure: 300 files, in a child process of its own (memory), alternating with bare
 * parses. Then once more in a process whose V8 old space is capped at 128 MB, the Worker
 * isolate's memory: does the import still complete?
 */
export async function measureMainImport(context: BenchContext, files: readonly JuryFile[], log: (line: string) => void): Promise<MainImport> {
  const bytes = files.reduce((n, f) => n + f.bytes.length, 0)
  const { code, run } = await importInChild(context, files, { repeats: REPEATS, bare: true, panePath: true })
  if (run === null) throw new Error(`the import process exited with ${code}`)
  if (!run.error) {
    log(`  import ${files.length} files @${MAIN_SCALE}: ${(median(run.importMs) / 1000).toFixed(1)} s, bare parse ${(median(run.bareMs) / 1000).toFixed(1)} s, peak ${MB(Math.max(...run.importPeak))} MB`)
  }
  if (run.pane && !run.pane.error) {
    const p = run.pane
    log(`  pane path: client read ${(median(p.clientParseMs) / 1000).toFixed(1)} s, commit ${median(p.commitMs).toFixed(0)} ms (D1 ${median(p.commitD1Ms).toFixed(0)} ms), +${MB(Math.max(...p.commitPeakDelta))} MB`)
  }
  const bare = await importInChild(context, files, { repeats: 1, bare: true, bareOnly: true })
  const capped = await importInChild(context, files, { repeats: 1, bare: false, nodeArgs: [`--max-old-space-size=${WORKER_MEMORY_MB}`] })
  const cappedOk = capped.code === 0 && capped.run !== null && !capped.run.error
  log(`  import under a ${WORKER_MEMORY_MB} MB heap: ${cappedOk ? 'completes' : `fails (exit ${capped.code})`}`)
  return {
    ...run,
    scale: MAIN_SCALE,
    files: files.length,
    bytes,
    bareProcessPeak: bare.run?.barePeak[0] ?? null,
    capped: { ok: cappedOk, ms: cappedOk ? capped.run.importMs[0] ?? null : null, code: capped.code },
  }
}

/**
 * The sweep: the same few files into each scale's session, in this process, without bare parse;
 * repeats interleaved across the scales so that the machine's load hits them alike.
 */
export async function measureSweepImports(context: BenchContext, files: ReadonlyMap<number, readonly JuryFile[]>, log: (line: string) => void): Promise<ImportResult[]> {
  const results: ImportResult[] = SCALES.map((scale) => {
    const chosen = files.get(scale)!.slice(0, SWEEP_FILES)
    return { ...emptyRun(), scale, files: chosen.length, bytes: chosen.reduce((n, f) => n + f.bytes.length, 0) }
  })
  for (let i = 0; i < REPEATS; i++) {
    for (const result of results) {
      if (result.error) continue
      const session = context.sessions.get(result.scale)!
      // The main figure ran in its own process: warm this one up once.
      const run = await runImports(context, session.sessionId, files.get(result.scale)!.slice(0, SWEEP_FILES), { repeats: 1, bare: false, warm: i === 0 && result === results[0] })
      if (run.error) {
        result.error = run.error
        continue
      }
      result.importMs.push(...run.importMs)
      result.importPeak.push(...run.importPeak)
      result.tally = run.tally
      result.marks = run.marks
    }
  }
  for (const result of results) if (!result.error) log(`  import ${result.files} files @${result.scale}: ${median(result.importMs).toFixed(0)} ms`)
  return results
}

const MB = (bytes: number) => Math.round(bytes / 104_857.6) / 10
const count = (n: number) => n.toLocaleString('en-US')

export function juryFigures(main: MainImport): Figure[] {
  const what = `${count(main.files)} files (${count(main.files * SHEETS_PER_FILE)} sheets, ${count(main.files * MARKS_PER_CANDIDATE)} marks, ${MB(main.bytes)} MB) into the ${count(main.scale)}-candidate session`
  if (main.error) {
    return [{ figure: `import of ${what}`, value: null, failure: main.error, baseline: null, better: 'lower', goal: `≤ ${TIME_GOAL_S} s`, holds: false }]
  }
  const seconds = median(main.importMs) / 1000
  const bare = median(main.bareMs) / 1000
  const ratio = seconds / bare
  const peak = Math.max(...main.importPeak)
  return [
    {
      figure: `import of ${what}: wall time of the commit request (upload, parse, plan, write), median of ${REPEATS} [baseline: excelts’ bare parse of the same bytes]`,
      value: seconds,
      baseline: bare,
      better: 'lower',
      ratio: 'cost',
      goal: `≤ ${TIME_GOAL_S} s`,
      holds: seconds <= TIME_GOAL_S,
      unit: ' s',
    },
    {
      figure: 'import time ÷ excelts’ bare parse time of the same files (median of the two)',
      value: ratio,
      baseline: null,
      better: 'lower',
      goal: `≤ ${RATIO_GOAL}×`,
      holds: ratio <= RATIO_GOAL,
      unit: '×',
    },
    {
      figure: `peak memory during the import request: RSS of a process running only the app and the import, highest of ${REPEATS} [${MB(main.startRss)} MB before the request; baseline: peak RSS of a fresh process that only parses the same files with excelts]`,
      value: MB(peak),
      baseline: main.bareProcessPeak === null ? null : MB(main.bareProcessPeak),
      better: 'lower',
      ratio: 'cost',
      goal: `≤ ${MEMORY_GOAL_MB} MB`,
      holds: peak / 1024 / 1024 <= MEMORY_GOAL_MB,
      unit: ' MB',
    },
    {
      figure: `the same import in a process whose V8 heap is capped at ${WORKER_MEMORY_MB} MB (a Worker isolate’s memory; Node’s old space only, so indicative): wall time`,
      value: main.capped.ms === null ? null : main.capped.ms / 1000,
      ...(main.capped.ok ? {} : { failure: main.capped.code === 0 ? 'the import answered an error' : `out of memory (exit ${main.capped.code})` }),
      baseline: null,
      better: 'lower',
      goal: 'completes',
      holds: main.capped.ok,
      unit: ' s',
    },
    {
      figure: `D1 statements per import request [${main.tally.calls} D1 calls; write batch of ${Math.max(0, ...main.tally.batchSizes)}; largest bound value ${formatBytes(main.tally.largestValueBytes)}]`,
      value: main.tally.statements,
      ...(main.tally.violations.length > 0 ? { failure: `D1 limit — ${main.tally.violations.map(describeViolation).join('; ')}` } : {}),
      baseline: null,
      better: 'lower',
      goal: '≤ 50 (Free plan); within D1’s per-statement limits',
      holds: main.tally.statements <= 50 && main.tally.violations.length === 0,
    },
  ]
}

const OUTSIDE_D1_GOAL_MS = 200
const EXTRACT_MEMORY_GOAL_MB = 32

/**
 * The pane's path (files read where they are, extracts posted as JSON) beside today's upload,
 * measured in the same child process on the same 300 files: the client's read, the Worker's time
 * outside D1 for the commit, and its peak memory (RSS above the RSS just before the request).
 */
export function panePathFigures(main: MainImport): Figure[] {
  const pane = main.pane
  const what = `${count(main.files)} files (${count(main.files * SHEETS_PER_FILE)} sheets)`
  if (!pane || pane.error || main.error) {
    return [{ figure: `pane path for ${what}`, value: null, failure: pane?.error ?? main.error ?? 'not run', baseline: null, better: 'lower', goal: '—', holds: false }]
  }
  const outside = pane.commitMs.map((ms, i) => ms - (pane.commitD1Ms[i] ?? 0))
  const uploadOutside = main.importMs.map((ms, i) => ms - (main.importD1Ms[i] ?? 0))
  const memory = Math.max(...pane.commitPeakDelta)
  const uploadMemory = Math.max(...main.importPeakDelta)
  return [
    {
      figure: `pane path, client side: reading the ${what} where they are (readJuryWorkbook, bytes counted, deadline), median of ${REPEATS} [${formatBytes(pane.bodyBytes)} of JSON extracts posted]`,
      value: median(pane.clientParseMs) / 1000,
      baseline: null,
      better: 'lower',
      goal: '—',
      holds: null,
      unit: ' s',
    },
    {
      figure: `pane path, commit of the ${what}' extracts (POST …/jury-imports/extracted?dryRun=false): the Worker’s time outside D1 (wall time minus D1 waits), median of ${REPEATS} [commit wall time ${median(pane.commitMs).toFixed(0)} ms; dry run ${median(pane.previewMs).toFixed(0)} ms; baseline: the same for today’s multipart upload, which parses the workbooks in the Worker]`,
      value: median(outside),
      baseline: median(uploadOutside),
      better: 'lower',
      ratio: 'cost',
      goal: `< ${OUTSIDE_D1_GOAL_MS} ms`,
      holds: median(outside) < OUTSIDE_D1_GOAL_MS,
      unit: ' ms',
    },
    {
      figure: `pane path, commit: peak memory of the request, RSS above the RSS just before it (the extracts already in memory), highest of ${REPEATS} [baseline: the same for today’s multipart upload]`,
      value: MB(memory),
      baseline: MB(uploadMemory),
      better: 'lower',
      ratio: 'cost',
      goal: `< ${EXTRACT_MEMORY_GOAL_MB} MB`,
      holds: memory / 1024 / 1024 < EXTRACT_MEMORY_GOAL_MB,
      unit: ' MB',
    },
  ]
}

/** One row per scale: same 15 files, growing session; time should stay flat (≤ linear). */
export function jurySweepFigures(results: readonly ImportResult[]): Figure[] {
  return results.map((result, i) => {
    const previous = i > 0 ? results[i - 1]! : null
    const growth = previous ? result.scale / previous.scale : null
    const ms = result.importMs.length > 0 ? median(result.importMs) : null
    const previousMs = previous && previous.importMs.length > 0 ? median(previous.importMs) : null
    return {
      figure: `${result.files} files (${count(result.files * MARKS_PER_CANDIDATE)} marks) into the ${count(result.scale)}-candidate session: wall time of the commit request [${result.tally.statements} statements, ${result.tally.calls} D1 calls${ms !== null && previousMs !== null && previous ? `; ×${(ms / previousMs).toFixed(1)} the ${count(previous.scale)} time` : ''}]`,
      value: ms,
      ...(result.error ? { failure: result.error } : {}),
      baseline: null,
      better: 'lower' as const,
      goal: previous ? `${linearGoal(growth!, previous.scale)}; same statements` : 'reference scale',
      holds:
        ms !== null &&
        (previous === null ||
          (previousMs !== null && grewAtMostLinearly(ms, previousMs, growth!) && result.tally.statements === previous.tally.statements)),
      unit: ' ms',
    }
  })
}
