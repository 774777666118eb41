/**
 * The worked examples of docs/rules.md, as tables: each line is a grid and the bloc it gives.
 */
import { describe, expect, it } from 'vitest'
import { checkPublishable } from '../../../shared/referential/publication'
import { compileBloc, type BlocDefinition, type CompiledBloc } from '../../../shared/rules/compileRules'
import { evaluateBloc, type BlocGrade } from '../../../shared/rules/evaluateBloc'
import type { CellInput } from '../../../shared/rules/marks'
import type { BlocRule, CritereAssessment } from '../../../shared/rules/ruleSchema'
import { secondTitle } from '../referential/secondTitle'

const OUTCOME: CritereAssessment = { scale: { kind: 'outcome' }, weight: 1, floor: null }
const SEED_RULE: BlocRule = { kind: 'outcome', minAcqShare: 1, allowNacq: false, maxPacq: null }

function compile(definition: BlocDefinition): CompiledBloc {
  const compiled = compileBloc(definition)
  if (!compiled.ok) throw new Error(compiled.issues.map((found) => found.message).join('\n'))
  return compiled.value
}

function outcomeBloc(rule: BlocRule): CompiledBloc {
  return compile({
    code: 'BC01',
    criteres: ['CR1.1', 'CR1.2', 'CR1.3', 'CR1.4', 'CR1.5'].map((code) => ({ code, assessment: OUTCOME })),
    rule,
  })
}

describe('bloc validé en ACQ / PACQ / NACQ, règle par défaut du référentiel (tous les critères ACQ)', () => {
  const bloc = outcomeBloc(SEED_RULE)
  const cases: [string, BlocGrade, string][] = [
    ['tous les critères ACQ : validé', { marks: ['ACQ', 'ACQ', 'ACQ', 'ACQ', 'ACQ'] }, 'ADM'],
    ['un PACQ : non validé', { marks: ['ACQ', 'ACQ', 'PACQ', 'ACQ', 'ACQ'] }, 'AJ'],
    ['un ABS compte comme non acquis', { marks: ['ACQ', 'ABS', 'ACQ', 'ACQ', 'ACQ'] }, 'AJ'],
    ['un EXC est neutralisé', { marks: ['ACQ', 'EXC', 'ACQ', 'ACQ', 'ACQ'] }, 'ADM'],
    ['tous EXC : rien à évaluer, en attente', { marks: ['EXC', 'EXC', 'EXC', 'EXC', 'EXC'] }, 'ATT'],
    ['un critère vide laisse le bloc en attente, même avec un NACQ', { marks: ['ACQ', null, 'NACQ', 'ACQ', 'ACQ'] }, 'ATT'],
    ['un critère ATT laisse le bloc en attente', { marks: ['ACQ', 'ATT', 'ACQ', 'ACQ', 'ACQ'] }, 'ATT'],
    ['"" et des espaces valent une cellule vide', { marks: ['ACQ', '', '   ', 'ACQ', 'ACQ'] }, 'ATT'],
    ['saisie souple : casse et espaces ignorés', { marks: [' acq ', 'Acq', 'ACQ ', 'acq', 'ACQ'] }, 'ADM'],
    ['un code inconnu est une erreur', { marks: ['ACQ', 'XYZ', 'ACQ', 'ACQ', 'ACQ'] }, 'ERR'],
    ['un nombre sur l’échelle ACQ est une erreur', { marks: ['ACQ', 12, 'ACQ', 'ACQ', 'ACQ'] }, 'ERR'],
    ['une case à cocher n’est pas une note', { marks: ['ACQ', true, 'ACQ', 'ACQ', 'ACQ'] }, 'ERR'],
    [
      'décision du jury ADJ motivée sur un bloc non validé',
      { marks: ['PACQ', 'ACQ', 'ACQ', 'ACQ', 'ACQ'], override: 'ADJ', overrideReason: 'Soutenance remarquable' },
      'ADJ',
    ],
    ['décision du jury sans motif : erreur', { marks: ['ACQ', 'ACQ', 'ACQ', 'ACQ', 'ACQ'], override: 'ADM' }, 'ERR'],
    [
      'un motif en erreur (#N/A) est invalide, comme pour la formule',
      { marks: ['ACQ', 'ACQ', 'ACQ', 'ACQ', 'ACQ'], override: 'ADJ', overrideReason: '#N/A' },
      'ERR',
    ],
    ['un motif en erreur sans décision du jury ne compte pas', { marks: ['ACQ', 'ACQ', 'ACQ', 'ACQ', 'ACQ'], overrideReason: '#REF!' }, 'ADM'],
    ['décision du jury inconnue : erreur', { marks: ['ACQ', 'ACQ', 'ACQ', 'ACQ', 'ACQ'], override: 'ADMIS', overrideReason: 'vu' }, 'ERR'],
    ['bloc capitalisé, notes vides', { marks: [null, null, null, null, null], capitalised: 'OUI' }, 'CAP'],
    ['bloc capitalisé par case à cocher', { marks: [], capitalised: true }, 'CAP'],
    ['case décochée : le bloc suit ses notes', { marks: ['ACQ', 'ACQ', 'ACQ', 'ACQ', 'ACQ'], capitalised: false }, 'ADM'],
    ['capitalisation illisible : erreur', { marks: ['ACQ', 'ACQ', 'ACQ', 'ACQ', 'ACQ'], capitalised: 'peut-être' }, 'ERR'],
    [
      'la décision du jury l’emporte sur la capitalisation',
      { marks: ['ACQ', 'ACQ', 'ACQ', 'ACQ', 'ACQ'], capitalised: 'CAP', override: 'AJ', overrideReason: 'Fraude' },
      'AJ',
    ],
    [
      'une erreur de saisie l’emporte sur la décision du jury',
      { marks: ['ACQ', 'XYZ', 'ACQ', 'ACQ', 'ACQ'], override: 'ADM', overrideReason: 'vu' },
      'ERR',
    ],
  ]
  it.each(cases)('%s', (_label, grade, expected) => {
    expect(evaluateBloc(bloc, grade).code).toBe(expected)
  })

  it('garde le code calculé à côté de la décision du jury, avec son motif', () => {
    const result = evaluateBloc(bloc, {
      marks: ['PACQ', 'ACQ', 'ACQ', 'ACQ', 'ACQ'],
      override: ' adj ',
      overrideReason: ' Soutenance remarquable ',
    })
    expect(result).toMatchObject({ ok: true, code: 'ADJ', computedCode: 'AJ', override: 'ADJ', overrideReason: 'Soutenance remarquable' })
  })

  it('lit les notes par code de critère ; un critère absent vaut une cellule vide', () => {
    const marks = { 'CR1.1': 'ACQ', 'CR1.2': 'ACQ', 'CR1.3': 'ACQ', 'CR1.4': 'ACQ', 'CR1.5': 'ACQ' }
    expect(evaluateBloc(bloc, { marks }).code).toBe('ADM')
    const { 'CR1.5': _missing, ...incomplete } = marks
    expect(evaluateBloc(bloc, { marks: incomplete }).code).toBe('ATT')
  })

  it('signale chaque cellule invalide avec un message en français qui nomme le bloc et le critère', () => {
    const result = evaluateBloc(bloc, { marks: ['ACQ', 'XYZ', 12, 'ACQ', 'ACQ'], override: 'ADM' })
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.issues.map((found) => [found.kind, found.critereCode, found.message])).toEqual([
      ['reason', null, 'Bloc BC01 : la décision du jury ADM doit être motivée : le motif est vide.'],
      ['mark', 'CR1.2', 'Bloc BC01, critère CR1.2 : « XYZ » n’est pas un code valide (ACQ, PACQ, NACQ, ABS, EXC ou ATT attendu).'],
      ['mark', 'CR1.3', "Bloc BC01, critère CR1.3 : 12 est une note chiffrée ; ce critère s’évalue en ACQ, PACQ ou NACQ."],
    ])
  })
})

describe('bloc validé en ACQ / PACQ / NACQ, règle configurée (80 % d’ACQ, un PACQ toléré, pas de NACQ)', () => {
  const bloc = outcomeBloc({ kind: 'outcome', minAcqShare: 0.8, allowNacq: false, maxPacq: 1 })
  const cases: [string, CellInput[], string][] = [
    ['80 % d’ACQ et un PACQ : validé', ['ACQ', 'ACQ', 'ACQ', 'ACQ', 'PACQ'], 'ADM'],
    ['60 % d’ACQ : non validé', ['ACQ', 'ACQ', 'ACQ', 'PACQ', 'PACQ'], 'AJ'],
    ['un NACQ n’est pas toléré', ['ACQ', 'ACQ', 'ACQ', 'ACQ', 'NACQ'], 'AJ'],
    ['la part se calcule sans les EXC', ['ACQ', 'ACQ', 'ACQ', 'ACQ', 'EXC'], 'ADM'],
  ]
  it.each(cases)('%s', (_label, marks, expected) => {
    expect(evaluateBloc(bloc, { marks }).code).toBe(expected)
  })

  it('compense un NACQ quand la règle le permet', () => {
    const lenient = outcomeBloc({ kind: 'outcome', minAcqShare: 0.8, allowNacq: true, maxPacq: null })
    expect(evaluateBloc(lenient, { marks: ['ACQ', 'ACQ', 'ACQ', 'ACQ', 'NACQ'] }).code).toBe('ADM')
  })
})

describe('bloc validé par moyenne (seuil 10, arrondi à 2 décimales, mémoire exigé ≥ 10, note éliminatoire 6)', () => {
  const score = (weight: number, floor: number | null = null): CritereAssessment => ({ scale: { kind: 'score', max: 20 }, weight, floor })
  const bloc = compile({
    code: 'BC02',
    criteres: [
      { code: 'CR2.1', assessment: score(1) },
      { code: 'CR2.2', assessment: score(2) },
      { code: 'CR2.3', assessment: score(1, 6) },
    ],
    rule: { kind: 'score', threshold: 10, roundingDecimals: 2, requiredCriteres: [{ critereCode: 'CR2.2', min: 10 }] },
  })
  const cases: [string, CellInput[], string, number | null][] = [
    ['moyenne 9,995 arrondie à 10,00 : validé', [10, 10, 9.98], 'ADM', 10],
    ['moyenne 9,994 arrondie à 9,99 : non validé', [10, 10, 9.976], 'AJ', 9.99],
    ['coefficients : (8 + 2 × 11 + 10) / 4 = 10', [8, 11, 10], 'ADM', 10],
    ['note éliminatoire : 5 < 6 malgré 11,25 de moyenne', [16, 12, 5], 'AJ', 11.25],
    ['mémoire exigé : 9,5 < 10 malgré 13,50 de moyenne', [20, 9.5, 15], 'AJ', 13.5],
    ['mémoire à 9,995 arrondi à 10,00 : exigence remplie', [20, 9.995, 15], 'ADM', 13.75],
    ['ABS compte 0', ['ABS', 12, 12], 'AJ', 9],
    ['EXC sort de la moyenne : (24 + 8) / 3', ['EXC', 12, 8], 'ADM', 10.67],
    ['le mémoire exigé ne peut pas être excusé', [12, 'EXC', 12], 'ATT', null],
    ['une note vide laisse le bloc en attente', [12, null, 12], 'ATT', null],
    ['une note saisie comme du texte est une erreur', [12, '12', 12], 'ERR', null],
    ['une note au-dessus du maximum est une erreur', [12, 25, 12], 'ERR', null],
    ['une note négative est une erreur', [12, -1, 12], 'ERR', null],
    ['un code ACQ sur un critère noté est une erreur', [12, 'ACQ', 12], 'ERR', null],
    ['20,004 se lit 20,00 à 2 décimales', [20.004, 12, 12], 'ADM', 14],
  ]
  it.each(cases)('%s', (_label, marks, expected, mean) => {
    const result = evaluateBloc(bloc, { marks })
    expect(result.code).toBe(expected)
    if (result.ok) expect(result.mean).toBe(mean)
  })

  it('explique en français pourquoi une note est refusée', () => {
    const messages = (marks: CellInput[]) => {
      const result = evaluateBloc(bloc, { marks })
      return result.ok ? [] : result.issues.map((found) => found.message)
    }
    expect(messages([12, '12', 12])).toEqual(['Bloc BC02, critère CR2.2 : « 12 » est saisi comme du texte ; saisissez la note comme un nombre.'])
    expect(messages([12, 25, 12])).toEqual(['Bloc BC02, critère CR2.2 : la note 25 dépasse le maximum de 20.'])
    expect(messages([-1, 12, 12])).toEqual(['Bloc BC02, critère CR2.1 : la note -1 est négative.'])
  })

  it('ramène une note sur 10 à /20 pour la moyenne ; sa note éliminatoire reste sur 10', () => {
    const outOfTen = compile({
      code: 'BC03',
      criteres: [
        { code: 'CR3.1', assessment: { scale: { kind: 'score', max: 10 }, weight: 1, floor: 4 } },
        { code: 'CR3.2', assessment: score(1) },
      ],
      rule: { kind: 'score', threshold: 10, roundingDecimals: 2, requiredCriteres: [] },
    })
    expect(evaluateBloc(outOfTen, { marks: [6, 8] })).toMatchObject({ code: 'ADM', mean: 10 })
    expect(evaluateBloc(outOfTen, { marks: [3.5, 20] })).toMatchObject({ code: 'AJ', mean: 13.5 })
    expect(evaluateBloc(outOfTen, { marks: [10.5, 20] }).code).toBe('ERR')
  })
})

/**
 * The two worked examples of « How a school writes its rules » (docs/rules.md, README): blocs of
 * the second title as published, compiled by the publish route's own check.
 */
describe('règlement d’une école : les exemples de docs/rules.md (second titre publié)', () => {
  const published = checkPublishable(secondTitle)
  if (!published.ok) throw new Error(JSON.stringify(published.issues))
  const bloc = (code: string) => published.rules.blocs.find((candidate) => candidate.code === code)!

  describe('BC02, moyenne sur 20 : CR2.1 coefficient 1, mémoire CR2.2 coefficient 3 exigé à 10, CR2.3 sur 10 éliminatoire sous 4', () => {
    const cases: [string, CellInput[], string, number | null][] = [
      ['(11 + 12 × 3 + 8 × 2) / 5 = 12,6', [11, 12, 8], 'ADM', 12.6],
      ['moyenne 13,7 mais mémoire à 9,5 < 10', [20, 9.5, 10], 'AJ', 13.7],
      ['moyenne 10,8 mais CR2.3 à 3 < 4 sur 10', [12, 12, 3], 'AJ', 10.8],
      ['moyenne 9,6 sous le seuil', [8, 10, 5], 'AJ', 9.6],
      ['9,997 arrondi à 10,00, mémoire 9,995 arrondi à 10,00', [10, 9.995, 5], 'ADM', 10],
      ['ABS compte 0 avec son coefficient : (0 + 42 + 12) / 5 = 10,8', ['ABS', 14, 6], 'ADM', 10.8],
      ['CR2.3 excusé : (14 + 36) / 4 = 12,5', [14, 12, 'EXC'], 'ADM', 12.5],
      ['le mémoire exigé ne peut pas être excusé', [15, 'EXC', 5], 'ATT', null],
    ]
    it.each(cases)('%s', (_label, marks, expected, mean) => {
      expect(evaluateBloc(bloc('BC02'), { marks })).toMatchObject({ code: expected, mean })
    })
  })

  describe('BC03, critères acquis : au moins 75 % d’ACQ, un PACQ toléré, aucun NACQ', () => {
    const cases: [string, CellInput[], string][] = [
      ['3 ACQ sur 4 et un PACQ', ['ACQ', 'ACQ', 'PACQ', 'ACQ'], 'ADM'],
      ['deux PACQ : 50 % d’ACQ', ['ACQ', 'PACQ', 'PACQ', 'ACQ'], 'AJ'],
      ['un NACQ n’est pas toléré', ['ACQ', 'ACQ', 'ACQ', 'NACQ'], 'AJ'],
      ['ABS compte comme NACQ', ['ACQ', 'ACQ', 'ACQ', 'ABS'], 'AJ'],
      ['un EXC est neutralisé : 2 ACQ sur 3, soit 67 %', ['ACQ', 'ACQ', 'PACQ', 'EXC'], 'AJ'],
      ['un EXC est neutralisé : 3 ACQ sur 3', ['ACQ', 'ACQ', 'ACQ', 'EXC'], 'ADM'],
    ]
    it.each(cases)('%s', (_label, marks, expected) => {
      expect(evaluateBloc(bloc('BC03'), { marks }).code).toBe(expected)
    })
  })
})
