import { describe, expect, it } from 'vitest'
import { compileBloc, compileCertification, type BlocDefinition } from '../../../shared/rules/compileRules'
import { seedReferential } from '../../../shared/referential'
import type { BlocRule, CritereAssessment } from '../../../shared/rules/ruleSchema'

const OUTCOME: CritereAssessment = { scale: { kind: 'outcome' }, weight: 1, floor: null }
const SCORE: CritereAssessment = { scale: { kind: 'score', max: 20 }, weight: 1, floor: null }
const SCORE_RULE = { kind: 'score', threshold: 10, roundingDecimals: 2, requiredCriteres: [] } satisfies BlocRule
const OUTCOME_RULE: BlocRule = { kind: 'outcome', minAcqShare: 1, allowNacq: false, maxPacq: null }

function messages(definition: BlocDefinition): string[] {
  const result = compileBloc(definition)
  return result.ok ? [] : result.issues.map((found) => found.message)
}

describe('une règle mal formée est refusée avec un message en français, jamais une exception', () => {
  it.each<[string, BlocDefinition, string]>([
    [
      'critère noté dans un bloc ACQ',
      { code: 'BC01', criteres: [{ code: 'CR1.1', assessment: SCORE }], rule: OUTCOME_RULE },
      'Bloc BC01, critère CR1.1 : le critère est noté alors que le bloc se valide en ACQ / PACQ / NACQ.',
    ],
    [
      'critère ACQ dans un bloc à moyenne',
      { code: 'BC01', criteres: [{ code: 'CR1.1', assessment: OUTCOME }], rule: SCORE_RULE },
      'Bloc BC01, critère CR1.1 : le critère est évalué en ACQ / PACQ / NACQ alors que le bloc se valide par une moyenne.',
    ],
    [
      'note éliminatoire sur un critère ACQ',
      { code: 'BC01', criteres: [{ code: 'CR1.1', assessment: { ...OUTCOME, floor: 10 } }], rule: OUTCOME_RULE },
      "Bloc BC01, critère CR1.1 : une note éliminatoire ne s’applique qu’à un critère noté.",
    ],
    [
      'note éliminatoire au-dessus du maximum',
      { code: 'BC01', criteres: [{ code: 'CR1.1', assessment: { ...SCORE, floor: 25 } }], rule: SCORE_RULE },
      'Bloc BC01, critère CR1.1 : la note éliminatoire 25 dépasse le maximum 20.',
    ],
    [
      'seuil au-dessus de 20',
      { code: 'BC01', criteres: [{ code: 'CR1.1', assessment: SCORE }], rule: { ...SCORE_RULE, threshold: 21 } },
      'Bloc BC01 : le seuil de validation 21 dépasse 20.',
    ],
    [
      'coefficient à plus de 4 décimales',
      { code: 'BC01', criteres: [{ code: 'CR1.1', assessment: { ...SCORE, weight: 1 / 3 } }], rule: SCORE_RULE },
      'Bloc BC01, critère CR1.1 : le coefficient (0.3333333333333333) a plus de 4 décimales.',
    ],
    [
      'critère exigé inconnu',
      {
        code: 'BC01',
        criteres: [{ code: 'CR1.1', assessment: SCORE }],
        rule: { ...SCORE_RULE, requiredCriteres: [{ critereCode: 'CR9.9', min: 10 }] },
      },
      "Bloc BC01, critère CR9.9 : ce critère exigé n’existe pas dans le bloc.",
    ],
    [
      'code de critère en double',
      { code: 'BC01', criteres: [{ code: 'CR1.1', assessment: OUTCOME }, { code: 'CR1.1', assessment: OUTCOME }], rule: OUTCOME_RULE },
      'Bloc BC01, critère CR1.1 : ce code de critère apparaît deux fois.',
    ],
  ])('%s', (_label, definition, message) => {
    expect(messages(definition)).toEqual([message])
  })

  it('garde la plus haute exigence quand un critère est exigé deux fois', () => {
    const result = compileBloc({
      code: 'BC01',
      criteres: [{ code: 'CR1.1', assessment: SCORE }],
      rule: { ...SCORE_RULE, requiredCriteres: [{ critereCode: 'CR1.1', min: 8 }, { critereCode: 'CR1.1', min: 10 }] },
    })
    expect(result.ok && result.value.criteres[0]!.requiredMin).toBe(10)
  })

  it('refuse une certification qui désigne un bloc absent ou une option comme obligatoire', () => {
    const result = compileCertification({ mandatoryBlocCodes: ['BC01', 'BC05-A', 'BC09'], optionGroupCode: 'BC05' }, seedReferential.blocs)
    expect(result.ok ? [] : result.issues.map((found) => found.message)).toEqual([
      "Bloc BC05-A : un bloc d’option ne peut pas être obligatoire.",
      "Bloc BC09 : ce bloc obligatoire n’existe pas dans le référentiel.",
    ])
  })
})
