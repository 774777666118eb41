/**
 * Candidate rows of the "Grille" sheet as arrays of cell contents, one per layout column, built
 * from the Worker's grid, and the reading of one input (a mark, or a jury decision with its reason)
 * in the canonical form the Worker stores. Pure: the Excel adapter moves these arrays in and out.
 */
import { isBlankCell, readMark, readOverride, readReason, type CanonicalMark, type CellInput } from '../rules/marks'
import type { OverrideCode } from '../rules/codes'
import { cellAddress, FIRST_DATA_ROW, GRADE_SHEET_TEXT, type GradeSheetLayout, type InputUnit } from './gradeSheetLayout'

/**
 * The grid as `GET /sessions/{id}/grid` returns it, reduced to what the sheet shows: the structural
 * twin of the Worker's `Grid` (worker/db/grid.ts), which shared code may not import.
 */
export interface PulledGrid {
  session: { id: string; name: string; referentialId: string; status: string; gridVersion: number }
  criteres: ReadonlyArray<{ code: string; blocCode: string }>
  candidates: {
    ids: readonly string[]
    schoolIds: readonly string[]
    birthNames: readonly string[]
    usageNames: ReadonlyArray<string | null>
    firstNames: ReadonlyArray<readonly string[]>
    optionCodes: ReadonlyArray<string | null>
    capitalisedBlocs: ReadonlyArray<ReadonlyArray<{ blocCode: string }>>
    rowVersions: readonly number[]
  }
  marks: ReadonlyArray<ReadonlyArray<string | number | null>>
  decisions: ReadonlyArray<readonly [number, ReadonlyArray<{ blocCode: string; code: string; reason: string }>]>
}

/** The contents of one candidate row, one cell per layout column ("" for an empty cell). */
export type RowCells = CellInput[]

/** Hidden identity columns: every row starts with them. */
export const CANDIDATE_ID_COLUMN = 0
export const ROW_VERSION_COLUMN = 1

/** A decision as stored: the code, and its reason. */
export interface Decision {
  code: OverrideCode
  reason: string | null
}

export type UnitValue = CanonicalMark | Decision

/** An input read from its cells: canonical when valid, else the raw text the user typed. */
export type UnitReading = { valid: true; value: UnitValue } | { valid: false; raw: string }

export function candidateIdOf(cells: RowCells): string {
  return String(cells[CANDIDATE_ID_COLUMN] ?? '')
}

export function rowVersionOf(cells: RowCells): number {
  const version = cells[ROW_VERSION_COLUMN]
  return typeof version === 'number' ? version : Number(version)
}

/** "Nom Prénoms" of a row, as people are named in lists. */
export function candidateLabel(layout: GradeSheetLayout, cells: RowCells): string {
  const column = (kind: string) => layout.columns.find((candidate) => candidate.kind === kind)!.index
  return [cells[column('name')], cells[column('firstNames')]].filter((part) => !isBlankCell(part)).join(' ')
}

/** The A1 address of a unit's (first) cell in the candidate row at `rowIndex` (0 = first candidate). */
export function unitAddress(unit: InputUnit, rowIndex: number): string {
  return cellAddress(FIRST_DATA_ROW + rowIndex, unit.kind === 'mark' ? unit.column : unit.overrideColumn)
}

/** What a row holds for a unit, in the Worker's canonical form. */
export function readUnit(unit: InputUnit, cells: RowCells): UnitReading {
  if (unit.kind === 'mark') {
    const raw = cells[unit.column]
    const read = readMark(raw, unit.scale, unit.decimals)
    return read.ok ? { valid: true, value: read.value } : { valid: false, raw: String(raw) }
  }
  const code = readOverride(cells[unit.overrideColumn])
  if (!code.ok) return { valid: false, raw: String(cells[unit.overrideColumn]) }
  // A reason without a decision is not stored: the Worker keeps reasons of decisions only.
  if (code.value === null) return { valid: true, value: null }
  return { valid: true, value: { code: code.value, reason: readReason(cells[unit.reasonColumn]) } }
}

export function sameReading(a: UnitReading, b: UnitReading): boolean {
  if (!a.valid || !b.valid) return !a.valid && !b.valid && a.raw === b.raw
  return sameValue(a.value, b.value)
}

/** Values as compared: canonical, or as the Worker sent them in a conflict. */
export function sameValue(a: Decision | string | number | null, b: Decision | string | number | null): boolean {
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return a === b
  return a.code === b.code && a.reason === b.reason
}

/** Copies a unit's cells from one row to another, as typed (a user's " acq " stays " acq "). */
export function copyUnit(unit: InputUnit, from: RowCells, to: RowCells): void {
  const columns = unit.kind === 'mark' ? [unit.column] : [unit.overrideColumn, unit.reasonColumn]
  for (const column of columns) to[column] = from[column] ?? ''
}

/** Writes a canonical value into a unit's cells. */
export function writeUnit(unit: InputUnit, value: UnitValue, cells: RowCells): void {
  if (unit.kind === 'mark') {
    cells[unit.column] = value === null ? '' : (value as CanonicalMark)
    return
  }
  const decision = value as Decision | null
  cells[unit.overrideColumn] = decision?.code ?? ''
  cells[unit.reasonColumn] = decision?.reason ?? ''
}

/** The column header a unit is known by: "CR1.2" or "Décision du jury BC01". */
export function unitLabel(unit: InputUnit): string {
  return unit.kind === 'mark' ? unit.critereCode : `${GRADE_SHEET_TEXT.headers.override} ${unit.blocCode}`
}

/**
 * Every candidate of the grid as a row of the sheet, in the grid's order, inputs in canonical form.
 * Result columns stay empty: the formulas fill them.
 */
export function gridToRows(layout: GradeSheetLayout, grid: PulledGrid): RowCells[] {
  const { candidates } = grid
  const columnOfCritere = new Map(grid.criteres.map((critere, index) => [critere.code, index]))
  const decisionsByRow = new Map(grid.decisions.map(([row, decisions]) => [row, decisions]))
  return candidates.ids.map((id, row) => {
    const capitalised = new Set((candidates.capitalisedBlocs[row] ?? []).map((bloc) => bloc.blocCode))
    const decisions = new Map((decisionsByRow.get(row) ?? []).map((decision) => [decision.blocCode, decision]))
    const usageName = candidates.usageNames[row]
    const birthName = candidates.birthNames[row] ?? ''
    return layout.columns.map((column): CellInput => {
      switch (column.kind) {
        case 'candidateId':
          return id
        case 'rowVersion':
          return candidates.rowVersions[row] ?? 0
        case 'schoolId':
          return candidates.schoolIds[row] ?? ''
        case 'name':
          return usageName ? `${usageName} (${birthName})` : birthName
        case 'firstNames':
          return (candidates.firstNames[row] ?? []).join(', ')
        case 'option':
          return candidates.optionCodes[row] ?? ''
        case 'mark': {
          const index = columnOfCritere.get(column.critereCode!)
          return index === undefined ? '' : (grid.marks[row]?.[index] ?? '')
        }
        case 'override':
          return decisions.get(column.blocCode!)?.code ?? ''
        case 'reason':
          return decisions.get(column.blocCode!)?.reason ?? ''
        case 'capitalised':
          return capitalised.has(column.blocCode!) ? GRADE_SHEET_TEXT.capitalisedYes : ''
        case 'blocResult':
        case 'certification':
          return ''
      }
    })
  })
}

/**
 * The snapshot sheet's row: identity and inputs as pulled, nothing else; it is what local edits
 * are measured against.
 */
export function snapshotOf(layout: GradeSheetLayout, cells: RowCells): RowCells {
  const kept = new Set<number>([CANDIDATE_ID_COLUMN, ROW_VERSION_COLUMN])
  for (const column of layout.columns) if (column.editable) kept.add(column.index)
  return Array.from({ length: layout.snapshotColumnCount }, (_, index) => (kept.has(index) ? (cells[index] ?? '') : ''))
}

/** Critère codes of the grid that the layout has no column for (a référentiel mismatch). */
export function unknownCriteres(layout: GradeSheetLayout, grid: PulledGrid): string[] {
  const known = new Set(layout.inputUnits.flatMap((unit) => (unit.kind === 'mark' ? [unit.critereCode] : [])))
  return grid.criteres.map((critere) => critere.code).filter((code) => !known.has(code))
}
