/**
 * Add-in section: what a pull of a large session costs Excel, and what the task pane costs the
 * browser.
 *
 * - Pull: 2,000 candidates × 45 critères (the seed référentiel with BC05-D cut to 11 critères),
 *   through the add-in's own `pullGrid` into the fake Excel host (formula evaluation off: only the
 *   requests matter here). Counted: requests (`context.sync()`) and the largest request's JSON
 *   size, against Excel on the web's 5 MB cap. Baseline: a naive writer that sends one candidate row
 *   per request, values and full formulas, in the same run. A re-pull with unsent local edits is
 *   measured too (it reads the sheet back first).
 * - Task pane: the production bundle's JavaScript gzipped, and the time until the connection form
 *   is interactive in headless Chromium (median of 5 loads, Office stubbed, nothing but the pane).
 */
import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { createApiClient } from '../addin/src/api/client'
import type { ExcelContextApi } from '../addin/src/excel/excelApi'
import { pullGrid } from '../addin/src/sync/pullGrid'
import { gradingRulesOf, type GradingRules } from '../addin/src/sync/gradingRules'
import { rowFormulas } from '../shared/formulas/index'
import { parseReferential, seedReferential, type ReferentialInput } from '../shared/referential'
import { gridToRows, type PulledGrid } from '../shared/workbook/gradeSheetData'
import { cellAddress, FIRST_DATA_ROW } from '../shared/workbook/gradeSheetLayout'
import { FakeExcelHost } from '../test/support/fakeExcel/fakeExcel'
import { launchChromium } from '../test/e2e/support/chromium'
import { buildTaskpane } from '../test/e2e/support/taskpaneBuild'
import { serveTaskpane } from '../test/e2e/support/taskpaneServer'
import { median, type BenchSection, type Figure } from './report'
import { createPrng as random } from '../shared/random'

const CANDIDATES = 2_000
const CRITERES = 45
const MAX_REQUESTS = 6
const PAYLOAD_CAP_MB = 5
const BUNDLE_GOAL_KB = 200


/** The seed référentiel with its largest option cut down to reach 45 critères in all. */
function benchGrading(): GradingRules {
  const input = structuredClone(seedReferential) as ReferentialInput
  const total = input.blocs.reduce((sum, bloc) => sum + (bloc.kind === 'optionGroup' ? bloc.options.reduce((n, option) => n + option.criteres.length, 0) : bloc.criteres.length), 0)
  const group = input.blocs.find((bloc) => bloc.kind === 'optionGroup')
  if (group?.kind !== 'optionGroup') throw new Error('option group')
  const largest = group.options.reduce((a, b) => (b.criteres.length > a.criteres.length ? b : a))
  largest.criteres = largest.criteres.slice(0, largest.criteres.length - (total - CRITERES))
  const parsed = parseReferential({ ...input, id: 'bench-addin-v1' })
  if (!parsed.ok) throw new Error(parsed.issues.map((found) => found.message).join('\n'))
  return gradingRulesOf(parsed.referential)
}

/** A session as the Worker would send it: mostly ACQ, some gaps, a few jury decisions. */
function benchGrid(grading: GradingRules): PulledGrid {
  const next = random(2_026)
  const criteres = grading.layout.inputUnits.flatMap((unit) => (unit.kind === 'mark' ? [{ code: unit.critereCode, blocCode: unit.blocCode }] : []))
  const options = grading.rules.certification.options.map((option) => option.blocCode)
  const ids = Array.from({ length: CANDIDATES }, (_, index) => `cand-${String(index + 1).padStart(5, '0')}`)
  const optionCodes = ids.map(() => options[Math.floor(next() * options.length)]!)
  return {
    session: { id: 'bench', name: 'Session de charge', referentialId: grading.referential.id, status: 'open', gridVersion: 1 },
    criteres,
    candidates: {
      ids,
      schoolIds: ids.map((_, index) => `E${String(100_000 + index)}`),
      birthNames: ids.map((_, index) => `Nom-${index + 1}`),
      usageNames: ids.map((_, index) => (index % 10 === 0 ? `Usage-${index}` : null)),
      firstNames: ids.map(() => ['Camille', 'Anne']),
      optionCodes,
      capitalisedBlocs: ids.map((_, index) => (index % 25 === 0 ? [{ blocCode: 'BC01' }] : [])),
      rowVersions: ids.map(() => 1),
    },
    marks: ids.map((_, row) =>
      criteres.map((critere) => {
        if (critere.blocCode.startsWith('BC05') && critere.blocCode !== optionCodes[row]) return null
        const draw = next()
        return draw < 0.8 ? 'ACQ' : draw < 0.9 ? 'PACQ' : draw < 0.95 ? 'NACQ' : draw < 0.97 ? 'ABS' : null
      }),
    ),
    comments: [],
    decisions: ids.flatMap((_, row) => (row % 30 === 0 ? [[row, [{ blocCode: 'BC02', code: 'ADJ', reason: 'Soutenance remarquable, décision du jury plénier' }]] as const] : [])),
  } as PulledGrid
}

/** The Worker's two answers a pull needs, from memory. */
function benchFetch(grading: GradingRules, grid: PulledGrid): typeof fetch {
  const answer = (input: Parameters<typeof fetch>[0]) => {
    const url = String(input instanceof Request ? input.url : input)
    if (url.includes('/grid')) return Response.json({ grid }, { headers: { etag: '"grid-bench-1"' } })
    if (url.includes('/referentials/')) return Response.json({ referential: grading.referential })
    return new Response('not found', { status: 404 })
  }
  return (input) => Promise.resolve(answer(input))
}

interface PullCost {
  requests: number
  largestMb: number
  totalMb: number
}

function costOf(host: FakeExcelHost, fromSync = 0): PullCost {
  const syncs = host.syncs.slice(fromSync)
  return {
    requests: syncs.length,
    largestMb: Math.max(...syncs.map((sync) => sync.payloadBytes)) / 1_000_000,
    totalMb: syncs.reduce((total, sync) => total + sync.payloadBytes, 0) / 1_000_000,
  }
}

function install(host: FakeExcelHost) {
  Object.assign(globalThis, { Excel: host.Excel, Office: host.Office })
}

/** One request per candidate: its values, then its full formulas. What the add-in avoids. */
async function naivePull(grading: GradingRules, grid: PulledGrid): Promise<PullCost> {
  const host = new FakeExcelHost({ evaluateFormulas: false, payloadLimitBytes: Number.POSITIVE_INFINITY })
  const rows = gridToRows(grading.layout, grid)
  await host.Excel.run(async (context: ExcelContextApi) => {
    const sheet = context.workbook.worksheets.add('Grille')
    sheet.getRangeByIndexes(1, 0, 1, grading.layout.columns.length).values = [grading.layout.columns.map((column) => column.header)]
    await context.sync()
    for (const [index, row] of rows.entries()) {
      const sheetRow = FIRST_DATA_ROW + index
      sheet.getRangeByIndexes(sheetRow, 0, 1, row.length).values = [row.map((cell) => cell ?? '')]
      const formulas = rowFormulas(grading.rules, grading.layout.formulaLayout, sheetRow)
      if (!formulas.ok) throw new Error('formulas')
      for (const cell of formulas.value) sheet.getRange(cellAddress(sheetRow, cell.column)).formulas = [[cell.formula]]
      await context.sync()
    }
  })
  return costOf(host)
}

/**
 * Gzipped JavaScript of the task pane: what taskpane.html loads (its scripts and module
 * preloads), and apart the chunks it may import later (Microsoft sign-in).
 */
async function bundleKb(directory: string): Promise<{ initial: number; lazy: number }> {
  const html = await readFile(join(directory, 'taskpane.html'), 'utf8')
  const loaded = new Set([...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.js)"/g)].map((match) => match[1]!))
  const files = (await readdir(join(directory, 'assets'))).filter((file) => file.endsWith('.js') && !file.startsWith('commands'))
  const sizes = { initial: 0, lazy: 0 }
  for (const file of files) {
    const kb = gzipSync(await readFile(join(directory, 'assets', file))).length / 1024
    sizes[loaded.has(`assets/${file}`) ? 'initial' : 'lazy'] += kb
  }
  return sizes
}

const OFFICE_STUB = `globalThis.Office = {
  HostType: { Excel: 'Excel' },
  onReady: async () => ({ host: 'Excel', platform: 'OfficeOnline' }),
  context: { requirements: { isSetSupported: () => true } },
}`

/** Until the connection form answers clicks, Office stubbed so that only the pane is measured. */
async function timeToInteractiveMs(directory: string): Promise<number> {
  const server = await serveTaskpane(directory, null)
  const browser = await launchChromium()
  try {
    const times: number[] = []
    for (let run = 0; run < 6; run++) {
      const page = await browser.newPage({ viewport: { width: 350, height: 720 } })
      await page.route('https://appsforoffice.microsoft.com/**', (route) => route.fulfill({ contentType: 'text/javascript', body: '' }))
      // A string, not a function: tsx's transform would leave helpers the page does not have.
      await page.addInitScript({ content: OFFICE_STUB })
      await page.goto(`${server.origin}/taskpane.html`)
      const button = page.getByRole('button', { name: 'Se connecter' })
      await button.waitFor()
      if (await button.isDisabled()) throw new Error('connection form not interactive')
      const ms = await page.evaluate(() => performance.now())
      // The first load warms Chromium's caches; it is left out.
      if (run > 0) times.push(ms)
      await page.close()
    }
    return median(times)
  } finally {
    await browser.close()
    await server.close()
  }
}

const SIZE = `${CANDIDATES.toLocaleString('en-US')} × ${CRITERES}`

/** A pull of a large session, against the naive row-by-row writer. */
async function excelWrites(): Promise<Figure[]> {
  const grading = benchGrading()
  const grid = benchGrid(grading)
  const client = createApiClient('http://bench.test', () => 'Bearer bench', { fetch: benchFetch(grading, grid) })

  const host = new FakeExcelHost({ evaluateFormulas: false })
  install(host)
  await pullGrid(client, 'bench')
  const pull = costOf(host)
  // Local edits on one row in seven, then a second pull: it reads the sheet back and merges.
  // EXC: a code the generated grid never holds, so every one of these is an edit.
  const editable = grading.layout.columns.find((column) => column.kind === 'mark' && column.blocCode === 'BC02')!
  for (let row = 0; row < CANDIDATES; row += 7) host.typeInto('Grille', cellAddress(FIRST_DATA_ROW + row, editable.index), 'EXC')
  const before = host.syncs.length
  const repulled = await pullGrid(client, 'bench')
  if (repulled.differences.length === 0) throw new Error('the re-pull lost the local edits')
  const repull = costOf(host, before)
  const naive = await naivePull(grading, grid)

  return [
    {
      figure: `pull ${SIZE}: requests to Excel`,
      value: pull.requests,
      baseline: naive.requests,
      better: 'lower',
      goal: `≤ ${MAX_REQUESTS}`,
      holds: pull.requests <= MAX_REQUESTS,
    },
    {
      // The naive writer's requests are small but there are thousands: no ratio here.
      figure: `pull ${SIZE}: largest request (naive: ${naive.largestMb.toFixed(2)} MB, one row each)`,
      value: pull.largestMb,
      baseline: null,
      better: 'lower',
      goal: `< ${PAYLOAD_CAP_MB} MB (Excel on the web)`,
      holds: pull.largestMb < PAYLOAD_CAP_MB,
      unit: ' MB',
    },
    {
      figure: `pull ${SIZE}: sent to Excel in all`,
      value: pull.totalMb,
      baseline: naive.totalMb,
      better: 'lower',
      goal: '—',
      holds: null,
      unit: ' MB',
    },
    {
      figure: `re-pull ${SIZE} with unsent edits: requests to Excel (largest ${repull.largestMb.toFixed(2)} MB)`,
      value: repull.requests,
      baseline: null,
      better: 'lower',
      goal: `≤ ${MAX_REQUESTS}, each < ${PAYLOAD_CAP_MB} MB`,
      holds: repull.requests <= MAX_REQUESTS && repull.largestMb < PAYLOAD_CAP_MB,
    },
  ]
}

/** The production bundle: its weight, and how soon it answers in a browser. */
async function taskPane(): Promise<Figure[]> {
  const built = await buildTaskpane()
  const [kb, interactive] = await (async () => {
    try {
      return [await bundleKb(built.directory), await timeToInteractiveMs(built.directory)] as const
    } finally {
      await built.dispose()
    }
  })()
  return [
    {
      figure: `JavaScript loaded by taskpane.html, gzipped (loaded later on demand: ${Math.round(kb.lazy)} KB)`,
      value: kb.initial,
      baseline: null,
      better: 'lower',
      goal: `≤ ${BUNDLE_GOAL_KB} KB`,
      holds: kb.initial <= BUNDLE_GOAL_KB,
      unit: ' KB',
    },
    {
      figure: 'time to interactive, headless Chromium (median of 5 loads)',
      value: interactive,
      baseline: null,
      better: 'lower',
      goal: '—',
      holds: null,
      unit: ' ms',
    },
  ]
}

/** Discovered by bench/index.ts under these names. */
export const addinSections: BenchSection[] = [
  { name: 'Excel writes', run: excelWrites },
  { name: 'task pane', run: taskPane },
]
