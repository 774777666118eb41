/**
 * A session's life from marks entered to documents issued: finalise, lock, refused writes,
 * amendment with its reason, a new PV version, and an audit trail of each step. The steps run in
 * order and share this file's database.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import { contentHash } from '../../../shared/contentHash'
import { seedReferential } from '../../../shared/referential'
import { listAuditEvents } from '../../../worker/db/audit'
import { DEMO_SESSION_ID, seedDemoSession } from '../../../worker/db/demo'
import { getPv } from '../../../worker/db/documents'
import { seedTheReferential, testEnv } from '../harness'
import { pdfPageCount, pdfTitle } from '../pdfFacts'
import { bytesOf, call, grid, json, results, type ErrorBody } from './helpers'

const session = DEMO_SESSION_ID
const JURY = [
  { name: 'Mme Claire Dumas', quality: 'DSI, Société Alpha', external: true, president: true },
  { name: 'M. Paul Nguyen', quality: 'Architecte, Société Bêta', external: true },
  { name: 'Mme Inès Morel', quality: 'Responsable pédagogique', external: false },
]

let failedId = ''
let pv1Bytes: Uint8Array = new Uint8Array()

beforeAll(async () => {
  await seedTheReferential()
  await seedDemoSession(testEnv.DB, seedReferential)
  await call(`/sessions/${session}/jury`, json('PUT', { members: JURY }))
  const failed = (await results(session)).find((r) => r.blocs.BC01?.code === 'AJ' || r.blocs.BC02?.code === 'AJ')!
  failedId = failed.candidateId
})

async function sessionStatus(): Promise<string> {
  return (await (await call(`/sessions/${session}`)).json<{ session: { status: string } }>()).session.status
}

describe('finalising a deliberation', () => {
  it('refuses pushed results that differ from the computation, with the list of differences, and finalises nothing', async () => {
    const before = await results(session)
    const failed = before.find((r) => r.candidateId === failedId)!
    const blocCode = failed.blocs.BC01?.code === 'AJ' ? 'BC01' : 'BC02'
    const res = await call(`/sessions/${session}/finalise`, json('POST', { results: [{ candidateId: failedId, blocs: { [blocCode]: { code: 'ADM' } } }] }))
    expect(res.status).toBe(409)
    const body = await res.json<ErrorBody>()
    expect(body.error.code).toBe('CONFLICT')
    expect(body.error.message).toMatch(/^1 écart\(s\) entre les résultats envoyés et le calcul/)
    expect(body.error.details?.differences).toEqual([
      expect.objectContaining({ candidateId: failedId, blocCode, pushed: 'ADM', computed: 'AJ', path: `body.results[0].blocs.${blocCode}.code` }),
    ])
    expect(await sessionStatus()).toBe('open')
    expect((await (await call(`/sessions/${session}/pv`)).json<{ versions: unknown[] }>()).versions).toEqual([])
  })

  it('refuses a finalisation on a grid version the jury did not see', async () => {
    const current = await grid(session)
    const res = await call(`/sessions/${session}/finalise`, json('POST', { gridVersion: current.session.gridVersion - 1 }))
    expect(res.status).toBe(409)
    expect((await res.json<ErrorBody>()).error.message).toMatch(/version .* de la grille/)
  })

  it('finalises with a motivated jury decision: results frozen beside the computed codes, PV version 1, session deliberated', async () => {
    const failed = (await results(session)).find((r) => r.candidateId === failedId)!
    const blocCode = failed.blocs.BC01?.code === 'AJ' ? 'BC01' : 'BC02'
    const current = await grid(session)
    const res = await call(
      `/sessions/${session}/finalise`,
      json('POST', {
        gridVersion: current.session.gridVersion,
        results: [{ candidateId: failedId, blocs: { [blocCode]: { code: 'ADJ', reason: 'Projet professionnel remarquable' } } }],
      }),
    )
    expect(res.status).toBe(200)
    const body = await res.json<{
      session: { status: string }
      pv: { version: number; contentHash: string; href: string }
      overrides: unknown[]
      warnings: string[]
    }>()
    expect(body.session.status).toBe('deliberated')
    expect(body.pv).toMatchObject({ version: 1, href: `/api/v1/sessions/${session}/pv/1.pdf` })
    expect(body.overrides).toEqual([{ candidateId: failedId, blocCode, code: 'ADJ', reason: 'Projet professionnel remarquable' }])
    expect(body.warnings.some((w) => /EN ATTENTE/.test(w))).toBe(true)

    const stored = await testEnv.DB.prepare(
      'SELECT computed_code, override_code, override_reason, final_code FROM bloc_decision WHERE candidate_id = ?1 AND bloc_code = ?2',
    )
      .bind(failedId, blocCode)
      .first()
    expect(stored).toEqual({ computed_code: 'AJ', override_code: 'ADJ', override_reason: 'Projet professionnel remarquable', final_code: 'ADJ' })
    const decisions = await testEnv.DB.prepare(
      'SELECT count(*) AS n FROM certification_decision d JOIN candidate c ON c.id = d.candidate_id WHERE c.session_id = ?1',
    )
      .bind(session)
      .first<number>('n')
    expect(decisions).toBe(30)
  })

  it('keeps a snapshot whose SHA-256 is the content hash printed on the PV', async () => {
    const pv = await getPv(testEnv.DB, session, 1)
    expect(pv).not.toBeNull()
    expect(await contentHash(pv!.snapshot)).toBe(pv!.contentHash)
    expect(pv!.snapshot.jury.map((m) => m.name)).toEqual(JURY.map((m) => m.name))
    const res = await call(`/sessions/${session}/pv/1.pdf`)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('application/pdf')
    expect(res.headers.get('etag')).toBe(`"${pv!.contentHash}"`)
    pv1Bytes = await bytesOf(res)
    expect(pdfPageCount(pv1Bytes)).toBeGreaterThanOrEqual(1)
    expect(pdfTitle(pv1Bytes)).toBe('Procès-verbal du jury — Session de démonstration 2026 — version 1')
  })
})

describe('a deliberated session is read-only', () => {
  it('refuses marks, candidates, jury and another finalisation with 423 SESSION_LOCKED', async () => {
    const g = await grid(session)
    const id = g.candidates.ids[0]!
    const writes: Array<[string, RequestInit]> = [
      [`/sessions/${session}/grades`, json('PUT', { rows: [{ candidateId: id, rowVersion: g.candidates.rowVersions[0], marks: { 'CR1.1': 'ACQ' } }] })],
      [`/sessions/${session}/candidates`, json('POST', { schoolId: 'NEW-1', birthName: 'Nouveau', firstNames: ['Jean'] })],
      [`/sessions/${session}/jury`, json('PUT', { members: JURY })],
      [`/sessions/${session}/finalise`, json('POST', {})],
      [`/sessions/${session}`, json('PATCH', { version: 1, name: 'Renommée' })],
    ]
    for (const [path, init] of writes) {
      const res = await call(path, init)
      expect(res.status, `${init.method} ${path}`).toBe(423)
      const body = await res.json<ErrorBody>()
      expect(body.error).toMatchObject({ code: 'SESSION_LOCKED', message: 'La session est délibérée ou close : ses données ne sont plus modifiables.' })
    }
  })

  it('refuses, in the database itself, a mark written by a path that would forget the guard', async () => {
    const id = (await grid(session)).candidates.ids[0]!
    await expect(
      testEnv.DB.prepare(`UPDATE mark SET value = 'NACQ' WHERE candidate_id = ?1`).bind(id).run(),
    ).rejects.toThrow(/guard:session_locked/)
  })
})

describe('amending a deliberated session', () => {
  it('requires a reason', async () => {
    const res = await call(`/sessions/${session}/amend`, json('POST', { reason: '   ' }))
    expect(res.status).toBe(400)
    expect((await res.json<ErrorBody>()).error.message).toMatch(/le motif de la modification est obligatoire/)
  })

  it('reopens the session, records who and why, and the next finalisation writes PV version 2', async () => {
    const res = await call(`/sessions/${session}/amend`, json('POST', { reason: 'Erreur de saisie sur un critère du BC02' }))
    expect(res.status).toBe(200)
    expect(await res.json()).toMatchObject({
      session: { status: 'open' },
      amendment: { amendedPvVersion: 1, reason: 'Erreur de saisie sur un critère du BC02', nextPvVersion: 2 },
    })
    const again = await call(`/sessions/${session}/amend`, json('POST', { reason: 'encore' }))
    expect(again.status).toBe(409)

    const finalise = await call(`/sessions/${session}/finalise`, json('POST', {}))
    expect(finalise.status).toBe(200)
    expect((await finalise.json<{ pv: { version: number } }>()).pv.version).toBe(2)
    const pv2 = await getPv(testEnv.DB, session, 2)
    expect(pv2?.snapshot.amendment).toMatchObject({ previousVersion: 1, reason: 'Erreur de saisie sur un critère du BC02', by: 'Administrateur (jeton de secours)' })
    // The jury decision pushed at the first finalisation is stored: it stays on version 2.
    const candidate = pv2!.snapshot.candidates.find((c) => c.candidateId === failedId)!
    expect(Object.values(candidate.blocs).some((b) => b.override === 'ADJ')).toBe(true)
  })

  it('keeps every earlier version downloadable, unchanged', async () => {
    const list = await (await call(`/sessions/${session}/pv`)).json<{
      versions: Array<{ version: number; amendmentReason: string | null; href: string }>
    }>()
    expect(list.versions.map((v) => [v.version, v.amendmentReason])).toEqual([
      [1, null],
      [2, 'Erreur de saisie sur un critère du BC02'],
    ])
    const v1 = await call(`/sessions/${session}/pv/1.pdf`)
    expect(await bytesOf(v1)).toEqual(pv1Bytes)
    expect((await call(`/sessions/${session}/pv/3.pdf`)).status).toBe(404)
  })

  it('leaves an audit trail of each step, in order', async () => {
    const actions = (await listAuditEvents(testEnv.DB, { sessionId: session }))
      .map((e) => e.action)
      .filter((a) => a.startsWith('session.') || a.startsWith('jury.') || a === 'bloc.override')
    // The demo's seed sets a jury, then this file replaces it.
    expect(actions).toEqual(['session.create', 'jury.update', 'jury.update', 'bloc.override', 'session.finalise', 'session.amend', 'session.finalise'])
    const events = await listAuditEvents(testEnv.DB, { sessionId: session })
    const amend = events.find((e) => e.action === 'session.amend')!
    expect(amend).toMatchObject({ actor: 'admin', details: { amendedPvVersion: 1, reason: 'Erreur de saisie sur un critère du BC02' } })
    const finalise = events.filter((e) => e.action === 'session.finalise')
    expect(finalise.map((e) => (e.details as { pvVersion: number }).pvVersion)).toEqual([1, 2])
  })
})
