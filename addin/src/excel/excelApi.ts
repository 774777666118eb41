/**
 * The slice of the Excel JavaScript API that Certibloc uses, as our own interfaces. `runExcel`
 * hands the real `Excel.RequestContext` to code typed against them, so the compiler proves that
 * Office.js satisfies them, and the test fake (test/support/fakeExcel) implements exactly them.
 * Widen these interfaces (and the fake) when the adapter needs more of the API.
 */

export interface RangeFontApi {
  bold: boolean
}

export interface RangeFillApi {
  color: string
}

export interface RangeFormatApi {
  font: RangeFontApi
  fill: RangeFillApi
  wrapText: boolean
  verticalAlignment: 'Top' | 'Center' | 'Bottom' | 'Justify' | 'Distributed'
  /** In points; setting it on any range sets the width of all its columns. */
  columnWidth: number
  autofitColumns(): void
}

export type RangeLoadableProperty = 'values' | 'numberFormat'

export interface RangeApi {
  values: unknown[][]
  numberFormat: unknown[][]
  readonly format: RangeFormatApi
  clear(applyTo?: 'All' | 'Formats' | 'Contents'): void
  load(propertyNames: RangeLoadableProperty | RangeLoadableProperty[]): RangeApi
}

export interface WorksheetApi {
  /** True after a sync when the object came from a `…OrNullObject` method and does not exist. */
  readonly isNullObject: boolean
  readonly name: string
  readonly freezePanes: { freezeRows(rowCount?: number): void }
  /** Without an address: every cell of the sheet. */
  getRange(address?: string): RangeApi
  getRangeByIndexes(startRow: number, startColumn: number, rowCount: number, columnCount: number): RangeApi
  activate(): void
  load(propertyNames: 'name' | Array<'name'>): WorksheetApi
}

export interface WorksheetCollectionApi {
  getItem(name: string): WorksheetApi
  getItemOrNullObject(name: string): WorksheetApi
  add(name?: string): WorksheetApi
}

export interface ExcelContextApi {
  readonly workbook: { readonly worksheets: WorksheetCollectionApi }
  readonly application: { suspendScreenUpdatingUntilNextSync(): void }
  sync(): Promise<void>
}

/**
 * One `Excel.run` per user action. `delayForCellEdit` queues the batch while the user is typing in
 * a cell instead of failing at once (hosts without ExcelApi 1.11 ignore the option).
 */
export function runExcel<T>(batch: (context: ExcelContextApi) => Promise<T>): Promise<T> {
  return Excel.run({ delayForCellEdit: true }, (context) => batch(context))
}

/** Requirement-set check; false outside Office (tests without the Office global). */
export function isExcelApiSupported(version: string): boolean {
  if (typeof Office === 'undefined') return false
  return Office.context?.requirements?.isSetSupported('ExcelApi', version) === true
}
