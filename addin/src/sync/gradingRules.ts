/**
 * The référentiel of a session turned into what the grid needs: compiled rules, the sheet layout
 * and the first row's formulas. A published référentiel never changes, so it is fetched and
 * compiled once per task-pane session.
 */
import { rowFormulas } from '../../../shared/formulas/index'
import type { Referential } from '../../../shared/referential/schema'
import { compileReferentialRules, type CompiledRules } from '../../../shared/rules/compileRules'
import { buildGradeSheetLayout, FIRST_DATA_ROW, type GradeSheetLayout } from '../../../shared/workbook/gradeSheetLayout'
import type { ApiClient } from '../api/client'
import { getReferential } from '../api/referentials'
import { fr } from '../i18n/fr'
import { SyncError } from './syncError'

export interface GradingRules {
  referential: Referential
  rules: CompiledRules
  layout: GradeSheetLayout
  /** Formulas of the first candidate row; Excel fills them down. */
  firstRowFormulas: Array<{ column: number; formula: string }>
}

const cache = new Map<string, Promise<GradingRules>>()

export function loadGradingRules(client: ApiClient, referentialId: string): Promise<GradingRules> {
  let loading = cache.get(referentialId)
  if (!loading) {
    loading = getReferential(client, referentialId).then(gradingRulesOf)
    // A failed download must not stay cached.
    loading.catch(() => cache.delete(referentialId))
    cache.set(referentialId, loading)
  }
  return loading
}

/** @throws {SyncError} RULES_INVALID with every French reason when the rules cannot become formulas. */
export function gradingRulesOf(referential: Referential): GradingRules {
  const invalid = (issues: ReadonlyArray<{ message: string }>) =>
    new SyncError('RULES_INVALID', fr.sync.rulesInvalid(referential.id), issues.map((found) => found.message).join('\n'))
  const compiled = compileReferentialRules(referential)
  if (!compiled.ok) throw invalid(compiled.issues)
  const layout = buildGradeSheetLayout(referential, compiled.value)
  if (!layout.ok) throw invalid(layout.issues)
  const formulas = rowFormulas(compiled.value, layout.value.formulaLayout, FIRST_DATA_ROW)
  if (!formulas.ok) throw invalid(formulas.issues)
  return {
    referential,
    rules: compiled.value,
    layout: layout.value,
    firstRowFormulas: formulas.value.map((cell) => ({ column: cell.column, formula: cell.formula })),
  }
}
