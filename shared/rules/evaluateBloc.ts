/**
 * Bloc validation, the Worker's reference for what the workbook formulas show. Order of precedence,
 * the same in `shared/formulas/blocFormula.ts`:
 *   1. any invalid cell (mark, jury decision, missing reason, capitalisation) → ERR;
 *   2. a jury decision (ADM, ADJ, AJ) with its reason;
 *   3. capitalised → CAP;
 *   4. any critère blank or ATT → ATT;
 *   5. the bloc rule on the graded critères → ADM, AJ, or ATT when nothing can be assessed.
 */
import {
  BLOC_ADM,
  BLOC_AJ,
  BLOC_ATT,
  BLOC_CAP,
  ERROR_CODE,
  type BlocOutcomeCode,
  type ComputedBlocCode,
  type OverrideCode,
} from './codes'
import type { CompiledBloc } from './compileRules'
import { MEAN_SCALE } from './scale'
import { issue, type RuleIssue } from './issues'
import {
  classifyCell,
  MARK_ABS,
  MARK_ACQ,
  MARK_ATT,
  MARK_BLANK,
  MARK_EXC,
  MARK_NACQ,
  MARK_NUMBER,
  MARK_PACQ,
  markProblem,
  readCapitalised,
  readOverride,
  readReasonCell,
  scoreProblem,
  type CellInput,
} from './marks'
import { roundForComparison } from './rounding'

/** One candidate's cells for one bloc. */
export interface BlocGrade {
  /** Marks in the bloc's critère order, or keyed by critère code (a missing key is a blank cell). */
  marks: readonly CellInput[] | Readonly<Record<string, CellInput>>
  override?: CellInput
  overrideReason?: CellInput
  capitalised?: CellInput
}

export interface BlocResult {
  ok: true
  blocCode: string
  /** What the bloc cell shows: the jury decision, else CAP, else the computed code. */
  code: BlocOutcomeCode
  /** The code from the marks alone, kept next to a jury decision. */
  computedCode: ComputedBlocCode
  override: OverrideCode | null
  overrideReason: string | null
  capitalised: boolean
  /** Score rule: the rounded mean compared with the threshold, when it could be computed. */
  mean: number | null
}

export interface BlocFailure {
  ok: false
  blocCode: string
  code: typeof ERROR_CODE
  issues: RuleIssue[]
}

export type BlocEvaluation = BlocResult | BlocFailure

/** Issues are rare: the list is only allocated for the first one. */
function collect(issues: RuleIssue[] | null, found: RuleIssue): RuleIssue[] {
  if (issues === null) return [found]
  issues.push(found)
  return issues
}

export function evaluateBloc(bloc: CompiledBloc, grade: BlocGrade): BlocEvaluation {
  let issues: RuleIssue[] | null = null

  let override: OverrideCode | null = null
  let overrideReason: string | null = null
  if (grade.override !== null && grade.override !== undefined) {
    const read = readOverride(grade.override)
    if (!read.ok) issues = collect(issues, issue('override', bloc.code, null, read.message))
    else if (read.value !== null) {
      override = read.value
      const reason = readReasonCell(grade.overrideReason)
      overrideReason = reason.ok ? reason.value : null
      if (!reason.ok) issues = collect(issues, issue('reason', bloc.code, null, reason.message))
      else if (overrideReason === null) {
        issues = collect(issues, issue('reason', bloc.code, null, `la décision du jury ${override} doit être motivée : le motif est vide.`))
      }
    }
  }
  let capitalised = false
  if (grade.capitalised !== null && grade.capitalised !== undefined) {
    const read = readCapitalised(grade.capitalised)
    if (!read.ok) issues = collect(issues, issue('capitalised', bloc.code, null, read.message))
    else capitalised = read.value
  }

  const marks = grade.marks
  const byPosition = Array.isArray(marks)
  const criteres = bloc.criteres
  const isScore = bloc.kind === 'score'
  const decimals = isScore ? bloc.roundingDecimals : 0
  let pending = 0
  let graded = 0
  let acq = 0
  let pacq = 0
  let nacq = 0
  let weightedSum = 0
  let weightSum = 0
  let floorsBroken = 0
  let requiredExcused = 0
  let requiredFailed = 0

  for (let index = 0; index < criteres.length; index++) {
    const critere = criteres[index]!
    const raw = byPosition
      ? (marks as readonly CellInput[])[index]
      : (marks as Readonly<Record<string, CellInput>>)[critere.code]
    const cls = classifyCell(raw)
    if (cls === MARK_BLANK || cls === MARK_ATT) {
      pending++
      continue
    }
    if (cls === MARK_EXC) {
      if (critere.requiredMin !== null) requiredExcused++
      continue
    }
    if (!isScore) {
      if (cls === MARK_ACQ) acq++
      else if (cls === MARK_PACQ) pacq++
      else if (cls === MARK_NACQ || cls === MARK_ABS) nacq++
      else {
        issues = collect(issues, issue('mark', bloc.code, critere.code, markProblem(raw, cls, critere.scale)))
        continue
      }
      graded++
      continue
    }
    // Score scale: ABS reads as 0, like the formula's IF(ISNUMBER(cell),cell,0).
    let value = 0
    if (cls === MARK_NUMBER) {
      value = raw as number
      const problem = scoreProblem(value, critere.max, decimals)
      if (problem !== null) {
        issues = collect(issues, issue('mark', bloc.code, critere.code, problem))
        continue
      }
      // Same operations, in the same order, as the formula's term, so the doubles are identical.
      weightedSum += critere.weight * (critere.max === MEAN_SCALE ? value : (value * MEAN_SCALE) / critere.max)
    } else if (cls !== MARK_ABS) {
      issues = collect(issues, issue('mark', bloc.code, critere.code, markProblem(raw, cls, critere.scale)))
      continue
    }
    graded++
    weightSum += critere.weight
    if (critere.floor !== null || critere.requiredMin !== null) {
      const rounded = roundForComparison(value, decimals)
      if (critere.floor !== null && rounded < critere.floor) floorsBroken++
      if (critere.requiredMin !== null && rounded < critere.requiredMin) requiredFailed++
    }
  }

  if (issues !== null) return { ok: false, blocCode: bloc.code, code: ERROR_CODE, issues }

  let computedCode: ComputedBlocCode
  let mean: number | null = null
  if (pending > 0 || graded === 0) {
    // Nothing to decide while a critère awaits its mark, or when every critère is excused.
    computedCode = BLOC_ATT
  } else if (bloc.kind === 'outcome') {
    const shareMet = bloc.minAcqShare === 1 ? acq === graded : acq / graded >= bloc.minAcqShare
    const validated = shareMet && (bloc.allowNacq || nacq === 0) && (bloc.maxPacq === null || pacq <= bloc.maxPacq)
    computedCode = validated ? BLOC_ADM : BLOC_AJ
  } else if (requiredExcused > 0) {
    // A required critère (e.g. the mémoire) cannot be waived by an excuse: it must be sat.
    computedCode = BLOC_ATT
  } else {
    mean = roundForComparison(weightedSum / weightSum, decimals)
    computedCode = mean >= bloc.threshold && floorsBroken === 0 && requiredFailed === 0 ? BLOC_ADM : BLOC_AJ
  }

  return {
    ok: true,
    blocCode: bloc.code,
    code: override ?? (capitalised ? BLOC_CAP : computedCode),
    computedCode,
    override,
    overrideReason,
    capitalised,
    mean,
  }
}
