/**
 * Certification decision from the bloc codes of one candidate. Only the mandatory blocs and the
 * candidate's chosen option count; another option's bloc is ignored whatever it shows. Order, the
 * same in `shared/formulas/certificationFormula.ts`:
 *   1. a required bloc that shows ERR (or no code), or an unknown option → ERR;
 *   2. no option chosen yet, or a required bloc ATT → EN ATTENTE;
 *   3. every required bloc validated (ADM, ADJ, CAP) → CERTIFIÉ; some → PARTIELLE; none → AJOURNÉ.
 */
import {
  BLOC_AJ,
  BLOC_ATT,
  CERTIFIED,
  ERROR_CODE,
  FAILED,
  PARTIAL,
  PENDING,
  VALIDATED_BLOC_CODES,
  type CertificationDecision,
} from './codes'
import type { CompiledCertification, CompiledOption } from './compileRules'
import { issue, type Result, type RuleIssue } from './issues'
import { isBlankCell, normaliseText, type CellInput } from './marks'

export interface CertificationInput {
  /** What each bloc cell shows (e.g. `evaluation.code`), by bloc code. */
  blocCodes: Readonly<Record<string, string | null | undefined>>
  /** The candidate's option cell: an option's bloc code or letter; ignored without option group. */
  option?: CellInput
}

export interface CertificationResult {
  ok: true
  decision: CertificationDecision
  /** Bloc code of the chosen option, or null. */
  optionBlocCode: string | null
  /** Blocs that count: the mandatory ones, then the chosen option. */
  requiredBlocCodes: string[]
  validatedBlocCodes: string[]
  pendingBlocCodes: string[]
}

export interface CertificationFailure {
  ok: false
  decision: typeof ERROR_CODE
  issues: RuleIssue[]
}

export type CertificationEvaluation = CertificationResult | CertificationFailure

/** Reads the option cell: null when blank, the option when its code or letter matches. */
export function readOption(certification: CompiledCertification, raw: CellInput): Result<CompiledOption | null> {
  if (isBlankCell(raw)) return { ok: true, value: null }
  if (typeof raw === 'string') {
    const text = normaliseText(raw)
    const option = certification.options.find((candidate) => candidate.blocCode === text || candidate.letter === text)
    if (option !== undefined) return { ok: true, value: option }
  }
  const expected = certification.options.map((option) => `${option.letter} ou ${option.blocCode}`).join(', ')
  const shown = typeof raw === 'string' ? `« ${raw} »` : String(raw)
  return {
    ok: false,
    issues: [issue('option', certification.optionGroupCode, null, `option ${shown} inconnue (attendu : ${expected}).`)],
  }
}

/**
 * True when `blocCode` is an option of the group and the option cell names another one of its
 * options: the candidate is not concerned by that bloc, whose result cell shows « — »
 * (`NOT_CONCERNED`), as `blocFormula` does when given the certification rule. A blank or unknown
 * option leaves every option bloc concerned.
 */
export function isNotConcerned(certification: CompiledCertification, blocCode: string, optionCell: CellInput): boolean {
  if (!certification.options.some((option) => option.blocCode === blocCode)) return false
  const read = readOption(certification, optionCell)
  return read.ok && read.value !== null && read.value.blocCode !== blocCode
}

export function evaluateCertification(
  certification: CompiledCertification,
  input: CertificationInput,
): CertificationEvaluation {
  const issues: RuleIssue[] = []
  const required = [...certification.mandatoryBlocCodes]
  let optionBlocCode: string | null = null
  let optionMissing = false
  if (certification.optionGroupCode !== null) {
    const read = readOption(certification, input.option)
    if (!read.ok) issues.push(...read.issues)
    else if (read.value === null) optionMissing = true
    else {
      optionBlocCode = read.value.blocCode
      required.push(optionBlocCode)
    }
  }

  const validated: string[] = []
  const pending: string[] = []
  for (const blocCode of required) {
    const shown = input.blocCodes[blocCode]
    if (shown === BLOC_ATT) pending.push(blocCode)
    else if ((VALIDATED_BLOC_CODES as readonly (string | null | undefined)[]).includes(shown)) validated.push(blocCode)
    else if (shown !== BLOC_AJ) {
      const what = shown === null || shown === undefined || shown === '' ? "n’a pas de résultat" : `affiche « ${shown} »`
      issues.push(issue('blocResult', blocCode, null, `le bloc ${what} : la décision de certification attend sa correction.`))
    }
  }

  if (issues.length > 0) return { ok: false, decision: ERROR_CODE, issues }
  const decision: CertificationDecision =
    optionMissing || pending.length > 0
      ? PENDING
      : validated.length === required.length
        ? CERTIFIED
        : validated.length > 0
          ? PARTIAL
          : FAILED
  return {
    ok: true,
    decision,
    optionBlocCode,
    requiredBlocCodes: required,
    validatedBlocCodes: validated,
    pendingBlocCodes: pending,
  }
}
