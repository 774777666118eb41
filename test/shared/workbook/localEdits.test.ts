import { describe, expect, it } from 'vitest'
import { gridToRows, snapshotOf, type RowCells } from '../../../shared/workbook/gradeSheetData'
import {
  countLooseEdits,
  describeConflicts,
  localChanges,
  mergeWithServer,
  snapshotAfterPush,
  type Resolution,
} from '../../../shared/workbook/localEdits'
import { gradeGrid, gradeLayout } from './gradeFixture'

/** Columns of the fixture's sheet (see gradeFixture.ts). */
const CR1_1 = 6
const CR1_2 = 7
const BC01_DECISION = 8
const BC01_REASON = 9
const CR2_1 = 12

function pulled() {
  const server = gridToRows(gradeLayout, gradeGrid())
  return { rows: server.map((cells) => [...cells]), snapshot: server.map((cells) => snapshotOf(gradeLayout, cells)) }
}

const valid = (value: unknown) => ({ valid: true, value })

function serverWith(change: (rows: RowCells[]) => void): RowCells[] {
  const rows = gridToRows(gradeLayout, gradeGrid())
  change(rows)
  return rows
}

describe('mergeWithServer', () => {
  it('without a workbook grid, is the server’s grid and its snapshot', () => {
    const server = gridToRows(gradeLayout, gradeGrid())
    const merged = mergeWithServer(gradeLayout, server, null)
    expect(merged.rows).toEqual(server)
    expect(merged.snapshot).toEqual(server.map((cells) => snapshotOf(gradeLayout, cells)))
    expect(merged.differences).toEqual([])
  })

  it('takes the server’s changes where the user changed nothing, and its new row versions', () => {
    const local = pulled()
    const server = serverWith((rows) => {
      rows[1]![CR1_1] = 'NACQ'
      rows[1]![1] = 3
    })
    const merged = mergeWithServer(gradeLayout, server, local)
    expect(merged.rows[1]?.[CR1_1]).toBe('NACQ')
    expect(merged.rows[1]?.[1]).toBe(3)
    expect(merged.differences).toEqual([])
  })

  it('keeps the user’s edits as typed, and lists them beside the server’s value', () => {
    const local = pulled()
    local.rows[1]![CR1_1] = ' nacq '
    local.rows[1]![BC01_DECISION] = 'ADM'
    local.rows[1]![BC01_REASON] = 'VAE validée'
    const merged = mergeWithServer(gradeLayout, gridToRows(gradeLayout, gradeGrid()), local)
    expect(merged.rows[1]?.slice(CR1_1, BC01_REASON + 1)).toEqual([' nacq ', '', 'ADM', 'VAE validée'])
    expect(merged.differences).toEqual([
      expect.objectContaining({ key: 'cand-2|mark:CR1.1', address: 'G4', local: valid('NACQ'), server: valid(null), conflict: false, candidateLabel: 'Lefort (Durand) Hugo' }),
      expect.objectContaining({ key: 'cand-2|decision:BC01', address: 'I4', local: valid({ code: 'ADM', reason: 'VAE validée' }), server: valid(null), conflict: false }),
    ])
    // The snapshot is the server's: the kept edits are still to send.
    expect(merged.snapshot[1]?.[CR1_1]).toBe('')
  })

  it('reports a conflict when the server changed the same input since the pull, keeping the user’s value until they choose', () => {
    const local = pulled()
    local.rows[0]![CR1_2] = 'NACQ'
    const server = serverWith((rows) => {
      rows[0]![CR1_2] = 'PACQ'
    })
    const merged = mergeWithServer(gradeLayout, server, local)
    expect(merged.rows[0]?.[CR1_2]).toBe('NACQ')
    expect(merged.differences).toEqual([expect.objectContaining({ address: 'H3', local: valid('NACQ'), server: valid('PACQ'), conflict: true })])
  })

  it('applies the user’s choice per conflicting input: the server’s value, or theirs kept without a conflict', () => {
    const local = pulled()
    local.rows[0]![CR1_2] = 'NACQ'
    local.rows[0]![CR2_1] = 15
    const server = serverWith((rows) => {
      rows[0]![CR1_2] = 'PACQ'
      rows[0]![CR2_1] = 9
    })
    const resolutions = new Map<string, Resolution>([
      ['cand-1|mark:CR1.2', 'server'],
      ['cand-1|mark:CR2.1', 'mine'],
    ])
    const merged = mergeWithServer(gradeLayout, server, local, resolutions)
    expect([merged.rows[0]?.[CR1_2], merged.rows[0]?.[CR2_1]]).toEqual(['PACQ', 15])
    expect(merged.differences).toEqual([expect.objectContaining({ address: 'M3', local: valid(15), server: valid(9), conflict: false })])
  })

  it('agrees without a word when the user and the server made the same change', () => {
    const local = pulled()
    local.rows[2]![CR1_2] = 'acq'
    const server = serverWith((rows) => {
      rows[2]![CR1_2] = 'ACQ'
    })
    expect(mergeWithServer(gradeLayout, server, local).differences).toEqual([])
  })

  it('places new candidates in the server’s order and reports edits of candidates the server removed', () => {
    const local = pulled()
    local.rows[2]![CR1_1] = 'ACQ'
    const server = gridToRows(gradeLayout, gradeGrid()).slice(0, 2)
    const merged = mergeWithServer(gradeLayout, server, local)
    expect(merged.rows).toHaveLength(2)
    expect(merged.droppedEdits).toEqual([{ candidateId: 'cand-3', candidateLabel: '=Robert -Alex', count: 1 }])
  })

  it('treats every difference from the server as the user’s when a row has no snapshot', () => {
    const local = pulled()
    local.snapshot = local.snapshot.slice(1)
    local.rows[0]![CR1_1] = 'NACQ'
    const merged = mergeWithServer(gradeLayout, gridToRows(gradeLayout, gradeGrid()), local)
    expect(merged.rows[0]?.[CR1_1]).toBe('NACQ')
    expect(merged.differences).toEqual([expect.objectContaining({ address: 'G3', conflict: false })])
  })
})

describe('localChanges', () => {
  it('sends nothing for a sheet as pulled, even when codes were retyped differently', () => {
    const { rows, snapshot } = pulled()
    rows[0]![CR1_1] = ' acq'
    expect(localChanges(gradeLayout, rows, snapshot)).toEqual([])
  })

  it('sends changed marks and decisions canonically, with the row version they were read at', () => {
    const { rows, snapshot } = pulled()
    rows[1]![CR1_1] = 'nacq'
    rows[1]![CR2_1] = 14
    rows[0]![14] = ''
    rows[2]![BC01_DECISION] = 'adj'
    rows[2]![BC01_REASON] = '  Très bon oral  '
    expect(localChanges(gradeLayout, rows, snapshot)).toEqual([
      { candidateId: 'cand-1', rowVersion: 4, marks: {}, decisions: { BC02: { code: null, reason: null } } },
      { candidateId: 'cand-2', rowVersion: 2, marks: { 'CR1.1': 'NACQ', 'CR2.1': 14 }, decisions: {} },
      { candidateId: 'cand-3', rowVersion: 1, marks: {}, decisions: { BC01: { code: 'ADJ', reason: 'Très bon oral' } } },
    ])
  })

  it('leaves invalid inputs out: verification stops them first', () => {
    const { rows, snapshot } = pulled()
    rows[1]![CR1_1] = 'XYZ'
    expect(localChanges(gradeLayout, rows, snapshot)).toEqual([])
  })
})

describe('snapshotAfterPush', () => {
  it('makes the sent values the new base, canonical, at the returned row versions', () => {
    const { rows, snapshot } = pulled()
    rows[1]![CR1_1] = ' nacq '
    const pushed = localChanges(gradeLayout, rows, snapshot)
    const next = snapshotAfterPush(gradeLayout, snapshot, pushed, new Map([['cand-2', 3]]))
    expect(next[1]?.[CR1_1]).toBe('NACQ')
    expect(next[1]?.[1]).toBe(3)
    expect(next[0]).toEqual(snapshot[0])
    expect(localChanges(gradeLayout, rows, next).map((row) => row.candidateId)).toEqual([])
  })
})

describe('describeConflicts', () => {
  it('locates the Worker’s conflicting cells and leaves out those where both sides agree', () => {
    const { rows } = pulled()
    rows[0]![CR1_2] = 'NACQ'
    rows[0]![BC01_DECISION] = 'ADM'
    rows[0]![BC01_REASON] = 'Jury'
    rows[1]![CR1_1] = 'ACQ'
    const base = { candidateId: 'cand-1', serverRowVersion: 5, clientRowVersion: 4, clientValue: null }
    const conflicts = describeConflicts(gradeLayout, rows, [
      { ...base, critereCode: 'CR1.2', blocCode: null, serverValue: 'PACQ' },
      { ...base, critereCode: null, blocCode: 'BC01', serverValue: 'AJ' },
      { ...base, candidateId: 'cand-2', critereCode: 'CR1.1', blocCode: null, serverValue: 'ACQ' },
    ])
    expect(conflicts.map(({ key, address, local, server, conflict }) => ({ key, address, local, server, conflict }))).toEqual([
      { key: 'cand-1|mark:CR1.2', address: 'H3', local: valid('NACQ'), server: valid('PACQ'), conflict: true },
      { key: 'cand-1|decision:BC01', address: 'I3', local: valid({ code: 'ADM', reason: 'Jury' }), server: valid({ code: 'AJ', reason: null }), conflict: true },
    ])
  })
})

describe('countLooseEdits', () => {
  it('counts inputs that differ from the snapshot without knowing their scale', () => {
    const { rows, snapshot } = pulled()
    const inputs = gradeLayout.columns.filter((column) => column.editable).map((column) => column.index)
    rows[0]![CR1_1] = ' acq '
    expect(countLooseEdits(inputs, rows, snapshot)).toBe(0)
    rows[0]![CR1_2] = 'NACQ'
    rows[1]![BC01_REASON] = 'x'
    expect(countLooseEdits(inputs, rows, snapshot)).toBe(2)
  })
})
