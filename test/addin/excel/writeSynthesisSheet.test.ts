/**
 * The « Synthèse » sheet as the pull writes it into the fake Excel host, its formulas evaluated by
 * HyperFormula over a generated grid whose results are computed by the sheet's own bloc formulas.
 * Every expected figure is counted here from the rows, with the rules engine, independently of the
 * sheet's formulas.
 */
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { ExcelContextApi } from '../../../addin/src/excel/excelApi'
import { probeWorkbook } from '../../../addin/src/excel/gridProbe'
import { writeGradeWorkbook } from '../../../addin/src/excel/gridWriter'
import { gradingRulesOf } from '../../../addin/src/sync/gradingRules'
import { createPrng } from '../../../shared/random'
import type { CellInput } from '../../../shared/rules/marks'
import type { PulledGrid } from '../../../shared/workbook/gradeSheetData'
import { cellAddress } from '../../../shared/workbook/gradeSheetLayout'
import { buildSynthesisSheet, SYNTHESIS_BLOC_COLUMNS, SYNTHESIS_DECISION_COLUMNS } from '../../../shared/workbook/synthesisSheet'
import { FakeExcelHost, installFakeExcel } from '../../support/fakeExcel'
import { gradeGrid, gradeLayout, gradeReferential } from '../../shared/workbook/gradeFixture'
import { addressOf, engineCodes, sheetCodes, sheetRows } from '../support/gradeSheet'
import { inExcel, workbookContent } from './gridFixture'

afterEach(() => {
  vi.unstubAllGlobals()
})

const grading = gradingRulesOf(gradeReferential)
const SYNTHESIS = 'Synthèse'
const GRADE = 'Grille'

/**
 * `count` candidates of the fixture's référentiel with every kind of input: outcome codes, blanks,
 * ATT and a typo; scores, blanks and one above the maximum; options by code, by letter in either
 * case, or none; capitalised blocs; jury decisions. Marks are given for both options, so a
 * candidate's other option often shows a result of its own, which the synthesis must ignore.
 */
function generatedGrid(count: number, seed: number): PulledGrid {
  const random = createPrng(seed)
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!
  const base = gradeGrid()
  const outcome = () => pick(['ACQ', 'ACQ', 'ACQ', 'ACQ', 'PACQ', 'NACQ', null, 'ATT', 'XYZ'] as const)
  const score = (max: number) => (random() < 0.1 ? null : random() < 0.03 ? max + 5 : Math.round(random() * max * 2) / 2)
  const ids = Array.from({ length: count }, (_, index) => `cand-${index + 1}`)
  const decisions: PulledGrid['decisions'][number][] = []
  ids.forEach((_, row) => {
    const roll = random()
    if (roll < 0.1) decisions.push([row, [{ blocCode: 'BC02', code: 'ADJ', reason: 'Soutenance remarquable' }]])
    else if (roll < 0.15) decisions.push([row, [{ blocCode: 'BC01', code: 'AJ', reason: 'Plagiat' }]])
    else if (roll < 0.2) decisions.push([row, [{ blocCode: 'BC03-A', code: 'ADM', reason: 'Jury souverain' }]])
  })
  return {
    ...base,
    candidates: {
      ids,
      schoolIds: ids.map((_, index) => `E${String(index + 1).padStart(3, '0')}`),
      birthNames: ids.map((_, index) => `Candidat${index + 1}`),
      usageNames: ids.map(() => null),
      firstNames: ids.map(() => ['Alex']),
      optionCodes: ids.map(() => pick(['BC03-A', 'BC03-B', 'BC03-A', 'BC03-B', 'A', 'b', null] as const)),
      capitalisedBlocs: ids.map(() => (random() < 0.12 ? [{ blocCode: pick(['BC01', 'BC02', 'BC03-B']) }] : [])),
      rowVersions: ids.map(() => 1),
    },
    marks: ids.map(() => [outcome(), outcome(), score(20), score(10), outcome(), outcome()]),
    decisions,
  }
}

async function pull(host: FakeExcelHost, grid: PulledGrid): Promise<void> {
  await inExcel(host, async (context) => {
    await writeGradeWorkbook(context, await probeWorkbook(context), workbookContent(grid))
  })
}

const run = <T>(host: FakeExcelHost, batch: (context: ExcelContextApi) => Promise<T>) => host.Excel.run(batch)

interface BlocFigures {
  concerned: CellInput
  validated: CellInput
  notValidated: CellInput
  pendingOrError: CellInput
  rate: CellInput
}

/** What the « Synthèse » sheet shows, read cell by cell after Excel's recalculation. */
function shownFigures(host: FakeExcelHost, rowCount: number) {
  const synthesis = buildSynthesisSheet(gradeLayout, rowCount, '')
  const at = (row: number, column: number) => host.valueAt(SYNTHESIS, cellAddress(row, column))
  const B = SYNTHESIS_BLOC_COLUMNS
  const blocs: Record<string, BlocFigures> = {}
  for (const { row, blocCode } of synthesis.blocRows) {
    blocs[blocCode] = {
      concerned: at(row, B.concerned),
      validated: at(row, B.validated),
      notValidated: at(row, B.notValidated),
      pendingOrError: at(row, B.pendingOrError),
      rate: at(row, B.rate),
    }
  }
  const decisions: Record<string, [CellInput, CellInput]> = {}
  for (const { row, decision } of synthesis.decisionRows) {
    decisions[decision] = [at(row, SYNTHESIS_DECISION_COLUMNS.count), at(row, SYNTHESIS_DECISION_COLUMNS.share)]
  }
  return { blocs, decisions }
}

const round4 = (value: number) => Math.round(value * 10_000) / 10_000

/**
 * The same figures counted from the rows, as docs/rules.md defines them: the rules engine decides
 * every bloc; ADM, ADJ and CAP validate; an option's bloc concerns only the candidates whose option
 * cell names it by code or letter.
 */
function countedFigures(host: FakeExcelHost) {
  const rows = sheetRows(host, grading)
  const optionColumn = gradeLayout.columns.find((column) => column.kind === 'option')!.index
  const decided = rows.map((cells) => ({ choice: String(cells[optionColumn] ?? '').trim().toUpperCase(), ...engineCodes(cells, grading) }))
  const blocs: Record<string, BlocFigures> = {}
  for (const band of gradeLayout.blocBands) {
    const concerned = decided.filter((row) => band.option === null || row.choice === band.option.blocCode || row.choice === band.option.letter)
    const validated = concerned.filter((row) => ['ADM', 'ADJ', 'CAP'].includes(row.blocs[band.blocCode]!)).length
    const notValidated = concerned.filter((row) => row.blocs[band.blocCode] === 'AJ').length
    blocs[band.blocCode] = {
      concerned: concerned.length,
      validated,
      notValidated,
      pendingOrError: concerned.length - validated - notValidated,
      rate: concerned.length === 0 ? '' : round4(validated / concerned.length),
    }
  }
  const decisions: Record<string, [CellInput, CellInput]> = {}
  for (const decision of ['CERTIFIÉ', 'PARTIELLE', 'AJOURNÉ', 'EN ATTENTE', 'ERR']) {
    const count = decided.filter((row) => row.decision === decision).length
    decisions[decision] = [count, round4(count / rows.length)]
  }
  return { blocs, decisions, rows, decided }
}

describe('the « Synthèse » sheet written by the pull', () => {
  it('is written with the pull’s last request, before Excel calculates: no request of its own', async () => {
    const host = installFakeExcel(new FakeExcelHost())
    await pull(host, generatedGrid(12, 1))

    // Probe, the grid in one request, then the synthesis with the calculation.
    expect(host.syncs).toHaveLength(3)
    const last = host.syncs[2]!.operations.map((operation) => operation.op)
    expect(last.at(-1)).toBe('calculate')
    expect(last).toEqual(expect.arrayContaining(['addWorksheet', 'setNumberFormat', 'setFormulas', 'addChart', 'protect']))
    const synthesisOnly = host.syncs[2]!.operations.slice(0, -1)
    expect(synthesisOnly.every((operation) => String(operation.target ?? operation.name).startsWith(SYNTHESIS))).toBe(true)
    expect(host.workbook.sheets.map((sheet) => [sheet.name, sheet.visibility])).toEqual([
      ['Feuil1', 'Visible'],
      ['Référentiel', 'Visible'],
      ['Grille', 'Visible'],
      ['Certibloc_Synchro', 'VeryHidden'],
      ['Synthèse', 'Visible'],
    ])
    // The pull still leaves the user on the grid.
    expect(host.workbook.activeSheetName).toBe(GRADE)
  })

  it('shows, per bloc and per decision, what one counts from the rows with the rules engine', async () => {
    const host = installFakeExcel(new FakeExcelHost())
    await pull(host, generatedGrid(40, 7))

    const counted = countedFigures(host)
    // The sheet's own results are the engine's, so counting either is the same.
    for (const cells of counted.rows) expect(sheetCodes(cells, grading)).toEqual(engineCodes(cells, grading))
    // Every case the synthesis tells apart comes up, so the comparison means something.
    const shownCodes = new Set(counted.decided.flatMap((row) => Object.values(row.blocs)))
    expect([...shownCodes].sort()).toEqual(['ADJ', 'ADM', 'AJ', 'ATT', 'CAP', 'ERR', '—'])
    expect(new Set(counted.decided.map((row) => row.decision)).size).toBe(5)
    // The option a candidate did not choose shows « — », whatever its cells hold: never counted.
    const otherOptionShown = counted.decided.filter(
      (row) =>
        (['BC03-B', 'B'].includes(row.choice) && row.blocs['BC03-A'] === '—') ||
        (['BC03-A', 'A'].includes(row.choice) && row.blocs['BC03-B'] === '—'),
    )
    expect(otherOptionShown.length).toBeGreaterThan(0)
    expect(counted.decided.some((row) => row.choice === 'A' || row.choice === 'B')).toBe(true)
    expect(counted.decided.some((row) => row.choice === '')).toBe(true)

    expect(shownFigures(host, 40)).toEqual({ blocs: counted.blocs, decisions: counted.decisions })
    expect(host.valueAt(SYNTHESIS, 'B2')).toBe(40)
  })

  it('charts the validation rate per bloc: one clustered column chart over the bloc codes and rates', async () => {
    const host = installFakeExcel(new FakeExcelHost())
    await pull(host, generatedGrid(12, 1))

    const synthesis = buildSynthesisSheet(gradeLayout, 12, '')
    const charts = host.sheet(SYNTHESIS).charts
    expect(charts).toHaveLength(1)
    expect(charts[0]).toMatchObject({
      type: 'ColumnClustered',
      sourceAddress: `'Synthèse'!${synthesis.chart.sourceAddress}`,
      seriesBy: 'Columns',
      title: 'Taux de validation par bloc',
      legendVisible: false,
      valueAxis: { minimum: 0, maximum: 1 },
      position: { startCell: synthesis.chart.topLeft, endCell: synthesis.chart.bottomRight },
    })
    // The source: the header, then one bloc code and its rate a row.
    const [first, last] = synthesis.chart.sourceAddress.split(':') as [string, string]
    expect([host.valueAt(SYNTHESIS, first), host.valueAt(SYNTHESIS, `A${Number(last.slice(1))}`)]).toEqual(['Bloc', 'BC03-B'])
    expect(host.valueAt(SYNTHESIS, `B${Number(first.slice(1)) + 1}`)).toEqual(expect.any(Number))
  })

  it('replaces the sheet and its chart on a re-pull, in as many requests as the first pull', async () => {
    const host = installFakeExcel(new FakeExcelHost())
    await pull(host, generatedGrid(30, 3))
    const firstChart = host.sheet(SYNTHESIS).charts[0]!
    // A chart the user added on the sheet goes too: the sheet is Certibloc's, rewritten on every pull.
    await run(host, async (context) => {
      const sheet = context.workbook.worksheets.getItem(SYNTHESIS)
      sheet.charts.add('ColumnClustered', sheet.getRange('A6:C10'), 'Columns')
    })
    expect(host.sheet(SYNTHESIS).charts).toHaveLength(2)

    const syncsBefore = host.syncs.length
    await pull(host, generatedGrid(20, 4))
    await pull(host, generatedGrid(20, 4))

    expect((host.syncs.length - syncsBefore) / 2).toBe(3)
    expect(host.workbook.sheets.filter((sheet) => sheet.name === SYNTHESIS)).toHaveLength(1)
    const charts = host.sheet(SYNTHESIS).charts
    expect(charts).toHaveLength(1)
    expect(charts[0]!.id).not.toBe(firstChart.id)
    expect(charts[0]!.title).toBe('Taux de validation par bloc')
    // The formulas now cover the 20 candidates of the new grid, and only them.
    expect(host.valueAt(SYNTHESIS, 'B2')).toBe(20)
    expect(shownFigures(host, 20)).toEqual({ blocs: countedFigures(host).blocs, decisions: countedFigures(host).decisions })
    expect(host.sheet(SYNTHESIS).cellAt('D7')?.formula).toContain('Grille!$L$3:$L$22')
  })

  it('follows marks typed in « Grille » after the pull, once Excel recalculates', async () => {
    const host = installFakeExcel(new FakeExcelHost())
    await pull(host, gradeGrid())
    const before = shownFigures(host, 3)
    // "=Robert" (row 3, no option) has BC01 pending: PACQ and a blank.
    expect(before.blocs.BC01).toEqual({ concerned: 3, validated: 2, notValidated: 0, pendingOrError: 1, rate: 0.6667 })

    const critereColumn = (code: string) => gradeLayout.columns.find((column) => column.critereCode === code)!
    host.typeInto(GRADE, addressOf(2, critereColumn('CR1.1')), 'ACQ')
    host.typeInto(GRADE, addressOf(2, critereColumn('CR1.2')), 'ACQ')

    const graded = shownFigures(host, 3)
    expect(graded.blocs.BC01).toEqual({ concerned: 3, validated: 3, notValidated: 0, pendingOrError: 0, rate: 1 })
    expect(graded).toEqual({ blocs: countedFigures(host).blocs, decisions: countedFigures(host).decisions })

    // A jury decision AJ over Martin's computed ADM: BC01 loses a validation, gains a failure.
    const juryColumn = (kind: 'override' | 'reason') => gradeLayout.columns.find((column) => column.kind === kind && column.blocCode === 'BC01')!
    host.typeInto(GRADE, addressOf(0, juryColumn('override')), 'AJ')
    host.typeInto(GRADE, addressOf(0, juryColumn('reason')), 'Fraude avérée')

    const overridden = shownFigures(host, 3)
    expect(overridden.blocs.BC01).toEqual({ concerned: 3, validated: 2, notValidated: 1, pendingOrError: 0, rate: 0.6667 })
    expect(overridden).toEqual({ blocs: countedFigures(host).blocs, decisions: countedFigures(host).decisions })
    expect(overridden.decisions).not.toEqual(graded.decisions)
  })

  it('protects its formulas from typing, and writes rates as percentages and counts as whole numbers', async () => {
    const host = installFakeExcel(new FakeExcelHost())
    await pull(host, gradeGrid())

    const sheet = host.sheet(SYNTHESIS)
    expect(sheet.protection).toEqual({
      protected: true,
      options: { allowFormatColumns: true, allowFormatRows: true, allowAutoFilter: true, allowEditObjects: true },
    })
    expect(() => host.typeInto(SYNTHESIS, 'D7', 99)).toThrow(/locked/)
    expect(sheet.cellAt('B7')).toMatchObject({ numberFormat: '0.0%', formula: expect.stringMatching(/^=IFERROR\(ROUND\(/) })
    expect(sheet.cellAt('D7')).toMatchObject({ numberFormat: '0', formula: expect.stringMatching(/^=COUNTIF\(/) })
    expect(sheet.cellAt('A1')).toMatchObject({ value: 'Synthèse — Session de juin', numberFormat: '@', format: expect.objectContaining({ bold: true }) })
    expect(sheet.cellAt('A6')?.format).toMatchObject({ bold: true, fillColor: '#D9D9D9' })
    expect(sheet.columnWidths.get(6)).toBe(300)
  })
})
