import { describe, expect, it } from 'vitest'
import { compareWithComputation, finaliseRequestSchema, type PushedResult } from '../../../shared/documents/finalisation'
import { computeSessionResults } from '../../../shared/results/sessionResults'
import { compiledRules, critereCodes, firstWith, storedGrades } from './fixtures'

const rules = compiledRules()
const stored = storedGrades()
const computed = computeSessionResults(rules, critereCodes, stored)

/** What a workbook that agrees with the engine sends for a candidate. */
function agreeing(candidateId: string): PushedResult {
  const result = computed.find((r) => r.candidateId === candidateId)!
  return {
    candidateId,
    blocs: Object.fromEntries(Object.entries(result.blocs).map(([code, b]) => [code, { code: b.code }])),
    decision: result.decision,
  }
}

describe('compareWithComputation', () => {
  it('finalises the computed results when nothing is pushed', () => {
    const outcome = compareWithComputation(rules, critereCodes, stored, [])
    expect(outcome.ok).toBe(true)
    if (!outcome.ok) return
    expect(outcome.final.map((r) => r.decision)).toEqual(computed.map((r) => r.decision))
    expect(outcome.newOverrides).toEqual([])
  })

  it('accepts a push that shows exactly what the engine computes', () => {
    const outcome = compareWithComputation(rules, critereCodes, stored, computed.map((r) => agreeing(r.candidateId)))
    expect(outcome.ok).toBe(true)
  })

  it('reads pushed codes as the workbook cells do: case and spaces do not matter', () => {
    const failed = firstWith(computed, 'BC01', 'AJ')
    const push = agreeing(failed.candidateId)
    push.blocs.BC01 = { code: ' aj ' }
    expect(compareWithComputation(rules, critereCodes, stored, [push]).ok).toBe(true)
  })

  it('refuses a pushed bloc code that differs from the computation without a reason, with a French message located in the request', () => {
    const failed = firstWith(computed, 'BC01', 'AJ')
    const push = agreeing(failed.candidateId)
    push.blocs.BC01 = { code: 'ADM' }
    const outcome = compareWithComputation(rules, critereCodes, stored, [push])
    expect(outcome.ok).toBe(false)
    if (outcome.ok) return
    expect(outcome.differences).toHaveLength(1)
    expect(outcome.differences[0]).toMatchObject({
      candidateId: failed.candidateId,
      blocCode: 'BC01',
      pushed: 'ADM',
      computed: 'AJ',
      path: 'body.results[0].blocs.BC01.code',
    })
    expect(outcome.differences[0]?.message).toMatch(/bloc BC01 : le classeur indique « ADM », le calcul donne « AJ » ; la décision du jury ADM doit être motivée/)
  })

  it('accepts a motivated jury decision against the computation and keeps the computed code beside it', () => {
    const failed = firstWith(computed, 'BC01', 'AJ')
    const push = agreeing(failed.candidateId)
    push.blocs.BC01 = { code: 'ADJ', reason: 'Soutenance remarquable, le jury valide le bloc' }
    delete push.decision
    const outcome = compareWithComputation(rules, critereCodes, stored, [push])
    expect(outcome.ok).toBe(true)
    if (!outcome.ok) return
    expect(outcome.newOverrides).toEqual([
      { candidateId: failed.candidateId, blocCode: 'BC01', code: 'ADJ', reason: 'Soutenance remarquable, le jury valide le bloc' },
    ])
    const final = outcome.final.find((r) => r.candidateId === failed.candidateId)!
    expect(final.blocs.BC01).toMatchObject({ code: 'ADJ', computedCode: 'AJ', override: 'ADJ' })
    const fromMarks = outcome.computed.find((r) => r.candidateId === failed.candidateId)!
    expect(fromMarks.blocs.BC01).toMatchObject({ code: 'AJ', override: null })
  })

  it('refuses a code that only a candidate field can give (CAP), even with a reason', () => {
    const passed = firstWith(computed, 'BC02', 'ADM')
    const push = agreeing(passed.candidateId)
    push.blocs.BC02 = { code: 'CAP', reason: 'acquis en 2025' }
    const outcome = compareWithComputation(rules, critereCodes, stored, [push])
    expect(outcome.ok).toBe(false)
    if (outcome.ok) return
    expect(outcome.differences[0]?.message).toMatch(/seule une décision du jury motivée \(ADM, ADJ, AJ\) peut remplacer le calcul/)
  })

  it('refuses a pushed certification decision that the retained bloc codes do not give', () => {
    const pending = computed.find((r) => r.decision === 'EN ATTENTE')!
    const push = { ...agreeing(pending.candidateId), decision: 'CERTIFIÉ' }
    const outcome = compareWithComputation(rules, critereCodes, stored, [push])
    expect(outcome.ok).toBe(false)
    if (outcome.ok) return
    expect(outcome.differences[0]).toMatchObject({ pushed: 'CERTIFIÉ', computed: 'EN ATTENTE', path: 'body.results[0].decision' })
  })

  it('reports unknown and duplicated candidates, and a bloc of an option the candidate did not choose', () => {
    const someone = computed[0]!
    const otherOption = ['BC05-A', 'BC05-B', 'BC05-C', 'BC05-D'].find((code) => !(code in someone.blocs))!
    const outcome = compareWithComputation(rules, critereCodes, stored, [
      { candidateId: 'nobody', blocs: {} },
      { candidateId: someone.candidateId, blocs: { [otherOption]: { code: 'ADM' } } },
      { candidateId: someone.candidateId, blocs: {} },
    ])
    expect(outcome.ok).toBe(false)
    if (outcome.ok) return
    expect(outcome.differences.map((d) => d.path)).toEqual([
      'body.results[0].candidateId',
      `body.results[1].blocs.${otherOption}`,
      'body.results[2].candidateId',
    ])
    expect(outcome.differences[0]?.message).toBe('Candidat « nobody » inconnu dans cette session.')
    expect(outcome.differences[1]?.message).toMatch(/ce bloc ne compte pas pour le candidat/)
    expect(outcome.differences[2]?.message).toMatch(/envoyé deux fois/)
  })

  it('refuses to finalise while stored data is invalid (a bloc shows ERR)', () => {
    const broken = stored.map((c, i) => (i === 0 ? { ...c, marks: c.marks.map((m, j) => (j === 0 ? 'XYZ' : m)) } : c))
    const outcome = compareWithComputation(rules, critereCodes, broken, [])
    expect(outcome.ok).toBe(false)
    if (outcome.ok) return
    expect(outcome.differences[0]).toMatchObject({ candidateId: stored[0]?.candidateId, computed: 'ERR' })
    expect(outcome.differences[0]?.message).toMatch(/données invalides/)
  })

  it('warns, without refusing, about candidates left pending on the PV', () => {
    const outcome = compareWithComputation(rules, critereCodes, stored, [])
    if (!outcome.ok) throw new Error('expected ok')
    const pending = computed.filter((r) => r.decision === 'EN ATTENTE').length
    expect(pending).toBeGreaterThan(0)
    expect(outcome.warnings).toEqual([expect.stringMatching(new RegExp(`^${pending} candidat\\(s\\) restent « EN ATTENTE »`))])
  })
})

describe('finaliseRequestSchema', () => {
  it('accepts an empty body (finalise as computed) and refuses unknown fields', () => {
    expect(finaliseRequestSchema.parse({})).toEqual({ results: [] })
    expect(finaliseRequestSchema.safeParse({ results: [], final: true }).success).toBe(false)
  })
})
