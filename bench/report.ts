/**
 * Bench plumbing shared by every section: timing helpers and the one Markdown table the bench prints.
 */

export interface Figure {
  /** What is measured, prefixed by nothing: the section name is added by the table. */
  figure: string
  value: number
  /** The same figure for a naive implementation, measured in the same run; null when there is none. */
  baseline: number | null
  /** Which way is better, for the ratio: `higher` gives value / baseline, `lower` baseline / value. */
  better: 'higher' | 'lower'
  /** The goal as written in the issue, e.g. "≥ 1,000,000/s". */
  goal: string
  holds: boolean
  unit?: string
}

export interface BenchSection {
  name: string
  run(): Figure[] | Promise<Figure[]>
}

export function median(values: readonly number[]): number {
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
    let elapsed = 0
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

const numberFormat = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 })

function formatValue(value: number | null, unit = ''): string {
  if (value === null) return '—'
  return `${numberFormat.format(value >= 100 ? Math.round(value) : value)}${unit}`
}

function ratio(figure: Figure): string {
  if (figure.baseline === null || figure.baseline === 0 || figure.value === 0) return '—'
  const factor = figure.better === 'higher' ? figure.value / figure.baseline : figure.baseline / figure.value
  return `×${factor >= 10 ? Math.round(factor) : factor.toFixed(1)}`
}

export function formatTable(rows: readonly { section: string; figure: Figure }[]): string {
  const lines = [
    '| figure | value | naive baseline (same run) | ratio | goal | holds |',
    '| --- | ---: | ---: | ---: | --- | :---: |',
    ...rows.map(({ section, figure }) =>
      [
        `${section}: ${figure.figure}`,
        formatValue(figure.value, figure.unit),
        formatValue(figure.baseline, figure.unit),
        ratio(figure),
        figure.goal,
        figure.holds ? '✓' : '✗',
      ].join(' | '),
    ),
  ]
  return lines.map((line) => (line.startsWith('|') ? line : `| ${line} |`)).join('\n')
}
