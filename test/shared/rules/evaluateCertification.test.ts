/**
 * Certification decisions on the seed référentiel (BC01–BC04 obligatoires, BC05 options A–D), as in
 * the table of docs/rules.md.
 */
import { describe, expect, it } from 'vitest'
import { seedReferential } from '../../../shared/referential'
import { compileCertification, compileReferentialRules } from '../../../shared/rules/compileRules'
import { evaluateCertification } from '../../../shared/rules/evaluateCertification'
import type { CellInput } from '../../../shared/rules/marks'

const compiled = compileCertification(seedReferential.certificationRule, seedReferential.blocs)
if (!compiled.ok) throw new Error(compiled.issues.map((found) => found.message).join('\n'))
const certification = compiled.value

const mandatory = (codes: string) => {
  const [BC01, BC02, BC03, BC04] = codes.split(' ')
  return { BC01, BC02, BC03, BC04 }
}

describe('décision de certification du référentiel de référence', () => {
  const cases: [string, Record<string, string | undefined>, CellInput, string][] = [
    ['tous les blocs validés : certifié', { ...mandatory('ADM ADM ADM ADM'), 'BC05-A': 'ADM' }, 'BC05-A', 'CERTIFIÉ'],
    [
      'CAP et ADJ valent validé ; l’option se donne par sa lettre, en minuscule',
      { ...mandatory('CAP ADJ ADM ADM'), 'BC05-B': 'ADM', 'BC05-A': 'AJ' },
      'b',
      'CERTIFIÉ',
    ],
    ['un bloc obligatoire non validé : certification partielle', { ...mandatory('ADM ADM AJ ADM'), 'BC05-A': 'ADM' }, 'A', 'PARTIELLE'],
    [
      'le bloc de l’option choisie non validé : partielle, même si une autre option l’est',
      { ...mandatory('ADM ADM ADM ADM'), 'BC05-A': 'AJ', 'BC05-B': 'ADM' },
      'A',
      'PARTIELLE',
    ],
    ['aucun bloc validé : ajourné', { ...mandatory('AJ AJ AJ AJ'), 'BC05-C': 'AJ' }, 'C', 'AJOURNÉ'],
    ['un bloc en attente : en attente', { ...mandatory('ADM ADM ADM ATT'), 'BC05-A': 'ADM' }, 'A', 'EN ATTENTE'],
    ['option pas encore choisie : en attente', mandatory('ADM ADM ADM ADM'), null, 'EN ATTENTE'],
    [
      'le bloc d’une autre option est ignoré, même en erreur',
      { ...mandatory('ADM ADM ADM ADM'), 'BC05-D': 'ADM', 'BC05-A': 'ERR' },
      ' bc05-d ',
      'CERTIFIÉ',
    ],
    ['option inconnue : erreur', mandatory('ADM ADM ADM ADM'), 'E', 'ERR'],
    ['un bloc obligatoire en erreur : erreur', { ...mandatory('ERR ADM ADM ADM'), 'BC05-A': 'ADM' }, 'A', 'ERR'],
    ['un bloc obligatoire sans résultat : erreur', { ...mandatory('ADM ADM ADM ADM'), BC02: undefined, 'BC05-A': 'ADM' }, 'A', 'ERR'],
    ['l’erreur passe avant l’attente', { ...mandatory('ERR ADM ADM ADM') }, null, 'ERR'],
  ]
  it.each(cases)('%s', (_label, blocCodes, option, expected) => {
    expect(evaluateCertification(certification, { blocCodes, option }).decision).toBe(expected)
  })

  it('dit quels blocs comptent, lesquels sont validés et lesquels sont en attente', () => {
    const result = evaluateCertification(certification, {
      blocCodes: { ...mandatory('CAP ATT AJ ADM'), 'BC05-B': 'ADJ', 'BC05-A': 'ADM' },
      option: 'B',
    })
    expect(result).toEqual({
      ok: true,
      decision: 'EN ATTENTE',
      optionBlocCode: 'BC05-B',
      requiredBlocCodes: ['BC01', 'BC02', 'BC03', 'BC04', 'BC05-B'],
      validatedBlocCodes: ['BC01', 'BC04', 'BC05-B'],
      pendingBlocCodes: ['BC02'],
    })
  })

  it('explique une option inconnue en français, avec les choix possibles', () => {
    const result = evaluateCertification(certification, { blocCodes: mandatory('ADM ADM ADM ADM'), option: 'Option Z' })
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.issues.map((found) => found.message)).toEqual([
      'Bloc BC05 : option « Option Z » inconnue (attendu : A ou BC05-A, B ou BC05-B, C ou BC05-C, D ou BC05-D).',
    ])
  })

  it('sans groupe d’options, seuls les blocs obligatoires comptent et la cellule d’option est ignorée', () => {
    const withoutOption = compileCertification({ mandatoryBlocCodes: ['BC01', 'BC02'], optionGroupCode: null }, seedReferential.blocs)
    if (!withoutOption.ok) throw new Error('compilation')
    expect(evaluateCertification(withoutOption.value, { blocCodes: { BC01: 'ADM', BC02: 'CAP' }, option: 'n’importe quoi' }).decision).toBe(
      'CERTIFIÉ',
    )
  })
})

describe('règles du référentiel de référence', () => {
  it('se compilent sans erreur : 8 blocs évaluables, tous validés quand chaque critère est ACQ', () => {
    const rules = compileReferentialRules(seedReferential)
    expect(rules.ok).toBe(true)
    if (!rules.ok) return
    expect(rules.value.blocs.map((bloc) => bloc.code)).toEqual(['BC01', 'BC02', 'BC03', 'BC04', 'BC05-A', 'BC05-B', 'BC05-C', 'BC05-D'])
    for (const bloc of rules.value.blocs) {
      expect(bloc).toMatchObject({ kind: 'outcome', minAcqShare: 1, allowNacq: false, maxPacq: null })
    }
    expect(rules.value.certification).toMatchObject({ mandatoryBlocCodes: ['BC01', 'BC02', 'BC03', 'BC04'], optionGroupCode: 'BC05' })
  })
})
