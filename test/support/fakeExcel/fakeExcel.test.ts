import { describe, expect, it } from 'vitest'
import type { ExcelContextApi } from '../../../addin/src/excel/excelApi'
import { FakeExcelHost, FakeOfficeError } from './index'

const run = <T>(host: FakeExcelHost, batch: (context: ExcelContextApi) => Promise<T>) => host.Excel.run(batch)

describe('fake Excel host', () => {
  it('throws PropertyNotLoaded when a property is read before load and sync', async () => {
    const host = new FakeExcelHost()
    await run(host, async (context) => {
      const range = context.workbook.worksheets.getItem('Feuil1').getRange('A1:B1')
      expect(() => range.values).toThrowError(expect.objectContaining({ code: 'PropertyNotLoaded' }))
      range.load('values')
      expect(() => range.values).toThrowError(expect.objectContaining({ code: 'PropertyNotLoaded' }))
      await context.sync()
      expect(range.values).toEqual([['', '']])
    })
  })

  it('applies queued writes only at sync', async () => {
    const host = new FakeExcelHost()
    await run(host, async (context) => {
      const sheet = context.workbook.worksheets.getItem('Feuil1')
      sheet.getRange('A1:B1').values = [['Code', 'Libellé']]
      expect(host.sheet('Feuil1').cellAt('A1')).toBeUndefined()

      const reader = sheet.getRange('A1:B1').load('values')
      await context.sync()
      expect(reader.values).toEqual([['Code', 'Libellé']])
      expect(host.sheet('Feuil1').usedValues()).toEqual([['Code', 'Libellé']])
    })
  })

  it('knows isNullObject only after a sync', async () => {
    const host = new FakeExcelHost()
    await run(host, async (context) => {
      const missing = context.workbook.worksheets.getItemOrNullObject('Absente')
      const present = context.workbook.worksheets.getItemOrNullObject('feuil1')
      expect(() => missing.isNullObject).toThrowError(expect.objectContaining({ code: 'PropertyNotLoaded' }))
      await context.sync()
      expect(missing.isNullObject).toBe(true)
      expect(present.isNullObject).toBe(false)
    })
  })

  it('turns strings starting with "=", "+" or "-" into formulas unless the cell is formatted as text', async () => {
    const host = new FakeExcelHost()
    await run(host, async (context) => {
      const sheet = context.workbook.worksheets.getItem('Feuil1')
      sheet.getRange('A1:D1').values = [['=1+1', '-piège', '42', 'texte']]
      const text = sheet.getRange('A2:D2')
      text.numberFormat = [['@', '@', '@', '@']]
      text.values = [['=1+1', '-piège', '42', 'texte']]
      await context.sync()
    })
    const sheet = host.sheet('Feuil1')
    expect(sheet.cellAt('A1')).toMatchObject({ formula: '=1+1', value: null })
    expect(sheet.cellAt('B1')).toMatchObject({ formula: '=-piège', value: null })
    expect(sheet.cellAt('C1')).toMatchObject({ formula: null, value: 42 })
    expect(sheet.cellAt('A2')).toMatchObject({ formula: null, value: '=1+1', numberFormat: '@' })
    expect(sheet.cellAt('B2')).toMatchObject({ formula: null, value: '-piège' })
    expect(sheet.cellAt('C2')).toMatchObject({ formula: null, value: '42' })
  })

  it('rejects a values array that does not match the range, at sync', async () => {
    const host = new FakeExcelHost()
    const failing = run(host, async (context) => {
      context.workbook.worksheets.getItem('Feuil1').getRange('A1:B2').values = [['seule ligne', '']]
      await context.sync()
    })
    await expect(failing).rejects.toMatchObject({ code: 'InvalidArgument' })
  })

  it('fails a sync that targets a missing sheet with ItemNotFound', async () => {
    const host = new FakeExcelHost()
    const failing = run(host, async (context) => {
      context.workbook.worksheets.getItem('Absente').activate()
      await context.sync()
    })
    await expect(failing).rejects.toBeInstanceOf(FakeOfficeError)
    await expect(failing).rejects.toMatchObject({ code: 'ItemNotFound' })
  })

  it('refuses to add a sheet whose name exists, ignoring case', async () => {
    const host = new FakeExcelHost({ sheetNames: ['Référentiel'] })
    const failing = run(host, async (context) => {
      context.workbook.worksheets.add('RÉFÉRENTIEL')
      await context.sync()
    })
    await expect(failing).rejects.toMatchObject({ code: 'ItemAlreadyExists' })
  })

  it('counts syncs and measures the JSON payload of each request', async () => {
    const host = new FakeExcelHost()
    await run(host, async (context) => {
      const sheet = context.workbook.worksheets.getItem('Feuil1')
      sheet.getRange('A1').values = [['x']]
      await context.sync()
      sheet.getRange('A1:A2').values = [['a'.repeat(1000)], ['b']]
      await context.sync()
    })
    expect(host.syncs).toHaveLength(2)
    expect(host.syncs[0]?.operations.map((operation) => operation.op)).toEqual(['getItem', 'setValues'])
    expect(host.syncs[1]?.payloadBytes).toBeGreaterThan(1000)
    expect(host.syncs[1]?.payloadBytes).toBeGreaterThan(host.syncs[0]?.payloadBytes ?? Infinity)
  })

  it('fails a request over the payload limit before applying any of it', async () => {
    const host = new FakeExcelHost({ payloadLimitBytes: 500 })
    const failing = run(host, async (context) => {
      const sheet = context.workbook.worksheets.getItem('Feuil1')
      sheet.getRange('A1').values = [['petit']]
      sheet.getRange('A2').values = [['x'.repeat(600)]]
      await context.sync()
    })
    await expect(failing).rejects.toMatchObject({ code: 'RequestPayloadSizeLimitExceeded' })
    expect(host.sheet('Feuil1').cellAt('A1')).toBeUndefined()
  })

  it('sends operations still queued when the batch ends, as Excel.run does', async () => {
    const host = new FakeExcelHost()
    await run(host, async (context) => {
      context.workbook.worksheets.getItem('Feuil1').getRange('B2').values = [['sans sync']]
    })
    expect(host.syncs).toHaveLength(1)
    expect(host.sheet('Feuil1').cellAt('B2')?.value).toBe('sans sync')
  })

  it('fails suspendScreenUpdatingUntilNextSync on hosts below ExcelApi 1.9', async () => {
    const host = new FakeExcelHost({ excelApiVersion: '1.8' })
    expect(host.Office.context.requirements.isSetSupported('ExcelApi', '1.9')).toBe(false)
    const failing = run(host, async (context) => {
      context.application.suspendScreenUpdatingUntilNextSync()
      await context.sync()
    })
    await expect(failing).rejects.toMatchObject({ code: 'ApiNotFound' })
  })
})
