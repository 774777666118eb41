import { afterEach, describe, expect, it, vi } from 'vitest'
import { ExcelError } from '../../../addin/src/excel/excelError'
import { REFERENTIAL_SHEET_NAME, writeReferentialSheet } from '../../../addin/src/excel/writeReferentialSheet'
import { seedReferential } from '../../../shared/referential'
import { buildReferentialSheet } from '../../../shared/workbook/referentialSheet'
import { FakeExcelHost, installFakeExcel, type FakeSheet } from '../../support/fakeExcel'
import { tinyReferential } from '../../shared/workbook/referentialFixture'

afterEach(() => {
  vi.unstubAllGlobals()
})

function expectedGrid(referential = tinyReferential): string[][] {
  const { header, rows } = buildReferentialSheet(referential)
  return [header, ...rows]
}

function cellsOfRow(sheet: FakeSheet, row: number, columnCount: number) {
  return Array.from({ length: columnCount }, (_, column) => sheet.cell(row, column))
}

describe('writeReferentialSheet', () => {
  it('creates the "Référentiel" sheet with the header and every row, and activates it', async () => {
    const host = installFakeExcel(new FakeExcelHost())

    const result = await writeReferentialSheet(tinyReferential)

    const sheet = host.sheet(REFERENTIAL_SHEET_NAME)
    expect(sheet.usedValues()).toEqual(expectedGrid())
    expect(result).toEqual({ sheetName: 'Référentiel', rowCount: expectedGrid().length - 1 })
    expect(host.workbook.activeSheetName).toBe('Référentiel')
    expect(host.workbook.sheets.map((s) => s.name)).toEqual(['Feuil1', 'Référentiel'])
  })

  it('writes every cell as text, so labels starting with "=", "+" or "-" never become formulas', async () => {
    const host = installFakeExcel(new FakeExcelHost())

    await writeReferentialSheet(tinyReferential)

    const sheet = host.sheet(REFERENTIAL_SHEET_NAME)
    for (const cell of sheet.cells.values()) {
      expect(cell.formula).toBeNull()
      expect(cell.numberFormat).toBe('@')
    }
    const labels = sheet.usedValues().map((row) => row[2])
    expect(labels).toContain('=SOMME(A1:A3) ressemble à une formule')
    expect(labels).toContain('- Conseiller la direction')
    expect(labels).toContain('+ Étude de cas')
    expect(labels).toContain('-1')
    expect(labels).toContain('0042')
  })

  it('sets the text format on a range before writing its values, in the same request', async () => {
    const host = installFakeExcel(new FakeExcelHost())

    await writeReferentialSheet(tinyReferential)

    const operations = host.syncs.flatMap((sync) => sync.operations)
    const valueWrites = operations.filter((operation) => operation.op === 'setValues')
    expect(valueWrites.length).toBeGreaterThan(0)
    for (const write of valueWrites) {
      const formatIndex = operations.findIndex(
        (operation) => operation.op === 'setNumberFormat' && operation.target === write.target,
      )
      expect(formatIndex).toBeGreaterThanOrEqual(0)
      expect(formatIndex).toBeLessThan(operations.indexOf(write))
      const formats = operations[formatIndex]?.grid as string[][]
      expect(formats.flat().every((format) => format === '@')).toBe(true)
    }
  })

  it('writes the values as one block and syncs at most three times', async () => {
    const host = installFakeExcel(new FakeExcelHost())

    await writeReferentialSheet(seedReferential)

    expect(host.syncs.length).toBeLessThanOrEqual(3)
    const valueWrites = host.syncs.flatMap((sync) => sync.operations).filter((operation) => operation.op === 'setValues')
    expect(valueWrites).toHaveLength(1)
    expect(host.sheet(REFERENTIAL_SHEET_NAME).usedValues()).toEqual(expectedGrid(seedReferential))
  })

  it('suspends screen updating once, for the request that carries the values', async () => {
    const host = installFakeExcel(new FakeExcelHost())

    await writeReferentialSheet(tinyReferential)

    expect(host.screenUpdatingSuspendedAtSync).toHaveLength(1)
    const suspendedSync = host.syncs[host.screenUpdatingSuspendedAtSync[0] ?? -1]
    expect(suspendedSync?.operations.some((operation) => operation.op === 'setValues')).toBe(true)
  })

  it('does not ask for screen-updating suspension on hosts below ExcelApi 1.9', async () => {
    const host = installFakeExcel(new FakeExcelHost({ excelApiVersion: '1.8' }))

    await writeReferentialSheet(tinyReferential)

    expect(host.screenUpdatingSuspendedAtSync).toHaveLength(0)
    expect(host.sheet(REFERENTIAL_SHEET_NAME).usedValues()).toEqual(expectedGrid())
  })

  it('replaces the previous content on a second write instead of appending', async () => {
    const host = installFakeExcel(new FakeExcelHost())
    await writeReferentialSheet(seedReferential)

    await writeReferentialSheet(tinyReferential)

    expect(host.workbook.sheets.filter((sheet) => sheet.name === 'Référentiel')).toHaveLength(1)
    const sheet = host.sheet(REFERENTIAL_SHEET_NAME)
    expect(sheet.usedValues()).toEqual(expectedGrid())
    // Rows past the new end keep no leftover value or formatting from the longer référentiel.
    const lastRow = expectedGrid().length - 1
    for (const key of sheet.cells.keys()) expect(Number(key.split(',')[0])).toBeLessThanOrEqual(lastRow)
  })

  it('writes into an existing "Référentiel" sheet, clearing what the user left there', async () => {
    const host = installFakeExcel(new FakeExcelHost({ sheetNames: ['Feuil1', 'Référentiel'] }))
    const existing = host.sheet('Référentiel')
    Object.assign(existing.cellForWrite(500, 10), { value: 'note oubliée' })

    await writeReferentialSheet(tinyReferential)

    expect(host.workbook.sheets).toHaveLength(2)
    expect(host.sheet('Référentiel')).toBe(existing)
    expect(existing.usedValues()).toEqual(expectedGrid())
  })

  it('formats the header and bloc header rows, wraps labels, sizes the columns and freezes the header row', async () => {
    const host = installFakeExcel(new FakeExcelHost())

    await writeReferentialSheet(tinyReferential)

    const sheet = host.sheet(REFERENTIAL_SHEET_NAME)
    const { header, blocHeaderRowIndexes, rows, columnWidths } = buildReferentialSheet(tinyReferential)
    const boldRows = [0, ...blocHeaderRowIndexes.map((index) => index + 1)]
    for (let row = 0; row <= rows.length; row++) {
      for (const cell of cellsOfRow(sheet, row, header.length)) {
        expect(Boolean(cell?.format.bold)).toBe(boldRows.includes(row))
        expect(cell?.format.fillColor !== undefined).toBe(boldRows.includes(row))
        expect(cell?.format.verticalAlignment).toBe('Top')
      }
      expect(sheet.cell(row, 2)?.format.wrapText).toBe(true)
    }
    expect([...sheet.columnWidths.entries()]).toEqual(columnWidths.map((width, column) => [column, width]))
    expect(sheet.frozenRows).toBe(1)
  })

  it('reports progress after each sync, ending at the total', async () => {
    installFakeExcel(new FakeExcelHost())
    const progress: Array<[number, number]> = []

    await writeReferentialSheet(tinyReferential, (done, total) => progress.push([done, total]))

    expect(progress).toEqual([
      [1, 2],
      [2, 2],
    ])
  })

  it('runs one Excel.run per write, queued while the user edits a cell', async () => {
    const host = installFakeExcel(new FakeExcelHost())

    await writeReferentialSheet(tinyReferential)

    expect(host.runs).toEqual([{ delayForCellEdit: true }])
  })

  it('turns an Excel failure into an ExcelError with a French message and the Office code in the details', async () => {
    installFakeExcel(new FakeExcelHost({ payloadLimitBytes: 2_000 }))

    const failure = writeReferentialSheet(seedReferential)

    await expect(failure).rejects.toBeInstanceOf(ExcelError)
    await expect(failure).rejects.toMatchObject({
      code: 'RequestPayloadSizeLimitExceeded',
      message: expect.stringContaining('Trop de données'),
      details: expect.stringContaining('RequestPayloadSizeLimitExceeded'),
    })
  })
})
