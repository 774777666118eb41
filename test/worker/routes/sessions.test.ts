/**
 * Sessions as the task pane administers them: created with the deliberation's date and place,
 * listed with their state, edited while open, deleted only while they hold nothing of value,
 * archived once deliberated.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import { seedReferential } from '../../../shared/referential'
import type { Session } from '../../../shared/sessions/schema'
import { listAuditEvents } from '../../../worker/db/audit'
import { seedTheReferential, testEnv } from '../harness'
import { call, json, type ErrorBody } from '../deliberation/helpers'

const JURY = [
  { civility: 'Mme', name: 'Claire Dumas', quality: 'DSI, Société Alpha', external: true, president: true },
  { civility: 'M.', name: 'Paul Nguyen', quality: 'Architecte, Société Bêta', external: true },
  { civility: 'Mme', name: 'Inès Morel', quality: 'Responsable pédagogique', external: false },
]

async function createSession(name: string, extra: Record<string, unknown> = {}): Promise<Session> {
  const res = await call('/sessions', json('POST', { referentialId: seedReferential.id, name, ...extra }))
  expect(res.status, await res.clone().text()).toBe(201)
  return (await res.json<{ session: Session }>()).session
}

async function readSession(id: string): Promise<Session> {
  return (await (await call(`/sessions/${id}`)).json<{ session: Session }>()).session
}

async function addCandidate(sessionId: string, schoolId: string): Promise<{ id: string; rowVersion: number }> {
  const res = await call(
    `/sessions/${sessionId}/candidates`,
    json('POST', { schoolId, birthName: `NOM-${schoolId}`, firstNames: ['Camille'], optionCode: 'BC05-A' }),
  )
  expect(res.status).toBe(201)
  return (await res.json<{ candidate: { id: string; rowVersion: number } }>()).candidate
}

const firstCritere = seedReferential.blocs.flatMap((b) => (b.kind === 'mandatory' ? b.criteres : []))[0]!.code

async function grade(sessionId: string, candidate: { id: string; rowVersion: number }, value: string | null): Promise<void> {
  const res = await call(
    `/sessions/${sessionId}/grades`,
    json('PUT', { rows: [{ candidateId: candidate.id, rowVersion: candidate.rowVersion, marks: { [firstCritere]: value } }] }),
  )
  expect(res.status, await res.clone().text()).toBe(200)
  const body = await res.json<{ rows: Array<{ candidateId: string; rowVersion: number }> }>()
  candidate.rowVersion = body.rows[0]!.rowVersion
}

beforeAll(async () => {
  await seedTheReferential()
})

describe('creating and listing sessions', () => {
  it('records the deliberation’s date and place, and lists each session with its state in French', async () => {
    const created = await createSession('Promo 2026', {
      campus: 'Lyon',
      startsOn: '2025-09-15',
      endsOn: '2026-06-30',
      juryDate: '2026-07-09',
      deliberationPlace: 'Lyon, salle du conseil',
    })
    expect(created).toMatchObject({
      name: 'Promo 2026',
      juryDate: '2026-07-09',
      deliberationPlace: 'Lyon, salle du conseil',
      status: 'open',
      statusLabel: 'ouverte',
      pvVersion: null,
      closedAt: null,
      rattrapageOf: null,
      candidateCount: 0,
      withdrawnCount: 0,
      deletable: true,
      deletionBlockers: [],
    })
    const list = (await (await call('/sessions')).json<{ sessions: Session[] }>()).sessions
    expect(list.find((s) => s.id === created.id)).toMatchObject({ statusLabel: 'ouverte', deletable: true })
  })

  it('edits the deliberation place of an open session against the version read', async () => {
    const session = await createSession('Édition')
    const res = await call(`/sessions/${session.id}`, json('PATCH', { version: session.version, deliberationPlace: 'Paris, amphi B' }))
    expect(res.status).toBe(200)
    expect((await res.json<{ session: Session }>()).session.deliberationPlace).toBe('Paris, amphi B')
    const stale = await call(`/sessions/${session.id}`, json('PATCH', { version: session.version, deliberationPlace: 'Ailleurs' }))
    expect(stale.status).toBe(409)
  })
})

describe('deleting a session', () => {
  it('deletes a session with candidates but no marks, with its jury, roles and tokens, and audits it', async () => {
    const session = await createSession('À supprimer')
    await addCandidate(session.id, 'DEL-1')
    const cleared = await addCandidate(session.id, 'DEL-2')
    // A mark typed then cleared leaves nothing the session holds.
    await grade(session.id, cleared, 'ACQ')
    await grade(session.id, cleared, null)
    await call(`/sessions/${session.id}/jury`, json('PUT', { members: JURY }))
    const user = (await (await call('/users', json('POST', { email: 'suppr@ecole.example' }))).json<{ user: { id: string } }>()).user
    expect((await call(`/users/${user.id}/sessions/${session.id}`, json('PUT', { role: 'assessor' }))).status).toBe(200)
    expect((await call('/tokens', json('POST', { name: 'session', role: 'reader', sessionId: session.id }))).status).toBe(201)

    const current = await readSession(session.id)
    expect(current).toMatchObject({ deletable: true, candidateCount: 2 })
    const res = await call(`/sessions/${session.id}?version=${current.version}`, { method: 'DELETE' })
    expect(res.status, await res.clone().text()).toBe(204)

    expect((await call(`/sessions/${session.id}`)).status).toBe(404)
    const events = await listAuditEvents(testEnv.DB, { sessionId: session.id })
    expect(events.at(-1)).toMatchObject({ action: 'session.delete', actor: 'admin', details: { name: 'À supprimer', candidates: 2 } })
    const roles = await testEnv.DB.prepare('SELECT count(*) AS n FROM session_role WHERE session_id = ?1').bind(session.id).first<number>('n')
    const tokens = await testEnv.DB.prepare('SELECT count(*) AS n FROM api_token WHERE session_id = ?1').bind(session.id).first<number>('n')
    expect({ roles, tokens }).toEqual({ roles: 0, tokens: 0 })
  })

  it('refuses to delete a session that holds marks, saying why in French, and deletes nothing', async () => {
    const session = await createSession('Notée')
    const candidate = await addCandidate(session.id, 'NOTE-1')
    await grade(session.id, candidate, 'ACQ')
    const current = await readSession(session.id)
    expect(current).toMatchObject({ deletable: false, deletionBlockers: [{ code: 'marks', message: 'elle contient des notes' }] })
    const res = await call(`/sessions/${session.id}?version=${current.version}`, { method: 'DELETE' })
    expect(res.status).toBe(409)
    const body = await res.json<ErrorBody>()
    expect(body.error).toMatchObject({
      code: 'CONFLICT',
      message: 'Impossible de supprimer la session « Notée » : elle contient des notes.',
      details: { blockers: [{ code: 'marks' }] },
    })
    expect((await call(`/sessions/${session.id}`)).status).toBe(200)
  })

  it('refuses a jury decision, a PV, a stale version or no version at all', async () => {
    const session = await createSession('Décidée')
    const candidate = await addCandidate(session.id, 'DEC-1')
    const decided = await call(
      `/sessions/${session.id}/grades`,
      json('PUT', { rows: [{ candidateId: candidate.id, rowVersion: candidate.rowVersion, decisions: { BC01: { code: 'ADJ', reason: 'Projet remarquable' } } }] }),
    )
    expect(decided.status, await decided.clone().text()).toBe(200)
    const current = await readSession(session.id)
    expect(current.deletionBlockers.map((b) => b.code)).toEqual(['decisions'])

    expect((await call(`/sessions/${session.id}?version=${current.version + 1}`, { method: 'DELETE' })).status).toBe(409)
    const noVersion = await call(`/sessions/${session.id}`, { method: 'DELETE' })
    expect(noVersion.status).toBe(400)
    expect((await noVersion.json<ErrorBody>()).error.details).toMatchObject({ issues: [{ path: 'query.version' }] })

    const deliberated = await createSession('Délibérée')
    await call(`/sessions/${deliberated.id}/jury`, json('PUT', { members: JURY }))
    expect((await call(`/sessions/${deliberated.id}/finalise`, json('POST', {}))).status).toBe(200)
    const after = await readSession(deliberated.id)
    expect(after).toMatchObject({ status: 'deliberated', statusLabel: 'délibérée', pvVersion: 1, deletable: false })
    const res = await call(`/sessions/${deliberated.id}?version=${after.version}`, { method: 'DELETE' })
    expect(res.status).toBe(409)
    expect((await res.json<ErrorBody>()).error.message).toBe(
      'Impossible de supprimer la session « Délibérée » : elle est délibérée et un PV de jury a été établi (version 1).',
    )
  })
})

describe('closing (archiving) a session', () => {
  it('closes only a deliberated session, for good: no amendment afterwards', async () => {
    const session = await createSession('À clore')
    const open = await call(`/sessions/${session.id}/close`, json('POST', { version: session.version }))
    expect(open.status).toBe(409)
    expect((await open.json<ErrorBody>()).error.message).toBe('Seule une session délibérée peut être close : finalisez d’abord la délibération.')

    await call(`/sessions/${session.id}/jury`, json('PUT', { members: JURY }))
    expect((await call(`/sessions/${session.id}/finalise`, json('POST', {}))).status).toBe(200)
    const deliberated = await readSession(session.id)
    expect((await call(`/sessions/${session.id}/close`, json('POST', { version: deliberated.version - 1 }))).status).toBe(409)

    const res = await call(`/sessions/${session.id}/close`, json('POST', { version: deliberated.version }))
    expect(res.status).toBe(200)
    const closed = (await res.json<{ session: Session }>()).session
    expect(closed).toMatchObject({ status: 'closed', statusLabel: 'close', closedBy: 'admin', pvVersion: 1 })
    expect(closed.closedAt).toMatch(/^\d{4}-\d{2}-\d{2}T/)

    const again = await call(`/sessions/${session.id}/close`, json('POST', { version: closed.version }))
    expect((await again.json<ErrorBody>()).error.message).toBe('La session est déjà close.')
    expect((await call(`/sessions/${session.id}/amend`, json('POST', { reason: 'Correction' }))).status).toBe(409)
    expect((await call(`/sessions/${session.id}/pv/1.pdf`)).status).toBe(200)
    const actions = (await listAuditEvents(testEnv.DB, { sessionId: session.id })).map((e) => e.action)
    expect(actions.slice(-2)).toEqual(['session.finalise', 'session.close'])
  })
})
