export { FakeExcelHost, FakeOfficeError, installFakeExcel } from './fakeExcel'
export type { FakeExcelHostOptions, OperationPayload, SyncRecord } from './fakeExcel'
export { FakeSheet, FakeWorkbook, columnLetters, parseA1, toA1 } from './cellStore'
export type { CellFormat, CellRect, CellValue, FakeCell } from './cellStore'
