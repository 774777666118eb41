import { afterEach, describe, expect, it, vi } from 'vitest'
import { probeWorkbook } from '../../../addin/src/excel/gridProbe'
import { readColumnsRequestCount, readGradeColumns } from '../../../addin/src/excel/gridReader'
import type { FakeExcelHost } from '../../support/fakeExcel'
import { gradeLayout } from '../../shared/workbook/gradeFixture'
import { inExcel, writtenHost } from './gridFixture'

afterEach(() => {
  vi.unstubAllGlobals()
})

const shape = { rowCount: 3, columnCount: gradeLayout.columns.length }
/** Identity (A), BC02's decision and reason (O:P), its result (R), certification (AC): four ranges per request. */
const COLUMNS = [0, 14, 15, 17, 28]

async function read(host: FakeExcelHost, cellBudget?: number) {
  const before = host.syncs.length
  const rows = await inExcel(host, async (context) => {
    const probe = await probeWorkbook(context)
    return readGradeColumns(context, probe.gradeSheet!, shape, COLUMNS, undefined, cellBudget)
  })
  return { rows, requests: host.syncs.length - before - 1 }
}

describe('readGradeColumns', () => {
  it('reads only the asked columns, formula results as Excel computes them, in one request', async () => {
    const host = await writtenHost()

    const { rows, requests } = await read(host)

    expect(requests).toBe(1)
    expect(rows).toHaveLength(3)
    expect(rows[0]).toHaveLength(shape.columnCount)
    expect(rows.map((cells) => COLUMNS.map((column) => cells[column]))).toEqual([
      ['cand-1', 'ADJ', 'Soutenance remarquable', 'ADJ', 'CERTIFIÉ'],
      ['cand-2', '', '', 'ATT', 'EN ATTENTE'],
      ['cand-3', '', '', 'ATT', 'EN ATTENTE'],
    ])
    // Columns not asked for are not read: the marks of the first candidate stay empty here.
    expect(rows[0]?.[6]).toBe('')
    const loads = host.syncs.at(-1)!.operations.filter((operation) => operation.op === 'load')
    expect(loads).toHaveLength(4)
  })

  it('reads in blocks of rows within the cell budget', async () => {
    const host = await writtenHost()

    const { rows, requests } = await read(host, COLUMNS.length)

    expect(requests).toBe(3)
    expect(readColumnsRequestCount(shape.rowCount, COLUMNS.length, COLUMNS.length)).toBe(3)
    expect(rows.map((cells) => cells[0])).toEqual(['cand-1', 'cand-2', 'cand-3'])
  })

  it('reads again in smaller blocks when Excel refuses a response as too large', async () => {
    const host = await writtenHost()
    // Each reason fits in a response alone, not together.
    host.typeInto('Grille', 'P4', 'x'.repeat(2_500))
    host.typeInto('Grille', 'P5', 'y'.repeat(2_500))
    host.payloadLimitBytes = 3_000

    const { rows, requests } = await read(host)

    expect(requests).toBeGreaterThan(1)
    expect([rows[1]?.[15], rows[2]?.[15]]).toEqual(['x'.repeat(2_500), 'y'.repeat(2_500)])
    expect(rows.map((cells) => cells[0])).toEqual(['cand-1', 'cand-2', 'cand-3'])
  })
})
