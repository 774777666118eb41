/**
 * The rattrapage session: created from a deliberated session with the candidates its PV did not
 * certify, every bloc they validated (ADM, ADJ) carried as capitalised with its origin, so only the
 * failed blocs are graded again; the grid, the results and the new PV show it.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import type { CapitalisedBloc } from '../../../shared/candidates/schema'
import { seedReferential } from '../../../shared/referential'
import type { Session } from '../../../shared/sessions/schema'
import { listAuditEvents } from '../../../worker/db/audit'
import { DEMO_SESSION_ID, seedDemoSession } from '../../../worker/db/demo'
import { getPv } from '../../../worker/db/documents'
import { seedTheReferential, testEnv } from '../harness'
import { call, json, REGULAR_JURY, results, type ErrorBody } from '../deliberation/helpers'

interface RattrapageBody {
  session: Session
  carried: { candidates: number; capitalisedBlocs: number }
  skipped: Array<{ schoolId: string; reason: string }>
  warnings: string[]
}
interface CandidateBody {
  id: string
  schoolId: string
  capitalisedBlocs: CapitalisedBloc[]
}

const DEMO_NAME = 'Session de démonstration 2026'
const DEMO_JURY_DATE = '2026-07-09'
let overridden = { schoolId: '', blocCode: '' }
let rattrapage: RattrapageBody

const candidatesOf = async (sessionId: string) =>
  (await (await call(`/sessions/${sessionId}/candidates`)).json<{ candidates: CandidateBody[] }>()).candidates

beforeAll(async () => {
  await seedTheReferential()
  await seedDemoSession(testEnv.DB, seedReferential)
})

describe('creating a rattrapage session', () => {
  it('is refused while the session is not deliberated', async () => {
    const res = await call(`/sessions/${DEMO_SESSION_ID}/rattrapage`, json('POST', { name: 'Trop tôt' }))
    expect(res.status).toBe(409)
    expect((await res.json<ErrorBody>()).error.message).toBe(
      'La session n’est pas délibérée : une session de rattrapage se crée à partir d’une session délibérée.',
    )
  })

  it('carries the candidates not certified, each validated bloc as CAP with its origin', async () => {
    // A jury decision (ADJ) on a failed bloc of a candidate who still misses another bloc: the
    // ADJ bloc is validated, so carried; the candidate is still not certified, so comes back.
    const failed = (await results(DEMO_SESSION_ID)).find(
      (r) => Object.values(r.blocs).some((b) => b.code === 'AJ') && Object.values(r.blocs).filter((b) => b.code === 'AJ' || b.code === 'ATT').length >= 2,
    )!
    const blocCode = Object.entries(failed.blocs).find(([, b]) => b.code === 'AJ')![0]
    overridden = { schoolId: failed.schoolId, blocCode }
    const finalised = await call(
      `/sessions/${DEMO_SESSION_ID}/finalise`,
      json('POST', { results: [{ candidateId: failed.candidateId, blocs: { [blocCode]: { code: 'ADJ', reason: 'Soutenance rattrapée le jour même' } } }] }),
    )
    expect(finalised.status, await finalised.clone().text()).toBe(200)
    const pv = (await getPv(testEnv.DB, DEMO_SESSION_ID, 1))!.snapshot

    const res = await call(
      `/sessions/${DEMO_SESSION_ID}/rattrapage`,
      json('POST', { name: 'Rattrapage 2026', juryDate: '2026-09-15', deliberationPlace: 'Lyon, salle du conseil' }),
    )
    expect(res.status, await res.clone().text()).toBe(201)
    rattrapage = await res.json<RattrapageBody>()
    expect(rattrapage.session).toMatchObject({
      name: 'Rattrapage 2026',
      referentialId: seedReferential.id,
      juryDate: '2026-09-15',
      deliberationPlace: 'Lyon, salle du conseil',
      status: 'open',
      rattrapageOf: { id: DEMO_SESSION_ID, name: DEMO_NAME },
    })

    const notCertified = pv.candidates.filter((c) => c.decision !== 'CERTIFIÉ')
    const carried = await candidatesOf(rattrapage.session.id)
    expect(carried.map((c) => c.schoolId).sort()).toEqual(notCertified.map((c) => c.schoolId).sort())
    expect(rattrapage.carried.candidates).toBe(notCertified.length)
    expect(rattrapage.skipped).toEqual([])

    const origin = { sessionId: DEMO_SESSION_ID, sessionName: DEMO_NAME, pvVersion: 1 }
    let carriedHere = 0
    for (const entry of notCertified) {
      const candidate = carried.find((c) => c.schoolId === entry.schoolId)!
      for (const [code, bloc] of Object.entries(entry.blocs)) {
        const capitalised = candidate.capitalisedBlocs.find((b) => b.blocCode === code)
        if (bloc.code === 'ADM' || bloc.code === 'ADJ') {
          expect(capitalised, `${entry.schoolId} ${code}`).toEqual({ blocCode: code, acquiredOn: DEMO_JURY_DATE, source: 'earlier_session', origin })
          carriedHere++
        } else if (bloc.code === 'CAP') {
          // An earlier capitalisation keeps its own source and date.
          expect(capitalised?.origin).toBeUndefined()
        } else {
          expect(capitalised, `${entry.schoolId} ${code} (${bloc.code})`).toBeUndefined()
        }
      }
    }
    expect(rattrapage.carried.capitalisedBlocs).toBe(carriedHere)
    const adj = carried.find((c) => c.schoolId === overridden.schoolId)!
    expect(adj.capitalisedBlocs.map((b) => b.blocCode)).toContain(overridden.blocCode)
  })

  it('shows the carried blocs as CAP in the new grid and results, so only the others are graded again', async () => {
    const id = rattrapage.session.id
    const grid = (await (await call(`/sessions/${id}/grid`)).json<{ grid: { candidates: { schoolIds: string[]; capitalisedBlocs: CapitalisedBloc[][] } } }>()).grid
    const row = grid.candidates.schoolIds.indexOf(overridden.schoolId)
    expect(grid.candidates.capitalisedBlocs[row]?.find((b) => b.blocCode === overridden.blocCode)?.origin).toEqual({
      sessionId: DEMO_SESSION_ID,
      sessionName: DEMO_NAME,
      pvVersion: 1,
    })
    const stored = await candidatesOf(id)
    for (const result of await results(id)) {
      const capitalised = new Set(stored.find((c) => c.schoolId === result.schoolId)!.capitalisedBlocs.map((b) => b.blocCode))
      for (const [code, bloc] of Object.entries(result.blocs)) expect(bloc.code, `${result.schoolId} ${code}`).toBe(capitalised.has(code) ? 'CAP' : 'ATT')
    }
  })

  it('audits the creation on both sessions', async () => {
    const created = (await listAuditEvents(testEnv.DB, { sessionId: rattrapage.session.id }))[0]
    expect(created).toMatchObject({ action: 'session.create', details: { name: 'Rattrapage 2026', rattrapageOf: DEMO_SESSION_ID, pvVersion: 1 } })
    const origin = (await listAuditEvents(testEnv.DB, { sessionId: DEMO_SESSION_ID })).at(-1)
    expect(origin).toMatchObject({ action: 'session.rattrapage', details: { rattrapageSessionId: rattrapage.session.id, ...rattrapage.carried } })
  })

  it('names the origin of each carried bloc on the new session’s PV', async () => {
    const id = rattrapage.session.id
    await call(`/sessions/${id}/jury`, json('PUT', { members: REGULAR_JURY }))
    expect((await call(`/sessions/${id}/finalise`, json('POST', {}))).status).toBe(200)
    const entry = (await getPv(testEnv.DB, id, 1))!.snapshot.candidates.find((c) => c.schoolId === overridden.schoolId)!
    expect(entry.blocs[overridden.blocCode]?.code).toBe('CAP')
    expect(entry.observations).toContain(`${overridden.blocCode} capitalisé (session « ${DEMO_NAME} », délibération du 09/07/2026)`)
  })

  it('refuses when every candidate was certified, and validates the request', async () => {
    const empty = (await (await call('/sessions', json('POST', { referentialId: seedReferential.id, name: 'Vide' }))).json<{ session: Session }>()).session
    await call(`/sessions/${empty.id}/jury`, json('PUT', { members: REGULAR_JURY }))
    expect((await call(`/sessions/${empty.id}/finalise`, json('POST', {}))).status).toBe(200)
    const nobody = await call(`/sessions/${empty.id}/rattrapage`, json('POST', { name: 'Rattrapage vide' }))
    expect(nobody.status).toBe(409)
    expect((await nobody.json<ErrorBody>()).error.message).toMatch(/^Tous les candidats de la session sont certifiés/)
    const noName = await call(`/sessions/${DEMO_SESSION_ID}/rattrapage`, json('POST', {}))
    expect(noName.status).toBe(400)
    const unknown = await call(`/sessions/${DEMO_SESSION_ID}/rattrapage`, json('POST', { name: 'R', referentialId: 'inconnu' }))
    expect((await unknown.json<ErrorBody>()).error.details).toMatchObject({ issues: [{ path: 'body.referentialId' }] })
  })
})
