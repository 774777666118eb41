/**
 * "Vérifier": the sheet's inputs are decided again by the rules engine and compared with what the
 * formula cells show. A difference means a formula was overwritten or edited; an invalid input is
 * located by its cell. Sending stays blocked while any problem remains.
 */
import type { CompiledRules } from '../rules/compileRules'
import { evaluateBloc } from '../rules/evaluateBloc'
import { evaluateCertification, readOption } from '../rules/evaluateCertification'
import type { IssueKind } from '../rules/issues'
import type { CellInput } from '../rules/marks'
import { candidateIdOf, candidateLabel, readUnit, sameReading, type RowCells } from './gradeSheetData'
import { cellAddress, FIRST_DATA_ROW, type GradeSheetLayout } from './gradeSheetLayout'

/** A problem at a cell of "Grille"; the pane words it (the engine's own French message for inputs). */
export type SheetProblem = { address: string; candidateLabel: string } & (
  /** An invalid input: the rules engine's message, naming the bloc and critère. */
  | { kind: 'input'; message: string }
  /** A result cell that shows something else than the engine decides: its formula was changed. */
  | { kind: 'mismatch'; shown: string; expected: string }
  /** A result cell holding a typed value in place of its formula. */
  | { kind: 'formula' }
  /** An input in a bloc of an option the candidate did not choose: the Worker would refuse it. */
  | { kind: 'unchosenOption'; blocCode: string; chosenOption: string }
)


/** A problem without its place, one member of the union at a time. */
type ProblemDetail = SheetProblem extends infer Problem ? (Problem extends unknown ? Omit<Problem, 'address' | 'candidateLabel'> : never) : never

export interface VerificationReport {
  rowCount: number
  problems: SheetProblem[]
}

function shownText(value: CellInput): string {
  return value === null || value === undefined ? '' : String(value)
}

/**
 * @param formulaConstants addresses of result cells holding a typed value instead of a formula
 *   (Excel's "special cells": constants), found by the adapter.
 */
export function verifyGradeSheet(
  layout: GradeSheetLayout,
  rules: CompiledRules,
  rows: readonly RowCells[],
  snapshot: readonly RowCells[],
  formulaConstants: readonly string[] = [],
): VerificationReport {
  const problems: SheetProblem[] = []
  const baseById = new Map(snapshot.map((cells) => [candidateIdOf(cells), cells]))
  const placed = layout.formulaLayout
  const constants = new Set(formulaConstants)

  rows.forEach((cells, rowIndex) => {
    const sheetRow = FIRST_DATA_ROW + rowIndex
    const label = candidateLabel(layout, cells)
    const at = (column: number) => cellAddress(sheetRow, column)
    const report = (column: number, detail: ProblemDetail) => problems.push({ ...detail, address: at(column), candidateLabel: label })

    const shownCodes: Record<string, string> = {}
    for (const bloc of rules.blocs) {
      const columns = placed.blocs.find((candidate) => candidate.blocCode === bloc.code)!
      const evaluation = evaluateBloc(bloc, {
        marks: bloc.criteres.map((critere) => cells[columns.critereColumns[critere.code]!]),
        override: cells[columns.overrideColumn!],
        overrideReason: cells[columns.overrideReasonColumn!],
        capitalised: cells[columns.capitalisedColumn!],
      })
      if (!evaluation.ok) {
        for (const found of evaluation.issues) {
          const column = issueColumn(found.kind, found.critereCode, columns)
          report(column, { kind: 'input', message: found.message })
        }
      }
      shownCodes[bloc.code] = evaluation.code
      const shown = shownText(cells[columns.resultColumn])
      if (constants.has(at(columns.resultColumn))) report(columns.resultColumn, { kind: 'formula' })
      else if (shown !== evaluation.code) report(columns.resultColumn, { kind: 'mismatch', shown, expected: evaluation.code })
    }

    const optionCell = placed.optionColumn === null ? null : cells[placed.optionColumn]
    const certification = evaluateCertification(rules.certification, { blocCodes: shownCodes, option: optionCell })
    if (!certification.ok) {
      // A bloc in error is already reported at its own cells; only an unknown option is new here.
      for (const found of certification.issues) if (found.kind === 'option') report(placed.optionColumn!, { kind: 'input', message: found.message })
    }
    const certificationColumn = placed.certificationColumn!
    const shown = shownText(cells[certificationColumn])
    if (constants.has(at(certificationColumn))) report(certificationColumn, { kind: 'formula' })
    else if (shown !== certification.decision) report(certificationColumn, { kind: 'mismatch', shown, expected: certification.decision })

    // The Worker refuses marks of an option the candidate did not choose: only changed ones matter.
    const option = readOption(rules.certification, optionCell)
    if (option.ok && option.value !== null) {
      const base = baseById.get(candidateIdOf(cells))
      for (const unit of layout.inputUnits) {
        const band = layout.blocBands.find((candidate) => candidate.blocCode === unit.blocCode)
        if (!band?.option || band.option.blocCode === option.value.blocCode) continue
        const mine = readUnit(unit, cells)
        const blank = mine.valid && mine.value === null
        if (blank || (base && sameReading(mine, readUnit(unit, base)))) continue
        report(unit.kind === 'mark' ? unit.column : unit.overrideColumn, { kind: 'unchosenOption', blocCode: unit.blocCode, chosenOption: option.value.blocCode })
      }
    }
  })

  return { rowCount: rows.length, problems }
}

function issueColumn(
  kind: IssueKind,
  critereCode: string | null,
  columns: GradeSheetLayout['formulaLayout']['blocs'][number],
): number {
  if (kind === 'mark' && critereCode !== null) return columns.critereColumns[critereCode] ?? columns.resultColumn
  if (kind === 'override') return columns.overrideColumn ?? columns.resultColumn
  if (kind === 'reason') return columns.overrideReasonColumn ?? columns.resultColumn
  if (kind === 'capitalised') return columns.capitalisedColumn ?? columns.resultColumn
  return columns.resultColumn
}
