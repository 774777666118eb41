import { afterEach, describe, expect, it, vi } from 'vitest'
import { probeWorkbook } from '../../../addin/src/excel/gridProbe'
import { expandAddresses, readGradeSheet, readRequestCount } from '../../../addin/src/excel/gridReader'
import type { FakeExcelHost } from '../../support/fakeExcel'
import { gradeLayout } from '../../shared/workbook/gradeFixture'
import { inExcel, workbookContent, writtenHost } from './gridFixture'

afterEach(() => {
  vi.unstubAllGlobals()
})

const shape = {
  rowCount: 3,
  columnCount: gradeLayout.columns.length,
  snapshotColumnCount: gradeLayout.snapshotColumnCount,
  formulaColumns: [11, 17, 22, 27, 28],
}

async function read(host: FakeExcelHost, cellBudget?: number) {
  const before = host.syncs.length
  const contents = await inExcel(host, async (context) => {
    const probe = await probeWorkbook(context)
    return readGradeSheet(context, { gradeSheet: probe.gradeSheet!, snapshotSheet: probe.snapshotSheet! }, shape, undefined, cellBudget)
  })
  return { contents, requests: host.syncs.length - before - 1 }
}

describe('readGradeSheet', () => {
  it('reads the candidate rows with computed results, and the snapshot, in one request', async () => {
    const host = await writtenHost()

    const { contents, requests } = await read(host)

    expect(requests).toBe(1)
    expect(contents.rows.map((cells) => cells[0])).toEqual(['cand-1', 'cand-2', 'cand-3'])
    expect(contents.rows[0]?.[11]).toBe('ADM')
    expect(contents.snapshot).toEqual(workbookContent().snapshot)
    expect(contents.formulaConstants).toEqual([])
  })

  it('reads in blocks of rows within the cell budget', async () => {
    const host = await writtenHost()
    const budget = shape.columnCount + shape.snapshotColumnCount

    const { contents, requests } = await read(host, budget)

    expect(requests).toBe(3)
    expect(readRequestCount(shape, budget)).toBe(3)
    expect(contents.rows).toHaveLength(3)
    expect(contents.rows.map((cells) => cells[0])).toEqual(['cand-1', 'cand-2', 'cand-3'])
  })

  it('reads again in smaller blocks when Excel refuses a response as too large', async () => {
    const host = await writtenHost()
    host.typeInto('Grille', 'J3', 'x'.repeat(2_500))
    host.payloadLimitBytes = 3_000

    const { contents, requests } = await read(host)

    expect(requests).toBeGreaterThan(1)
    expect(contents.rows[0]?.[9]).toBe('x'.repeat(2_500))
    expect(contents.rows).toHaveLength(3)
  })

  it('finds result cells holding a typed value instead of their formula', async () => {
    const host = await writtenHost()
    host.sheet('Grille').protection.protected = false
    host.typeInto('Grille', 'L4', 'ADM')
    host.typeInto('Grille', 'AC5', 'CERTIFIÉ')

    const { contents } = await read(host)

    expect(contents.formulaConstants).toEqual(['L4', 'AC5'])
  })
})

describe('expandAddresses', () => {
  it('lists every cell of Excel’s area addresses, sheet names and anchors dropped', () => {
    expect(expandAddresses("Grille!G5,Grille!$G$7:$H$8, 'Jury d''avril'!AB2")).toEqual(['G5', 'G7', 'G8', 'H7', 'H8', 'AB2'])
    expect(expandAddresses('')).toEqual([])
  })
})
