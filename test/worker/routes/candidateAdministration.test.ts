/**
 * Candidates as the task pane administers them: the « Candidats » sheet sent as values, its dry
 * run row by row, one all-or-nothing commit guarded on the list the dry run saw; a candidate
 * withdrawn (« désinscrit ») kept for the record but out of the grid, the results, the grading and
 * the PV; reinstated with their marks.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import { candidateListColumns } from '../../../shared/formats/candidateList'
import { seedReferential } from '../../../shared/referential'
import { listAuditEvents } from '../../../worker/db/audit'
import { getPv } from '../../../worker/db/documents'
import { seedTheReferential, testEnv } from '../harness'
import { call, grid, json, REGULAR_JURY, results, type ErrorBody } from '../deliberation/helpers'

const headers = candidateListColumns(seedReferential).map((c) => c.header)
const row = (values: Record<string, string | number | null>) => headers.map((h) => values[h] ?? null)
const person = (id: string, name: string, extra: Record<string, string | number | null> = {}) =>
  row({ Identifiant: id, 'Nom de naissance': name, Prénoms: 'Camille', Option: 'BC05-A Cybersécurité', Statut: 'Inscrit', ...extra })

interface Line {
  row: number | null
  schoolId: string
  status: string
  changes: string[]
  candidateId: string | null
}
interface Preview {
  format: string
  sheet: string | null
  candidateListVersion: number
  errors: Array<{ message: string; row: number | null; column?: string }>
  lines: Line[]
  created: string[]
  updated: string[]
  withdrawn: string[]
  reinstated: string[]
}
interface CandidateBody {
  id: string
  schoolId: string
  rowVersion: number
  status: string
  withdrawnAt: string | null
  withdrawalReason: string | null
}

let sessionId = ''

async function importSheet(rows: Array<Array<string | number | null>>, extra: Record<string, unknown> = {}): Promise<Response> {
  return call(`/sessions/${sessionId}/candidates/import-sheet`, json('POST', { fileName: 'Promo.xlsx', sheet: 'Candidats', rows: [headers, ...rows], ...extra }))
}

async function candidates(): Promise<CandidateBody[]> {
  return (await (await call(`/sessions/${sessionId}/candidates`)).json<{ candidates: CandidateBody[] }>()).candidates
}

const bySchoolId = async (schoolId: string) => (await candidates()).find((c) => c.schoolId === schoolId)!

beforeAll(async () => {
  await seedTheReferential()
  const res = await call('/sessions', json('POST', { referentialId: seedReferential.id, name: 'Promo feuille' }))
  sessionId = (await res.json<{ session: { id: string } }>()).session.id
})

describe('importing the « Candidats » sheet', () => {
  it('previews a sheet with an error located by sheet, cell and column, writing nothing', async () => {
    const res = await importSheet([person('S1', 'Martin'), person('S2', 'Durand', { 'Date de naissance': '31/02/2001' })])
    expect(res.status).toBe(200)
    const { dryRun, preview } = await res.json<{ dryRun: boolean; preview: Preview }>()
    expect(dryRun).toBe(true)
    expect(preview).toMatchObject({ format: 'sheet', sheet: 'Candidats', created: ['S1'] })
    expect(preview.errors.map((e) => e.message)).toEqual([
      'Promo.xlsx, feuille « Candidats », cellule F3 (colonne « Date de naissance ») : « 31/02/2001 » : date inexistante.',
    ])
    expect(preview.lines.map((l) => [l.row, l.schoolId, l.status])).toEqual([
      [2, 'S1', 'new'],
      [3, 'S2', 'error'],
    ])
    const commit = await importSheet([person('S1', 'Martin'), person('S2', 'Durand', { 'Date de naissance': '31/02/2001' })], { dryRun: false })
    expect(commit.status).toBe(400)
    expect((await commit.json<ErrorBody>()).error.message).toBe(
      'Le fichier « Promo.xlsx » contient 1 erreur(s) : rien n’a été importé. Corrigez-les (voir le détail) puis recommencez.',
    )
    expect(await candidates()).toEqual([])
  })

  it('commits the corrected sheet in one batch, guarded on the list version its dry run saw', async () => {
    const rows = [person('S1', 'Martin'), person('S2', 'Durand', { 'Date de naissance': 36950 }), person('S3', 'Petit')]
    const { preview } = await (await importSheet(rows)).json<{ preview: Preview }>()
    expect(preview.errors).toEqual([])
    const res = await importSheet(rows, { dryRun: false, candidateListVersion: preview.candidateListVersion })
    expect(res.status, await res.clone().text()).toBe(200)
    const committed = await res.json<{ dryRun: boolean; preview: Preview }>()
    expect(committed).toMatchObject({ dryRun: false, preview: { created: ['S1', 'S2', 'S3'] } })
    expect(committed.preview.candidateListVersion).toBeGreaterThan(preview.candidateListVersion)
    expect((await bySchoolId('S2')).status).toBe('enrolled')
    expect((await listAuditEvents(testEnv.DB, { sessionId })).at(-1)).toMatchObject({
      action: 'candidate.import',
      details: { fileName: 'Promo.xlsx', created: 3, withdrawn: 0 },
    })

    // Replaying the same commit on the old version is refused: the list moved since.
    const stale = await importSheet(rows, { dryRun: false, candidateListVersion: preview.candidateListVersion })
    expect(stale.status).toBe(409)
    expect((await stale.json<ErrorBody>()).error.message).toMatch(/^La liste des candidats a changé depuis l’aperçu/)
  })

  it('withdraws the candidates a row marks « Désinscrit » or the sheet leaves out, and reinstates them', async () => {
    const before = await (await importSheet([person('S1', 'Martin'), person('S2', 'Durand', { Statut: 'Désinscrit' })])).json<{ preview: Preview }>()
    expect(before.preview.lines.map((l) => [l.schoolId, l.status])).toEqual([
      ['S1', 'unchanged'],
      ['S2', 'withdrawn'],
      ['S3', 'withdrawn'],
    ])
    const res = await importSheet([person('S1', 'Martin'), person('S2', 'Durand', { Statut: 'Désinscrit' })], {
      dryRun: false,
      candidateListVersion: before.preview.candidateListVersion,
    })
    expect(res.status).toBe(200)
    const s2 = await bySchoolId('S2')
    const s3 = await bySchoolId('S3')
    expect(s2).toMatchObject({ status: 'withdrawn', withdrawalReason: 'Marqué « Désinscrit » dans « Promo.xlsx »' })
    expect(s3).toMatchObject({ status: 'withdrawn', withdrawalReason: 'Absent de la liste « Promo.xlsx »' })
    const events = await listAuditEvents(testEnv.DB, { sessionId, candidateId: s3.id })
    expect(events.at(-1)).toMatchObject({ action: 'candidate.withdraw', details: { schoolId: 'S3', reason: 'Absent de la liste « Promo.xlsx »', import: 'Promo.xlsx' } })

    const back = await importSheet([person('S1', 'Martin'), person('S2', 'Durand'), person('S3', 'Petit')], { dryRun: false })
    expect((await back.json<{ preview: Preview }>()).preview.reinstated).toEqual(['S2', 'S3'])
    expect((await candidates()).map((c) => c.status)).toEqual(['enrolled', 'enrolled', 'enrolled'])
  })
})

describe('withdrawing one candidate', () => {
  it('keeps them in the list but out of the grid, the results and the grading, then reinstates them with their marks', async () => {
    const target = await bySchoolId('S1')
    const critere = seedReferential.blocs.flatMap((b) => (b.kind === 'mandatory' ? b.criteres : []))[0]!.code
    const graded = await call(
      `/sessions/${sessionId}/grades`,
      json('PUT', { rows: [{ candidateId: target.id, rowVersion: target.rowVersion, marks: { [critere]: 'ACQ' } }] }),
    )
    expect(graded.status).toBe(200)
    const current = await bySchoolId('S1')

    const noReason = await call(`/sessions/${sessionId}/candidates/${target.id}/withdraw`, json('POST', { rowVersion: current.rowVersion, reason: '' }))
    expect(noReason.status).toBe(400)
    const stale = await call(`/sessions/${sessionId}/candidates/${target.id}/withdraw`, json('POST', { rowVersion: current.rowVersion - 1, reason: 'Abandon' }))
    expect(stale.status).toBe(409)

    const res = await call(`/sessions/${sessionId}/candidates/${target.id}/withdraw`, json('POST', { rowVersion: current.rowVersion, reason: 'Abandon de formation' }))
    expect(res.status).toBe(200)
    const withdrawn = (await res.json<{ candidate: CandidateBody }>()).candidate
    expect(withdrawn).toMatchObject({ status: 'withdrawn', withdrawalReason: 'Abandon de formation' })
    const again = await call(`/sessions/${sessionId}/candidates/${target.id}/withdraw`, json('POST', { rowVersion: withdrawn.rowVersion, reason: 'x' }))
    expect((await again.json<ErrorBody>()).error.message).toBe('Ce candidat est déjà désinscrit.')

    expect((await grid(sessionId)).candidates.ids).not.toContain(target.id)
    expect((await results(sessionId)).map((r) => r.candidateId)).not.toContain(target.id)
    const session = (await (await call(`/sessions/${sessionId}`)).json<{ session: { candidateCount: number; withdrawnCount: number } }>()).session
    expect(session).toMatchObject({ candidateCount: 2, withdrawnCount: 1 })
    const push = await call(
      `/sessions/${sessionId}/grades`,
      json('PUT', { rows: [{ candidateId: target.id, rowVersion: withdrawn.rowVersion, marks: { [critere]: 'NACQ' } }] }),
    )
    expect(push.status).toBe(400)
    expect((await push.json<ErrorBody>()).error.details).toMatchObject({
      issues: [{ path: 'body.rows[0].candidateId', message: `candidat « ${target.id} » désinscrit : ses notes ne se saisissent plus` }],
    })

    const reinstated = await call(`/sessions/${sessionId}/candidates/${target.id}/reinstate`, json('POST', { rowVersion: withdrawn.rowVersion }))
    expect(reinstated.status).toBe(200)
    expect((await reinstated.json<{ candidate: CandidateBody }>()).candidate).toMatchObject({ status: 'enrolled', withdrawnAt: null, withdrawalReason: null })
    const g = await grid(sessionId)
    expect(g.candidates.ids).toContain(target.id)
    const events = (await listAuditEvents(testEnv.DB, { sessionId, candidateId: target.id })).slice(-2)
    expect(events).toMatchObject([
      { action: 'candidate.withdraw', details: { schoolId: 'S1', reason: 'Abandon de formation' } },
      { action: 'candidate.reinstate', details: { schoolId: 'S1' } },
    ])
  })

  it('leaves a withdrawn candidate off the PV', async () => {
    const target = await bySchoolId('S3')
    expect((await call(`/sessions/${sessionId}/candidates/${target.id}/withdraw`, json('POST', { rowVersion: target.rowVersion, reason: 'Démission' }))).status).toBe(200)
    await call(`/sessions/${sessionId}/jury`, json('PUT', { members: REGULAR_JURY }))
    expect((await call(`/sessions/${sessionId}/finalise`, json('POST', {}))).status).toBe(200)
    const pv = await getPv(testEnv.DB, sessionId, 1)
    expect(pv?.snapshot.candidates.map((c) => c.schoolId).sort()).toEqual(['S1', 'S2'])
    const reinstate = await call(`/sessions/${sessionId}/candidates/${target.id}/reinstate`, json('POST', { rowVersion: target.rowVersion + 1 }))
    expect(reinstate.status).toBe(423)
  })
})
