import { describe, expect, it } from 'vitest'
import { excelSerialDate, parseSyncMetadata, serializeSyncMetadata, type SyncMetadata } from '../../../shared/workbook/syncMetadata'

const metadata: SyncMetadata = {
  formatVersion: 1,
  sessionId: 'demo-2026',
  sessionName: 'Session de démonstration 2026',
  referentialId: 'expert-ingenierie-informatique-n7-v1',
  referentialVersion: 1,
  layoutSignature: 'grille-v1:expert-ingenierie-informatique-n7-v1@1',
  gridEtag: '"grid-demo-2026-61"',
  gridVersion: 61,
  pulledAt: '2026-06-12T07:30:00.000Z',
  pushedAt: null,
  rowCount: 30,
  columnCount: 87,
  snapshotColumnCount: 84,
  inputColumns: [6, 7, 8],
}

describe('sync metadata', () => {
  it('round-trips through the workbook setting', () => {
    expect(parseSyncMetadata(serializeSyncMetadata(metadata))).toEqual(metadata)
  })

  it('is null when missing, unreadable, of another format or incomplete', () => {
    expect(parseSyncMetadata(null)).toBeNull()
    expect(parseSyncMetadata('{pas du json')).toBeNull()
    expect(parseSyncMetadata(JSON.stringify({ ...metadata, formatVersion: 2 }))).toBeNull()
    expect(parseSyncMetadata(JSON.stringify({ ...metadata, rowCount: -1 }))).toBeNull()
    const { sessionId: _omitted, ...withoutSession } = metadata
    expect(parseSyncMetadata(JSON.stringify(withoutSession))).toBeNull()
  })
})

describe('excelSerialDate', () => {
  it('counts days from 1899-12-30 in local time, the time of day as the fraction', () => {
    expect(excelSerialDate(new Date(1900, 0, 1))).toBe(2)
    expect(excelSerialDate(new Date(2026, 5, 12, 9, 30))).toBeCloseTo(46185 + 9.5 / 24, 9)
  })
})
