/**
 * The slice of the Excel JavaScript API that Certibloc uses, as our own interfaces. `runExcel`
 * hands the real `Excel.RequestContext` to code typed against them, so the compiler proves that
 * Office.js satisfies them, and the test fake (test/support/fakeExcel) implements exactly them.
 * Widen these interfaces (and the fake) when the adapter needs more of the API.
 */

export interface RangeFontApi {
  bold: boolean
  color: string
}

export interface RangeFillApi {
  color: string
}

export interface RangeProtectionApi {
  /** Locked cells refuse edits once the sheet is protected; every cell is locked by default. */
  locked: boolean
}

export interface RangeFormatApi {
  font: RangeFontApi
  fill: RangeFillApi
  readonly protection: RangeProtectionApi
  wrapText: boolean
  verticalAlignment: 'Top' | 'Center' | 'Bottom' | 'Justify' | 'Distributed'
  horizontalAlignment: 'General' | 'Left' | 'Center' | 'Right' | 'Fill' | 'Justify' | 'CenterAcrossSelection' | 'Distributed'
  /** In points; setting it on any range sets the width of all its columns. */
  columnWidth: number
  autofitColumns(): void
}

/** Data validation of a range (ExcelApi 1.8); the rule is one of Excel's rule kinds. */
export interface DataValidationApi {
  rule: Excel.DataValidationRule
  errorAlert: Excel.DataValidationErrorAlert
  prompt: Excel.DataValidationPrompt
  ignoreBlanks: boolean
  clear(): void
}

/** A conditional format of type "Custom": a formula relative to the range's top-left cell. */
export interface CustomConditionalFormatApi {
  readonly rule: { formula: string }
  readonly format: { readonly fill: { color: string }; readonly font: { color: string; bold: boolean } }
}

export interface ConditionalFormatApi {
  readonly custom: CustomConditionalFormatApi
  stopIfTrue: boolean
}

export interface ConditionalFormatCollectionApi {
  add(type: 'Custom'): ConditionalFormatApi
  clearAll(): void
}

/** Several ranges of one sheet, e.g. what `getSpecialCellsOrNullObject` finds. */
export interface RangeAreasApi {
  readonly isNullObject: boolean
  /** Comma-separated A1 addresses, each with its sheet name ("Grille!G5,Grille!G7:G9"). */
  readonly address: string
  load(propertyNames: 'address' | Array<'address'>): RangeAreasApi
}

export type RangeLoadableProperty = 'values' | 'numberFormat' | 'formulas'

export interface RangeApi {
  values: unknown[][]
  numberFormat: unknown[][]
  /** English formulas with "," separators (never `formulasLocal`); constants elsewhere. */
  formulas: unknown[][]
  /** Hides (true) or shows every column of the range. */
  columnHidden: boolean
  readonly format: RangeFormatApi
  readonly dataValidation: DataValidationApi
  readonly conditionalFormats: ConditionalFormatCollectionApi
  clear(applyTo?: 'All' | 'Formats' | 'Contents'): void
  /**
   * Pastes the range at `sourceAddress` ("Grille!G3") into this range; a destination that is a
   * whole multiple of the source repeats it, relative references moving with each copy as in
   * Excel's paste (ExcelApi 1.9). An address rather than a range keeps this surface small.
   */
  copyFrom(sourceAddress: string, copyType?: 'All' | 'Formulas' | 'Values' | 'Formats'): void
  /** Cells of a kind inside the range; a null object when there is none (ExcelApi 1.9). */
  getSpecialCellsOrNullObject(cellType: 'Constants' | 'Formulas' | 'Blanks'): RangeAreasApi
  load(propertyNames: RangeLoadableProperty | RangeLoadableProperty[]): RangeApi
}

/** A chart of a sheet (ExcelApi 1.1). Only what the « Synthèse » chart sets. */
export interface ChartApi {
  /** Readable after `charts.load('items/name')` and a sync. */
  readonly name: string
  readonly title: { text: string }
  readonly legend: { visible: boolean }
  readonly axes: { readonly valueAxis: { minimum: number; maximum: number } }
  /** Places the chart over the cells from `startCell` to `endCell` ("I5", "P26"). */
  setPosition(startCell: string, endCell?: string): void
  delete(): void
}

export interface ChartCollectionApi {
  /** Readable after `load('items/name')` and a sync. */
  readonly items: ChartApi[]
  /** One series per column of `sourceData`, its first column the categories, its first row the series names. */
  add(type: 'ColumnClustered', sourceData: RangeApi, seriesBy: 'Columns'): ChartApi
  load(propertyNames: 'items/name'): ChartCollectionApi
}

export interface WorksheetProtectionApi {
  readonly protected: boolean
  protect(options?: Excel.WorksheetProtectionOptions): void
  unprotect(): void
  load(propertyNames: 'protected' | Array<'protected'>): WorksheetProtectionApi
}

export interface WorksheetApi {
  /** True after a sync when the object came from a `…OrNullObject` method and does not exist. */
  readonly isNullObject: boolean
  readonly name: string
  visibility: 'Visible' | 'Hidden' | 'VeryHidden'
  readonly protection: WorksheetProtectionApi
  readonly charts: ChartCollectionApi
  readonly freezePanes: {
    freezeRows(rowCount?: number): void
    /** Freezes the top rows and left columns of the sheet that the address covers, e.g. "A1:E2" (ExcelApi 1.7). */
    freezeAt(frozenRangeAddress: string): void
  }
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

/** A document setting (ExcelApi 1.4): saved with the workbook, JSON-serialisable value. */
export interface SettingApi {
  readonly isNullObject: boolean
  readonly value: unknown
  load(propertyNames: 'value' | Array<'value'>): SettingApi
}

export interface SettingCollectionApi {
  getItemOrNullObject(key: string): SettingApi
  /** Adds or replaces the setting. */
  add(key: string, value: string): SettingApi
}

export interface ExcelContextApi {
  readonly workbook: { readonly worksheets: WorksheetCollectionApi; readonly settings: SettingCollectionApi }
  readonly application: {
    suspendScreenUpdatingUntilNextSync(): void
    /**
     * Excel recalculates nothing until the next sync (ExcelApi 1.6); the add-in then owes it a
     * `calculate`, or formulas written meanwhile keep stale results.
     */
    suspendApiCalculationUntilNextSync(): void
    calculate(calculationType: 'Recalculate' | 'Full'): void
  }
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
