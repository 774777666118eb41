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

  it('leaves a cell unchanged for null in a 2-D array and empties it for ""', async () => {
    const host = new FakeExcelHost()
    await run(host, async (context) => {
      const sheet = context.workbook.worksheets.getItem('Feuil1')
      sheet.getRange('A1:C1').values = [['a', 'b', 'c']]
      await context.sync()
      sheet.getRange('A1:C1').values = [[null, '', 'z']]
    })
    expect(host.sheet('Feuil1').usedValues()).toEqual([['a', '', 'z']])
  })

  it('evaluates formulas with HyperFormula across sheets before values are read', async () => {
    const host = new FakeExcelHost({ sheetNames: ['Feuil1', 'Notes BC'] })
    const values = await run(host, async (context) => {
      context.workbook.worksheets.getItem('Notes BC').getRange('A1:B1').values = [[12, 'ACQ']]
      const sheet = context.workbook.worksheets.getItem('Feuil1')
      sheet.getRange('A1:B1').formulas = [["='Notes BC'!A1*2", "=IF('Notes BC'!B1=\"ACQ\",\"ADM\",\"AJ\")"]]
      const read = sheet.getRange('A1:B1').load(['values', 'formulas'])
      await context.sync()
      return { values: read.values, formulas: read.formulas }
    })
    expect(values).toEqual({ values: [[24, 'ADM']], formulas: [["='Notes BC'!A1*2", '=IF(\'Notes BC\'!B1="ACQ","ADM","AJ")']] })
  })

  it('keeps a formula written into a text-formatted cell as text, as Excel does', async () => {
    const host = new FakeExcelHost()
    await run(host, async (context) => {
      const range = context.workbook.worksheets.getItem('Feuil1').getRange('A1')
      range.numberFormat = [['@']]
      range.formulas = [['=1+1']]
    })
    expect(host.sheet('Feuil1').cellAt('A1')).toMatchObject({ formula: null, value: '=1+1' })
  })

  it('leaves formula results stale after a write with calculation suspended, until calculate', async () => {
    const host = new FakeExcelHost()
    const [stale, fresh] = await run(host, async (context) => {
      const sheet = context.workbook.worksheets.getItem('Feuil1')
      context.application.suspendApiCalculationUntilNextSync()
      sheet.getRange('A1:B1').formulas = [[2, '=A1*10']]
      await context.sync()
      const before = sheet.getRange('B1').load('values')
      await context.sync()
      context.application.calculate('Recalculate')
      const after = sheet.getRange('B1').load('values')
      await context.sync()
      return [before.values, after.values]
    })
    expect(stale).toEqual([['']])
    expect(fresh).toEqual([[20]])
    expect(host.syncs[0]?.calculationSuspended).toBe(true)
  })

  it('pastes a formula down a column with copyFrom, moving its relative rows', async () => {
    const host = new FakeExcelHost()
    await run(host, async (context) => {
      const sheet = context.workbook.worksheets.getItem('Feuil1')
      sheet.getRange('A1:A3').values = [[1], [2], [3]]
      sheet.getRange('B1').formulas = [['=$A1*$C$1']]
      sheet.getRange('C1').values = [[10]]
      sheet.getRange('B2:B3').copyFrom('Feuil1!B1', 'Formulas')
    })
    const sheet = host.sheet('Feuil1')
    expect([sheet.cellAt('B2')?.formula, sheet.cellAt('B3')?.formula]).toEqual(['=$A2*$C$1', '=$A3*$C$1'])
    expect(host.valueAt('Feuil1', 'B3')).toBe(30)
  })

  it('refuses writes to locked cells and formatting on a protected sheet, allows unlocked cells', async () => {
    const host = new FakeExcelHost()
    await run(host, async (context) => {
      const sheet = context.workbook.worksheets.getItem('Feuil1')
      sheet.getRange('B1:B2').format.protection.locked = false
      sheet.protection.protect({ allowFormatColumns: true })
      sheet.getRange('B1:B2').values = [['ok'], ['ok']]
      sheet.getRange('A1').format.columnWidth = 80
      await context.sync()
    })
    const refused = (write: (context: ExcelContextApi) => void) =>
      run(host, async (context) => {
        write(context)
        await context.sync()
      })
    await expect(refused((context) => (context.workbook.worksheets.getItem('Feuil1').getRange('A1').values = [['non']]))).rejects.toMatchObject({
      code: 'AccessDenied',
    })
    await expect(refused((context) => (context.workbook.worksheets.getItem('Feuil1').getRange('B1').format.fill.color = '#FF0000'))).rejects.toMatchObject({
      code: 'AccessDenied',
    })
    await expect(refused((context) => context.workbook.worksheets.getItem('Feuil1').protection.protect())).rejects.toMatchObject({ code: 'InvalidOperation' })
    expect(() => host.typeInto('Feuil1', 'A1', 'non')).toThrow(/locked/)
    host.typeInto('Feuil1', 'B2', 'oui')
    expect(host.sheet('Feuil1').usedValues()).toEqual([['', 'ok'], ['', 'oui']])
  })

  it('keeps data validation rules with their alert and prompt, replacing what the range had', async () => {
    const host = new FakeExcelHost()
    await run(host, async (context) => {
      const range = context.workbook.worksheets.getItem('Feuil1').getRange('C3:C10')
      range.dataValidation.rule = { list: { inCellDropDown: true, source: 'A,B' } }
      range.dataValidation.rule = { list: { inCellDropDown: true, source: 'ACQ,PACQ' } }
      range.dataValidation.errorAlert = { showAlert: true, style: 'Stop', title: 'Saisie refusée', message: 'Code attendu' }
      range.dataValidation.prompt = { showPrompt: true, title: 'CR1.1', message: 'Analyse du besoin' }
    })
    const sheet = host.sheet('Feuil1')
    expect(sheet.dataValidations).toHaveLength(1)
    expect(sheet.validationAt('C7')).toMatchObject({ rule: { list: { source: 'ACQ,PACQ' } }, errorAlert: { style: 'Stop' }, prompt: { title: 'CR1.1' } })
    expect(sheet.validationAt('C11')).toBeUndefined()
  })

  it('applies custom conditional formats cell by cell, and refuses them on a whole sheet', async () => {
    const host = new FakeExcelHost()
    await run(host, async (context) => {
      const sheet = context.workbook.worksheets.getItem('Feuil1')
      sheet.getRange('A1:A2').values = [['ADM'], ['AJ']]
      const format = sheet.getRange('A1:A2').conditionalFormats.add('Custom')
      format.custom.rule.formula = '=$A1="ADM"'
      format.custom.format.fill.color = '#C6EFCE'
    })
    expect([host.conditionalFillAt('Feuil1', 'A1'), host.conditionalFillAt('Feuil1', 'A2')]).toEqual(['#C6EFCE', null])
    const failing = run(host, async (context) => {
      context.workbook.worksheets.getItem('Feuil1').getRange().conditionalFormats.add('Custom')
      await context.sync()
    })
    await expect(failing).rejects.toThrow(/used rows/)
  })

  it('finds typed constants among formulas with getSpecialCellsOrNullObject', async () => {
    const host = new FakeExcelHost()
    const [found, none] = await run(host, async (context) => {
      const sheet = context.workbook.worksheets.getItem('Feuil1')
      sheet.getRange('A1:A4').formulas = [['=1'], ['x'], ['y'], ['=2']]
      const constants = sheet.getRange('A1:A4').getSpecialCellsOrNullObject('Constants').load('address')
      const missing = sheet.getRange('A1').getSpecialCellsOrNullObject('Constants').load('address')
      await context.sync()
      return [constants.address, missing.isNullObject]
    })
    expect(found).toBe('Feuil1!A2:A3')
    expect(none).toBe(true)
  })

  it('keeps document settings, hides a sheet very hidden and freezes panes at a range', async () => {
    const host = new FakeExcelHost({ sheetNames: ['Feuil1', 'Cachée'] })
    const read = await run(host, async (context) => {
      context.workbook.settings.add('certibloc.sync', '{"a":1}')
      context.workbook.worksheets.getItem('Cachée').visibility = 'VeryHidden'
      context.workbook.worksheets.getItem('Feuil1').freezePanes.freezeAt('A1:E2')
      await context.sync()
      const setting = context.workbook.settings.getItemOrNullObject('certibloc.sync').load('value')
      const missing = context.workbook.settings.getItemOrNullObject('absent')
      await context.sync()
      return { value: setting.value, missing: missing.isNullObject }
    })
    expect(read).toEqual({ value: '{"a":1}', missing: true })
    expect(host.sheet('Cachée').visibility).toBe('VeryHidden')
    expect(host.sheet('Feuil1')).toMatchObject({ frozenRows: 2, frozenColumns: 5 })
  })

  it('refuses to hide the last visible sheet', async () => {
    const host = new FakeExcelHost()
    const failing = run(host, async (context) => {
      context.workbook.worksheets.getItem('Feuil1').visibility = 'Hidden'
      await context.sync()
    })
    await expect(failing).rejects.toMatchObject({ code: 'InvalidOperation' })
  })

  it('adds a chart at sync, keeping its type, source range with its sheet, series, title, axis and place', async () => {
    const host = new FakeExcelHost({ sheetNames: ['Feuil1', 'Synthèse'] })
    await run(host, async (context) => {
      const sheet = context.workbook.worksheets.getItem('Synthèse')
      sheet.getRange('A1:B3').values = [['Bloc', 'Taux'], ['BC01', 0.5], ['BC02', 1]]
      const chart = sheet.charts.add('ColumnClustered', sheet.getRange('A1:B3'), 'Columns')
      chart.title.text = 'Taux de validation par bloc'
      chart.legend.visible = false
      chart.axes.valueAxis.minimum = 0
      chart.axes.valueAxis.maximum = 1
      chart.setPosition('D2', 'K20')
      expect(host.sheet('Synthèse').charts).toEqual([])
      expect(() => chart.title.text).toThrow(/not supported/)
      expect(() => chart.name).toThrowError(expect.objectContaining({ code: 'PropertyNotLoaded' }))
      await context.sync()
    })
    expect(host.sheet('Synthèse').charts).toEqual([
      {
        id: 1,
        name: 'Graphique 1',
        type: 'ColumnClustered',
        sourceAddress: "'Synthèse'!A1:B3",
        seriesBy: 'Columns',
        title: 'Taux de validation par bloc',
        legendVisible: false,
        valueAxis: { minimum: 0, maximum: 1 },
        position: { startCell: 'D2', endCell: 'K20' },
      },
    ])
  })

  it('lists charts only after load and sync, deletes them, and fails a second delete of the same chart', async () => {
    const host = new FakeExcelHost()
    await run(host, async (context) => {
      const sheet = context.workbook.worksheets.getItem('Feuil1')
      sheet.charts.add('ColumnClustered', sheet.getRange('A1:B2'), 'Columns')
      sheet.charts.add('ColumnClustered', sheet.getRange('A1:C2'), 'Columns')
    })
    const names = await run(host, async (context) => {
      const charts = context.workbook.worksheets.getItem('Feuil1').charts.load('items/name')
      expect(() => charts.items).toThrowError(expect.objectContaining({ code: 'PropertyNotLoaded' }))
      await context.sync()
      const listed = charts.items.map((chart) => chart.name)
      for (const chart of charts.items) chart.delete()
      await context.sync()
      return listed
    })
    expect(names).toEqual(['Graphique 1', 'Graphique 2'])
    expect(host.sheet('Feuil1').charts).toEqual([])

    await run(host, async (context) => {
      const sheet = context.workbook.worksheets.getItem('Feuil1')
      sheet.charts.add('ColumnClustered', sheet.getRange('A1:B2'), 'Columns')
    })
    const twice = run(host, async (context) => {
      const charts = context.workbook.worksheets.getItem('Feuil1').charts.load('items/name')
      await context.sync()
      charts.items[0]!.delete()
      charts.items[0]!.delete()
      await context.sync()
    })
    await expect(twice).rejects.toMatchObject({ code: 'ItemNotFound' })
    expect(host.sheet('Feuil1').charts).toEqual([])
  })

  it('leaves charts in place when every cell of their sheet is cleared, as Excel does', async () => {
    const host = new FakeExcelHost()
    await run(host, async (context) => {
      const sheet = context.workbook.worksheets.getItem('Feuil1')
      sheet.getRange('A1:B2').values = [['Bloc', 'Taux'], ['BC01', 0.5]]
      sheet.charts.add('ColumnClustered', sheet.getRange('A1:B2'), 'Columns')
      await context.sync()
      sheet.getRange().clear('All')
    })
    expect(host.sheet('Feuil1').usedValues()).toEqual([])
    expect(host.sheet('Feuil1').charts).toHaveLength(1)
  })

  it('refuses to add, change or delete a chart on a protected sheet unless its protection allows editing objects', async () => {
    const host = new FakeExcelHost({ sheetNames: ['Fermée', 'Ouverte'] })
    await run(host, async (context) => {
      const open = context.workbook.worksheets.getItem('Ouverte')
      open.charts.add('ColumnClustered', open.getRange('A1:B2'), 'Columns')
      open.protection.protect({ allowEditObjects: true })
      context.workbook.worksheets.getItem('Fermée').protection.protect({ allowFormatColumns: true })
    })
    const refused = run(host, async (context) => {
      const closed = context.workbook.worksheets.getItem('Fermée')
      closed.charts.add('ColumnClustered', closed.getRange('A1:B2'), 'Columns')
      await context.sync()
    })
    await expect(refused).rejects.toMatchObject({ code: 'AccessDenied' })
    await run(host, async (context) => {
      const open = context.workbook.worksheets.getItem('Ouverte')
      const charts = open.charts.load('items/name')
      await context.sync()
      charts.items[0]!.title.text = 'Déplaçable'
      charts.items[0]!.delete()
      open.charts.add('ColumnClustered', open.getRange('A1:B3'), 'Columns')
    })
    expect(host.sheet('Fermée').charts).toEqual([])
    expect(host.sheet('Ouverte').charts.map((chart) => chart.sourceAddress)).toEqual(['Ouverte!A1:B3'])
  })

  it('measures what each load returns, and fails a response above the limit', async () => {
    const host = new FakeExcelHost({ payloadLimitBytes: 2_000 })
    host.typeInto('Feuil1', 'A1', 'x'.repeat(1_500))
    const failing = run(host, async (context) => {
      context.workbook.worksheets.getItem('Feuil1').getRange('A1:A2').load(['values', 'formulas'])
      await context.sync()
    })
    await expect(failing).rejects.toMatchObject({ code: 'ResponsePayloadSizeLimitExceeded' })
    expect(host.syncs[0]?.responseBytes).toBeGreaterThan(3_000)
  })
})
