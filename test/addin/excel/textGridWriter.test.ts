import { describe, expect, it } from 'vitest'
import { chunkRows, queueTextGrid } from '../../../addin/src/excel/textGridWriter'
import { FakeExcelHost } from '../../support/fakeExcel'

describe('chunkRows', () => {
  it('cuts rows into consecutive chunks within the cell budget', () => {
    expect(chunkRows(10, 4, 12)).toEqual([
      { startRow: 0, rowCount: 3 },
      { startRow: 3, rowCount: 3 },
      { startRow: 6, rowCount: 3 },
      { startRow: 9, rowCount: 1 },
    ])
  })

  it('keeps everything in one chunk when it fits, and at least one row per chunk when rows are wide', () => {
    expect(chunkRows(150, 4)).toEqual([{ startRow: 0, rowCount: 150 }])
    expect(chunkRows(2, 50, 10)).toEqual([
      { startRow: 0, rowCount: 1 },
      { startRow: 1, rowCount: 1 },
    ])
    expect(chunkRows(0, 4)).toEqual([])
  })
})

describe('queueTextGrid', () => {
  const grid = Array.from({ length: 7 }, (_, row) => [`=R${row}`, `-${row}`])

  it('syncs every chunk but the last, which stays queued for the caller', async () => {
    const host = new FakeExcelHost()
    const synced: number[] = []

    await host.Excel.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem('Feuil1')
      const chunkCount = await queueTextGrid(context, sheet, grid, (count) => synced.push(count), 6)
      expect(chunkCount).toBe(3)
      expect(host.syncs).toHaveLength(2)
      await context.sync()
    })

    expect(synced).toEqual([1, 2])
    expect(host.syncs.map((sync) => sync.operations.filter((op) => op.op === 'setValues').length)).toEqual([1, 1, 1])
    expect(host.sheet('Feuil1').usedValues()).toEqual(grid)
    for (const cell of host.sheet('Feuil1').cells.values()) expect(cell.formula).toBeNull()
  })

  it('queues nothing for an empty grid', async () => {
    const host = new FakeExcelHost()
    await host.Excel.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem('Feuil1')
      expect(await queueTextGrid(context, sheet, [])).toBe(0)
    })
    expect(host.syncs.flatMap((sync) => sync.operations).map((op) => op.op)).toEqual(['getItem'])
  })
})
