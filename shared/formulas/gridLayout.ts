/**
 * Where a candidate row keeps each input and result. One layout serves every row: formulas are
 * generated for a row with fixed columns and relative rows, so they can also be filled down.
 * Columns are 0-based (A = 0).
 */
import type { CompiledBloc, CompiledCertification } from '../rules/compileRules'
import { issue, type RuleIssue } from '../rules/issues'
import { isColumnIndex, sheetNameProblem } from './a1'

export interface BlocColumns {
  blocCode: string
  /** Column of each critère's mark, by critère code. */
  critereColumns: Readonly<Record<string, number>>
  /** Jury decision (ADM, ADJ, AJ); null when the grid has no such column. */
  overrideColumn: number | null
  /** Reason of the jury decision; required when `overrideColumn` is set. */
  overrideReasonColumn: number | null
  /** Capitalised flag (checkbox, OUI/CAP/X/NON); null when the grid has no such column. */
  capitalisedColumn: number | null
  /** Where the bloc formula sits; the certification formula reads it. */
  resultColumn: number
}

export interface GridLayout {
  /** Sheet of the grid; when set, every reference is qualified with it (`'Notes BC'!$B2`). */
  sheetName: string | null
  blocs: readonly BlocColumns[]
  /** The candidate's option (bloc code or letter); needed when the référentiel has an option group. */
  optionColumn: number | null
  /** Where the certification formula sits; null when the grid has none. */
  certificationColumn: number | null
}

export interface LayoutRules {
  blocs: readonly CompiledBloc[]
  certification: CompiledCertification | null
}

/** Every problem that would make a generated formula wrong, in French; empty when usable. */
export function layoutIssues(layout: GridLayout, rules: LayoutRules): RuleIssue[] {
  const issues: RuleIssue[] = []
  if (layout.sheetName !== null) {
    const problem = sheetNameProblem(layout.sheetName)
    if (problem !== null) issues.push(issue('layout', null, null, problem))
  }

  const owners = new Map<number, string>()
  const claim = (column: number | null, what: string, blocCode: string | null, critereCode: string | null) => {
    if (column === null) return
    if (!isColumnIndex(column)) {
      issues.push(issue('layout', blocCode, critereCode, `${what} : colonne ${column} hors de la feuille.`))
      return
    }
    const owner = owners.get(column)
    if (owner !== undefined) issues.push(issue('layout', blocCode, critereCode, `${what} : la colonne est déjà prise par ${owner}.`))
    else owners.set(column, what)
  }

  const compiledByCode = new Map(rules.blocs.map((bloc) => [bloc.code, bloc]))
  const laidOut = new Map<string, BlocColumns>()
  for (const columns of layout.blocs) {
    const bloc = compiledByCode.get(columns.blocCode)
    if (laidOut.has(columns.blocCode)) {
      issues.push(issue('layout', columns.blocCode, null, 'le bloc est placé deux fois dans la grille.'))
    }
    laidOut.set(columns.blocCode, columns)
    if (bloc === undefined) {
      issues.push(issue('layout', columns.blocCode, null, "ce bloc n’existe pas dans les règles."))
      continue
    }
    for (const critere of bloc.criteres) {
      const column = columns.critereColumns[critere.code]
      if (column === undefined) issues.push(issue('layout', bloc.code, critere.code, "le critère n’a pas de colonne dans la grille."))
      else claim(column, `la note du critère ${critere.code}`, bloc.code, critere.code)
    }
    for (const code of Object.keys(columns.critereColumns)) {
      if (!bloc.indexByCode.has(code)) issues.push(issue('layout', bloc.code, code, "ce critère n’existe pas dans le bloc."))
    }
    if (columns.overrideColumn !== null && columns.overrideReasonColumn === null) {
      issues.push(issue('layout', bloc.code, null, 'la décision du jury a une colonne mais pas son motif.'))
    }
    claim(columns.overrideColumn, `la décision du jury du bloc ${bloc.code}`, bloc.code, null)
    claim(columns.overrideReasonColumn, `le motif du jury du bloc ${bloc.code}`, bloc.code, null)
    claim(columns.capitalisedColumn, `la capitalisation du bloc ${bloc.code}`, bloc.code, null)
    claim(columns.resultColumn, `le résultat du bloc ${bloc.code}`, bloc.code, null)
  }

  const certification = rules.certification
  if (layout.certificationColumn !== null && certification !== null) {
    claim(layout.certificationColumn, 'la décision de certification', null, null)
    const needed = [...certification.mandatoryBlocCodes, ...certification.options.map((option) => option.blocCode)]
    for (const code of needed) {
      if (!laidOut.has(code)) issues.push(issue('layout', code, null, "la certification lit ce bloc, absent de la grille."))
    }
    if (certification.optionGroupCode !== null && layout.optionColumn === null) {
      issues.push(issue('layout', certification.optionGroupCode, null, "le choix d’option n’a pas de colonne dans la grille."))
    }
    if (certification.optionGroupCode !== null) claim(layout.optionColumn, "le choix d’option", null, null)
  }
  return issues
}

export interface SequentialLayoutOptions {
  sheetName?: string | null
  /** First column used by the grid, e.g. after the candidates' names. */
  firstColumn?: number
  /** Add a jury decision and reason per bloc (default true). */
  withOverride?: boolean
  /** Add a capitalised flag per bloc (default true). */
  withCapitalised?: boolean
}

/**
 * A simple left-to-right layout: the option, then per bloc its critères, jury decision, reason,
 * capitalised flag and result, then the certification decision.
 */
export function sequentialLayout(rules: LayoutRules, options: SequentialLayoutOptions = {}): GridLayout {
  let next = options.firstColumn ?? 0
  const take = () => next++
  const hasOption = rules.certification !== null && rules.certification.optionGroupCode !== null
  const optionColumn = hasOption ? take() : null
  const blocs = rules.blocs.map((bloc): BlocColumns => {
    const critereColumns: Record<string, number> = {}
    for (const critere of bloc.criteres) critereColumns[critere.code] = take()
    const overrideColumn = options.withOverride === false ? null : take()
    const overrideReasonColumn = overrideColumn === null ? null : take()
    const capitalisedColumn = options.withCapitalised === false ? null : take()
    return { blocCode: bloc.code, critereColumns, overrideColumn, overrideReasonColumn, capitalisedColumn, resultColumn: take() }
  })
  return {
    sheetName: options.sheetName ?? null,
    blocs,
    optionColumn,
    certificationColumn: rules.certification === null ? null : take(),
  }
}
