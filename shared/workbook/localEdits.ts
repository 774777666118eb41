/**
 * Local edits of the grade sheet, measured against the snapshot taken at the last pull: what to
 * send, how a new pull merges with them, and how the Worker's 409 conflicts read in the sheet.
 *
 * Three versions of each input meet here: the base (snapshot sheet, as pulled), the user's (the
 * "Grille" sheet) and the server's (a fresh grid). An input the user did not touch takes the
 * server's value; one the user changed is kept, and reported as a conflict when the server changed
 * it too, unless the user chose the server's side. Inputs are compared in the Worker's canonical
 * form, so " acq " typed over "ACQ" is no edit.
 */
import type { CanonicalMark } from '../rules/marks'
import type { OverrideCode } from '../rules/codes'
import {
  candidateIdOf,
  candidateLabel,
  copyUnit,
  readUnit,
  rowVersionOf,
  ROW_VERSION_COLUMN,
  sameReading,
  sameValue,
  snapshotOf,
  unitAddress,
  unitLabel,
  writeUnit,
  type Decision,
  type RowCells,
  type UnitReading,
} from './gradeSheetData'
import type { GradeSheetLayout, InputUnit } from './gradeSheetLayout'

/** The user's side or the server's, for one input both changed. */
export type Resolution = 'mine' | 'server'

/** An input whose value in the sheet is not the server's. */
export interface CellDifference {
  /** `${candidateId}|${unitKey}`: what a resolution is keyed by. */
  key: string
  candidateId: string
  candidateLabel: string
  /** "CR1.2" or "Décision du jury BC01". */
  label: string
  /** A1 address in the "Grille" sheet. */
  address: string
  /** What the sheet holds, and what the server has. */
  local: UnitReading
  server: UnitReading
  /** The server changed it too since the pull (or refused it in a 409): the user must choose. */
  conflict: boolean
}

export interface MergeResult {
  /** What the sheet holds after the pull: the server's rows with the kept local edits. */
  rows: RowCells[]
  /** The server's rows, as the new base. */
  snapshot: RowCells[]
  differences: CellDifference[]
  /** Local edits of candidates the server no longer has (they cannot be kept). */
  droppedEdits: Array<{ candidateId: string; candidateLabel: string; count: number }>
}

export function differenceKey(candidateId: string, unit: InputUnit): string {
  return `${candidateId}|${unit.key}`
}

const BLANK: UnitReading = { valid: true, value: null }

/**
 * Merges a fresh server grid (as rows) with the workbook's rows and snapshot. Without local rows
 * (first pull, or another session) the result is the server's grid.
 */
export function mergeWithServer(
  layout: GradeSheetLayout,
  server: readonly RowCells[],
  local: { rows: readonly RowCells[]; snapshot: readonly RowCells[] } | null,
  resolutions: ReadonlyMap<string, Resolution> = new Map(),
): MergeResult {
  const currentById = new Map((local?.rows ?? []).map((cells) => [candidateIdOf(cells), cells]))
  const baseById = new Map((local?.snapshot ?? []).map((cells) => [candidateIdOf(cells), cells]))
  const differences: CellDifference[] = []
  const rows = server.map((serverCells, rowIndex) => {
    const id = candidateIdOf(serverCells)
    const merged = [...serverCells]
    const current = currentById.get(id)
    if (!current) return merged
    const base = baseById.get(id)
    for (const unit of layout.inputUnits) {
      const mine = readUnit(unit, current)
      const theirs = readUnit(unit, serverCells)
      // Without a base (snapshot row lost) every difference from the server counts as the user's.
      const baseReading = base ? readUnit(unit, base) : theirs
      if (sameReading(mine, baseReading)) continue
      const key = differenceKey(id, unit)
      if (resolutions.get(key) === 'server') continue
      copyUnit(unit, current, merged)
      if (sameReading(mine, theirs)) continue
      differences.push({
        key,
        candidateId: id,
        candidateLabel: candidateLabel(layout, serverCells),
        label: unitLabel(unit),
        address: unitAddress(unit, rowIndex),
        local: mine,
        server: theirs,
        conflict: !sameReading(theirs, baseReading) && resolutions.get(key) !== 'mine',
      })
    }
    return merged
  })

  const serverIds = new Set(server.map(candidateIdOf))
  const droppedEdits = (local?.rows ?? []).flatMap((current) => {
    const id = candidateIdOf(current)
    if (serverIds.has(id)) return []
    const base = baseById.get(id)
    const count = layout.inputUnits.filter((unit) => !sameReading(readUnit(unit, current), base ? readUnit(unit, base) : BLANK)).length
    return count > 0 ? [{ candidateId: id, candidateLabel: candidateLabel(layout, current), count }] : []
  })

  return { rows, snapshot: server.map((cells) => snapshotOf(layout, cells)), differences, droppedEdits }
}

/** One row of `PUT /sessions/{id}/grades`, canonical values only. */
export interface PushRow {
  candidateId: string
  rowVersion: number
  marks: Record<string, CanonicalMark>
  decisions: Record<string, { code: OverrideCode | null; reason: string | null }>
}

/**
 * The inputs the user changed since the pull, per candidate, with the row version they were read
 * at. Invalid inputs are left out: verification refuses to send while there are any.
 */
export function localChanges(layout: GradeSheetLayout, rows: readonly RowCells[], snapshot: readonly RowCells[]): PushRow[] {
  const baseById = new Map(snapshot.map((cells) => [candidateIdOf(cells), cells]))
  return rows.flatMap((cells) => {
    const id = candidateIdOf(cells)
    if (id === '') return []
    const base = baseById.get(id)
    const push: PushRow = { candidateId: id, rowVersion: rowVersionOf(cells), marks: {}, decisions: {} }
    let changed = false
    for (const unit of layout.inputUnits) {
      const mine = readUnit(unit, cells)
      if (!mine.valid || sameReading(mine, base ? readUnit(unit, base) : BLANK)) continue
      changed = true
      if (unit.kind === 'mark') push.marks[unit.critereCode] = mine.value as CanonicalMark
      else {
        const decision = mine.value as Decision | null
        push.decisions[unit.blocCode] = { code: decision?.code ?? null, reason: decision?.reason ?? null }
      }
    }
    return changed ? [push] : []
  })
}

/**
 * The snapshot once a push is accepted: sent inputs become the base, in canonical form, and each
 * sent row moves to the version the Worker returned.
 */
export function snapshotAfterPush(
  layout: GradeSheetLayout,
  snapshot: readonly RowCells[],
  pushed: readonly PushRow[],
  versions: ReadonlyMap<string, number>,
): RowCells[] {
  const pushedById = new Map(pushed.map((row) => [row.candidateId, row]))
  return snapshot.map((cells) => {
    const push = pushedById.get(candidateIdOf(cells))
    if (!push) return [...cells]
    const next = [...cells]
    for (const unit of layout.inputUnits) {
      if (unit.kind === 'mark' && Object.hasOwn(push.marks, unit.critereCode)) writeUnit(unit, push.marks[unit.critereCode]!, next)
      if (unit.kind === 'decision' && Object.hasOwn(push.decisions, unit.blocCode)) {
        const decision = push.decisions[unit.blocCode]!
        writeUnit(unit, decision.code === null ? null : { code: decision.code, reason: decision.reason }, next)
      }
    }
    next[ROW_VERSION_COLUMN] = versions.get(push.candidateId) ?? push.rowVersion
    return next
  })
}

/** A cell of the Worker's 409 answer (`details.conflicts`). */
export interface ServerConflict {
  candidateId: string
  critereCode: string | null
  blocCode: string | null
  serverValue: string | number | null
  clientValue: string | number | null
  serverRowVersion: number | null
  clientRowVersion: number
}

/** The server's side of a conflict, read as an input: a decision comes with its code only. */
function serverReading(unit: InputUnit, value: string | number | null): UnitReading {
  if (value === null) return BLANK
  if (unit.kind === 'decision') return { valid: true, value: { code: value as OverrideCode, reason: null } }
  return { valid: true, value: value as CanonicalMark }
}

/**
 * The Worker's conflicts as the sheet shows them: one line per input whose server value differs
 * from the user's, with its address. The Worker lists every sent input of a stale row; those where
 * both sides agree need no choice and are left out.
 */
export function describeConflicts(layout: GradeSheetLayout, rows: readonly RowCells[], conflicts: readonly ServerConflict[]): CellDifference[] {
  const rowIndexById = new Map(rows.map((cells, index) => [candidateIdOf(cells), index]))
  return conflicts.flatMap((conflict) => {
    const rowIndex = rowIndexById.get(conflict.candidateId)
    const unit = layout.inputUnits.find((candidate) =>
      conflict.critereCode !== null
        ? candidate.kind === 'mark' && candidate.critereCode === conflict.critereCode
        : candidate.kind === 'decision' && candidate.blocCode === conflict.blocCode,
    )
    if (rowIndex === undefined || unit === undefined) return []
    const cells = rows[rowIndex]!
    const mine = readUnit(unit, cells)
    // A decision conflict carries the server's code only; its reason comes with the next pull.
    const mineComparable = unit.kind === 'decision' && mine.valid ? ((mine.value as Decision | null)?.code ?? null) : mine.valid ? mine.value : null
    if (mine.valid && sameValue(mineComparable, conflict.serverValue)) return []
    return [
      {
        key: differenceKey(conflict.candidateId, unit),
        candidateId: conflict.candidateId,
        candidateLabel: candidateLabel(layout, cells),
        label: unitLabel(unit),
        address: unitAddress(unit, rowIndex),
        local: mine,
        server: serverReading(unit, conflict.serverValue),
        conflict: true,
      },
    ]
  })
}

/**
 * Inputs that differ from the snapshot, compared loosely (trimmed, case-insensitive): for a sheet
 * whose layout is no longer known (another session, an older add-in), before replacing it.
 */
export function countLooseEdits(inputColumns: readonly number[], rows: readonly RowCells[], snapshot: readonly RowCells[]): number {
  const baseById = new Map(snapshot.map((cells) => [candidateIdOf(cells), cells]))
  const loose = (value: unknown) => (typeof value === 'string' ? value.trim().toUpperCase() : value === null || value === undefined ? '' : value)
  let count = 0
  for (const cells of rows) {
    const base = baseById.get(candidateIdOf(cells))
    for (const column of inputColumns) if (loose(cells[column]) !== loose(base?.[column])) count++
  }
  return count
}
