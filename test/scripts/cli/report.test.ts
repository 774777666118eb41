import { describe, expect, it } from 'vitest'
import { formatPlan, type PublicPlan } from '../../../scripts/cli/report'
import type { MarkChange } from '../../../shared/jury/planImport'

const conflict = (i: number): MarkChange => ({
  kind: 'conflict',
  candidateId: `c${i}`,
  schoolId: `E${i}`,
  blocCode: 'BC01',
  critereCode: 'C1',
  file: 'panel.xlsx',
  sheet: `Feuille ${i}`,
  cell: 'C8',
  before: { value: 10, comment: null, source: 'manual', author: 'Marie Durand', updatedAt: '2026-06-12T08:30:00.000Z' },
  after: { value: 12, comment: null },
  resolution: 'blocks',
})

describe('the CLI’s preview', () => {
  it('counts conflicts from the totals when the Worker listed only the first 1,000 of them', () => {
    const listed = Array.from({ length: 1_000 }, (_, i) => conflict(i))
    const plan: PublicPlan = {
      policy: 'fail',
      files: [],
      totals: { new: 0, changed: 0, unchanged: 0, conflicts: 1_500, files: 1, sheets: 1_500, errors: 0, warnings: 0, excluded: 0, alreadyImported: 0 },
      changes: listed,
      errors: [],
      warnings: [],
      fileHashes: [],
      committable: false,
      nothingToDo: false,
    }
    const lines = formatPlan(plan)
    expect(lines).toContain('Conflits avec des notes saisies dans la grille (1500)\u00a0:')
    expect(lines).toContain('  … et 1480 autre(s)')
  })
})
