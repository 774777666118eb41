/**
 * One Excel formula per bloc and candidate row, following the same compiled rule as
 * `shared/rules/evaluateBloc.ts` and in the same order of precedence (ERR, jury decision, CAP,
 * ATT, rule). Classic functions only (IF, AND, ISNUMBER, TRIM, UPPER, LEN, ROUND, IFERROR, TRUE,
 * FALSE), English names and `,` separators for `range.formulas`; nothing volatile.
 */
import {
  BLOC_ADJ,
  BLOC_ADM,
  BLOC_AJ,
  BLOC_ATT,
  BLOC_CAP,
  CAPITALISED_NO_TEXTS,
  CAPITALISED_YES_TEXTS,
  ERROR_CODE,
  NOT_CONCERNED,
  OVERRIDE_CODES,
} from '../rules/codes'
import type { CompiledBloc, CompiledCertification, CompiledOutcomeBloc, CompiledScoreBloc } from '../rules/compileRules'
import { issue, type Result } from '../rules/issues'
import { ROUNDING_NUDGE_LITERAL } from '../rules/rounding'
import { MEAN_SCALE } from '../rules/scale'
import { isColumnIndex, isRowIndex, MAX_FORMULA_LENGTH, numberLiteral, qualifiedReference, stringLiteral } from './a1'
import { isBlank, sum, textIs, textIsNot, textIsOneOf } from './cellTests'
import { layoutIssues, type GridLayout } from './gridLayout'

export interface FormulaOptions {
  /**
   * Wrap the formula in IFERROR(…, "ERR") so an error value in an input cell (#N/A…) shows ERR.
   * Default true; tests turn it off to prove no fragment ever produces an error by itself.
   */
  catchErrors?: boolean
  /**
   * The certification rule, when the layout has an option column: an option's bloc then shows
   * « — » (`NOT_CONCERNED`) on a row whose option cell names another option of the group, before
   * anything else is read (the engine's `isNotConcerned`). `rowFormulas` passes it.
   */
  certification?: CompiledCertification | null
}

const text = stringLiteral

export function finishFormula(body: string, options: FormulaOptions): string {
  return options.catchErrors === false ? `=${body}` : `=IFERROR(${body},${text(ERROR_CODE)})`
}

export function checkLength(formula: string, blocCode: string | null, what: string): Result<string> {
  if (formula.length <= MAX_FORMULA_LENGTH) return { ok: true, value: formula }
  return {
    ok: false,
    issues: [issue('formula', blocCode, null, `${what} ferait ${formula.length} caractères, au-delà des ${MAX_FORMULA_LENGTH} qu’Excel accepte.`)],
  }
}

/** ROUND(value + 0.000000001, decimals): `roundForComparison` in the engine. */
function roundedForComparison(value: string, decimals: number): string {
  return `ROUND(${value}+${ROUNDING_NUDGE_LITERAL},${decimals})`
}

function outcomeRule(bloc: CompiledOutcomeBloc, marks: readonly string[]): { validity: string[]; decision: string } {
  const validity = marks.map((mark) => `${isBlank(mark)}+${textIsOneOf(mark, ['ACQ', 'PACQ', 'NACQ', 'ABS', 'EXC', 'ATT'])}`)
  const graded = sum(marks.map((mark) => textIsNot(mark, 'EXC')))
  const acq = sum(marks.map((mark) => textIs(mark, 'ACQ')))
  const conditions: string[] = []
  if (bloc.minAcqShare === 1) {
    // Every counted critère ACQ: no NACQ, ABS or PACQ can remain, so those tests would be redundant.
    conditions.push(`${acq}=${graded}`)
  } else {
    if (bloc.minAcqShare > 0) conditions.push(`${acq}/${graded}>=${numberLiteral(bloc.minAcqShare)}`)
    if (!bloc.allowNacq) conditions.push(`${sum(marks.flatMap((mark) => [textIs(mark, 'NACQ'), textIs(mark, 'ABS')]))}=0`)
    if (bloc.maxPacq !== null) conditions.push(`${sum(marks.map((mark) => textIs(mark, 'PACQ')))}<=${bloc.maxPacq}`)
  }
  const verdict = conditions.length === 0 ? text(BLOC_ADM) : `IF(AND(${conditions.join(',')}),${text(BLOC_ADM)},${text(BLOC_AJ)})`
  return { validity, decision: `IF(${graded}=0,${text(BLOC_ATT)},${verdict})` }
}

function scoreRule(bloc: CompiledScoreBloc, marks: readonly string[]): { validity: string[]; decision: string } {
  const decimals = bloc.roundingDecimals
  const value = (mark: string) => `IF(ISNUMBER(${mark}),${mark},0)`
  const validity = marks.map((mark, index) => {
    const max = numberLiteral(bloc.criteres[index]!.max)
    const number = `(${mark}>=0)*(${roundedForComparison(mark, decimals)}<=${max})`
    return `IF(ISNUMBER(${mark}),${number},${isBlank(mark)}+${textIsOneOf(mark, ['ABS', 'EXC', 'ATT'])})`
  })
  const graded = sum(marks.map((mark) => textIsNot(mark, 'EXC')))
  const weighted = (weight: number, term: string) => (weight === 1 ? term : `${numberLiteral(weight)}*${term}`)
  // Term by term, in critère order, the operations of the engine's weighted sum.
  const weightedSum = sum(
    bloc.criteres.map((critere, index) => {
      const mark = value(marks[index]!)
      const normalised = critere.max === MEAN_SCALE ? mark : `(${mark}*${MEAN_SCALE}/${numberLiteral(critere.max)})`
      return weighted(critere.weight, normalised)
    }),
  )
  const weightSum = sum(bloc.criteres.map((critere, index) => weighted(critere.weight, textIsNot(marks[index]!, 'EXC'))))
  const floorsBroken: string[] = []
  const requiredFailed: string[] = []
  const requiredExcused: string[] = []
  bloc.criteres.forEach((critere, index) => {
    const mark = marks[index]!
    const rounded = roundedForComparison(value(mark), decimals)
    if (critere.floor !== null) floorsBroken.push(`${textIsNot(mark, 'EXC')}*(${rounded}<${numberLiteral(critere.floor)})`)
    if (critere.requiredMin !== null) {
      requiredExcused.push(textIs(mark, 'EXC'))
      requiredFailed.push(`${textIsNot(mark, 'EXC')}*(${rounded}<${numberLiteral(critere.requiredMin)})`)
    }
  })
  const conditions = [`${roundedForComparison(`${weightedSum}/${weightSum}`, decimals)}>=${numberLiteral(bloc.threshold)}`]
  if (floorsBroken.length > 0) conditions.push(`${sum(floorsBroken)}=0`)
  if (requiredFailed.length > 0) conditions.push(`${sum(requiredFailed)}=0`)
  const unassessable = requiredExcused.length > 0 ? `(${graded}=0)+${sum(requiredExcused)}>0` : `${graded}=0`
  return {
    validity,
    decision: `IF(${unassessable},${text(BLOC_ATT)},IF(AND(${conditions.join(',')}),${text(BLOC_ADM)},${text(BLOC_AJ)}))`,
  }
}

/** The bloc's formula for one candidate row; relative rows, so it can be filled down. */
export function blocFormula(
  bloc: CompiledBloc,
  layout: GridLayout,
  row: number,
  options: FormulaOptions = {},
): Result<string> {
  const formula = unboundedBlocFormula(bloc, layout, row, options)
  return formula.ok ? checkLength(formula.value, bloc.code, 'La formule du bloc') : formula
}

/** `blocFormula` without Excel's length limit: what the formula budget measures. */
export function unboundedBlocFormula(
  bloc: CompiledBloc,
  layout: GridLayout,
  row: number,
  options: FormulaOptions = {},
): Result<string> {
  const columns = layout.blocs.find((candidate) => candidate.blocCode === bloc.code)
  if (columns === undefined) {
    return { ok: false, issues: [issue('layout', bloc.code, null, "le bloc n’a pas de place dans la grille.")] }
  }
  const problems = layoutIssues({ ...layout, blocs: [columns], certificationColumn: null }, { blocs: [bloc], certification: null })
  if (!isRowIndex(row)) problems.push(issue('layout', bloc.code, null, `ligne ${row} hors de la feuille.`))
  if (problems.length > 0) return { ok: false, issues: problems }

  const reference = (column: number) => qualifiedReference(layout.sheetName, { row, column })
  const marks = bloc.criteres.map((critere) => reference(columns.critereColumns[critere.code]!))
  const rule = bloc.kind === 'outcome' ? outcomeRule(bloc, marks) : scoreRule(bloc, marks)

  const errors = [`(${sum(rule.validity)}<${marks.length})`]
  let body = `IF(${sum(marks.flatMap((mark) => [isBlank(mark), textIs(mark, 'ATT')]))}>0,${text(BLOC_ATT)},${rule.decision})`
  // Past the ERR test every input is valid, so the branches below test them without length guards.
  if (columns.capitalisedColumn !== null) {
    const flag = reference(columns.capitalisedColumn)
    const yes = `(${flag}=TRUE())+${textIsOneOf(flag, CAPITALISED_YES_TEXTS)}`
    // A blank cell equals FALSE in Excel: only a non-empty FALSE is the unticked checkbox.
    const no = `${isBlank(flag)}+(${flag}=FALSE())*(LEN(TRIM(${flag}))>0)+${textIsOneOf(flag, CAPITALISED_NO_TEXTS)}`
    errors.push(`(${yes}+${no}=0)`)
    const ticked = [`(${flag}=TRUE())`, ...CAPITALISED_YES_TEXTS.map((yesText) => textIs(flag, yesText))]
    body = `IF(${sum(ticked)},${text(BLOC_CAP)},${body})`
  }
  if (columns.overrideColumn !== null && columns.overrideReasonColumn !== null) {
    const decision = reference(columns.overrideColumn)
    const reason = reference(columns.overrideReasonColumn)
    // A valid decision needs a reason; anything else that is not blank is invalid.
    errors.push(`IF(${textIsOneOf(decision, OVERRIDE_CODES)},${isBlank(reason)},LEN(TRIM(${decision}))>0)`)
    const chosen = `IF(${textIs(decision, BLOC_ADM)},${text(BLOC_ADM)},IF(${textIs(decision, BLOC_ADJ)},${text(BLOC_ADJ)},${text(BLOC_AJ)}))`
    body = `IF(LEN(TRIM(${decision}))>0,${chosen},${body})`
  }
  body = `IF(${sum(errors)}>0,${text(ERROR_CODE)},${body})`
  const group = options.certification
  const others = group?.options.filter((option) => option.blocCode !== bloc.code) ?? []
  if (group && layout.optionColumn !== null && others.length < group.options.length) {
    if (!isColumnIndex(layout.optionColumn) || layout.optionColumn === columns.resultColumn) {
      return { ok: false, issues: [issue('layout', bloc.code, null, "le choix d’option n’a pas de colonne valable dans la grille.")] }
    }
    // Another option chosen: the candidate is not concerned. The test sits inside IFERROR so that
    // an error value in the option cell leaves the bloc to its own cells, as the engine reads it.
    const choice = reference(layout.optionColumn)
    const chosenElsewhere = textIsOneOf(choice, others.flatMap((option) => [option.blocCode, option.letter]))
    body = `IF(IFERROR(${chosenElsewhere},0)>0,${text(NOT_CONCERNED)},${body})`
  }
  return { ok: true, value: finishFormula(body, options) }
}
