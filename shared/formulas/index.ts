/**
 * Excel formula generator: from the compiled rules and a grid layout, the formulas a candidate row
 * needs, one per bloc and one for the certification. Pure strings; the add-in writes them.
 */
import type { CompiledRules } from '../rules/compileRules'
import { issue, type Result, type RuleIssue } from '../rules/issues'
import { isRowIndex } from './a1'
import { blocFormula, type FormulaOptions } from './blocFormula'
import { certificationFormula } from './certificationFormula'
import { layoutIssues, type GridLayout } from './gridLayout'

export * from './a1'
export type { FormulaOptions } from './blocFormula'
export * from './gridLayout'

export interface FormulaCell {
  row: number
  column: number
  formula: string
  /** The bloc the formula decides, or null for the certification decision. */
  blocCode: string | null
}

/** Every formula of one candidate row: the layout's blocs in order, then the certification. */
export function rowFormulas(
  rules: CompiledRules,
  layout: GridLayout,
  row: number,
  options: FormulaOptions = {},
): Result<FormulaCell[]> {
  const blocsInGrid = rules.blocs.filter((bloc) => layout.blocs.some((columns) => columns.blocCode === bloc.code))
  const issues: RuleIssue[] = layoutIssues(layout, { blocs: blocsInGrid, certification: rules.certification })
  if (!isRowIndex(row)) issues.push(issue('layout', null, null, `ligne ${row} hors de la feuille.`))
  if (issues.length > 0) return { ok: false, issues }

  const cells: FormulaCell[] = []
  for (const columns of layout.blocs) {
    const bloc = blocsInGrid.find((candidate) => candidate.code === columns.blocCode)!
    const formula = blocFormula(bloc, layout, row, options)
    if (!formula.ok) issues.push(...formula.issues)
    else cells.push({ row, column: columns.resultColumn, formula: formula.value, blocCode: bloc.code })
  }
  if (layout.certificationColumn !== null) {
    const formula = certificationFormula(rules.certification, layout, row, options)
    if (!formula.ok) issues.push(...formula.issues)
    else cells.push({ row, column: layout.certificationColumn, formula: formula.value, blocCode: null })
  }
  return issues.length > 0 ? { ok: false, issues } : { ok: true, value: cells }
}
