/**
 * Results of a whole session computed from stored data by the rules core: what the Worker
 * returns, checks pushed results against, and prints on the PV. The workbook's formulas compute
 * the same codes cell by cell (see shared/formulas).
 */
import type { CellInput } from '../rules/marks'
import type { CompiledRules } from '../rules/compileRules'
import { evaluateBloc, type BlocEvaluation } from '../rules/evaluateBloc'
import { evaluateCertification } from '../rules/evaluateCertification'
import type { BlocCellCode, CertificationCellCode, ComputedBlocCode, OverrideCode } from '../rules/codes'
import type { RuleIssue } from '../rules/issues'

export interface StoredCandidateGrades {
  candidateId: string
  optionCode: string | null
  capitalisedBlocCodes: readonly string[]
  /** Marks aligned with `critereCodes` (null = not graded). */
  marks: readonly CellInput[]
  decisions: Readonly<Record<string, { code: OverrideCode; reason: string | null }>>
}

export interface BlocOutcome {
  code: BlocCellCode
  computedCode: ComputedBlocCode | null
  override: OverrideCode | null
  overrideReason: string | null
  capitalised: boolean
  mean: number | null
}

export interface CandidateResult {
  candidateId: string
  /** The blocs that count for this candidate: mandatory ones, then the chosen option. */
  blocs: Record<string, BlocOutcome>
  decision: CertificationCellCode
  issues: RuleIssue[]
}

function toOutcome(evaluation: BlocEvaluation): BlocOutcome {
  if (!evaluation.ok) {
    return { code: evaluation.code, computedCode: null, override: null, overrideReason: null, capitalised: false, mean: null }
  }
  return {
    code: evaluation.code,
    computedCode: evaluation.computedCode,
    override: evaluation.override,
    overrideReason: evaluation.overrideReason,
    capitalised: evaluation.capitalised,
    mean: evaluation.mean,
  }
}

export function computeSessionResults(
  rules: CompiledRules,
  critereCodes: readonly string[],
  candidates: readonly StoredCandidateGrades[],
): CandidateResult[] {
  const column = new Map(critereCodes.map((code, index) => [code, index]))
  // Each bloc's critère columns, resolved once for the whole session.
  const blocColumns = new Map(rules.blocs.map((bloc) => [bloc.code, bloc.criteres.map((c) => column.get(c.code) ?? -1)]))
  const optionCodes = new Set(rules.certification.options.map((o) => o.blocCode))
  return candidates.map((candidate) => {
    const blocs: Record<string, BlocOutcome> = {}
    const shown: Record<string, string> = {}
    const issues: RuleIssue[] = []
    for (const bloc of rules.blocs) {
      if (optionCodes.has(bloc.code) && bloc.code !== candidate.optionCode) continue
      const columns = blocColumns.get(bloc.code) ?? []
      const decision = candidate.decisions[bloc.code]
      const evaluation = evaluateBloc(bloc, {
        marks: columns.map((c) => (c < 0 ? null : (candidate.marks[c] ?? null))),
        override: decision?.code ?? null,
        overrideReason: decision?.reason ?? null,
        capitalised: candidate.capitalisedBlocCodes.includes(bloc.code),
      })
      if (!evaluation.ok) issues.push(...evaluation.issues)
      blocs[bloc.code] = toOutcome(evaluation)
      shown[bloc.code] = evaluation.code
    }
    const certification = evaluateCertification(rules.certification, { blocCodes: shown, option: candidate.optionCode })
    if (!certification.ok) issues.push(...certification.issues)
    return { candidateId: candidate.candidateId, blocs, decision: certification.decision, issues }
  })
}
