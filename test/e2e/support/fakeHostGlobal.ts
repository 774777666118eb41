/** The page's `certiblocFake` (test/e2e/fakeHostPage.ts), typed for the tests' `page.evaluate` calls. */
declare global {
  var certiblocFake: {
    typeInto(sheetName: string, address: string, input: string | number | null): void
    valueAt(sheetName: string, address: string): unknown
    rows(sheetName: string, firstRow: number, columnCount: number): unknown[][]
    sheetNames(): string[]
    usedValues(sheetName: string): unknown[][]
    conditionalFillAt(sheetName: string, address: string): string | null
  }
}

export {}
