export { FakeExcelHost, FakeOfficeError } from './fakeExcel'
export { installFakeExcel } from './install'
export { FakeSheet, parseA1 } from './cellStore'
