/**
 * Checks rule data once and turns it into plans that the engine and the formula generator both
 * follow, so neither interprets the raw rule on its own. A rule that cannot be evaluated the same
 * way in Excel and in the Worker is refused here, with a French message.
 */
import { formulaBudgetIssues } from '../formulas/formulaBudget'
import type { Referential } from '../referential/schema'
import { issue, type Result, type RuleIssue } from './issues'
import { hasAtMostDecimals, MAX_RULE_DECIMALS } from './rounding'
import type { BlocRule, CertificationRule, CritereAssessment, CritereScale } from './ruleSchema'
import { MEAN_SCALE } from './scale'

export { MEAN_SCALE }
/** Upper bound for rule numbers, so every formula literal prints without an exponent. */
const MAX_RULE_NUMBER = 10_000

/** What the engine needs of a bloc: its critères in grid order and its rule. */
export interface BlocDefinition {
  code: string
  criteres: readonly { code: string; assessment: CritereAssessment }[]
  rule: BlocRule
}

export interface CompiledCritere {
  code: string
  scale: CritereScale
  /** Maximum mark (score scale), 0 on the outcome scale. */
  max: number
  weight: number
  /** Note éliminatoire; null when absent or 0, which no valid mark can break. */
  floor: number | null
  /** Minimum from `requiredCriteres` (the highest when listed twice), or null. */
  requiredMin: number | null
}

interface CompiledBlocBase {
  code: string
  criteres: readonly CompiledCritere[]
  indexByCode: ReadonlyMap<string, number>
}

export interface CompiledOutcomeBloc extends CompiledBlocBase {
  kind: 'outcome'
  minAcqShare: number
  allowNacq: boolean
  maxPacq: number | null
}

export interface CompiledScoreBloc extends CompiledBlocBase {
  kind: 'score'
  threshold: number
  roundingDecimals: number
}

export type CompiledBloc = CompiledOutcomeBloc | CompiledScoreBloc

export interface CompiledOption {
  blocCode: string
  letter: string
}

export interface CompiledCertification {
  mandatoryBlocCodes: readonly string[]
  optionGroupCode: string | null
  /** Options of the group; a candidate's option cell holds a bloc code or a letter. */
  options: readonly CompiledOption[]
}

export interface CompiledRules {
  blocs: readonly CompiledBloc[]
  certification: CompiledCertification
}

function checkNumber(
  issues: RuleIssue[],
  blocCode: string,
  critereCode: string | null,
  what: string,
  value: number,
  field: string,
): void {
  if (!Number.isFinite(value) || value < 0 || value > MAX_RULE_NUMBER) {
    issues.push(issue('rule', blocCode, critereCode, `${what} (${value}) doit être un nombre entre 0 et ${MAX_RULE_NUMBER}.`, field))
  } else if (!hasAtMostDecimals(value, MAX_RULE_DECIMALS)) {
    issues.push(issue('rule', blocCode, critereCode, `${what} (${value}) a plus de ${MAX_RULE_DECIMALS} décimales.`, field))
  }
}

export function compileBloc(bloc: BlocDefinition): Result<CompiledBloc> {
  const issues: RuleIssue[] = []
  const rule = bloc.rule
  const indexByCode = new Map<string, number>()
  const criteres: CompiledCritere[] = []

  if (bloc.criteres.length === 0) {
    issues.push(issue('rule', bloc.code, null, "le bloc n’a aucun critère d’évaluation.", 'criteres'))
  }
  bloc.criteres.forEach((critere, index) => {
    const { scale, weight, floor } = critere.assessment
    if (indexByCode.has(critere.code)) {
      issues.push(issue('rule', bloc.code, critere.code, 'ce code de critère apparaît deux fois.', 'code'))
    }
    indexByCode.set(critere.code, index)
    if (rule.kind === 'outcome' && scale.kind !== 'outcome') {
      issues.push(
        issue('rule', bloc.code, critere.code, 'le critère est noté alors que le bloc se valide en ACQ / PACQ / NACQ.', 'assessment.scale'),
      )
    }
    if (rule.kind === 'score' && scale.kind !== 'score') {
      issues.push(
        issue('rule', bloc.code, critere.code, 'le critère est évalué en ACQ / PACQ / NACQ alors que le bloc se valide par une moyenne.', 'assessment.scale'),
      )
    }
    if (scale.kind === 'outcome') {
      if (floor !== null) {
        issues.push(issue('rule', bloc.code, critere.code, "une note éliminatoire ne s’applique qu’à un critère noté.", 'assessment.floor'))
      }
      if (weight !== 1) {
        issues.push(issue('rule', bloc.code, critere.code, "un coefficient ne s’applique qu’à un critère noté.", 'assessment.weight'))
      }
    } else {
      if (scale.max <= 0) issues.push(issue('rule', bloc.code, critere.code, 'la note maximale doit être positive.', 'assessment.scale.max'))
      else checkNumber(issues, bloc.code, critere.code, 'la note maximale', scale.max, 'assessment.scale.max')
      if (weight <= 0) issues.push(issue('rule', bloc.code, critere.code, 'le coefficient doit être positif.', 'assessment.weight'))
      else checkNumber(issues, bloc.code, critere.code, 'le coefficient', weight, 'assessment.weight')
      if (floor !== null) {
        checkNumber(issues, bloc.code, critere.code, 'la note éliminatoire', floor, 'assessment.floor')
        if (floor > scale.max) {
          issues.push(issue('rule', bloc.code, critere.code, `la note éliminatoire ${floor} dépasse le maximum ${scale.max}.`, 'assessment.floor'))
        }
      }
    }
    criteres.push({
      code: critere.code,
      scale,
      max: scale.kind === 'score' ? scale.max : 0,
      weight,
      floor: floor !== null && floor > 0 ? floor : null,
      requiredMin: null,
    })
  })

  if (rule.kind === 'outcome') {
    checkNumber(issues, bloc.code, null, 'la part minimale de critères ACQ', rule.minAcqShare, 'rule.minAcqShare')
    if (rule.minAcqShare > 1) issues.push(issue('rule', bloc.code, null, 'la part minimale de critères ACQ dépasse 1.', 'rule.minAcqShare'))
    if (rule.maxPacq !== null && (!Number.isInteger(rule.maxPacq) || rule.maxPacq < 0)) {
      issues.push(issue('rule', bloc.code, null, 'le nombre maximal de PACQ doit être un entier positif ou nul.', 'rule.maxPacq'))
    }
    if (issues.length > 0) return { ok: false, issues }
    return {
      ok: true,
      value: {
        kind: 'outcome',
        code: bloc.code,
        criteres,
        indexByCode,
        minAcqShare: rule.minAcqShare,
        allowNacq: rule.allowNacq,
        maxPacq: rule.maxPacq,
      },
    }
  }

  checkNumber(issues, bloc.code, null, 'le seuil de validation', rule.threshold, 'rule.threshold')
  if (rule.threshold > MEAN_SCALE) {
    issues.push(issue('rule', bloc.code, null, `le seuil de validation ${rule.threshold} dépasse ${MEAN_SCALE}.`, 'rule.threshold'))
  }
  if (!Number.isInteger(rule.roundingDecimals) || rule.roundingDecimals < 0 || rule.roundingDecimals > MAX_RULE_DECIMALS) {
    issues.push(issue('rule', bloc.code, null, `l’arrondi doit être un nombre entier de décimales entre 0 et ${MAX_RULE_DECIMALS}.`, 'rule.roundingDecimals'))
  }
  rule.requiredCriteres.forEach((required, position) => {
    const field = `rule.requiredCriteres[${position}]`
    const index = indexByCode.get(required.critereCode)
    const target = index === undefined ? undefined : criteres[index]
    if (target === undefined) {
      issues.push(issue('rule', bloc.code, required.critereCode, "ce critère exigé n’existe pas dans le bloc.", `${field}.critereCode`))
      return
    }
    checkNumber(issues, bloc.code, required.critereCode, 'le minimum exigé', required.min, `${field}.min`)
    if (target.scale.kind === 'score' && required.min > target.max) {
      issues.push(issue('rule', bloc.code, required.critereCode, `le minimum exigé ${required.min} dépasse le maximum ${target.max}.`, `${field}.min`))
    }
    target.requiredMin = target.requiredMin === null ? required.min : Math.max(target.requiredMin, required.min)
  })
  if (issues.length > 0) return { ok: false, issues }
  return {
    ok: true,
    value: {
      kind: 'score',
      code: bloc.code,
      criteres,
      indexByCode,
      threshold: rule.threshold,
      roundingDecimals: rule.roundingDecimals,
    },
  }
}

export function compileCertification(
  rule: CertificationRule,
  blocs: Referential['blocs'],
): Result<CompiledCertification> {
  const issues: RuleIssue[] = []
  const seen = new Set<string>()
  rule.mandatoryBlocCodes.forEach((code, position) => {
    const field = `certificationRule.mandatoryBlocCodes[${position}]`
    const bloc = blocs.find((candidate) => candidate.code === code)
    if (seen.has(code)) issues.push(issue('rule', code, null, 'ce bloc est listé deux fois comme obligatoire.', field))
    seen.add(code)
    if (bloc === undefined) {
      const isOption = blocs.some((group) => group.kind === 'optionGroup' && group.options.some((option) => option.code === code))
      issues.push(
        issue('rule', code, null, isOption ? "un bloc d’option ne peut pas être obligatoire." : "ce bloc obligatoire n’existe pas dans le référentiel.", field),
      )
    } else if (bloc.kind !== 'mandatory') {
      issues.push(issue('rule', code, null, "un groupe d’options ne peut pas être listé comme bloc obligatoire.", field))
    }
  })
  let options: CompiledOption[] = []
  if (rule.optionGroupCode !== null) {
    const group = blocs.find((candidate) => candidate.code === rule.optionGroupCode)
    if (group === undefined || group.kind !== 'optionGroup') {
      issues.push(issue('rule', rule.optionGroupCode, null, "ce groupe d’options n’existe pas dans le référentiel.", 'certificationRule.optionGroupCode'))
    } else {
      options = group.options.map((option) => ({ blocCode: option.code, letter: option.letter }))
      const keys = options.flatMap((option) => [option.blocCode, option.letter])
      if (new Set(keys).size !== keys.length) {
        issues.push(issue('rule', group.code, null, 'deux options portent le même code ou la même lettre.', 'options'))
      }
    }
  }
  if (issues.length > 0) return { ok: false, issues }
  return {
    ok: true,
    value: { mandatoryBlocCodes: [...rule.mandatoryBlocCodes], optionGroupCode: rule.optionGroupCode, options },
  }
}

/**
 * Compiles every bloc and the certification rule of a référentiel, gathering all problems; rules
 * whose formulas would not fit in Excel at the last row of the largest grid are refused too
 * (`formulaBudgetIssues`), so no published référentiel can fail to become a workbook.
 */
export function compileReferentialRules(
  referential: Pick<Referential, 'blocs' | 'certificationRule'>,
): Result<CompiledRules> {
  const issues: RuleIssue[] = []
  const blocs: CompiledBloc[] = []
  // Mandatory blocs then every option, as `evaluableBlocs` in shared/referential (not imported:
  // that module loads the seed document on import).
  const definitions = referential.blocs.flatMap((bloc): BlocDefinition[] => (bloc.kind === 'optionGroup' ? bloc.options : [bloc]))
  for (const bloc of definitions) {
    const compiled = compileBloc(bloc)
    if (compiled.ok) blocs.push(compiled.value)
    else issues.push(...compiled.issues)
  }
  const certification = compileCertification(referential.certificationRule, referential.blocs)
  if (!certification.ok) issues.push(...certification.issues)
  if (issues.length > 0 || !certification.ok) return { ok: false, issues }
  const rules: CompiledRules = { blocs, certification: certification.value }
  const budget = formulaBudgetIssues(rules)
  return budget.length > 0 ? { ok: false, issues: budget } : { ok: true, value: rules }
}
