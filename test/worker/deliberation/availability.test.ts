/**
 * GET /sessions/{id}/documents: what the pane may offer now, why not otherwise (in French), and
 * what the caller's role allows.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import type { SessionDocuments } from '../../../shared/documents/availability'
import { seedReferential } from '../../../shared/referential'
import { DEMO_SESSION_ID, seedDemoSession } from '../../../worker/db/demo'
import { request, seedTheReferential, testEnv } from '../harness'
import { call, CERTIFIER_VARS, json } from './helpers'

const session = DEMO_SESSION_ID
const documents = async (vars: Record<string, string> = CERTIFIER_VARS) => await (await call(`/sessions/${session}/documents`, {}, vars)).json<SessionDocuments>()
const byKind = (d: SessionDocuments) => Object.fromEntries(d.documents.map((x) => [x.kind, x]))

beforeAll(async () => {
  await seedTheReferential()
  await seedDemoSession(testEnv.DB, seedReferential)
})

describe('before the deliberation', () => {
  it('offers the provisional summaries only, and says why the others wait', async () => {
    const d = await documents()
    expect(d).toMatchObject({ status: 'open', pvVersion: null, attestations: [] })
    const docs = byKind(d)
    expect(docs.pv).toMatchObject({ available: false, href: null, reason: 'La session n’est pas encore délibérée : le PV sera disponible après la finalisation.' })
    expect(docs.attestations).toMatchObject({ available: false, reason: 'La session n’est pas encore délibérée : ce document sera disponible après la finalisation.' })
    expect(docs.cdc?.available).toBe(false)
    expect(docs.summaryXlsx).toMatchObject({ label: 'Synthèse (Excel) (provisoire)', available: true, reason: null, allowed: true, href: `/api/v1/sessions/${session}/summary.xlsx` })
  })

  it('tells a reader which documents their role allows', async () => {
    const created = await call('/tokens', json('POST', { name: 'lecteur', role: 'reader', sessionId: session }))
    const { secret } = await created.json<{ secret: string }>()
    const res = await request(`/api/v1/sessions/${session}/documents`, { token: secret })
    expect(res.status).toBe(200)
    const docs = byKind(await res.json<SessionDocuments>())
    expect([docs.pv?.allowed, docs.summaryCsv?.allowed, docs.attestations?.allowed, docs.cdc?.allowed]).toEqual([true, true, false, false])
  })
})

describe('after the deliberation', () => {
  beforeAll(async () => {
    // A candidate without any mark: nothing to attest.
    const created = await call(`/sessions/${session}/candidates`, json('POST', { schoolId: 'VIDE-001', birthName: 'Sansnote', firstNames: ['Alex'], optionCode: 'BC05-A' }))
    expect(created.status).toBe(201)
    expect((await call(`/sessions/${session}/finalise`, json('POST', {}))).status).toBe(200)
  })

  it('offers the PV, the attestations of those who validated a bloc, and the CDC file', async () => {
    const d = await documents()
    const docs = byKind(d)
    expect(d.pvVersion).toBe(1)
    expect(docs.pv).toMatchObject({ label: 'PV de jury (version 1)', available: true, href: `/api/v1/sessions/${session}/pv/1.pdf` })
    expect(docs.summaryXlsx?.label).toBe('Synthèse (Excel)')
    expect(docs.cdc).toMatchObject({ available: true, href: `/api/v1/sessions/${session}/cdc.xml` })
    const holders = d.attestations.filter((a) => a.available)
    expect(holders.length).toBeGreaterThan(0)
    expect(docs.attestations).toMatchObject({ label: `Toutes les attestations (${holders.length})`, available: true, href: `/api/v1/sessions/${session}/attestations.pdf` })
    expect(holders[0]?.href).toBe(`/api/v1/sessions/${session}/candidates/${holders[0]?.candidateId}/attestation.pdf`)
    const none = d.attestations.find((a) => a.schoolId === 'VIDE-001')
    expect(none).toMatchObject({ name: 'SANSNOTE Alex', available: false, href: null })
    expect(none?.reason).toBe('Aucun bloc validé lors de cette délibération : pas d’attestation à délivrer.')
    // The advertised attestation is really produced.
    expect((await call(holders[0]!.href!.replace(/^\/api\/v1/, ''))).status).toBe(200)
  })

  it('names the certifier settings the CDC file lacks', async () => {
    const { CDC_ID_CLIENT: _c, CDC_ID_CONTRAT: _k, ...withoutCdc } = CERTIFIER_VARS
    const cdc = byKind(await documents(withoutCdc)).cdc
    expect(cdc?.available).toBe(false)
    expect(cdc?.reason).toBe(
      'Paramètres du certificateur manquants : Identifiant client Caisse des Dépôts (idClient), Numéro de contrat Caisse des Dépôts (idContrat) (un administrateur les renseigne).',
    )
  })

  it('waits for the next finalisation while an amendment is open, the PV staying downloadable', async () => {
    expect((await call(`/sessions/${session}/amend`, json('POST', { reason: 'Correction' }))).status).toBe(200)
    const docs = byKind(await documents())
    expect(docs.pv?.available).toBe(true)
    expect(docs.attestations?.reason).toBe(
      'La session est rouverte pour une modification : ce document sera de nouveau disponible après la prochaine finalisation.',
    )
  })
})
