import { describe, expect, it } from 'vitest'
import type { CandidateImportPreview } from '../../../addin/src/api/candidates'
import { changingLines, importCounts, isCommittable, sameRows } from '../../../addin/src/taskpane/candidateImportView'

const preview = (overrides: Partial<CandidateImportPreview> = {}): CandidateImportPreview => ({
  fileName: 'Classeur',
  format: 'sheet',
  sheet: 'Candidats',
  rows: 3,
  candidateListVersion: 4,
  errors: [],
  warnings: [],
  lines: [
    { row: 2, schoolId: 'E1', name: 'Martin Léa', candidateId: null, status: 'new', changes: [] },
    { row: 3, schoolId: 'E2', name: 'Durand Paul', candidateId: 'c2', status: 'unchanged', changes: [] },
    { row: 4, schoolId: 'E3', name: 'Petit Jean', candidateId: 'c3', status: 'changed', changes: ['email'] },
    { row: null, schoolId: 'E4', name: 'Roux Anna', candidateId: 'c4', status: 'withdrawn', changes: [] },
  ],
  created: ['E1'],
  updated: ['E3'],
  unchanged: ['E2'],
  withdrawn: ['E4'],
  reinstated: [],
  ...overrides,
})

describe('the dry run as the pane shows it', () => {
  it('counts each kind of row and lists only those the commit changes', () => {
    expect(importCounts(preview())).toEqual({ created: 1, updated: 1, unchanged: 1, withdrawn: 1, reinstated: 0, errors: 0 })
    expect(changingLines(preview()).map((line) => line.schoolId)).toEqual(['E1', 'E3', 'E4'])
  })

  it('offers the commit only without errors and with something to write', () => {
    expect(isCommittable(preview())).toBe(true)
    expect(isCommittable(preview({ errors: [{ file: 'Classeur', row: 5, message: 'ligne 5 : date inexistante' }] }))).toBe(false)
    expect(isCommittable(preview({ created: [], updated: [], withdrawn: [], lines: [] }))).toBe(false)
  })

  it('tells a sheet edited since its dry run', () => {
    expect(sameRows([['Identifiant'], ['E1']], [['Identifiant'], ['E1']])).toBe(true)
    expect(sameRows([['Identifiant'], ['E1']], [['Identifiant'], ['E2']])).toBe(false)
  })
})
