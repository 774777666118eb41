/**
 * Bench plumbing shared by every section: timing and memory helpers, the one Markdown table the
 * bench prints, and the docs/benchmarks.md page that carries it with the machine it ran on.
 */
import { readFileSync } from 'node:fs'
import { cpus, loadavg, totalmem } from 'node:os'

export interface Figure {
  /** What is measured, prefixed by nothing: the section name is added by the table. */
  figure: string
  /** The measurement, in `unit`; null when it could not be made (see `failure`). */
  value: number | null
  /** Why the figure fails outright (a D1 limit, an error): shown as « fails: … »; the goal does not hold. */
  failure?: string
  /** The same figure for a naive implementation, measured in the same run; null when there is none. */
  baseline: number | null
  /** Which way is better, for the ratio: `higher` gives value / baseline, `lower` baseline / value. */
  better: 'higher' | 'lower'
  /**
   * `gain` (default): how many times better than the naive baseline, « ×12 ». `cost`: what the
   * value costs relative to a lower bound, value / baseline, « 1.4× base » (import vs bare parse).
   */
  ratio?: 'gain' | 'cost'
  /** The goal as written in the issue, e.g. "≥ 1,000,000/s"; "—" when the row only informs. */
  goal: string
  /** Whether the goal holds; null when the row has no goal. */
  holds: boolean | null
  unit?: string
}

export interface BenchSection {
  name: string
  run(): Figure[] | Promise<Figure[]>
}

export interface TableRow {
  section: string
  figure: Figure
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2
}

/** CPU time of this process in milliseconds: unlike wall time, other load on the machine does not count. */
export function cpuMilliseconds(): number {
  const usage = process.cpuUsage()
  return (usage.user + usage.system) / 1000
}

/**
 * Operations per CPU-second of `pass` (which performs `operationsPerPass` operations), as the
 * median of `repeats` measurements of at least `minMs` CPU milliseconds each, after a warm-up.
 */
export function operationsPerSecond(pass: () => void, operationsPerPass: number, repeats = 5, minMs = 200): number {
  const measure = () => {
    let passes = 0
    const start = cpuMilliseconds()
    let elapsed: number
    do {
      pass()
      passes++
      elapsed = cpuMilliseconds() - start
    } while (elapsed < minMs)
    return (passes * operationsPerPass * 1000) / elapsed
  }
  measure()
  return median(Array.from({ length: Math.max(5, repeats) }, measure))
}

/** Wall milliseconds of an async operation. */
export async function wallMilliseconds(run: () => Promise<unknown>): Promise<number> {
  const start = performance.now()
  await run()
  return performance.now() - start
}

/**
 * Peak resident memory of this process while `run` runs, in bytes: `process.memoryUsage().rss`
 * sampled every few milliseconds (the samples land between the awaits of the run), completed
 * by the kernel's exact high-water mark (`resourceUsage().maxRSS`) when the run raised it.
 * Independent of --max-old-space-size: it is what the operating system gives the process.
 */
export async function peakRss<T>(run: () => Promise<T>, everyMs = 5): Promise<{ result: T; peakBytes: number; beforeBytes: number }> {
  const beforeBytes = process.memoryUsage().rss
  const highWaterBefore = process.resourceUsage().maxRSS * 1024
  let peakBytes = beforeBytes
  const timer = setInterval(() => {
    peakBytes = Math.max(peakBytes, process.memoryUsage().rss)
  }, everyMs)
  try {
    const result = await run()
    peakBytes = Math.max(peakBytes, process.memoryUsage().rss)
    const highWaterAfter = process.resourceUsage().maxRSS * 1024
    if (highWaterAfter > highWaterBefore) peakBytes = Math.max(peakBytes, highWaterAfter)
    return { result, peakBytes, beforeBytes }
  } finally {
    clearInterval(timer)
  }
}

const numberFormat = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 })
const smallFormat = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 })

export function formatValue(value: number | null, unit = ''): string {
  if (value === null || Number.isNaN(value)) return '—'
  const shown = value >= 100 ? numberFormat.format(Math.round(value)) : value < 10 ? smallFormat.format(value) : numberFormat.format(value)
  return `${shown}${unit}`
}

/**
 * A cost that grows exactly linearly lands above or below the line by the machine's noise, so
 * « at most linear » allows 15 % over it (the spread of medians from run to run on the shared
 * 2-core machine, repeats interleaved); the growth factor itself is in the figure's text.
 */
export const GROWTH_NOISE = 0.15

/** Whether `ms` at a scale `growth` times the previous one grew at most linearly from `previousMs`. */
export function grewAtMostLinearly(ms: number, previousMs: number, growth: number): boolean {
  return ms <= previousMs * growth * (1 + GROWTH_NOISE)
}

export function linearGoal(growth: number, previousScale: number): string {
  return `time ≤ ×${growth} of ${previousScale.toLocaleString('en-US')}’s (linear; ×${(growth * (1 + GROWTH_NOISE)).toFixed(2)} with ${GROWTH_NOISE * 100} % for noise)`
}

/** Decimal units, as D1 states its limits (2,000,000 bytes = 2 MB). */
export function formatBytes(bytes: number): string {
  if (bytes >= 1_000_000) return `${smallFormat.format(bytes / 1_000_000)} MB`
  if (bytes >= 1_000) return `${numberFormat.format(bytes / 1_000)} KB`
  return `${bytes} B`
}

export function formatRatio(figure: Figure): string {
  if (figure.value === null || figure.baseline === null || figure.baseline === 0 || figure.value === 0) return '—'
  if (figure.ratio === 'cost') return `${(figure.value / figure.baseline).toFixed(2)}× base`
  const factor = figure.better === 'higher' ? figure.value / figure.baseline : figure.baseline / figure.value
  return `×${factor >= 10 ? numberFormat.format(Math.round(factor)) : factor.toFixed(1)}`
}

function holdsMark(figure: Figure): string {
  if (figure.failure !== undefined) return '✗'
  if (figure.holds === null) return '—'
  return figure.holds ? '✓' : '✗'
}

/** Pipes would end a cell early. */
const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ')

export function formatTable(rows: readonly TableRow[]): string {
  const lines = [
    '| figure | value | naive baseline (same run) | ratio | goal | holds |',
    '| --- | ---: | ---: | ---: | --- | :---: |',
    ...rows.map(({ section, figure }) =>
      [
        `${section}: ${figure.figure}`,
        figure.failure !== undefined ? `fails: ${figure.failure}` : formatValue(figure.value, figure.unit),
        formatValue(figure.baseline, figure.unit),
        formatRatio(figure),
        figure.goal,
        holdsMark(figure),
      ]
        .map(cell)
        .join(' | '),
    ),
  ]
  return lines.map((line) => (line.startsWith('|') ? line : `| ${line} |`)).join('\n')
}

export interface Machine {
  cpu: string
  cores: number
  memoryGiB: number
  node: string
  date: string
  /** 1-minute load average when the bench started: other work on the machine. */
  loadAtStart: number
}

export function describeMachine(date = new Date()): Machine {
  let cpu = cpus()[0]?.model ?? 'unknown'
  try {
    const model = /^model name\s*:\s*(.+)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1]
    if (model) cpu = model.trim()
  } catch {
    // Not Linux: os.cpus() is all there is.
  }
  return {
    cpu,
    cores: cpus().length,
    memoryGiB: Math.round((totalmem() / 1024 ** 3) * 10) / 10,
    node: process.version,
    date: date.toISOString(),
    loadAtStart: Math.round(loadavg()[0]! * 100) / 100,
  }
}

export function machineLine(machine: Machine): string {
  return (
    `${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB RAM, Node ${machine.node}; ` +
    `load average ${machine.loadAtStart} at start; ${machine.date}`
  )
}

/** Groups rows in the order of `sectionOrder` (unknown sections last), keeping each section's row order. */
export function orderRows(rows: readonly TableRow[], sectionOrder: readonly string[]): TableRow[] {
  const rank = (section: string) => {
    const found = sectionOrder.indexOf(section)
    return found === -1 ? sectionOrder.length : found
  }
  return rows.map((row, i) => ({ row, i })).sort((a, b) => rank(a.row.section) - rank(b.row.section) || a.i - b.i).map(({ row }) => row)
}
