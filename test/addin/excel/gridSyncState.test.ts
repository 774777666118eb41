import { afterEach, describe, expect, it, vi } from 'vitest'
import { probeWorkbook } from '../../../addin/src/excel/gridProbe'
import { writePushedState } from '../../../addin/src/excel/gridSyncState'
import { writeGradeWorkbook } from '../../../addin/src/excel/gridWriter'
import { parseSyncMetadata, SYNC_SETTING_KEY } from '../../../shared/workbook/syncMetadata'
import { FakeExcelHost, installFakeExcel } from '../../support/fakeExcel'
import { inExcel, workbookContent } from './gridFixture'

afterEach(() => {
  vi.unstubAllGlobals()
})

describe('writePushedState', () => {
  it('writes the sent rows’ versions and snapshot in one request, leaving the sheet protected', async () => {
    const host = installFakeExcel(new FakeExcelHost())
    const content = workbookContent()
    await inExcel(host, async (context) => writeGradeWorkbook(context, await probeWorkbook(context), content))
    const snapshotRow = [...content.snapshot[2]!]
    snapshotRow[6] = 'NACQ'
    const before = host.syncs.length

    await inExcel(host, async (context) => {
      const probe = await probeWorkbook(context)
      await writePushedState(context, { gradeSheet: probe.gradeSheet!, snapshotSheet: probe.snapshotSheet! }, {
        versions: [
          { rowIndex: 2, rowVersion: 9 },
          { rowIndex: 0, rowVersion: 5 },
        ],
        snapshotRows: [{ rowIndex: 2, cells: snapshotRow }],
        metadata: { ...content.metadata, pushedAt: '2026-06-13T08:00:00.000Z' },
      })
    })

    expect(host.syncs.length - before).toBe(2)
    const grade = host.sheet('Grille')
    expect(['B3', 'B4', 'B5'].map((address) => grade.cellAt(address)?.value)).toEqual([5, 2, 9])
    expect(host.sheet('Certibloc_Synchro').cellAt('G3')?.value).toBe('NACQ')
    expect(grade.protection.protected).toBe(true)
    expect(parseSyncMetadata(host.workbook.settings.get(SYNC_SETTING_KEY))?.pushedAt).toBe('2026-06-13T08:00:00.000Z')
    // Rows 1 and 3 are not consecutive: two writes, nothing for row 2.
    const versionWrites = host.syncs.at(-1)!.operations.filter((operation) => operation.op === 'setValues' && String(operation.target).startsWith('Grille'))
    expect(versionWrites.map((operation) => operation.target)).toEqual(['Grille!B3', 'Grille!B5'])
  })
})
