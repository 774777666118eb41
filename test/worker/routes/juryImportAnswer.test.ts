/**
 * What a jury import answers of its plan: at most MAX_LISTED_CHANGES changes, the ones that need
 * a look first (conflicts, then marks that replace an earlier import), in the plan's order, the
 * rest counted; totals untouched.
 */
import { describe, expect, it } from 'vitest'
import type { ChangeKind, ImportPlan, MarkChange } from '../../../shared/jury/planImport'
import { MAX_LISTED_CHANGES, publicPlan, refusedConflicts } from '../../../worker/routes/juryImportAnswer'

const change = (kind: ChangeKind, i: number): MarkChange => ({
  kind,
  candidateId: `c${i}`,
  schoolId: `E${i}`,
  blocCode: 'BC01',
  critereCode: 'C1',
  file: 'f.xlsx',
  sheet: 'BC01',
  cell: 'C8',
  before: null,
  after: { value: 12, comment: null },
})

function planOf(changes: MarkChange[]): ImportPlan {
  return {
    policy: 'fail',
    files: [],
    totals: { new: 0, changed: 0, unchanged: 0, conflicts: 0, files: 1, sheets: 1, errors: 0, warnings: 0, excluded: 0, alreadyImported: 0 },
    changes,
    errors: [],
    warnings: [],
    writes: [{ candidateId: 'c1', rowVersion: 1, marks: {}, comments: {} }],
    fileHashes: [],
    committable: false,
    nothingToDo: false,
  }
}

describe('the plan as a jury import answers it', () => {
  it('lists every change of a plan of up to 1,000, without the writes and without a count of omitted ones', () => {
    const changes = Array.from({ length: MAX_LISTED_CHANGES }, (_, i) => change('new', i))
    const answered = publicPlan(planOf(changes))
    expect(answered.changes).toEqual(changes)
    expect(answered).not.toHaveProperty('omittedChanges')
    expect(answered).not.toHaveProperty('writes')
  })

  it('beyond 1,000, keeps every conflict and replaced mark, fills up with new marks, in the plan’s order, and counts the rest', () => {
    const kinds: ChangeKind[] = Array.from({ length: 1_500 }, (_, i) => (i % 300 === 7 ? 'conflict' : i % 100 === 3 ? 'changed' : 'new'))
    const changes = kinds.map((kind, i) => change(kind, i))
    const answered = publicPlan(planOf(changes))
    expect(answered.changes).toHaveLength(MAX_LISTED_CHANGES)
    expect(answered.omittedChanges).toBe(500)
    expect(answered.changes.filter((c) => c.kind === 'conflict')).toHaveLength(kinds.filter((k) => k === 'conflict').length)
    expect(answered.changes.filter((c) => c.kind === 'changed')).toHaveLength(kinds.filter((k) => k === 'changed').length)
    const positions = answered.changes.map((c) => Number(c.candidateId.slice(1)))
    expect(positions).toEqual([...positions].sort((a, b) => a - b))
    // The new marks listed are the first ones of the plan.
    const lastNewListed = Math.max(...answered.changes.filter((c) => c.kind === 'new').map((c) => Number(c.candidateId.slice(1))))
    expect(changes.slice(0, lastNewListed + 1).filter((c) => c.kind === 'new').length).toBe(answered.changes.filter((c) => c.kind === 'new').length)
  })

  it('lists the first 1,000 conflicts of a refused commit and counts the others', () => {
    const conflicts = Array.from({ length: 1_200 }, (_, i) => change('conflict', i))
    expect(refusedConflicts(conflicts)).toEqual({ conflicts: conflicts.slice(0, MAX_LISTED_CHANGES), omittedConflicts: 200 })
    expect(refusedConflicts(conflicts.slice(0, 3))).toEqual({ conflicts: conflicts.slice(0, 3) })
  })
})
