/**
 * Finalising from the workbook, as data: the candidate rows of "Grille" become the finalise
 * request (per candidate, the bloc results and the certification decision Excel shows, each jury
 * decision's reason beside it, and the grid version the workbook holds), and the Worker's
 * differences come back located at the cells they are about. Pure: the Excel adapter reads the
 * rows, the Worker judges them.
 */
import type { FinalisationDifference, FinaliseRequest, PushedResult } from '../documents/finalisation'
import type { CompiledRules } from '../rules/compileRules'
import { readOption } from '../rules/evaluateCertification'
import { isBlankCell, readReason, type CellInput } from '../rules/marks'
import { candidateIdOf, candidateLabel, type RowCells } from './gradeSheetData'
import { cellAddress, FIRST_DATA_ROW, type GradeSheetLayout } from './gradeSheetLayout'

/** A cell as Excel shows it, as text: the Worker compares codes as text. */
function shown(value: CellInput): string {
  return value === null || value === undefined ? '' : String(value)
}

/** Bloc codes that count for a candidate, as the Worker computes them: mandatory blocs, then the chosen option's. */
function countedBlocCodes(rules: CompiledRules, optionCell: CellInput): Set<string> {
  const optionCodes = new Set(rules.certification.options.map((option) => option.blocCode))
  const counted = new Set(rules.blocs.map((bloc) => bloc.code).filter((code) => !optionCodes.has(code)))
  const option = readOption(rules.certification, optionCell)
  // An unknown option counts no option bloc; the verification has already reported the cell.
  if (option.ok && option.value !== null) counted.add(option.value.blocCode)
  return counted
}

/**
 * The finalise request for the rows as read from the sheet (formula cells holding their computed
 * values). Every result is sent as shown, even one that looks wrong: judging it is the Worker's
 * job, and its answer names the cell. A bloc of an option the candidate did not choose is left out,
 * as the Worker does not count it.
 */
export function finaliseRequestFromRows(
  layout: GradeSheetLayout,
  rules: CompiledRules,
  rows: readonly RowCells[],
  gridVersion: number,
): FinaliseRequest {
  const placed = layout.formulaLayout
  const results = rows.map((cells): PushedResult => {
    const counted = countedBlocCodes(rules, placed.optionColumn === null ? null : cells[placed.optionColumn])
    const blocs: PushedResult['blocs'] = {}
    for (const bloc of placed.blocs) {
      if (!counted.has(bloc.blocCode)) continue
      const code = shown(cells[bloc.resultColumn])
      // A reason goes with its jury decision only: alone it decides nothing.
      blocs[bloc.blocCode] = isBlankCell(cells[bloc.overrideColumn!]) ? { code } : { code, reason: readReason(cells[bloc.overrideReasonColumn!]) }
    }
    return { candidateId: candidateIdOf(cells), blocs, decision: shown(cells[placed.certificationColumn!]) }
  })
  return { gridVersion, results }
}

/** A difference of the Worker, with the cell of "Grille" it is about. */
export interface LocatedDifference extends FinalisationDifference {
  /** A1 address of the bloc result or certification cell; null when the candidate is not in the sheet. */
  address: string | null
  /** "Nom Prénoms" as the sheet shows them, or the candidate id when not in the sheet. */
  candidateLabel: string
}

/** Places each difference at its cell: the bloc's result, or the certification for a decision. */
export function locateDifferences(
  layout: GradeSheetLayout,
  rows: readonly RowCells[],
  differences: readonly FinalisationDifference[],
): LocatedDifference[] {
  const placed = layout.formulaLayout
  const rowIndexById = new Map(rows.map((cells, index) => [candidateIdOf(cells), index]))
  return differences.map((difference) => {
    const rowIndex = rowIndexById.get(difference.candidateId)
    if (rowIndex === undefined) return { ...difference, address: null, candidateLabel: difference.candidateId }
    const column = placed.blocs.find((bloc) => bloc.blocCode === difference.blocCode)?.resultColumn ?? placed.certificationColumn!
    return { ...difference, address: cellAddress(FIRST_DATA_ROW + rowIndex, column), candidateLabel: candidateLabel(layout, rows[rowIndex]!) }
  })
}
