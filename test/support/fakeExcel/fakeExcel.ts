/**
 * A typed fake of the Excel host implementing exactly the interfaces of addin/src/excel/excelApi.ts
 * with Office's batching semantics:
 * - calls on proxies only queue operations; they reach the workbook at `context.sync()`;
 * - reading a property that was not loaded and then synced throws `PropertyNotLoaded`;
 * - `isNullObject` is known only after a sync;
 * - a request above the payload limit (5 MB, as on the web) fails whole, before anything applies,
 *   and so does a response above it;
 * - a protected sheet refuses writes to locked cells and formatting (`AccessDenied`);
 * - formulas are evaluated with HyperFormula across sheets before values are read, unless the
 *   batch suspended calculation;
 * - charts float over their sheet: clearing its cells leaves them, deleting one removes it;
 * - every sync is recorded with its operations and their JSON payload size.
 * Stricter than Office in one way: a property set on a proxy is not readable without load + sync.
 * Runs in Node and, bundled, in a browser page (test/e2e): no test-runner import here.
 */
import { quoteSheetName } from '../../../shared/formulas/a1'
import type {
  ChartApi,
  ChartCollectionApi,
  ConditionalFormatApi,
  ConditionalFormatCollectionApi,
  CustomConditionalFormatApi,
  DataValidationApi,
  ExcelContextApi,
  RangeApi,
  RangeAreasApi,
  RangeFillApi,
  RangeFontApi,
  RangeFormatApi,
  RangeLoadableProperty,
  RangeProtectionApi,
  SettingApi,
  SettingCollectionApi,
  WorksheetApi,
  WorksheetCollectionApi,
  WorksheetProtectionApi,
} from '../../../addin/src/excel/excelApi'
import {
  contains,
  FakeSheet,
  FakeWorkbook,
  intersects,
  parseA1,
  splitKey,
  splitSheetAddress,
  toA1,
  WHOLE_SHEET,
  writeFormula,
  writeValue,
  type CellRect,
  type CellValue,
  type FakeCell,
  type FakeChart,
  type FakeConditionalFormat,
  type FakeDataValidation,
} from './cellStore'
import { FormulaEngine } from './formulaEngine'
import { shiftFormula } from './formulaShift'

/** Shaped like OfficeExtension.Error: a stable code, a message and debug info. */
export class FakeOfficeError extends Error {
  readonly debugInfo: { code: string; message: string }
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message)
    this.name = 'RichApi.Error'
    this.debugInfo = { code, message }
  }
}

/** What a queued call sends to Excel; its JSON size is what counts against the payload limit. */
export interface OperationPayload {
  op: string
  target?: string
  [field: string]: unknown
}

interface Operation {
  payload: OperationPayload
  apply: () => void
}

export interface SyncRecord {
  operations: OperationPayload[]
  /** UTF-8 size of the JSON of the queued operations. */
  payloadBytes: number
  /** UTF-8 size of the JSON of what the loads of this sync returned. */
  responseBytes: number
  /** The batch called `suspendApiCalculationUntilNextSync`. */
  calculationSuspended: boolean
}

export interface FakeExcelHostOptions {
  /** Highest ExcelApi requirement set the host supports (default "1.9"). */
  excelApiVersion?: string
  /** Request and response size limit in bytes (default 5 MB, Excel on the web). */
  payloadLimitBytes?: number
  /** Sheets present before the test starts (default one sheet, "Feuil1"). */
  sheetNames?: string[]
  /** Evaluate formulas with HyperFormula before reads (default true; benches turn it off). */
  evaluateFormulas?: boolean
  /** `Office.context.partitionKey`, as Excel on the web sets it. */
  partitionKey?: string
}

export class FakeExcelHost {
  readonly workbook = new FakeWorkbook()
  readonly syncs: SyncRecord[] = []
  /** Options passed to each `Excel.run`, in order. */
  readonly runs: Array<{ delayForCellEdit?: boolean }> = []
  /** Index (in `syncs`) of each sync during which screen updating was suspended. */
  readonly screenUpdatingSuspendedAtSync: number[] = []
  readonly excelApiVersion: string
  /** Writable, so a test can tighten it after setting a workbook up. */
  payloadLimitBytes: number
  private readonly engine: FormulaEngine | null
  private current: SyncRecord | null = null

  constructor(options: FakeExcelHostOptions = {}) {
    this.excelApiVersion = options.excelApiVersion ?? '1.9'
    this.payloadLimitBytes = options.payloadLimitBytes ?? 5 * 1024 * 1024
    this.engine = options.evaluateFormulas === false ? null : new FormulaEngine()
    for (const name of options.sheetNames ?? ['Feuil1']) this.workbook.sheets.push(new FakeSheet(name))
    this.workbook.activeSheetName = this.workbook.sheets[0]?.name ?? null
    this.Office.context.partitionKey = options.partitionKey
  }

  /** The global `Excel` as the adapter uses it. */
  readonly Excel = {
    run: async <T>(
      optionsOrBatch: { delayForCellEdit?: boolean } | ((context: ExcelContextApi) => Promise<T>),
      maybeBatch?: (context: ExcelContextApi) => Promise<T>,
    ): Promise<T> => {
      const batch = typeof optionsOrBatch === 'function' ? optionsOrBatch : maybeBatch
      if (!batch) throw new Error('Excel.run needs a batch function')
      this.runs.push(typeof optionsOrBatch === 'function' ? {} : optionsOrBatch)
      const context = new FakeRequestContext(this)
      const result = await batch(context)
      // Like Office, operations still queued when the batch resolves are sent.
      if (context.hasPendingOperations()) await context.sync()
      return result
    },
  }

  /** The part of the global `Office` the add-in reads. */
  readonly Office = {
    HostType: { Excel: 'Excel' },
    onReady: async () => ({ host: 'Excel', platform: 'OfficeOnline' }),
    context: {
      partitionKey: undefined as string | undefined,
      requirements: {
        isSetSupported: (name: string, minVersion?: string) =>
          name === 'ExcelApi' && compareVersions(this.excelApiVersion, minVersion ?? '1.1') >= 0,
      },
    },
  }

  /** A sheet by name; throws when missing so that assertions fail clearly. */
  sheet(name: string): FakeSheet {
    const sheet = this.workbook.findSheet(name)
    if (!sheet) throw new Error(`No sheet named "${name}" in the fake workbook`)
    return sheet
  }

  /** Applies a request: all or nothing for the size limit, then in order until an operation fails. */
  execute(operations: Operation[]): void {
    const payloads = operations.map((operation) => operation.payload)
    const payloadBytes = byteLength(payloads)
    const record: SyncRecord = {
      operations: payloads,
      payloadBytes,
      responseBytes: 0,
      calculationSuspended: payloads.some((payload) => payload.op === 'suspendApiCalculationUntilNextSync'),
    }
    this.syncs.push(record)
    if (payloadBytes > this.payloadLimitBytes) {
      throw new FakeOfficeError('RequestPayloadSizeLimitExceeded', 'The request payload size has exceeded the limit.')
    }
    this.current = record
    try {
      for (const operation of operations) operation.apply()
    } finally {
      this.current = null
    }
    if (record.responseBytes > this.payloadLimitBytes) {
      throw new FakeOfficeError('ResponsePayloadSizeLimitExceeded', 'The response payload size has exceeded the limit.')
    }
  }

  /**
   * Set by writes made while calculation was suspended: formula results stay stale until the add-in
   * asks for a `calculate` (or the user edits a cell), as Excel leaves it to the add-in.
   */
  calculationPending = false

  contentChanged(): void {
    this.workbook.dirty = true
    if (this.current?.calculationSuspended) this.calculationPending = true
  }

  /** `application.calculate`: pending results are computed on the next read. */
  calculate(): void {
    this.calculationPending = false
  }

  /** Called by loads: formulas are recomputed first, unless calculation is suspended or owed. */
  beforeRead(): void {
    if (this.current?.calculationSuspended || this.calculationPending) return
    this.recalculate()
  }

  recordResponse(data: unknown): void {
    if (this.current) this.current.responseBytes += byteLength(data)
  }

  recalculate(): void {
    if (this.engine && this.workbook.dirty) this.engine.evaluate(this.workbook)
  }

  supports(minVersion: string): boolean {
    return compareVersions(this.excelApiVersion, minVersion) >= 0
  }

  /**
   * What a user typing in a cell gets (English locale): a number, a formula after "=", text under
   * the "@" format or otherwise; null empties the cell (Delete). A locked cell of a protected sheet
   * refuses the edit, as Excel does.
   */
  typeInto(sheetName: string, address: string, input: string | number | boolean | null): void {
    const sheet = this.sheet(sheetName)
    const { row, column } = parseA1(address)
    if (sheet.protection.protected && sheet.isLocked(row, column)) {
      throw new Error(`${sheetName}!${address} is locked: Excel refuses the edit on a protected sheet`)
    }
    const cell = sheet.cellForWrite(row, column)
    // Excel recalculates after a user's edit, whatever an add-in suspended before.
    this.calculationPending = false
    if (input === null || input === '') {
      cell.value = null
      cell.formula = null
    } else if (typeof input !== 'string') {
      writeValue(cell, input)
    } else if (cell.numberFormat === '@' || !input.startsWith('=')) {
      cell.value = cell.numberFormat !== '@' && /^-?\d+(\.\d+)?$/.test(input) ? Number(input) : input
      cell.formula = null
    } else {
      cell.formula = input
      cell.value = null
    }
    this.workbook.dirty = true
  }

  /** The value a cell shows: formulas recomputed, unless a suspended write left a calculation owed. */
  valueAt(sheetName: string, address: string): CellValue {
    if (!this.calculationPending) this.recalculate()
    return this.sheet(sheetName).cellAt(address)?.value ?? ''
  }

  /** The fill a cell shows through its sheet's conditional formats (the first rule that holds), or null. */
  conditionalFillAt(sheetName: string, address: string): string | null {
    if (!this.engine) throw new Error('conditionalFillAt needs formula evaluation')
    const sheet = this.sheet(sheetName)
    this.workbook.dirty = true
    this.recalculate()
    const at = parseA1(address)
    for (const format of sheet.conditionalFormats) {
      if (format.formula === null || !contains(format.rect, at.row, at.column)) continue
      const holds = this.engine.evaluateAt(sheet, format.formula, format.rect, at)
      if (holds === true || (typeof holds === 'number' && holds !== 0)) return format.fillColor ?? null
    }
    return null
  }
}

class FakeRequestContext implements ExcelContextApi {
  private queue: Operation[] = []
  readonly workbook: { worksheets: WorksheetCollectionApi; settings: SettingCollectionApi }
  readonly application: ExcelContextApi['application']

  constructor(readonly host: FakeExcelHost) {
    this.workbook = { worksheets: new FakeWorksheetCollection(this), settings: new FakeSettingCollection(this) }
    this.application = {
      suspendScreenUpdatingUntilNextSync: () =>
        this.enqueue({ op: 'suspendScreenUpdatingUntilNextSync' }, () => {
          if (!host.supports('1.9')) throw new FakeOfficeError('ApiNotFound', 'ExcelApi 1.9 is not supported.')
          host.screenUpdatingSuspendedAtSync.push(host.syncs.length - 1)
        }),
      suspendApiCalculationUntilNextSync: () =>
        this.enqueue({ op: 'suspendApiCalculationUntilNextSync' }, () => {
          if (!host.supports('1.6')) throw new FakeOfficeError('ApiNotFound', 'ExcelApi 1.6 is not supported.')
        }),
      calculate: (calculationType: 'Recalculate' | 'Full') =>
        this.enqueue({ op: 'calculate', calculationType }, () => host.calculate()),
    }
  }

  enqueue(payload: OperationPayload, apply: () => void): void {
    this.queue.push({ payload, apply })
  }

  hasPendingOperations(): boolean {
    return this.queue.length > 0
  }

  async sync(): Promise<void> {
    const operations = this.queue
    this.queue = []
    await Promise.resolve()
    this.host.execute(operations)
  }
}

/** Base of every proxy: properties are readable only once loaded and synced. */
abstract class FakeClientObject {
  private readonly loaded = new Map<string, unknown>()

  constructor(protected readonly context: FakeRequestContext) {}

  protected read<T>(property: string): T {
    if (!this.loaded.has(property)) {
      throw new FakeOfficeError(
        'PropertyNotLoaded',
        `The property '${property}' is not available. Before reading the property's value, call the load ` +
          'method on the containing object and call "context.sync()" on the associated request context.',
      )
    }
    return this.loaded.get(property) as T
  }

  protected queueLoad(target: string, properties: string[], snapshot: (property: string) => unknown): void {
    this.context.enqueue({ op: 'load', target, properties }, () => {
      for (const property of properties) {
        const value = snapshot(property)
        this.context.host.recordResponse(value)
        this.loaded.set(property, value)
      }
    })
  }

  protected markLoaded(property: string, value: unknown): void {
    this.loaded.set(property, value)
  }
}

type SheetResolver = () => FakeSheet

class FakeWorksheetCollection implements WorksheetCollectionApi {
  constructor(private readonly context: FakeRequestContext) {}

  getItem(name: string): WorksheetApi {
    const workbook = this.context.host.workbook
    const resolve = () => workbook.findSheet(name) ?? throwItemNotFound(name)
    this.context.enqueue({ op: 'getItem', name }, () => void resolve())
    return new FakeWorksheet(this.context, name, resolve)
  }

  getItemOrNullObject(name: string): WorksheetApi {
    const workbook = this.context.host.workbook
    const sheet = new FakeWorksheet(this.context, name, () => workbook.findSheet(name) ?? throwItemNotFound(name))
    this.context.enqueue({ op: 'getItemOrNullObject', name }, () => sheet.resolveNull(!workbook.findSheet(name)))
    return sheet
  }

  add(name?: string): WorksheetApi {
    const workbook = this.context.host.workbook
    let created: FakeSheet | undefined
    this.context.enqueue({ op: 'addWorksheet', name }, () => {
      const sheetName = name ?? nextDefaultSheetName(workbook)
      if (workbook.findSheet(sheetName)) {
        throw new FakeOfficeError('ItemAlreadyExists', `A sheet named "${sheetName}" already exists.`)
      }
      if (sheetName.length > 31 || /[\\/?*[\]:]/.test(sheetName)) {
        throw new FakeOfficeError('InvalidArgument', `Invalid sheet name "${sheetName}".`)
      }
      created = new FakeSheet(sheetName)
      workbook.sheets.push(created)
      this.context.host.contentChanged()
    })
    return new FakeWorksheet(this.context, name ?? '(new sheet)', () => created ?? throwItemNotFound(name ?? '(new sheet)'))
  }
}

class FakeWorksheet extends FakeClientObject implements WorksheetApi {
  readonly freezePanes: { freezeRows(rowCount?: number): void; freezeAt(frozenRangeAddress: string): void }
  readonly protection: WorksheetProtectionApi
  readonly charts: ChartCollectionApi

  constructor(
    context: FakeRequestContext,
    private readonly label: string,
    private readonly resolve: SheetResolver,
  ) {
    super(context)
    this.freezePanes = {
      freezeRows: (rowCount = 1) =>
        this.context.enqueue({ op: 'freezeRows', target: this.label, rowCount }, () => {
          Object.assign(this.resolve(), { frozenRows: rowCount, frozenColumns: 0 })
        }),
      freezeAt: (address: string) =>
        this.context.enqueue({ op: 'freezeAt', target: this.label, address }, () => {
          const rect = parseA1(address)
          Object.assign(this.resolve(), { frozenRows: rect.row + rect.rowCount, frozenColumns: rect.column + rect.columnCount })
        }),
    }
    this.protection = new FakeWorksheetProtection(context, label, resolve)
    this.charts = new FakeChartCollection(context, label, resolve)
  }

  resolveNull(isNull: boolean): void {
    this.markLoaded('isNullObject', isNull)
  }

  get isNullObject(): boolean {
    return this.read<boolean>('isNullObject')
  }

  get name(): string {
    return this.read<string>('name')
  }

  get visibility(): WorksheetApi['visibility'] {
    return this.read<WorksheetApi['visibility']>('visibility')
  }

  set visibility(visibility: WorksheetApi['visibility']) {
    this.context.enqueue({ op: 'setVisibility', target: this.label, visibility }, () => {
      const sheet = this.resolve()
      const othersVisible = this.context.host.workbook.sheets.some((other) => other !== sheet && other.visibility === 'Visible')
      if (visibility !== 'Visible' && !othersVisible) {
        throw new FakeOfficeError('InvalidOperation', 'A workbook must keep at least one visible sheet.')
      }
      sheet.visibility = visibility
    })
  }

  getRange(address?: string): RangeApi {
    return new FakeRange(this.context, this.label, this.resolve, address === undefined ? WHOLE_SHEET : parseA1(address))
  }

  getRangeByIndexes(startRow: number, startColumn: number, rowCount: number, columnCount: number): RangeApi {
    return new FakeRange(this.context, this.label, this.resolve, { row: startRow, column: startColumn, rowCount, columnCount })
  }

  activate(): void {
    this.context.enqueue({ op: 'activate', target: this.label }, () => {
      this.context.host.workbook.activeSheetName = this.resolve().name
    })
  }

  load(propertyNames: 'name' | Array<'name'>): WorksheetApi {
    const properties = typeof propertyNames === 'string' ? [propertyNames] : propertyNames
    this.queueLoad(this.label, properties, () => this.resolve().name)
    return this
  }
}

class FakeWorksheetProtection extends FakeClientObject implements WorksheetProtectionApi {
  constructor(
    context: FakeRequestContext,
    private readonly label: string,
    private readonly resolve: SheetResolver,
  ) {
    super(context)
  }

  get protected(): boolean {
    return this.read<boolean>('protected')
  }

  protect(options?: Excel.WorksheetProtectionOptions): void {
    this.context.enqueue({ op: 'protect', target: this.label, options }, () => {
      const sheet = this.resolve()
      if (sheet.protection.protected) throw new FakeOfficeError('InvalidOperation', 'The sheet is already protected.')
      sheet.protection = { protected: true, options: options ?? {} }
    })
  }

  unprotect(): void {
    this.context.enqueue({ op: 'unprotect', target: this.label }, () => {
      this.resolve().protection = { protected: false, options: null }
    })
  }

  load(propertyNames: 'protected' | Array<'protected'>): WorksheetProtectionApi {
    const properties = typeof propertyNames === 'string' ? [propertyNames] : propertyNames
    this.queueLoad(`${this.label}.protection`, properties, () => this.resolve().protection.protected)
    return this
  }
}

/** What a protected sheet still lets the API do, by option (Excel's WorksheetProtectionOptions). */
type ProtectedAction = 'content' | 'formatCells' | 'formatColumns' | 'structure'

class FakeRange extends FakeClientObject implements RangeApi {
  readonly format: RangeFormatApi
  readonly dataValidation: DataValidationApi
  readonly conditionalFormats: ConditionalFormatCollectionApi
  readonly target: string

  constructor(
    context: FakeRequestContext,
    private readonly sheetLabel: string,
    readonly resolve: SheetResolver,
    readonly rect: CellRect,
  ) {
    super(context)
    this.target = `${sheetLabel}!${rect === WHOLE_SHEET ? '(all)' : toA1(rect)}`
    this.format = new FakeRangeFormat(this)
    this.dataValidation = new FakeDataValidationProxy(this)
    this.conditionalFormats = new FakeConditionalFormatCollection(this)
  }

  get host(): FakeExcelHost {
    return this.context.host
  }

  get values(): unknown[][] {
    return this.read<unknown[][]>('values')
  }

  set values(grid: unknown[][]) {
    this.queueGrid('setValues', grid, (cell, value) => writeValue(cell, value))
  }

  get numberFormat(): unknown[][] {
    return this.read<unknown[][]>('numberFormat')
  }

  set numberFormat(grid: unknown[][]) {
    this.queueGrid('setNumberFormat', grid, (cell, format) => {
      // null keeps the cell's format; "" resets it to General.
      if (format === null || format === undefined) return
      cell.numberFormat = format === '' ? 'General' : typeof format === 'string' ? format : JSON.stringify(format)
    })
  }

  get formulas(): unknown[][] {
    return this.read<unknown[][]>('formulas')
  }

  set formulas(grid: unknown[][]) {
    this.queueGrid('setFormulas', grid, (cell, formula) => writeFormula(cell, formula))
  }

  get columnHidden(): boolean {
    return this.read<boolean>('columnHidden')
  }

  set columnHidden(hidden: boolean) {
    this.queueColumnOperation({ op: 'setColumnHidden', hidden }, (sheet, columns) => {
      for (const column of columns) {
        if (hidden) sheet.hiddenColumns.add(column)
        else sheet.hiddenColumns.delete(column)
      }
    })
  }

  clear(applyTo: 'All' | 'Formats' | 'Contents' = 'All'): void {
    this.context.enqueue({ op: 'clear', target: this.target, applyTo }, () => {
      const sheet = this.resolve()
      this.assertAllowed(sheet, applyTo === 'Formats' ? 'formatCells' : 'content')
      sheet.forEachCellIn(this.rect, (cell, key) => {
        if (applyTo === 'All') sheet.cells.delete(key)
        if (applyTo === 'Contents') Object.assign(cell, { value: null, formula: null })
        if (applyTo === 'Formats') Object.assign(cell, { numberFormat: 'General', format: {}, locked: true })
      })
      this.context.host.contentChanged()
    })
  }

  copyFrom(sourceAddress: string, copyType: 'All' | 'Formulas' | 'Values' | 'Formats' = 'All'): void {
    this.context.enqueue({ op: 'copyFrom', target: this.target, source: sourceAddress, copyType }, () => {
      if (!this.context.host.supports('1.9')) throw new FakeOfficeError('ApiNotFound', 'ExcelApi 1.9 is not supported.')
      if (copyType !== 'Formulas') throw new Error(`copyFrom "${copyType}" is not supported by the fake Excel host`)
      const { sheetName, address } = splitSheetAddress(sourceAddress)
      const sourceSheet = sheetName === null ? this.resolve() : (this.context.host.workbook.findSheet(sheetName) ?? throwItemNotFound(sheetName))
      const source = parseA1(address)
      const sheet = this.assertBounded()
      if (this.rect.rowCount % source.rowCount !== 0 || this.rect.columnCount % source.columnCount !== 0) {
        throw new Error('The fake Excel host only pastes whole copies of the source')
      }
      this.assertAllowed(sheet, 'content')
      this.forEachPosition((row, column) => {
        const fromRow = source.row + ((row - this.rect.row) % source.rowCount)
        const fromColumn = source.column + ((column - this.rect.column) % source.columnCount)
        const from = sourceSheet.cell(fromRow, fromColumn)
        const cell = sheet.cellForWrite(row, column)
        cell.formula = from?.formula ? shiftFormula(from.formula, row - fromRow, column - fromColumn) : null
        cell.value = from?.formula ? null : (from?.value ?? null)
      })
      this.context.host.contentChanged()
    })
  }

  getSpecialCellsOrNullObject(cellType: 'Constants' | 'Formulas' | 'Blanks'): RangeAreasApi {
    const areas = new FakeRangeAreas(this.context, `${this.target}.special(${cellType})`)
    this.context.enqueue({ op: 'getSpecialCellsOrNullObject', target: this.target, cellType }, () => {
      const sheet = this.assertBounded()
      const matches = (cell: FakeCell | undefined) =>
        cellType === 'Formulas'
          ? cell?.formula != null
          : cellType === 'Constants'
            ? cell !== undefined && cell.formula === null && cell.value !== null
            : cell === undefined || (cell.formula === null && cell.value === null)
      const found: CellRect[] = []
      for (let column = this.rect.column; column < this.rect.column + this.rect.columnCount; column++) {
        for (let row = this.rect.row; row < this.rect.row + this.rect.rowCount; row++) {
          if (!matches(sheet.cell(row, column))) continue
          const last = found.at(-1)
          if (last && last.column === column && last.row + last.rowCount === row) last.rowCount++
          else found.push({ row, column, rowCount: 1, columnCount: 1 })
        }
      }
      const prefix = `${quoteSheetName(sheet.name)}!`
      areas.resolve(found.length === 0 ? null : found.map((rect) => prefix + toA1(rect)).join(','))
    })
    return areas
  }

  load(propertyNames: RangeLoadableProperty | RangeLoadableProperty[]): RangeApi {
    const properties = typeof propertyNames === 'string' ? [propertyNames] : propertyNames
    this.queueLoad(this.target, properties, (property) => {
      if (property === 'values') this.context.host.beforeRead()
      return this.mapCells((cell) => {
        if (property === 'values') return cell?.value ?? ''
        if (property === 'formulas') return cell?.formula ?? cell?.value ?? ''
        return cell?.numberFormat ?? 'General'
      })
    })
    return this
  }

  /** Queues a formatting change applied to every cell of the range. */
  queueCellFormat(field: string, value: unknown, apply: (cell: FakeCell) => void, action: ProtectedAction = 'formatCells'): void {
    this.context.enqueue({ op: 'setFormat', target: this.target, field, value }, () => {
      const sheet = this.assertBounded()
      this.assertAllowed(sheet, action)
      this.forEachPosition((row, column) => apply(sheet.cellForWrite(row, column)))
    })
  }

  queueColumnOperation(payload: { op: string; [field: string]: unknown }, apply: (sheet: FakeSheet, columns: number[]) => void): void {
    this.context.enqueue({ ...payload, target: this.target }, () => {
      const sheet = this.resolve()
      this.assertAllowed(sheet, 'formatColumns')
      const columns = Array.from({ length: this.rect.columnCount }, (_, index) => this.rect.column + index)
      apply(sheet, columns)
    })
  }

  /** Queues a change to the sheet's rules (validation, conditional formats) over this range. */
  queueSheetRule(payload: { op: string; [field: string]: unknown }, apply: (sheet: FakeSheet) => void): void {
    this.context.enqueue({ ...payload, target: this.target }, () => {
      const sheet = this.resolve()
      this.assertAllowed(sheet, 'structure')
      apply(sheet)
    })
  }

  /** Excel refuses, on a protected sheet, content in locked cells and what the options do not allow. */
  private assertAllowed(sheet: FakeSheet, action: ProtectedAction): void {
    const { protected: isProtected, options } = sheet.protection
    if (!isProtected) return
    const allowed =
      action === 'content'
        ? this.rect !== WHOLE_SHEET && this.everyPosition((row, column) => !sheet.isLocked(row, column))
        : action === 'formatCells'
          ? options?.allowFormatCells === true
          : action === 'formatColumns'
            ? options?.allowFormatColumns === true
            : false
    if (!allowed) throw new FakeOfficeError('AccessDenied', `${this.target}: the sheet is protected.`)
  }

  private queueGrid(op: string, grid: unknown[][], write: (cell: FakeCell, input: unknown) => void): void {
    this.context.enqueue({ op, target: this.target, grid }, () => {
      const sheet = this.assertBounded()
      const fits = grid.length === this.rect.rowCount && grid.every((row) => row.length === this.rect.columnCount)
      if (!fits) {
        throw new FakeOfficeError(
          'InvalidArgument',
          "The number of rows or columns in the input array doesn't match the size or dimensions of the range.",
        )
      }
      this.assertAllowed(sheet, op === 'setNumberFormat' ? 'formatCells' : 'content')
      this.forEachPosition((row, column) =>
        write(sheet.cellForWrite(row, column), grid[row - this.rect.row]?.[column - this.rect.column]),
      )
      this.context.host.contentChanged()
    })
  }

  private mapCells<T>(read: (cell: FakeCell | undefined) => T): T[][] {
    const sheet = this.assertBounded()
    const { row: top, column: left, rowCount, columnCount } = this.rect
    return Array.from({ length: rowCount }, (_, row) =>
      Array.from({ length: columnCount }, (_, column) => read(sheet.cell(top + row, left + column))),
    )
  }

  private forEachPosition(visit: (row: number, column: number) => void): void {
    for (let row = this.rect.row; row < this.rect.row + this.rect.rowCount; row++) {
      for (let column = this.rect.column; column < this.rect.column + this.rect.columnCount; column++) visit(row, column)
    }
  }

  private everyPosition(test: (row: number, column: number) => boolean): boolean {
    for (let row = this.rect.row; row < this.rect.row + this.rect.rowCount; row++) {
      for (let column = this.rect.column; column < this.rect.column + this.rect.columnCount; column++) {
        if (!test(row, column)) return false
      }
    }
    return true
  }

  /** Cell-by-cell work on the whole sheet would mean 17 billion cells; the adapter never needs it. */
  private assertBounded(): FakeSheet {
    if (this.rect === WHOLE_SHEET) throw new Error(`The fake Excel host cannot read or write every cell of ${this.target}`)
    return this.resolve()
  }
}

class FakeRangeFormat implements RangeFormatApi {
  readonly font: RangeFontApi
  readonly fill: RangeFillApi
  readonly protection: RangeProtectionApi

  constructor(private readonly range: FakeRange) {
    this.font = {
      get bold(): boolean {
        throw notReadable('format.font.bold')
      },
      set bold(bold: boolean) {
        range.queueCellFormat('font.bold', bold, (cell) => {
          cell.format.bold = bold
        })
      },
      get color(): string {
        throw notReadable('format.font.color')
      },
      set color(color: string) {
        range.queueCellFormat('font.color', color, (cell) => {
          cell.format.fontColor = color
        })
      },
    }
    this.fill = {
      get color(): string {
        throw notReadable('format.fill.color')
      },
      set color(color: string) {
        range.queueCellFormat('fill.color', color, (cell) => {
          cell.format.fillColor = color
        })
      },
    }
    this.protection = {
      get locked(): boolean {
        throw notReadable('format.protection.locked')
      },
      set locked(locked: boolean) {
        // Even allowFormatCells does not let a protected sheet change what is locked.
        range.queueCellFormat(
          'protection.locked',
          locked,
          (cell) => {
            cell.locked = locked
          },
          'structure',
        )
      },
    }
  }

  get wrapText(): boolean {
    throw notReadable('format.wrapText')
  }

  set wrapText(wrapText: boolean) {
    this.range.queueCellFormat('wrapText', wrapText, (cell) => {
      cell.format.wrapText = wrapText
    })
  }

  get verticalAlignment(): RangeFormatApi['verticalAlignment'] {
    throw notReadable('format.verticalAlignment')
  }

  set verticalAlignment(alignment: RangeFormatApi['verticalAlignment']) {
    this.range.queueCellFormat('verticalAlignment', alignment, (cell) => {
      cell.format.verticalAlignment = alignment
    })
  }

  get horizontalAlignment(): RangeFormatApi['horizontalAlignment'] {
    throw notReadable('format.horizontalAlignment')
  }

  set horizontalAlignment(alignment: RangeFormatApi['horizontalAlignment']) {
    this.range.queueCellFormat('horizontalAlignment', alignment, (cell) => {
      cell.format.horizontalAlignment = alignment
    })
  }

  get columnWidth(): number {
    throw notReadable('format.columnWidth')
  }

  set columnWidth(width: number) {
    this.range.queueColumnOperation({ op: 'setColumnWidth', width }, (sheet, columns) => {
      for (const column of columns) sheet.columnWidths.set(column, width)
    })
  }

  /** Rough stand-in for Excel's measure: 6 points per character of the longest text, plus padding. */
  autofitColumns(): void {
    this.range.queueColumnOperation({ op: 'autofitColumns' }, (sheet, columns) => {
      for (const column of columns) {
        let longest = 0
        for (const [key, cell] of sheet.cells) {
          if (splitKey(key)[1] === column) longest = Math.max(longest, String(cell.value ?? '').length)
        }
        sheet.columnWidths.set(column, longest * 6 + 10)
      }
    })
  }
}

/** `range.dataValidation`: the rule replaces what the range had; alert and prompt attach to it. */
class FakeDataValidationProxy implements DataValidationApi {
  constructor(private readonly range: FakeRange) {}

  get rule(): Excel.DataValidationRule {
    throw notReadable('dataValidation.rule')
  }

  set rule(rule: Excel.DataValidationRule) {
    const kinds = Object.keys(rule).filter((kind) => rule[kind as keyof Excel.DataValidationRule] !== undefined)
    this.range.queueSheetRule({ op: 'setDataValidationRule', rule }, (sheet) => {
      if (!this.range.host.supports('1.8')) throw new FakeOfficeError('ApiNotFound', 'ExcelApi 1.8 is not supported.')
      if (kinds.length !== 1) throw new FakeOfficeError('InvalidArgument', 'A data validation rule has exactly one kind.')
      if (rule.custom && !rule.custom.formula.startsWith('=')) throw new FakeOfficeError('InvalidArgument', 'A custom rule is a formula.')
      if (rule.list && (typeof rule.list.source !== 'string' || rule.list.source === '')) {
        throw new FakeOfficeError('InvalidArgument', 'A list rule needs its source.')
      }
      removeIntersecting(sheet.dataValidations, this.range.rect)
      sheet.dataValidations.push({ rect: this.range.rect, rule })
    })
  }

  get errorAlert(): Excel.DataValidationErrorAlert {
    throw notReadable('dataValidation.errorAlert')
  }

  set errorAlert(errorAlert: Excel.DataValidationErrorAlert) {
    this.attach('errorAlert', errorAlert)
  }

  get prompt(): Excel.DataValidationPrompt {
    throw notReadable('dataValidation.prompt')
  }

  set prompt(prompt: Excel.DataValidationPrompt) {
    if (prompt.message.length > 255 || prompt.title.length > 32) {
      this.range.queueSheetRule({ op: 'setDataValidationPrompt' }, () => {
        throw new FakeOfficeError('InvalidArgument', 'A prompt title holds 32 characters and its message 255.')
      })
      return
    }
    this.attach('prompt', prompt)
  }

  get ignoreBlanks(): boolean {
    throw notReadable('dataValidation.ignoreBlanks')
  }

  set ignoreBlanks(ignoreBlanks: boolean) {
    this.attach('ignoreBlanks', ignoreBlanks)
  }

  clear(): void {
    this.range.queueSheetRule({ op: 'clearDataValidation' }, (sheet) => removeIntersecting(sheet.dataValidations, this.range.rect))
  }

  private attach<K extends 'errorAlert' | 'prompt' | 'ignoreBlanks'>(field: K, value: FakeDataValidation[K]): void {
    this.range.queueSheetRule({ op: `setDataValidation.${field}`, value }, (sheet) => {
      const validation = sheet.dataValidations.find((candidate) => sameRect(candidate.rect, this.range.rect))
      if (!validation) throw new FakeOfficeError('InvalidOperation', `Set the rule of ${this.range.target} before its ${field}.`)
      validation[field] = value
    })
  }
}

class FakeConditionalFormatCollection implements ConditionalFormatCollectionApi {
  constructor(private readonly range: FakeRange) {}

  add(type: 'Custom'): ConditionalFormatApi {
    const entry: FakeConditionalFormat = { rect: this.range.rect, type, formula: null }
    this.range.queueSheetRule({ op: 'addConditionalFormat', type }, (sheet) => {
      if (this.range.rect === WHOLE_SHEET) throw new Error('Conditional formats on a whole sheet: limit them to the used rows')
      sheet.conditionalFormats.push(entry)
    })
    const set = (field: string, value: unknown, apply: () => void) =>
      this.range.queueSheetRule({ op: `setConditionalFormat.${field}`, value }, apply)
    const custom: CustomConditionalFormatApi = {
      rule: {
        get formula(): string {
          throw notReadable('custom.rule.formula')
        },
        set formula(formula: string) {
          set('formula', formula, () => {
            entry.formula = formula
          })
        },
      },
      format: {
        fill: {
          get color(): string {
            throw notReadable('custom.format.fill.color')
          },
          set color(color: string) {
            set('fill.color', color, () => {
              entry.fillColor = color
            })
          },
        },
        font: {
          get color(): string {
            throw notReadable('custom.format.font.color')
          },
          set color(color: string) {
            set('font.color', color, () => {
              entry.fontColor = color
            })
          },
          get bold(): boolean {
            throw notReadable('custom.format.font.bold')
          },
          set bold(bold: boolean) {
            set('font.bold', bold, () => {
              entry.bold = bold
            })
          },
        },
      },
    }
    return {
      custom,
      get stopIfTrue(): boolean {
        throw notReadable('stopIfTrue')
      },
      set stopIfTrue(stopIfTrue: boolean) {
        set('stopIfTrue', stopIfTrue, () => {
          entry.stopIfTrue = stopIfTrue
        })
      },
    }
  }

  clearAll(): void {
    this.range.queueSheetRule({ op: 'clearConditionalFormats' }, (sheet) => removeIntersecting(sheet.conditionalFormats, this.range.rect))
  }
}

class FakeRangeAreas extends FakeClientObject implements RangeAreasApi {
  private address_: string | null = null

  constructor(
    context: FakeRequestContext,
    private readonly label: string,
  ) {
    super(context)
  }

  resolve(address: string | null): void {
    this.address_ = address
    this.markLoaded('isNullObject', address === null)
  }

  get isNullObject(): boolean {
    return this.read<boolean>('isNullObject')
  }

  get address(): string {
    return this.read<string>('address')
  }

  load(propertyNames: 'address' | Array<'address'>): RangeAreasApi {
    const properties = typeof propertyNames === 'string' ? [propertyNames] : propertyNames
    this.queueLoad(this.label, properties, () => this.address_ ?? '')
    return this
  }
}

/**
 * `worksheet.charts`. Charts are drawing objects: a protected sheet refuses adding, changing or
 * deleting them unless its protection allows editing objects, as Excel does.
 */
class FakeChartCollection extends FakeClientObject implements ChartCollectionApi {
  constructor(
    context: FakeRequestContext,
    private readonly label: string,
    private readonly resolve: SheetResolver,
  ) {
    super(context)
  }

  get items(): ChartApi[] {
    return this.read<ChartApi[]>('items')
  }

  add(type: 'ColumnClustered', sourceData: RangeApi, seriesBy: 'Columns'): ChartApi {
    if (!(sourceData instanceof FakeRange)) throw new Error('The fake Excel host charts ranges of its own only')
    let created: FakeChart | undefined
    this.context.enqueue({ op: 'addChart', target: this.label, type, source: sourceData.target, seriesBy }, () => {
      const sheet = this.resolve()
      assertObjectsEditable(sheet, this.label)
      if (sourceData.rect === WHOLE_SHEET) throw new FakeOfficeError('InvalidArgument', 'A chart needs a bounded source range.')
      const workbook = this.context.host.workbook
      const id = ++workbook.chartCount
      created = {
        id,
        name: `Graphique ${id}`,
        type,
        sourceAddress: `${quoteSheetName(sourceData.resolve().name)}!${toA1(sourceData.rect)}`,
        seriesBy,
        title: null,
        legendVisible: true,
        valueAxis: { minimum: null, maximum: null },
        position: null,
      }
      sheet.charts.push(created)
    })
    return new FakeChartProxy(this.context, this.label, this.resolve, () => created ?? throwItemNotFound('(new chart)'))
  }

  load(propertyNames: 'items/name'): ChartCollectionApi {
    this.context.enqueue({ op: 'load', target: `${this.label}.charts`, properties: [propertyNames] }, () => {
      const charts = [...this.resolve().charts]
      this.context.host.recordResponse(charts.map((chart) => ({ name: chart.name })))
      this.markLoaded(
        'items',
        charts.map((chart) => {
          const proxy = new FakeChartProxy(this.context, this.label, this.resolve, () => {
            const found = this.resolve().charts.find((candidate) => candidate.id === chart.id)
            return found ?? throwItemNotFound(chart.name)
          })
          proxy.markNameLoaded(chart.name)
          return proxy
        }),
      )
    })
    return this
  }
}

class FakeChartProxy extends FakeClientObject implements ChartApi {
  readonly title: ChartApi['title']
  readonly legend: ChartApi['legend']
  readonly axes: ChartApi['axes']

  constructor(
    context: FakeRequestContext,
    private readonly sheetLabel: string,
    private readonly resolveSheet: SheetResolver,
    private readonly resolveChart: () => FakeChart,
  ) {
    super(context)
    const set = (field: string, value: unknown, apply: (chart: FakeChart) => void) => this.queueChange(`setChart.${field}`, { value }, apply)
    this.title = {
      get text(): string {
        throw notReadable('chart.title.text')
      },
      set text(text: string) {
        set('title.text', text, (chart) => {
          chart.title = text
        })
      },
    }
    this.legend = {
      get visible(): boolean {
        throw notReadable('chart.legend.visible')
      },
      set visible(visible: boolean) {
        set('legend.visible', visible, (chart) => {
          chart.legendVisible = visible
        })
      },
    }
    this.axes = {
      valueAxis: {
        get minimum(): number {
          throw notReadable('chart.axes.valueAxis.minimum')
        },
        set minimum(minimum: number) {
          set('valueAxis.minimum', minimum, (chart) => {
            chart.valueAxis.minimum = minimum
          })
        },
        get maximum(): number {
          throw notReadable('chart.axes.valueAxis.maximum')
        },
        set maximum(maximum: number) {
          set('valueAxis.maximum', maximum, (chart) => {
            chart.valueAxis.maximum = maximum
          })
        },
      },
    }
  }

  markNameLoaded(name: string): void {
    this.markLoaded('name', name)
  }

  get name(): string {
    return this.read<string>('name')
  }

  setPosition(startCell: string, endCell?: string): void {
    this.queueChange('setChartPosition', { startCell, endCell }, (chart) => {
      for (const cell of [startCell, endCell]) if (cell !== undefined) parseA1(cell)
      chart.position = { startCell, endCell: endCell ?? null }
    })
  }

  delete(): void {
    this.queueChange('deleteChart', {}, (chart, sheet) => {
      sheet.charts.splice(sheet.charts.indexOf(chart), 1)
    })
  }

  private queueChange(op: string, fields: Record<string, unknown>, apply: (chart: FakeChart, sheet: FakeSheet) => void): void {
    this.context.enqueue({ op, target: `${this.sheetLabel}.chart`, ...fields }, () => {
      const sheet = this.resolveSheet()
      const chart = this.resolveChart()
      // A deleted chart is gone for every proxy that pointed to it.
      if (!sheet.charts.includes(chart)) throwItemNotFound(chart.name)
      assertObjectsEditable(sheet, this.sheetLabel)
      apply(chart, sheet)
    })
  }
}

function assertObjectsEditable(sheet: FakeSheet, label: string): void {
  if (sheet.protection.protected && sheet.protection.options?.allowEditObjects !== true) {
    throw new FakeOfficeError('AccessDenied', `${label}: the sheet is protected; its charts cannot change.`)
  }
}

class FakeSettingCollection implements SettingCollectionApi {
  constructor(private readonly context: FakeRequestContext) {}

  getItemOrNullObject(key: string): SettingApi {
    const setting = new FakeSetting(this.context, key)
    this.context.enqueue({ op: 'getSettingOrNullObject', key }, () => setting.resolveNull(!this.context.host.workbook.settings.has(key)))
    return setting
  }

  add(key: string, value: string): SettingApi {
    const setting = new FakeSetting(this.context, key)
    this.context.enqueue({ op: 'addSetting', key, value }, () => {
      if (!this.context.host.supports('1.4')) throw new FakeOfficeError('ApiNotFound', 'ExcelApi 1.4 is not supported.')
      this.context.host.workbook.settings.set(key, value)
    })
    return setting
  }
}

class FakeSetting extends FakeClientObject implements SettingApi {
  constructor(
    context: FakeRequestContext,
    private readonly key: string,
  ) {
    super(context)
  }

  resolveNull(isNull: boolean): void {
    this.markLoaded('isNullObject', isNull)
  }

  get isNullObject(): boolean {
    return this.read<boolean>('isNullObject')
  }

  get value(): unknown {
    return this.read<unknown>('value')
  }

  load(propertyNames: 'value' | Array<'value'>): SettingApi {
    const properties = typeof propertyNames === 'string' ? [propertyNames] : propertyNames
    this.queueLoad(`settings.${this.key}`, properties, () => this.context.host.workbook.settings.get(this.key) ?? null)
    return this
  }
}

function removeIntersecting<T extends { rect: CellRect }>(list: T[], rect: CellRect): void {
  for (let index = list.length - 1; index >= 0; index--) {
    if (rect === WHOLE_SHEET || intersects(list[index]!.rect, rect)) list.splice(index, 1)
  }
}

function sameRect(a: CellRect, b: CellRect): boolean {
  return a.row === b.row && a.column === b.column && a.rowCount === b.rowCount && a.columnCount === b.columnCount
}

/** Reading formats back is not part of the surface; fail loudly rather than return a guess. */
function notReadable(property: string): Error {
  return new Error(`Reading ${property} is not supported by the fake Excel host`)
}

function byteLength(data: unknown): number {
  return new TextEncoder().encode(JSON.stringify(data) ?? '').length
}

function throwItemNotFound(name: string): never {
  throw new FakeOfficeError('ItemNotFound', `The requested resource "${name}" doesn't exist.`)
}

function nextDefaultSheetName(workbook: FakeWorkbook): string {
  for (let index = workbook.sheets.length + 1; ; index++) {
    if (!workbook.findSheet(`Feuil${index}`)) return `Feuil${index}`
  }
}

function compareVersions(a: string, b: string): number {
  const [aMajor = 0, aMinor = 0] = a.split('.').map(Number)
  const [bMajor = 0, bMinor = 0] = b.split('.').map(Number)
  return aMajor - bMajor || aMinor - bMinor
}
