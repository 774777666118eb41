/**
 * What the Worker accepts in a grade push besides the marks themselves: the same refusals as the
 * workbook's « Vérifier », for an option the candidate did not choose and for an error value.
 */
import { describe, expect, it } from 'vitest'
import { gradePushSchema, indexReferential, validateGradePush, type PushCandidate } from '../../../shared/grades/gradePush'
import { seedReferential } from '../../../shared/referential'

const index = indexReferential(seedReferential)
const candidates = new Map<string, PushCandidate>([['c1', { id: 'c1', optionCode: 'BC05-A' }]])

function check(row: Record<string, unknown>) {
  return validateGradePush(gradePushSchema.parse({ rows: [{ candidateId: 'c1', rowVersion: 1, ...row }] }), index, candidates)
}

describe('une option que le candidat n’a pas choisie', () => {
  it('refuse une note, et une décision du jury, sur cette option, chacune à son chemin', () => {
    const result = check({ marks: { 'CR5B.1': 'ACQ' }, decisions: { 'BC05-B': { code: 'ADJ', reason: 'Soutenance remarquable' } } })
    expect(result).toEqual({
      ok: false,
      issues: [
        { path: 'body.rows[0].marks["CR5B.1"]', message: 'le critère CR5B.1 relève de l’option BC05-B, or le candidat a choisi BC05-A' },
        {
          path: 'body.rows[0].decisions["BC05-B"].code',
          message: 'le bloc BC05-B est une option que le candidat n’a pas choisie (il a choisi BC05-A) : pas de décision du jury sur ce bloc',
        },
      ],
    })
  })

  it('laisse effacer une note ou une décision restée sur cette option, comme « Vérifier »', () => {
    const result = check({ marks: { 'CR5B.1': null }, decisions: { 'BC05-B': { code: null } } })
    expect(result.ok).toBe(true)
  })

  it('accepte note et décision sur l’option choisie', () => {
    const result = check({ marks: { 'CR5A.1': 'acq' }, decisions: { 'BC05-A': { code: 'ADJ', reason: 'vu' } } })
    expect(result).toMatchObject({ ok: true, rows: [{ marks: { 'CR5A.1': 'ACQ' }, decisions: { 'BC05-A': { code: 'ADJ', reason: 'vu' } } }] })
  })
})

describe('une valeur d’erreur d’Excel dans le motif', () => {
  it('est refusée avec une décision, comme le moteur et la formule la refusent', () => {
    expect(check({ decisions: { BC01: { code: 'ADM', reason: '#N/A' } } })).toEqual({
      ok: false,
      issues: [{ path: 'body.rows[0].decisions["BC01"].reason', message: 'le motif de la décision du jury est la valeur d’erreur #N/A : saisissez un motif.' }],
    })
  })

  it('n’empêche pas d’effacer la décision', () => {
    expect(check({ decisions: { BC01: { code: null, reason: '#N/A' } } })).toMatchObject({ ok: true, rows: [{ decisions: { BC01: { code: null, reason: null } } }] })
  })
})
