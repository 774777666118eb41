/**
 * Excel's 8,192-character limit, measured where formulas are longest: the real « Grille » layout at
 * the last row of the largest grid (row 20,002). docs/rules.md quotes these figures.
 */
import { describe, expect, it } from 'vitest'
import { gridBlocFormulaLength, LAST_GRID_ROW_INDEX, MAX_GRID_CANDIDATES } from '../../../shared/formulas/formulaBudget'
import { evaluableBlocs, seedReferential } from '../../../shared/referential'
import type { Referential } from '../../../shared/referential/schema'
import { compileBloc, compileReferentialRules, type CompiledRules } from '../../../shared/rules/compileRules'
import type { BlocRule, CritereAssessment } from '../../../shared/rules/ruleSchema'

type Kind = 'outcome' | 'plain score' | 'full score'

/** The seed with one of its blocs (BC01, or option BC05-D) given `count` critères of a kind. */
function seedWith(count: number, kind: Kind, where: 'BC01' | 'BC05-D'): Referential {
  const referential = structuredClone(seedReferential)
  const group = referential.blocs[4]
  const bloc = where === 'BC01' ? referential.blocs[0] : group?.kind === 'optionGroup' ? group.options[3] : undefined
  if (!bloc || bloc.kind === 'optionGroup') throw new Error('seed shape')
  const prefix = where === 'BC01' ? 'CR1' : 'CR5D'
  const assessment = (): CritereAssessment =>
    kind === 'outcome'
      ? { scale: { kind: 'outcome' }, weight: 1, floor: null }
      : kind === 'plain score'
        ? { scale: { kind: 'score', max: 20 }, weight: 1, floor: null }
        : { scale: { kind: 'score', max: 10 }, weight: 1.5, floor: 4 }
  bloc.criteres = Array.from({ length: count }, (_, i) => ({ code: `${prefix}.${i + 1}`, label: `Critère ${i + 1}`, fromCompetence: null, assessment: assessment() }))
  const rule: BlocRule =
    kind === 'outcome'
      ? { kind: 'outcome', minAcqShare: 1, allowNacq: false, maxPacq: null }
      : { kind: 'score', threshold: 10, roundingDecimals: 2, requiredCriteres: kind === 'full score' ? bloc.criteres.map((c) => ({ critereCode: c.code, min: 5 })) : [] }
  bloc.rule = rule
  return referential
}

function compiled(referential: Referential): CompiledRules {
  const result = compileReferentialRules(referential)
  if (!result.ok) throw new Error(result.issues.map((found) => found.message).join('\n'))
  return result.value
}

/** The number of critères the refusal says fit, for a bloc far too large. */
function criteresThatFit(kind: Kind, where: 'BC01' | 'BC05-D'): number {
  const result = compileReferentialRules(seedWith(60, kind, where))
  if (result.ok) throw new Error('a 60-critère bloc compiled')
  const match = /avec cette règle, (\d+) critères au plus tiennent dans ce bloc/.exec(result.issues[0]!.message)
  if (!match) throw new Error(result.issues[0]!.message)
  return Number(match[1])
}

describe('the formula budget', () => {
  it('is measured at row 20,002, the last row of a 20,000-candidate grid', () => {
    expect(MAX_GRID_CANDIDATES).toBe(20_000)
    expect(LAST_GRID_ROW_INDEX + 1).toBe(20_002)
  })

  it('grows with the row number: the same bloc is longer at row 20,002 than at row 3, and equal on every five-digit row', () => {
    const rules = compiled(seedWith(18, 'outcome', 'BC01'))
    const atRow3 = gridBlocFormulaLength(rules, 'BC01', 2)!
    const atLast = gridBlocFormulaLength(rules, 'BC01')!
    expect(atLast - atRow3).toBeGreaterThan(700)
    expect(gridBlocFormulaLength(rules, 'BC01', 9_999)).toBe(atLast)
    expect(gridBlocFormulaLength(rules, 'BC01', 99_998)).toBe(atLast)
    expect(atLast).toBeLessThanOrEqual(8_192)
  })

  it('measures a 19-critère bloc at 7,375 characters on row 3, 8,248 on row 2,002 and 8,539 on row 20,002', () => {
    // Compiled bloc by bloc: compileReferentialRules itself refuses this référentiel.
    const referential = seedWith(19, 'outcome', 'BC01')
    const ok = compileReferentialRules(seedWith(18, 'outcome', 'BC01'))
    if (!ok.ok) throw new Error('18 critères')
    const blocs = evaluableBlocs(referential).map((bloc) => {
      const one = compileBloc(bloc)
      if (!one.ok) throw new Error(bloc.code)
      return one.value
    })
    const rules = { blocs, certification: ok.value.certification }
    expect([2, 2_001, 20_001].map((row) => gridBlocFormulaLength(rules, 'BC01', row))).toEqual([7_375, 8_248, 8_539])
  })

  it('refuses at compile time a bloc that would not fit, naming it and how many critères fit', () => {
    const result = compileReferentialRules(seedWith(19, 'outcome', 'BC01'))
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.issues).toHaveLength(1)
    expect(result.issues[0]).toMatchObject({ kind: 'formula', blocCode: 'BC01', critereCode: null, field: 'criteres' })
    expect(result.issues[0]!.message).toMatch(
      /^Bloc BC01 : avec ses 19 critères, la formule du bloc ferait 8\s\d{3} caractères à la ligne 20\s002 de la grille, au-delà des 8\s192 qu’Excel accepte : avec cette règle, 18 critères au plus tiennent dans ce bloc\. Répartissez ses critères entre plusieurs blocs ou simplifiez la règle\.$/,
    )
  })

  it.each([
    ['outcome', 'BC01', 18],
    ['plain score', 'BC01', 20],
    ['full score', 'BC01', 12],
    ['outcome', 'BC05-D', 16],
    ['plain score', 'BC05-D', 19],
    ['full score', 'BC05-D', 11],
  ] as const)('a %s bloc in place of %s fits up to %i critères (the figures of docs/rules.md)', (kind, where, fit) => {
    expect(criteresThatFit(kind, where)).toBe(fit)
    expect(compileReferentialRules(seedWith(fit, kind, where)).ok).toBe(true)
    expect(compileReferentialRules(seedWith(fit + 1, kind, where)).ok).toBe(false)
  })
})
