/** Makes a fake host the global `Excel` and `Office` of a Vitest test; undo with `vi.unstubAllGlobals()`. */
import { vi } from 'vitest'
import type { FakeExcelHost } from './fakeExcel'

export function installFakeExcel(host: FakeExcelHost): FakeExcelHost {
  vi.stubGlobal('Excel', host.Excel)
  vi.stubGlobal('Office', host.Office)
  return host
}
