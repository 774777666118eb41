/**
 * What an import does to a session, row by row: the dry run shows it, the commit applies it.
 */
import { describe, expect, it } from 'vitest'
import { planCandidateImport } from '../../../shared/candidates/importPlan'
import { candidateInputSchema, type Candidate } from '../../../shared/candidates/schema'
import { parseCandidateSheet } from '../../../shared/formats/candidateList'
import { seedReferential } from '../../../shared/referential'

function stored(schoolId: string, extra: Record<string, unknown> = {}, status: Candidate['status'] = 'enrolled'): Candidate {
  return {
    ...candidateInputSchema.parse({ schoolId, birthName: `Nom${schoolId}`, firstNames: ['Camille'], email: `${schoolId.toLowerCase()}@example.org`, ...extra }),
    id: `id-${schoolId}`,
    sessionId: 's1',
    rowVersion: 2,
    status,
    withdrawnAt: status === 'withdrawn' ? '2026-01-01T00:00:00.000Z' : null,
    withdrawalReason: status === 'withdrawn' ? 'Abandon' : null,
  }
}

function parse(headers: string[], rows: Array<Array<string | number | null>>) {
  return parseCandidateSheet({ fileName: 'Promo.xlsx', sheet: 'Candidats', firstRow: 1, rows: [headers, ...rows] }, seedReferential)
}

const BASE = ['Identifiant', 'Nom de naissance', 'Prénoms']

describe('planCandidateImport', () => {
  it('classifies every row as new, changed or unchanged, and withdraws the enrolled candidates the file leaves out', () => {
    const existing = [stored('E1'), stored('E2'), stored('E3'), stored('E4', {}, 'withdrawn')]
    const parsed = parse([...BASE, 'Courriel'], [
      ['E1', 'NomE1', 'Camille', 'e1@example.org'],
      ['E2', 'NomE2', 'Camille', 'nouvelle@example.org'],
      ['E5', 'Neuf', 'Alex', null],
    ])
    const plan = planCandidateImport(parsed, existing, { absent: 'withdraw', fileName: 'Promo.xlsx' })
    expect(plan.lines.map((l) => [l.row, l.schoolId, l.status, l.changes])).toEqual([
      [2, 'E1', 'unchanged', []],
      [3, 'E2', 'changed', ['email']],
      [4, 'E5', 'new', []],
      [null, 'E3', 'withdrawn', []],
    ])
    expect(plan).toMatchObject({ created: ['E5'], updated: ['E2'], unchanged: ['E1'], withdrawn: ['E3'], reinstated: [] })
    expect(plan.withdrawals).toEqual([{ candidateId: 'id-E3', schoolId: 'E3', reason: 'Absent de la liste « Promo.xlsx »' }])
    expect(plan.upserts.map((u) => u.schoolId)).toEqual(['E2', 'E5'])
  })

  it('keeps absent candidates when told to', () => {
    const plan = planCandidateImport(parse(BASE, [['E1', 'NomE1', 'Camille']]), [stored('E1'), stored('E2')], { absent: 'keep', fileName: 'f' })
    expect(plan.withdrawn).toEqual([])
    expect(plan.lines).toHaveLength(1)
  })

  it('leaves the fields the file has no column for as they are, e-mail and capitalised blocs included', () => {
    const existing = [stored('E1', { capitalisedBlocs: [{ blocCode: 'BC01', acquiredOn: '2025-07-04', source: 'vae' }] })]
    const plan = planCandidateImport(parse(BASE, [['E1', 'NomE1', 'Camille']]), existing, { absent: 'withdraw', fileName: 'f' })
    expect(plan.lines[0]).toMatchObject({ status: 'unchanged', changes: [] })
    expect(plan.upserts).toEqual([])
  })

  it('withdraws a row marked « Désinscrit », reinstates one marked « Inscrit », and keeps a stored capitalisation’s origin', () => {
    const origin = { sessionId: 's0', sessionName: 'Promo 2025', pvVersion: 1 }
    const existing = [
      stored('E1', { capitalisedBlocs: [{ blocCode: 'BC02', acquiredOn: '2025-07-04', source: 'earlier_session', origin }] }),
      stored('E2', {}, 'withdrawn'),
    ]
    const headers = [...BASE, 'Statut', 'Capitalisé BC02', 'Date capitalisation BC02']
    const parsed = parse(headers, [
      ['E1', 'NomE1', 'Camille', 'Désinscrit', 'Session antérieure', '04/07/2025'],
      ['E2', 'NomE2', 'Camille', 'Inscrit', null, null],
    ])
    const plan = planCandidateImport(parsed, existing, { absent: 'withdraw', fileName: 'Promo.xlsx' })
    expect(plan.lines.map((l) => [l.schoolId, l.status, l.changes])).toEqual([
      ['E1', 'withdrawn', []],
      ['E2', 'reinstated', []],
    ])
    expect(plan.withdrawals).toEqual([{ candidateId: 'id-E1', schoolId: 'E1', reason: 'Marqué « Désinscrit » dans « Promo.xlsx »' }])
    expect(plan.reinstatements).toEqual([{ candidateId: 'id-E2', schoolId: 'E2' }])
  })

  it('lists rows in error without taking their candidate for absent, and refuses « Désinscrit » for an unknown candidate', () => {
    const parsed = parse([...BASE, 'Statut'], [
      ['E1', '', 'Camille', null],
      ['E9', 'Inconnu', 'Alex', 'Désinscrit'],
    ])
    const plan = planCandidateImport(parsed, [stored('E1')], { absent: 'withdraw', fileName: 'Promo.xlsx' })
    expect(plan.lines.map((l) => [l.row, l.schoolId, l.status, l.candidateId])).toEqual([
      [2, 'E1', 'error', 'id-E1'],
      [3, 'E9', 'error', null],
    ])
    expect(plan.withdrawn).toEqual([])
    expect(plan.errors.map((e) => e.message)).toEqual([
      'Promo.xlsx, feuille « Candidats », ligne 3 : « Désinscrit » pour un candidat qui n’est pas dans la session ; retirez la ligne ou indiquez « Inscrit ».',
    ])
  })

  it('withdraws nobody when the file’s header cannot be read', () => {
    const parsed = parse(['Nom'], [['Martin']])
    expect(parsed.errors).not.toEqual([])
    expect(planCandidateImport(parsed, [stored('E1')], { absent: 'withdraw', fileName: 'f' }).withdrawn).toEqual([])
  })
})
