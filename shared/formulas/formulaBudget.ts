/**
 * Excel refuses a formula longer than 8,192 characters, and a bloc's formula grows with its row:
 * every reference carries the row number (`$G3` at row 3, `$G20002` at row 20,002). The rules of a
 * référentiel are therefore measured on the real "Grille" layout at the last row of the largest
 * grid the product supports, and refused at compile time when a formula would not fit there,
 * with the number of critères that would.
 */
import type { CompiledBloc, CompiledRules } from '../rules/compileRules'
import { issue, type RuleIssue } from '../rules/issues'
import { MAX_FORMULA_LENGTH } from './a1'
import { unboundedBlocFormula } from './blocFormula'
import { certificationFormula } from './certificationFormula'
import { sequentialLayout, type SequentialLayoutOptions } from './gridLayout'

/**
 * Candidates of the largest grid: what a candidate import and a grade push accept (20,000 rows).
 * Rows 10,000 to 99,999 all have five digits, so every formula has the same length on any of
 * them: the budget holds for any grid of up to 99,997 candidates.
 */
export const MAX_GRID_CANDIDATES = 20_000
/** Rows above the candidates in "Grille": the bloc band, then the column headers. */
export const GRID_HEADER_ROWS = 2
/** How "Grille" lays a bloc out (shared/workbook/gradeSheetLayout uses the same options). */
export const GRID_LAYOUT_OPTIONS = {
  sheetName: null,
  /** A–E: identifier, version, candidate number, name, first names; F is the option. */
  firstColumn: 5,
  withOverride: true,
  withCapitalised: true,
} as const satisfies SequentialLayoutOptions
/** 0-based index of the last candidate row of the largest grid: row 20,002 in Excel. */
export const LAST_GRID_ROW_INDEX = GRID_HEADER_ROWS + MAX_GRID_CANDIDATES - 1

const count = new Intl.NumberFormat('fr-FR')

/** The length of a bloc's formula in the grid of `rules`, at `row`; null if it cannot be laid out. */
export function gridBlocFormulaLength(rules: CompiledRules, blocCode: string, row = LAST_GRID_ROW_INDEX): number | null {
  const bloc = rules.blocs.find((candidate) => candidate.code === blocCode)
  if (!bloc) return null
  const formula = unboundedBlocFormula(bloc, sequentialLayout(rules, GRID_LAYOUT_OPTIONS), row, { certification: rules.certification })
  return formula.ok ? formula.value.length : null
}

/** The bloc reduced to its first `size` critères (their required minima kept). */
function firstCriteres(bloc: CompiledBloc, size: number): CompiledBloc {
  const criteres = bloc.criteres.slice(0, size)
  return { ...bloc, criteres, indexByCode: new Map(criteres.map((critere, index) => [critere.code, index])) }
}

/** How many of the bloc's critères, in order, keep its formula within Excel's limit in this grid. */
function criteresThatFit(rules: CompiledRules, index: number): number {
  const fits = (size: number) => {
    const blocs = rules.blocs.map((bloc, position) => (position === index ? firstCriteres(bloc, size) : bloc))
    const reduced = { ...rules, blocs }
    const length = gridBlocFormulaLength(reduced, rules.blocs[index]!.code)
    return length !== null && length <= MAX_FORMULA_LENGTH
  }
  // The length grows with every critère: the largest size that fits, by bisection.
  let low = 0
  let high = rules.blocs[index]!.criteres.length
  while (low < high) {
    const middle = Math.ceil((low + high) / 2)
    if (fits(middle)) low = middle
    else high = middle - 1
  }
  return low
}

/** Every formula of the grid that Excel would refuse at its last row, in French, naming the bloc. */
export function formulaBudgetIssues(rules: CompiledRules): RuleIssue[] {
  const issues: RuleIssue[] = []
  const lastRow = count.format(LAST_GRID_ROW_INDEX + 1)
  rules.blocs.forEach((bloc, index) => {
    const length = gridBlocFormulaLength(rules, bloc.code)
    if (length === null || length <= MAX_FORMULA_LENGTH) return
    const fit = criteresThatFit(rules, index)
    const room = fit === 0 ? 'aucun critère ne tient' : `${fit} critère${fit > 1 ? 's' : ''} au plus tiennent`
    issues.push(
      issue(
        'formula',
        bloc.code,
        null,
        `avec ses ${bloc.criteres.length} critères, la formule du bloc ferait ${count.format(length)} caractères à la ligne ${lastRow} de la grille, ` +
          `au-delà des ${count.format(MAX_FORMULA_LENGTH)} qu’Excel accepte : avec cette règle, ${room} dans ce bloc. ` +
          'Répartissez ses critères entre plusieurs blocs ou simplifiez la règle.',
        'criteres',
      ),
    )
  })
  const layout = sequentialLayout(rules, GRID_LAYOUT_OPTIONS)
  const certification = certificationFormula(rules.certification, layout, LAST_GRID_ROW_INDEX)
  if (!certification.ok) {
    for (const found of certification.issues) {
      issues.push(issue('formula', null, null, `${found.message} (à la ligne ${lastRow} de la grille) : réduisez le nombre de blocs ou d’options.`, 'certificationRule'))
    }
  }
  return issues
}
