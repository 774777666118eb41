/**
 * A typed fake of the Excel host implementing exactly the interfaces of addin/src/excel/excelApi.ts
 * with Office's batching semantics:
 * - calls on proxies only queue operations; they reach the workbook at `context.sync()`;
 * - reading a property that was not loaded and then synced throws `PropertyNotLoaded`;
 * - `isNullObject` is known only after a sync;
 * - a request above the payload limit (5 MB, as on the web) fails whole, before anything applies;
 * - every sync is recorded with its operations and their JSON payload size.
 * Stricter than Office in one way: a property set on a proxy is not readable without load + sync.
 */
import { vi } from 'vitest'
import type {
  ExcelContextApi,
  RangeApi,
  RangeFillApi,
  RangeFontApi,
  RangeFormatApi,
  RangeLoadableProperty,
  WorksheetApi,
  WorksheetCollectionApi,
} from '../../../addin/src/excel/excelApi'
import {
  FakeSheet,
  FakeWorkbook,
  toA1,
  parseA1,
  WHOLE_SHEET,
  writeValue,
  type CellRect,
  type CellValue,
  type FakeCell,
} from './cellStore'

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
}

export interface FakeExcelHostOptions {
  /** Highest ExcelApi requirement set the host supports (default "1.9"). */
  excelApiVersion?: string
  /** Request size limit in bytes (default 5 MB, Excel on the web). */
  payloadLimitBytes?: number
  /** Sheets present before the test starts (default one sheet, "Feuil1"). */
  sheetNames?: string[]
}

export class FakeExcelHost {
  readonly workbook = new FakeWorkbook()
  readonly syncs: SyncRecord[] = []
  /** Options passed to each `Excel.run`, in order. */
  readonly runs: Array<{ delayForCellEdit?: boolean }> = []
  /** Index (in `syncs`) of each sync during which screen updating was suspended. */
  readonly screenUpdatingSuspendedAtSync: number[] = []
  readonly excelApiVersion: string
  readonly payloadLimitBytes: number

  constructor(options: FakeExcelHostOptions = {}) {
    this.excelApiVersion = options.excelApiVersion ?? '1.9'
    this.payloadLimitBytes = options.payloadLimitBytes ?? 5 * 1024 * 1024
    for (const name of options.sheetNames ?? ['Feuil1']) this.workbook.sheets.push(new FakeSheet(name))
    this.workbook.activeSheetName = this.workbook.sheets[0]?.name ?? null
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

  /** The part of the global `Office` the adapter reads. */
  readonly Office = {
    context: {
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
    const payloadBytes = new TextEncoder().encode(JSON.stringify(payloads)).length
    this.syncs.push({ operations: payloads, payloadBytes })
    if (payloadBytes > this.payloadLimitBytes) {
      throw new FakeOfficeError('RequestPayloadSizeLimitExceeded', 'The request payload size has exceeded the limit.')
    }
    for (const operation of operations) operation.apply()
  }

  supports(minVersion: string): boolean {
    return compareVersions(this.excelApiVersion, minVersion) >= 0
  }
}

/** Makes the fake the global `Excel` and `Office`; undo with `vi.unstubAllGlobals()`. */
export function installFakeExcel(host: FakeExcelHost): FakeExcelHost {
  vi.stubGlobal('Excel', host.Excel)
  vi.stubGlobal('Office', host.Office)
  return host
}

class FakeRequestContext implements ExcelContextApi {
  private queue: Operation[] = []
  readonly workbook: { worksheets: WorksheetCollectionApi }
  readonly application: { suspendScreenUpdatingUntilNextSync(): void }

  constructor(readonly host: FakeExcelHost) {
    this.workbook = { worksheets: new FakeWorksheetCollection(this) }
    this.application = {
      suspendScreenUpdatingUntilNextSync: () =>
        this.enqueue({ op: 'suspendScreenUpdatingUntilNextSync' }, () => {
          if (!host.supports('1.9')) throw new FakeOfficeError('ApiNotFound', 'ExcelApi 1.9 is not supported.')
          host.screenUpdatingSuspendedAtSync.push(host.syncs.length - 1)
        }),
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
      for (const property of properties) this.loaded.set(property, snapshot(property))
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
    })
    return new FakeWorksheet(this.context, name ?? '(new sheet)', () => created ?? throwItemNotFound(name ?? '(new sheet)'))
  }
}

class FakeWorksheet extends FakeClientObject implements WorksheetApi {
  readonly freezePanes: { freezeRows(rowCount?: number): void }

  constructor(
    context: FakeRequestContext,
    private readonly label: string,
    private readonly resolve: SheetResolver,
  ) {
    super(context)
    this.freezePanes = {
      freezeRows: (rowCount = 1) =>
        this.context.enqueue({ op: 'freezeRows', target: this.label, rowCount }, () => {
          this.resolve().frozenRows = rowCount
        }),
    }
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

class FakeRange extends FakeClientObject implements RangeApi {
  readonly format: RangeFormatApi
  private readonly target: string

  constructor(
    context: FakeRequestContext,
    sheetLabel: string,
    private readonly resolve: SheetResolver,
    private readonly rect: CellRect,
  ) {
    super(context)
    this.target = `${sheetLabel}!${rect === WHOLE_SHEET ? '(all)' : toA1(rect)}`
    this.format = new FakeRangeFormat(this)
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
      cell.numberFormat = String(format)
    })
  }

  clear(applyTo: 'All' | 'Formats' | 'Contents' = 'All'): void {
    this.context.enqueue({ op: 'clear', target: this.target, applyTo }, () => {
      const sheet = this.resolve()
      sheet.forEachCellIn(this.rect, (cell, key) => {
        if (applyTo === 'All') sheet.cells.delete(key)
        if (applyTo === 'Contents') Object.assign(cell, { value: null, formula: null })
        if (applyTo === 'Formats') Object.assign(cell, { numberFormat: 'General', format: {} })
      })
    })
  }

  load(propertyNames: RangeLoadableProperty | RangeLoadableProperty[]): RangeApi {
    const properties = typeof propertyNames === 'string' ? [propertyNames] : propertyNames
    this.queueLoad(this.target, properties, (property) =>
      this.mapCells((cell) => (property === 'values' ? readValue(cell) : (cell?.numberFormat ?? 'General'))),
    )
    return this
  }

  /** Queues a formatting change applied to every cell of the range. */
  queueCellFormat(field: string, value: unknown, apply: (cell: FakeCell) => void): void {
    this.context.enqueue({ op: 'setFormat', target: this.target, field, value }, () => {
      const sheet = this.assertBounded()
      this.forEachPosition((row, column) => apply(sheet.cellForWrite(row, column)))
    })
  }

  queueColumnOperation(
    payload: { op: string; [field: string]: unknown },
    apply: (sheet: FakeSheet, columns: number[]) => void,
  ): void {
    this.context.enqueue({ ...payload, target: this.target }, () => {
      const columns = Array.from({ length: this.rect.columnCount }, (_, index) => this.rect.column + index)
      apply(this.resolve(), columns)
    })
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
      this.forEachPosition((row, column) =>
        write(sheet.cellForWrite(row, column), grid[row - this.rect.row]?.[column - this.rect.column]),
      )
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

  /** Cell-by-cell work on the whole sheet would mean 17 billion cells; the adapter never needs it. */
  private assertBounded(): FakeSheet {
    if (this.rect === WHOLE_SHEET) throw new Error(`The fake Excel host cannot read or write every cell of ${this.target}`)
    return this.resolve()
  }
}

class FakeRangeFormat implements RangeFormatApi {
  readonly font: RangeFontApi
  readonly fill: RangeFillApi

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
          if (Number(key.split(',')[1]) === column) longest = Math.max(longest, String(cell.value ?? '').length)
        }
        sheet.columnWidths.set(column, longest * 6 + 10)
      }
    })
  }
}

/** Reading formats back is not part of the surface yet; fail loudly rather than return a guess. */
function notReadable(property: string): Error {
  return new Error(`Reading ${property} is not supported by the fake Excel host`)
}

function readValue(cell: FakeCell | undefined): CellValue {
  return cell?.value ?? ''
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
