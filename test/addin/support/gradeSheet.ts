/**
 * Test helpers that look at the grade sheet as a user would: by candidate, by column, by address,
 * with formulas evaluated by the fake host. Plus the engine's answer for the same cells.
 */
import { seedReferential } from '../../../shared/referential'
import { evaluateBloc } from '../../../shared/rules/evaluateBloc'
import { evaluateCertification } from '../../../shared/rules/evaluateCertification'
import type { CellInput } from '../../../shared/rules/marks'
import { cellAddress, FIRST_DATA_ROW, GRADE_SHEET_TEXT, type GradeColumn } from '../../../shared/workbook/gradeSheetLayout'
import { gradingRulesOf, type GradingRules } from '../../../addin/src/sync/gradingRules'
import type { FakeExcelHost } from '../../support/fakeExcel'

export const seedGrading: GradingRules = gradingRulesOf(seedReferential)

export const GRADE = GRADE_SHEET_TEXT.sheetName
export const SNAPSHOT = GRADE_SHEET_TEXT.snapshotSheetName

/** The sheet's candidate rows as Excel shows them (computed values), "" for empty cells. */
export function sheetRows(host: FakeExcelHost, grading: GradingRules = seedGrading): CellInput[][] {
  host.recalculate()
  const sheet = host.sheet(GRADE)
  const rows: CellInput[][] = []
  for (let row = FIRST_DATA_ROW; sheet.cell(row, 0)?.value != null; row++) {
    rows.push(grading.layout.columns.map((column) => sheet.cell(row, column.index)?.value ?? ''))
  }
  return rows
}

export function column(predicate: (column: GradeColumn) => boolean, grading: GradingRules = seedGrading): GradeColumn {
  const found = grading.layout.columns.find(predicate)
  if (!found) throw new Error('no such column in the layout')
  return found
}

export const markColumn = (critereCode: string) => column((candidate) => candidate.critereCode === critereCode)
export const blocColumn = (kind: GradeColumn['kind'], blocCode: string) =>
  column((candidate) => candidate.kind === kind && candidate.blocCode === blocCode)
export const kindColumn = (kind: GradeColumn['kind']) => column((candidate) => candidate.kind === kind)

/** "H7": the cell of a layout column in the candidate row at `rowIndex` (0 = first candidate). */
export function addressOf(rowIndex: number, target: GradeColumn): string {
  return cellAddress(FIRST_DATA_ROW + rowIndex, target.index)
}


/** What the rules engine decides for a row of the sheet: every bloc, then the certification. */
export function engineCodes(cells: readonly CellInput[], grading: GradingRules = seedGrading): { blocs: Record<string, string>; decision: string } {
  const placed = grading.layout.formulaLayout
  const blocs: Record<string, string> = {}
  for (const bloc of grading.rules.blocs) {
    const columns = placed.blocs.find((candidate) => candidate.blocCode === bloc.code)!
    blocs[bloc.code] = evaluateBloc(bloc, {
      marks: bloc.criteres.map((critere) => cells[columns.critereColumns[critere.code]!]),
      override: cells[columns.overrideColumn!],
      overrideReason: cells[columns.overrideReasonColumn!],
      capitalised: cells[columns.capitalisedColumn!],
    }).code
  }
  const decision = evaluateCertification(grading.rules.certification, { blocCodes: blocs, option: cells[placed.optionColumn!] }).decision
  return { blocs, decision }
}

/** What the sheet's formula cells show for a row, in the same shape. */
export function sheetCodes(cells: readonly CellInput[], grading: GradingRules = seedGrading): { blocs: Record<string, string>; decision: string } {
  const placed = grading.layout.formulaLayout
  const blocs: Record<string, string> = {}
  for (const bloc of placed.blocs) blocs[bloc.blocCode] = String(cells[bloc.resultColumn])
  return { blocs, decision: String(cells[placed.certificationColumn!]) }
}
