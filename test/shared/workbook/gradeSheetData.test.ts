import { describe, expect, it } from 'vitest'
import type { Grid } from '../../../worker/db/grid'
import {
  candidateLabel,
  gridToRows,
  readUnit,
  sameReading,
  snapshotOf,
  unitAddress,
  unitLabel,
  unknownCriteres,
  writeUnit,
  type PulledGrid,
} from '../../../shared/workbook/gradeSheetData'
import type { InputUnit } from '../../../shared/workbook/gradeSheetLayout'
import { gradeGrid, gradeLayout } from './gradeFixture'

const unit = (key: string): InputUnit => gradeLayout.inputUnits.find((candidate) => candidate.key === key)!

describe('gridToRows', () => {
  it('gives one row per candidate with identity, canonical inputs, capitalised flags and empty results', () => {
    const [martin, durand, robert] = gridToRows(gradeLayout, gradeGrid())

    expect(martin).toEqual([
      'cand-1', 4, 'E001', 'Martin', 'Léa, Anne', 'BC03-A',
      'ACQ', 'ACQ', '', '', '', '',
      12.5, 6, 'ADJ', 'Soutenance remarquable', '', '',
      'ACQ', '', '', '', '',
      '', '', '', '', '',
      '',
    ])
    expect(durand?.slice(0, 12)).toEqual(['cand-2', 2, 'E002', 'Lefort (Durand)', 'Hugo', 'BC03-B', '', '', '', '', 'OUI', ''])
    expect(robert?.slice(0, 7)).toEqual(['cand-3', 1, '+33', '=Robert', '-Alex', '', 'PACQ'])
  })

  it('accepts the Worker’s own grid type', () => {
    // Compile-time check: the Worker's Grid is a PulledGrid.
    const fromWorker = (grid: Grid): PulledGrid => grid
    expect(typeof fromWorker).toBe('function')
  })

  it('reports critères of the grid that the layout does not know', () => {
    const grid = gradeGrid()
    expect(unknownCriteres(gradeLayout, grid)).toEqual([])
    expect(unknownCriteres(gradeLayout, { ...grid, criteres: [...grid.criteres, { code: 'CR9.9', blocCode: 'BC09' }] })).toEqual(['CR9.9'])
  })
})

describe('readUnit', () => {
  const [martin] = gridToRows(gradeLayout, gradeGrid())

  it('reads marks in the Worker’s canonical form, loosely typed text included', () => {
    const cells = [...martin!]
    cells[6] = ' acq '
    expect(readUnit(unit('mark:CR1.1'), cells)).toEqual({ valid: true, value: 'ACQ' })
    expect(readUnit(unit('mark:CR2.1'), cells)).toEqual({ valid: true, value: 12.5 })
    cells[7] = 'XYZ'
    expect(readUnit(unit('mark:CR1.2'), cells)).toEqual({ valid: false, raw: 'XYZ' })
  })

  it('reads a jury decision with its reason, and ignores a reason without decision', () => {
    expect(readUnit(unit('decision:BC02'), martin!)).toEqual({ valid: true, value: { code: 'ADJ', reason: 'Soutenance remarquable' } })
    const cells = [...martin!]
    cells[8] = ''
    cells[9] = 'Motif orphelin'
    expect(readUnit(unit('decision:BC01'), cells)).toEqual({ valid: true, value: null })
    cells[8] = 'adm'
    expect(readUnit(unit('decision:BC01'), cells)).toEqual({ valid: true, value: { code: 'ADM', reason: 'Motif orphelin' } })
    cells[8] = 'OUI'
    expect(readUnit(unit('decision:BC01'), cells)).toEqual({ valid: false, raw: 'OUI' })
  })

  it('compares readings by value: the same code typed differently is the same input', () => {
    const cells = [...martin!]
    cells[6] = 'acq  '
    expect(sameReading(readUnit(unit('mark:CR1.1'), cells), readUnit(unit('mark:CR1.1'), martin!))).toBe(true)
    expect(sameReading({ valid: false, raw: 'x' }, { valid: true, value: null })).toBe(false)
  })

  it('writes a canonical value back into a unit’s cells', () => {
    const cells = [...martin!]
    writeUnit(unit('decision:BC01'), { code: 'AJ', reason: 'Fraude' }, cells)
    writeUnit(unit('mark:CR2.2'), null, cells)
    expect([cells[8], cells[9], cells[13]]).toEqual(['AJ', 'Fraude', ''])
  })
})

describe('labels and addresses', () => {
  it('names a candidate, an input and its cell as the user sees them', () => {
    const [martin] = gridToRows(gradeLayout, gradeGrid())
    expect(candidateLabel(gradeLayout, martin!)).toBe('Martin Léa, Anne')
    expect(unitLabel(unit('mark:CR2.1'))).toBe('CR2.1')
    expect(unitLabel(unit('decision:BC02'))).toBe('Décision du jury BC02')
    expect(unitAddress(unit('mark:CR2.1'), 0)).toBe('M3')
    expect(unitAddress(unit('decision:BC03-B'), 2)).toBe('Y5')
  })
})

describe('snapshotOf', () => {
  it('keeps identity and inputs only, up to the last input column', () => {
    const [martin] = gridToRows(gradeLayout, gradeGrid())
    const snapshot = snapshotOf(gradeLayout, martin!)
    expect(snapshot).toHaveLength(gradeLayout.snapshotColumnCount)
    expect(snapshot.slice(0, 12)).toEqual(['cand-1', 4, '', '', '', '', 'ACQ', 'ACQ', '', '', '', ''])
    expect(snapshot.slice(12, 16)).toEqual([12.5, 6, 'ADJ', 'Soutenance remarquable'])
  })
})
