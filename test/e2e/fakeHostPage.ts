/**
 * The fake Excel host as a page script: bundled by the browser test and injected before office.js
 * and the task pane's bundle, so that `Office.onReady` reports Excel and `Excel.run` reaches a
 * workbook held in the page. `window.certiblocFake` lets the test act as the user in the sheet.
 */
import { FakeExcelHost } from '../support/fakeExcel/fakeExcel'

const host = new FakeExcelHost()

/** The values of a sheet's rows from `firstRow`, formulas evaluated, "" for empty cells. */
function rows(sheetName: string, firstRow: number, columnCount: number): unknown[][] {
  host.recalculate()
  const sheet = host.sheet(sheetName)
  const found: unknown[][] = []
  for (let row = firstRow; sheet.cell(row, 0)?.value != null; row++) {
    found.push(Array.from({ length: columnCount }, (_, column) => sheet.cell(row, column)?.value ?? ''))
  }
  return found
}

Object.assign(globalThis, {
  Office: host.Office,
  Excel: host.Excel,
  certiblocFake: {
    typeInto: (sheetName: string, address: string, input: string | number | null) => host.typeInto(sheetName, address, input),
    valueAt: (sheetName: string, address: string) => host.valueAt(sheetName, address),
    rows,
    sheetNames: () => host.workbook.sheets.map((sheet) => sheet.name),
    /** Every value of a sheet from A1 to its last used cell, formulas evaluated ("" when empty). */
    usedValues: (sheetName: string) => {
      host.recalculate()
      return host.sheet(sheetName).usedValues()
    },
    /** The fill a cell shows through its conditional formats, or null. */
    conditionalFillAt: (sheetName: string, address: string) => host.conditionalFillAt(sheetName, address),
    syncCount: () => host.syncs.length,
  },
})
