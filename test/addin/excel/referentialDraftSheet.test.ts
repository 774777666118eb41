/**
 * The « Brouillon référentiel » sheet through the Excel adapter and the fake host: what the school
 * sees (values, drop-downs, notes in French, formats) and what « Vérifier le brouillon » reads back.
 */
import { afterEach, describe, expect, it, vi } from 'vitest'
import { DRAFT_SHEET_NAME, readDraftSheetValues, writeDraftSheet } from '../../../addin/src/excel/referentialDraftSheet'
import { seedReferential } from '../../../shared/referential'
import {
  buildDraftSheet,
  checkDraft,
  DRAFT_COLUMNS,
  DRAFT_HEADER_ROW,
  DRAFT_TABLE_COLUMNS,
  DRAFT_TABLE_ROWS,
  draftFromReferential,
} from '../../../shared/workbook/referentialDraftSheet'
import { FakeExcelHost, installFakeExcel } from '../../support/fakeExcel'
import { draftEdits } from '../support/draftSheet'

const LINEAGE = 'expert-ingenierie-informatique-n7'
const source = () => draftFromReferential(seedReferential, LINEAGE)

afterEach(() => {
  vi.unstubAllGlobals()
})

/** "B14": the cell of a draft column on a 0-based sheet row. */
const at = (column: keyof typeof DRAFT_COLUMNS, row: number) => `${String.fromCharCode(65 + DRAFT_COLUMNS[column])}${row + 1}`

describe('writeDraftSheet', () => {
  it('writes the next version of the référentiel, one row per bloc, compétence and critère, and shows the sheet', async () => {
    const host = installFakeExcel(new FakeExcelHost())
    const written = await writeDraftSheet(source())
    const expected = buildDraftSheet(source())
    const sheet = host.sheet(DRAFT_SHEET_NAME)
    expect(sheet.usedValues()).toEqual(expected.cells.map((row) => row.map((cell) => cell)))
    expect(written).toEqual({ sheetName: 'Brouillon référentiel', rowCount: expected.cells.length - DRAFT_HEADER_ROW - 1 })
    expect(host.workbook.activeSheetName).toBe('Brouillon référentiel')
    expect(sheet.cell(DRAFT_HEADER_ROW, 0)?.format.bold).toBe(true)
    expect(sheet.frozenRows).toBe(DRAFT_HEADER_ROW + 1)
  })

  it('gives every column of the table its drop-down or check and a note in French, down the whole table', async () => {
    const host = installFakeExcel(new FakeExcelHost())
    await writeDraftSheet(source())
    const sheet = host.sheet(DRAFT_SHEET_NAME)
    const lastRow = DRAFT_HEADER_ROW + DRAFT_TABLE_ROWS
    for (const column of DRAFT_TABLE_COLUMNS) {
      for (const row of [DRAFT_HEADER_ROW + 1, lastRow]) {
        const validation = sheet.validationAt(at(column.key, row))
        expect(validation?.prompt, column.header).toEqual({ showPrompt: true, title: column.note.title, message: column.note.message })
        expect(validation?.errorAlert).toMatchObject({ showAlert: true, style: 'Stop' })
      }
      expect(sheet.validationAt(at(column.key, lastRow + 1))).toBeUndefined()
    }
    const list = (column: keyof typeof DRAFT_COLUMNS) => sheet.validationAt(at(column, DRAFT_HEADER_ROW + 1))?.rule.list?.source
    expect(list('type')).toBe('Bloc,Bloc à options,Option,Activité,Compétence,Modalité,Critère')
    expect(list('scale')).toBe('ACQ / PACQ / NACQ,Note')
    expect(list('rule')).toBe('Critères acquis,Moyenne sur 20')
    expect(list('allowNacq')).toBe('OUI,NON')
    expect(list('roundingDecimals')).toBe('0,1,2,3,4')
    expect(sheet.validationAt('B7')?.rule.wholeNumber).toEqual({ formula1: 1, formula2: 8, operator: 'Between' })
    expect(sheet.validationAt('B7')?.prompt?.title).toBe('Niveau')
  })

  it('writes codes and labels as text, so "01" or a label starting with "=" stays as typed', async () => {
    const host = installFakeExcel(new FakeExcelHost())
    await writeDraftSheet(source())
    const sheet = host.sheet(DRAFT_SHEET_NAME)
    const firstRow = DRAFT_HEADER_ROW + 1
    expect(sheet.cell(firstRow, DRAFT_COLUMNS.label)?.numberFormat).toBe('@')
    expect(sheet.cell(firstRow + DRAFT_TABLE_ROWS - 1, DRAFT_COLUMNS.code)?.numberFormat).toBe('@')
    expect(sheet.cell(firstRow, DRAFT_COLUMNS.threshold)?.numberFormat ?? 'General').toBe('General')
    host.typeInto(DRAFT_SHEET_NAME, at('label', firstRow + 300), '=SOMME(A1:A3)')
    expect(host.valueAt(DRAFT_SHEET_NAME, at('label', firstRow + 300))).toBe('=SOMME(A1:A3)')
  })

  it('replaces a draft already in the workbook, leaving nothing of it behind', async () => {
    const host = installFakeExcel(new FakeExcelHost())
    await writeDraftSheet(source())
    host.typeInto(DRAFT_SHEET_NAME, 'C900', 'reste d’un ancien brouillon')
    const smaller = source()
    smaller.blocs = smaller.blocs.slice(0, 1)
    await writeDraftSheet(smaller)
    expect(host.sheet(DRAFT_SHEET_NAME).usedValues()).toEqual(buildDraftSheet(smaller).cells)
    expect(host.workbook.sheets.map((sheet) => sheet.name)).toEqual(['Feuil1', 'Brouillon référentiel'])
  })
})

describe('readDraftSheetValues, then checkDraft', () => {
  it('reads back the référentiel written, as its next version', async () => {
    installFakeExcel(new FakeExcelHost())
    await writeDraftSheet(source())
    const checked = checkDraft((await readDraftSheetValues())!)
    expect(checked.ok && checked.referential).toEqual({ ...seedReferential, id: `${LINEAGE}-v2`, version: 2 })
  })

  it('reads what the school typed: a rule changed to a mean, a floor, and a mistake located at its cell', async () => {
    const host = installFakeExcel(new FakeExcelHost())
    await writeDraftSheet(source())
    const cells = buildDraftSheet(source()).cells
    const bc04 = cells.findIndex((row, index) => index > DRAFT_HEADER_ROW && row[DRAFT_COLUMNS.code] === 'BC04')
    const cr41 = cells.findIndex((row) => row[DRAFT_COLUMNS.code] === 'CR4.1')
    const type = (column: keyof typeof DRAFT_COLUMNS, row: number, value: string | number | null) => host.typeInto(DRAFT_SHEET_NAME, at(column, row), value)
    // BC04 becomes « Moyenne sur 20 »: its outcome parameters go, its critères become notes.
    type('rule', bc04, 'Moyenne sur 20')
    for (const column of ['minAcqPercent', 'allowNacq', 'maxPacq'] as const) type(column, bc04, null)
    type('threshold', bc04, 12)
    for (let row = cr41; cells[row]?.[DRAFT_COLUMNS.type] === 'Critère'; row++) type('scale', row, 'Note')
    type('floor', cr41, 8)
    type('weight', cr41 + 1, 'deux')

    const checked = checkDraft((await readDraftSheetValues())!)
    expect(checked.ok ? [] : checked.issues).toEqual([
      { address: at('weight', cr41 + 1), message: '« Coefficient » : « deux » n’est pas un nombre ; saisissez-le comme un nombre (12,5 et non « 12,5 » en texte).' },
    ])
    type('weight', cr41 + 1, 2)
    const fixed = checkDraft((await readDraftSheetValues())!)
    if (!fixed.ok) throw new Error(JSON.stringify(fixed.issues))
    const bloc = fixed.referential.blocs[3]!
    expect(bloc.kind === 'mandatory' && bloc.rule).toEqual({ kind: 'score', threshold: 12, roundingDecimals: 2, requiredCriteres: [] })
    expect(bloc.kind === 'mandatory' && bloc.criteres.slice(0, 2).map((critere) => critere.assessment)).toEqual([
      { scale: { kind: 'score', max: 20 }, weight: 1, floor: 8 },
      { scale: { kind: 'score', max: 20 }, weight: 2, floor: null },
    ])
  })

  it('can be driven by edits computed from a target draft, as the browser test types them', async () => {
    const host = installFakeExcel(new FakeExcelHost())
    await writeDraftSheet(source())
    const target = source()
    target.title = 'Expert en ingénierie informatique (révision 2026)'
    for (const edit of draftEdits((await readDraftSheetValues())!, buildDraftSheet(target).cells)) host.typeInto(DRAFT_SHEET_NAME, edit.address, edit.value)
    const checked = checkDraft((await readDraftSheetValues())!)
    expect(checked.ok && checked.referential.title).toBe('Expert en ingénierie informatique (révision 2026)')
  })

  it('answers null when the workbook has no draft sheet', async () => {
    installFakeExcel(new FakeExcelHost())
    expect(await readDraftSheetValues()).toBeNull()
  })
})
