import { afterEach, describe, expect, it, vi } from 'vitest'
import { probeWorkbook } from '../../../addin/src/excel/gridProbe'
import { DATE_TIME_FORMAT, writeGradeWorkbook } from '../../../addin/src/excel/gridWriter'
import { rowFormulas } from '../../../shared/formulas/index'
import { FIRST_DATA_ROW } from '../../../shared/workbook/gradeSheetLayout'
import { parseSyncMetadata, SYNC_SETTING_KEY } from '../../../shared/workbook/syncMetadata'
import { FakeExcelHost, installFakeExcel, parseA1 } from '../../support/fakeExcel'
import { gradeGrid, gradeLayout, gradeRules } from '../../shared/workbook/gradeFixture'
import { inExcel, workbookContent } from './gridFixture'

afterEach(() => {
  vi.unstubAllGlobals()
})

async function write(host: FakeExcelHost, content = workbookContent(), budget?: number) {
  const progress: Array<[number, number]> = []
  await inExcel(host, async (context) => {
    const probe = await probeWorkbook(context)
    await writeGradeWorkbook(context, probe, content, (done, total) => progress.push([done, total]), budget)
  })
  return progress
}

const ops = (host: FakeExcelHost) => host.syncs.flatMap((sync) => sync.operations)

describe('writeGradeWorkbook', () => {
  it('writes the three grading sheets in one request after the probe, then the synthesis as Excel is asked to calculate', async () => {
    const host = installFakeExcel(new FakeExcelHost())

    const progress = await write(host)

    expect(host.syncs).toHaveLength(3)
    const last = host.syncs[2]!.operations
    expect(last.at(-1)?.op).toBe('calculate')
    // Nothing of the grid waits for the last request: it only carries the « Synthèse » sheet.
    expect(last.slice(0, -1).every((operation) => String(operation.target ?? operation.name).startsWith('Synthèse'))).toBe(true)
    expect(progress).toEqual([
      [1, 2],
      [2, 2],
    ])
    expect(host.workbook.sheets.map((sheet) => [sheet.name, sheet.visibility])).toEqual([
      ['Feuil1', 'Visible'],
      ['Référentiel', 'Visible'],
      ['Grille', 'Visible'],
      ['Certibloc_Synchro', 'VeryHidden'],
      ['Synthèse', 'Visible'],
    ])
    expect(host.workbook.activeSheetName).toBe('Grille')
    expect(parseSyncMetadata(host.workbook.settings.get(SYNC_SETTING_KEY))).toEqual(workbookContent().metadata)
  })

  it('writes values, then formulas, then formats, with calculation suspended and screen updating suspended once', async () => {
    const host = installFakeExcel(new FakeExcelHost())
    await write(host)

    const order = host.syncs[1]!.operations.map((operation) => operation.op)
    const lastValues = order.lastIndexOf('setValues')
    expect(order.indexOf('setFormulas')).toBeGreaterThan(lastValues)
    expect(order.indexOf('copyFrom')).toBeGreaterThan(order.indexOf('setFormulas'))
    expect(order.indexOf('setDataValidationRule')).toBeGreaterThan(order.lastIndexOf('copyFrom'))
    expect(order.indexOf('protect')).toBeGreaterThan(order.lastIndexOf('setConditionalFormat.fill.color'))
    expect(host.syncs[1]?.calculationSuspended).toBe(true)
    expect(host.screenUpdatingSuspendedAtSync).toEqual([1])
  })

  it('writes each formula for the first candidate row only, and has Excel paste it down with its rows moved', async () => {
    const host = installFakeExcel(new FakeExcelHost())
    await write(host)

    const formulaWrites = ops(host).filter((operation) => operation.op === 'setFormulas' && String(operation.target).startsWith('Grille!'))
    expect(formulaWrites.map((operation) => operation.target)).toEqual(['Grille!L3', 'Grille!R3', 'Grille!W3', 'Grille!AB3', 'Grille!AC3'])
    expect(ops(host).filter((operation) => operation.op === 'copyFrom').map((operation) => [operation.target, operation.source])).toContainEqual([
      'Grille!L4:L5',
      'Grille!L3',
    ])
    const sheet = host.sheet('Grille')
    for (const row of [FIRST_DATA_ROW, FIRST_DATA_ROW + 1, FIRST_DATA_ROW + 2]) {
      const expected = rowFormulas(gradeRules, gradeLayout.formulaLayout, row)
      if (!expected.ok) throw new Error('formulas')
      for (const cell of expected.value) expect(sheet.cell(row, cell.column)?.formula).toBe(cell.formula)
    }
  })

  it('writes names and reasons as text, so "=", "+", "-" or "@" never start a formula', async () => {
    const host = installFakeExcel(new FakeExcelHost())
    const content = workbookContent()
    content.rows[2]![9] = '=SOMME(A1:A3) était une blague'
    await write(host, content)

    const sheet = host.sheet('Grille')
    expect(['C5', 'D5', 'E5', 'J5'].map((address) => sheet.cellAt(address))).toEqual([
      expect.objectContaining({ value: '+33', formula: null, numberFormat: '@' }),
      expect.objectContaining({ value: '=Robert', formula: null, numberFormat: '@' }),
      expect.objectContaining({ value: '-Alex', formula: null, numberFormat: '@' }),
      expect.objectContaining({ value: '=SOMME(A1:A3) était une blague', formula: null, numberFormat: '@' }),
    ])
    // Marks and results keep the General format: scores stay numbers, formulas stay formulas.
    expect(sheet.cellAt('M3')).toMatchObject({ value: 12.5, numberFormat: 'General' })
    expect(sheet.cellAt('L3')?.numberFormat).toBe('General')
  })

  it('writes the pull date as a real date and the bloc bands and headers above the candidates', async () => {
    const host = installFakeExcel(new FakeExcelHost())
    await write(host)

    const sheet = host.sheet('Grille')
    expect(sheet.cellAt('C1')?.value).toBe('Session de juin')
    expect(sheet.cellAt('E1')?.numberFormat).toBe(DATE_TIME_FORMAT)
    expect(sheet.cellAt('E1')?.value).toBeCloseTo(46185 + 9.5 / 24, 9)
    expect(sheet.cellAt('G1')?.value).toBe('BC01 — Bloc BC01')
    expect(sheet.cellAt('AC2')).toMatchObject({ value: 'Certification', format: expect.objectContaining({ bold: true, wrapText: true }) })
  })

  it('lets the user edit marks, decisions and reasons only, on a protected sheet', async () => {
    const host = installFakeExcel(new FakeExcelHost())
    await write(host)

    const sheet = host.sheet('Grille')
    expect(sheet.protection).toEqual({ protected: true, options: { allowFormatColumns: true, allowFormatRows: true, allowAutoFilter: true } })
    const unlocked = (address: string) => {
      const { row, column } = parseA1(address)
      return !sheet.isLocked(row, column)
    }
    expect(['G3', 'H5', 'I4', 'J3', 'M4', 'P5', 'S3', 'Z5'].every(unlocked)).toBe(true)
    expect(['A3', 'B3', 'D3', 'F3', 'K3', 'L3', 'AC5', 'G2', 'G6'].some(unlocked)).toBe(false)
  })

  it('validates every input cell of the candidate rows, with the critère’s label as prompt', async () => {
    const host = installFakeExcel(new FakeExcelHost())
    await write(host)

    const sheet = host.sheet('Grille')
    expect(sheet.dataValidations).toHaveLength(gradeLayout.columns.filter((column) => column.editable).length)
    expect(sheet.dataValidations.every((validation) => validation.rect.row === FIRST_DATA_ROW && validation.rect.rowCount === 3)).toBe(true)
    expect(sheet.validationAt('H4')).toMatchObject({
      rule: { list: { inCellDropDown: true, source: 'ACQ,PACQ,NACQ,ABS,EXC,ATT' } },
      errorAlert: { showAlert: true, style: 'Stop' },
      prompt: { title: 'CR1.2', message: '=Piège : ce libellé ressemble à une formule' },
    })
    expect(sheet.validationAt('N3')?.rule.custom?.formula).toMatch(/^=IF\(ISNUMBER\(N3\)/)
    expect(sheet.validationAt('I3')?.rule.list?.source).toBe('ADM,ADJ,AJ')
    expect(sheet.validationAt('G6')).toBeUndefined()
  })

  it('colours result cells through conditional formats limited to the candidate rows', async () => {
    const host = installFakeExcel(new FakeExcelHost())
    await write(host)

    const sheet = host.sheet('Grille')
    expect(sheet.conditionalFormats.every((format) => format.rect.row === FIRST_DATA_ROW && format.rect.rowCount === 3)).toBe(true)
    // Martin: BC01 all ACQ, BC02 under a jury decision; Durand: BC01 capitalised, BC02 not graded.
    expect(host.valueAt('Grille', 'L3')).toBe('ADM')
    expect(host.conditionalFillAt('Grille', 'L3')).toBe('#C6EFCE')
    expect(host.valueAt('Grille', 'R3')).toBe('ADJ')
    expect(host.conditionalFillAt('Grille', 'R3')).toBe('#C6EFCE')
    expect(host.valueAt('Grille', 'L4')).toBe('CAP')
    expect(host.conditionalFillAt('Grille', 'L4')).toBe('#C6EFCE')
    expect(host.valueAt('Grille', 'R4')).toBe('ATT')
    expect(host.conditionalFillAt('Grille', 'R4')).toBe('#EDEDED')
    // Durand chose option B: option A's inputs are greyed.
    expect(host.conditionalFillAt('Grille', 'S4')).toBe('#F2F2F2')
    expect(host.conditionalFillAt('Grille', 'X4')).toBeNull()
  })

  it('sizes, hides and freezes columns for a 350 px pane beside a wide sheet', async () => {
    const host = installFakeExcel(new FakeExcelHost())
    await write(host)

    const sheet = host.sheet('Grille')
    expect([...sheet.hiddenColumns]).toEqual([0, 1])
    expect(sheet).toMatchObject({ frozenRows: 2, frozenColumns: 5 })
    expect(gradeLayout.columns.every((column) => sheet.columnWidths.get(column.index) === column.width)).toBe(true)
  })

  it('packs rows into requests under the byte budget, and retries a request Excel refuses in smaller parts', async () => {
    const reference = installFakeExcel(new FakeExcelHost())
    await write(reference)
    vi.unstubAllGlobals()
    const budgeted = installFakeExcel(new FakeExcelHost())
    await write(budgeted, workbookContent(), 3_000)
    vi.unstubAllGlobals()
    // Below the single write request of this grid (~31 KB), above each of its parts.
    const refused = installFakeExcel(new FakeExcelHost({ payloadLimitBytes: 28_000 }))
    await write(refused)

    expect(budgeted.syncs.length).toBeGreaterThan(reference.syncs.length)
    expect(refused.syncs.filter((sync) => sync.payloadBytes > 28_000)).toHaveLength(1)
    for (const host of [budgeted, refused]) {
      expect(host.sheet('Grille').usedValues()).toEqual(reference.sheet('Grille').usedValues())
      expect(host.sheet('Certibloc_Synchro').usedValues()).toEqual(reference.sheet('Certibloc_Synchro').usedValues())
    }
  })

  it('rewrites a workbook that holds a grid: no leftover row, rule or format from the previous one', async () => {
    const host = installFakeExcel(new FakeExcelHost())
    await write(host)
    const grid = gradeGrid()
    const shorter = { ...grid, candidates: { ...grid.candidates, ids: grid.candidates.ids.slice(0, 2) }, marks: grid.marks.slice(0, 2) }

    await write(host, workbookContent(shorter))

    const sheet = host.sheet('Grille')
    expect(sheet.usedValues()).toHaveLength(FIRST_DATA_ROW + 2)
    expect(sheet.dataValidations.every((validation) => validation.rect.rowCount === 2)).toBe(true)
    expect(sheet.conditionalFormats.every((format) => format.rect.rowCount === 2)).toBe(true)
    expect(sheet.cellAt('A5')).toBeUndefined()
    expect(host.workbook.sheets.map((found) => found.name)).toEqual(['Feuil1', 'Référentiel', 'Grille', 'Certibloc_Synchro', 'Synthèse'])
  })
})
