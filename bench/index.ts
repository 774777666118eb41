/**
 * `npm run bench`: builds its data (a local D1 with sessions of 100, 500, 2,000 and 10,000
 * candidates × 45 critères; 345 filled jury files), runs every section, prints one Markdown table
 * (figure, value, naive baseline measured in the same run, ratio, goal, whether it holds) and
 * writes it to docs/benchmarks.md with the machine and the date.
 *
 * `npm run bench -- --only rules,addin` runs some sections (rules, jury, data, addin, bundle) and leaves
 * docs/benchmarks.md alone. Progress goes to stderr, the table to stdout.
 *
 * Sections: rules engine; grid pull and push; Excel writes and task pane (bench/addin.ts exports
 * `addinSections: BenchSection[]`, named 'Excel writes' and 'task pane'; a section it does not
 * provide gets a row saying so); jury import; Worker bundle size (bench/workerBundle.ts); scale sweep.
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { buildContext, MAIN_SCALE, SCALES, type BenchContext } from './context'
import { dataPlaneFigures, measureScales, sweepFigures, type ScaleResult } from './dataPlane'
import { filesAt, generateJuryFiles, juryFigures, jurySweepFigures, measureMainImport, measureSweepImports, panePathFigures, type MainImport } from './jury'
import { describeMachine, formatTable, machineLine, orderRows, type Figure, type TableRow } from './report'
import { rulesSection } from './rules'
import { workerBundleSection } from './workerBundle'
import { benchmarksPage } from './page'

export const SECTION_ORDER = ['rules', 'grid pull & push', 'Excel writes', 'jury import', 'jury import, pane path', 'task pane', 'Worker bundle', 'scale sweep', 'jury import sweep'] as const
/** The sections bench/addin.ts provides. */
const ADDIN_SECTIONS = ['Excel writes', 'task pane'] as const

const { values } = parseArgs({ options: { only: { type: 'string' } } })
const only = values.only ? new Set(values.only.split(',').map((s) => s.trim())) : null
const wants = (part: 'rules' | 'jury' | 'data' | 'addin' | 'bundle') => only === null || only.has(part)

const started = performance.now()
const machine = describeMachine()
const log = (line: string) => console.error(line)
const elapsed = () => `${((performance.now() - started) / 1000).toFixed(0)} s`
const rows: TableRow[] = []

function failed(error: unknown): Figure {
  const message = error instanceof Error ? error.message : String(error)
  return { figure: 'section failed', value: null, failure: message.split('\n')[0]!.slice(0, 300), baseline: null, better: 'lower', goal: '—', holds: false }
}

async function section(name: string, run: () => Figure[] | Promise<Figure[]>): Promise<void> {
  log(`[${elapsed()}] ${name}…`)
  try {
    for (const figure of await run()) rows.push({ section: name, figure })
  } catch (error) {
    console.error(error)
    rows.push({ section: name, figure: failed(error) })
  }
}

/** The Excel-writes and task-pane sections (bench/addin.ts); a row for any it does not provide. */
async function addinSections(): Promise<void> {
  // Loaded only when asked for: it pulls in the fake Excel host and HyperFormula.
  const { addinSections: providedAddinSections } = await import('./addin')
  for (const found of providedAddinSections) await section(found.name, () => found.run())
  for (const name of ADDIN_SECTIONS) {
    if (providedAddinSections.some((s) => s.name === name)) continue
    rows.push({
      section: name,
      figure: { figure: 'not measured: bench/addin.ts does not provide this section yet', value: null, baseline: null, better: 'lower', goal: '—', holds: null },
    })
  }
}

// Alone, first: its CPU-time rates suffer from the file-filling children's contention.
if (wants('rules')) await section('rules', () => rulesSection.run())

if (wants('jury') || wants('data')) {
  let context: BenchContext | null = null
  try {
    log(`[${elapsed()}] building the local D1: référentiel, sessions of ${SCALES.join(', ')} candidates…`)
    context = await buildContext(filesAt)
    const ready = context
    if (wants('jury')) {
      log(`[${elapsed()}] generating and filling jury files (child processes)…`)
      const files = await generateJuryFiles(ready)
      log(`[${elapsed()}] jury files ready`)
      let main: MainImport | null = null
      await section('jury import', async () => {
        main = await measureMainImport(ready, files.get(MAIN_SCALE)!, log)
        return juryFigures(main)
      })
      const measured: MainImport | null = main
      if (measured !== null) await section('jury import, pane path', () => panePathFigures(measured))
      // Run now (the cells the files fill must still be empty), shown after the grid's sweep rows.
      await section('jury import sweep', async () => jurySweepFigures(await measureSweepImports(ready, files, log)))
    }
    if (wants('data')) {
      const results: ScaleResult[] = []
      log(`[${elapsed()}] grid pull & push at ${SCALES.map((s) => s.toLocaleString('en-US')).join(', ')} candidates, repeats interleaved…`)
      await section('grid pull & push', async () => {
        results.push(...(await measureScales(ready, SCALES, log)))
        const main = results.find((r) => r.scale === MAIN_SCALE)
        return main ? dataPlaneFigures(main) : []
      })
      await section('scale sweep', () => sweepFigures(results))
    }
  } catch (error) {
    console.error(error)
    rows.push({ section: 'grid pull & push', figure: failed(error) })
  } finally {
    await context?.dispose()
  }
}

if (wants('addin')) await addinSections()
if (wants('bundle')) await section(workerBundleSection.name, () => workerBundleSection.run())

const table = formatTable(orderRows(rows, SECTION_ORDER))
const wallSeconds = (performance.now() - started) / 1000
console.log(`Certibloc bench — ${machineLine(machine)}; whole bench ${wallSeconds.toFixed(0)} s\n`)
console.log(table)
if (only === null) {
  const page = join(dirname(fileURLToPath(import.meta.url)), '..', 'docs', 'benchmarks.md')
  mkdirSync(dirname(page), { recursive: true })
  writeFileSync(page, benchmarksPage({ machine, table, wallSeconds }))
  log(`\nWritten to docs/benchmarks.md (${wallSeconds.toFixed(0)} s).`)
}
