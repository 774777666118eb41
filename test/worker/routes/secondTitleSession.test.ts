/**
 * A session on the second title, published through the API: its grid, results, jury sheets and
 * PV follow that référentiel's own blocs and rules (scores /20 with weights, floors and a required
 * mémoire; an outcome bloc tolerating one PACQ; an option group), and the Worker refuses marks
 * and jury decisions on the option a candidate did not choose, as the workbook's « Vérifier » does.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import { getPv } from '../../../worker/db/documents'
import { loadJuryWorkbook } from '../../shared/jury/fixtures'
import { secondTitle } from '../../shared/referential/secondTitle'
import { bytesOf, call, json, results, type ErrorBody } from '../deliberation/helpers'
import { testEnv } from '../harness'

let sessionId = ''
const ids = new Map<string, string>()

interface GridBody {
  grid: { criteres: Array<{ code: string; blocCode: string }>; candidates: { ids: string[]; schoolIds: string[]; rowVersions: number[] } }
}

/** Candidates and their marks, with what the rules give (worked by hand in the comments). */
const candidates = [
  // BC01 (12×1 + 14×2 + 10×1) / 4 = 12.5; BC02 (11 + 12×3 + 8×2) / 5 = 12.6, mémoire 12 ≥ 10;
  // BC03 3 ACQ + 1 PACQ: 75 % ACQ, one PACQ tolerated; BC04-A all ACQ.
  { schoolId: 'RDC-01', option: 'BC04-A', marks: { 'CR1.1': 12, 'CR1.2': 14, 'CR1.3': 10, 'CR2.1': 11, 'CR2.2': 12, 'CR2.3': 8, 'CR3.1': 'ACQ', 'CR3.2': 'ACQ', 'CR3.3': 'PACQ', 'CR3.4': 'ACQ', 'CR4A.1': 'ACQ', 'CR4A.2': 'ACQ' }, expected: { BC01: 'ADM', BC02: 'ADM', BC03: 'ADM', 'BC04-A': 'ADM', decision: 'CERTIFIÉ' } },
  // BC01 mean (18 + 7×2 + 18) / 4 = 12.5 but CR1.2 = 7 < floor 8; BC02 mémoire 9.5 < 10 although
  // the mean is (20 + 28.5 + 20) / 5 = 13.7; BC03 two PACQ; BC04-B (12 + 9) / 2 = 10.5.
  { schoolId: 'RDC-02', option: 'BC04-B', marks: { 'CR1.1': 18, 'CR1.2': 7, 'CR1.3': 18, 'CR2.1': 20, 'CR2.2': 9.5, 'CR2.3': 10, 'CR3.1': 'ACQ', 'CR3.2': 'PACQ', 'CR3.3': 'PACQ', 'CR3.4': 'ACQ', 'CR4B.1': 12, 'CR4B.2': 9 }, expected: { BC01: 'AJ', BC02: 'AJ', BC03: 'AJ', 'BC04-B': 'ADM', decision: 'PARTIELLE' } },
  // BC01 (9.99 + 10×2 + 10) / 4 = 9.9975 → 10.00; BC02 mémoire excused: a required critère cannot
  // be, the bloc stays pending; BC03 a NACQ is not tolerated.
  { schoolId: 'RDC-03', option: 'BC04-A', marks: { 'CR1.1': 9.99, 'CR1.2': 10, 'CR1.3': 10, 'CR2.1': 15, 'CR2.2': 'EXC', 'CR2.3': 5, 'CR3.1': 'ACQ', 'CR3.2': 'ACQ', 'CR3.3': 'ACQ', 'CR3.4': 'NACQ' }, expected: { BC01: 'ADM', BC02: 'ATT', BC03: 'AJ', 'BC04-A': 'ATT', decision: 'EN ATTENTE' } },
] as const

beforeAll(async () => {
  expect((await call('/referentials', json('POST', secondTitle))).status).toBe(201)
  const created = await call('/sessions', json('POST', { referentialId: secondTitle.id, name: 'Responsables commerciaux — juin 2026', juryDate: '2026-06-30' }))
  expect(created.status).toBe(201)
  sessionId = ((await created.json()) as { session: { id: string } }).session.id
  const bulk = await call(
    `/sessions/${sessionId}/candidates/bulk`,
    json('POST', {
      candidates: candidates.map((c, i) => ({ schoolId: c.schoolId, birthName: `Candidat${i + 1}`, firstNames: ['Alex'], sex: 'F', birthDate: '2000-01-01', optionCode: c.option })),
    }),
  )
  expect(bulk.status).toBe(200)
  const { grid } = (await (await call(`/sessions/${sessionId}/grid`)).json()) as GridBody
  grid.candidates.schoolIds.forEach((schoolId, i) => ids.set(schoolId, grid.candidates.ids[i]!))
  const rows = candidates.map((c) => {
    const index = grid.candidates.schoolIds.indexOf(c.schoolId)
    return { candidateId: grid.candidates.ids[index]!, rowVersion: grid.candidates.rowVersions[index]!, marks: c.marks }
  })
  const push = await call(`/sessions/${sessionId}/grades`, json('PUT', { rows }))
  expect(push.status, await push.clone().text()).toBe(200)
})

describe('a session on the second title', () => {
  it('has the grid of that référentiel: its critères, in its blocs', async () => {
    const { grid } = (await (await call(`/sessions/${sessionId}/grid`)).json()) as GridBody
    expect(grid.criteres.map((c) => `${c.blocCode}/${c.code}`)).toEqual([
      'BC01/CR1.1', 'BC01/CR1.2', 'BC01/CR1.3',
      'BC02/CR2.1', 'BC02/CR2.2', 'BC02/CR2.3',
      'BC03/CR3.1', 'BC03/CR3.2', 'BC03/CR3.3', 'BC03/CR3.4',
      'BC04-A/CR4A.1', 'BC04-A/CR4A.2',
      'BC04-B/CR4B.1', 'BC04-B/CR4B.2',
    ])
  })

  it('computes every result with the title’s own rules: weights, floors, the required mémoire, tolerated PACQ', async () => {
    const computed = await results(sessionId)
    for (const c of candidates) {
      const result = computed.find((r) => r.schoolId === c.schoolId)!
      const shown = Object.fromEntries(Object.entries(result.blocs).map(([code, bloc]) => [code, bloc.code]))
      const { decision, ...blocs } = c.expected
      expect({ ...shown, decision: result.decision }, c.schoolId).toEqual({ ...blocs, decision })
    }
  })

  it('refuses a mark and a jury decision on the option the candidate did not choose, and accepts them on the chosen one', async () => {
    const { grid } = (await (await call(`/sessions/${sessionId}/grid`)).json()) as GridBody
    const index = grid.candidates.schoolIds.indexOf('RDC-01')
    const row = { candidateId: grid.candidates.ids[index]!, rowVersion: grid.candidates.rowVersions[index]! }
    const refused = await call(
      `/sessions/${sessionId}/grades`,
      json('PUT', { rows: [{ ...row, marks: { 'CR4B.1': 15 }, decisions: { 'BC04-B': { code: 'ADJ', reason: 'Excellent dossier' } } }] }),
    )
    expect(refused.status).toBe(400)
    expect(((await refused.json()) as ErrorBody).error.details!.issues).toEqual([
      { path: 'body.rows[0].marks["CR4B.1"]', message: 'le critère CR4B.1 relève de l’option BC04-B, or le candidat a choisi BC04-A' },
      {
        path: 'body.rows[0].decisions["BC04-B"].code',
        message: 'le bloc BC04-B est une option que le candidat n’a pas choisie (il a choisi BC04-A) : pas de décision du jury sur ce bloc',
      },
    ])
    const accepted = await call(`/sessions/${sessionId}/grades`, json('PUT', { rows: [{ ...row, decisions: { 'BC04-A': { code: 'ADM', reason: 'Confirmé par le jury' } } }] }))
    expect(accepted.status).toBe(200)
  })

  it('gives jury sheets with the title’s own blocs, one per candidate and bloc that concerns them', async () => {
    const res = await call(`/sessions/${sessionId}/jury-sheets.xlsx?panel=all`)
    expect(res.status).toBe(200)
    const loaded = await loadJuryWorkbook(await bytesOf(res))
    const blocsOf = (schoolId: string) =>
      loaded.entries.filter((entry) => entry.meta.candidateId === ids.get(schoolId)).map((entry) => entry.meta.blocCode)
    expect(blocsOf('RDC-01')).toEqual(['BC01', 'BC02', 'BC03', 'BC04-A'])
    expect(blocsOf('RDC-02')).toEqual(['BC01', 'BC02', 'BC03', 'BC04-B'])
    const bc02 = loaded.entries.find((entry) => entry.meta.blocCode === 'BC02')!
    expect(bc02.meta.layout.criteres.map((critere) => critere.code)).toEqual(['CR2.1', 'CR2.2', 'CR2.3'])
    const titles = loaded.workbook.worksheets.map((sheet) => sheet.name).join(' | ')
    expect(titles).not.toMatch(/BC05/)
  })

  it('finalises with a PV of the title’s own blocs, its RNCP code and level', async () => {
    expect((await call(`/sessions/${sessionId}/jury`, json('PUT', { members: [{ name: 'Mme Dumas', quality: 'Directrice commerciale', external: true, president: true }, { name: 'M. Petit', quality: 'Formateur', external: false, president: false }] }))).status).toBe(200)
    const finalised = await call(`/sessions/${sessionId}/finalise`, json('POST', {}))
    expect(finalised.status, await finalised.clone().text()).toBe(200)
    const pv = await getPv(testEnv.DB, sessionId, 1)
    expect(pv?.snapshot.title).toEqual({ label: secondTitle.title, level: 6, referentialId: secondTitle.id, referentialVersion: 1 })
    // The référentiel's RNCP code wins over the deployment's default (RNCP12345 in these tests).
    expect(pv?.snapshot.certifier.rncpCode).toBe('RNCP39999')
    expect(pv?.snapshot.blocs.map((bloc) => `${bloc.code} ${bloc.title}`)).toEqual([
      'BC01 Élaborer la stratégie commerciale de l’entreprise',
      'BC02 Piloter la performance commerciale',
      'BC03 Manager une équipe commerciale',
      'BC04-A Commerce international',
      'BC04-B Grands comptes',
    ])
    expect(pv?.snapshot.optionGroup).toEqual({ code: 'BC04', title: 'Développer un portefeuille spécialisé' })
    const byCandidate = new Map(pv!.snapshot.candidates.map((c) => [c.schoolId, c]))
    expect(Object.keys(byCandidate.get('RDC-02')!.blocs)).toEqual(['BC01', 'BC02', 'BC03', 'BC04-B'])
    expect(byCandidate.get('RDC-01')!.decision).toBe('CERTIFIÉ')
    const pdf = await call(`/sessions/${sessionId}/pv/1.pdf`)
    expect(pdf.status).toBe(200)
  })
})
