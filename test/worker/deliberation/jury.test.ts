import { beforeAll, describe, expect, it } from 'vitest'
import { seedReferential } from '../../../shared/referential'
import { listAuditEvents } from '../../../worker/db/audit'
import { seedTheReferential, testEnv } from '../harness'
import { call, json, type ErrorBody } from './helpers'

let session = ''

beforeAll(async () => {
  await seedTheReferential()
  const res = await call('/sessions', json('POST', { referentialId: seedReferential.id, name: 'Jury test' }))
  session = (await res.json<{ session: { id: string } }>()).session.id
})

interface JuryBody {
  members: Array<{ name: string; quality: string; external: boolean; president: boolean }>
  warnings: string[]
}

describe('GET and PUT /sessions/{id}/jury', () => {
  it('starts empty, with a warning that a jury is collegial', async () => {
    const res = await call(`/sessions/${session}/jury`)
    expect(res.status).toBe(200)
    expect(await res.json()).toMatchObject({
      members: [],
      warnings: ['Le jury n’a aucun membre : un jury est collégial (deux membres au moins).', 'Aucun président du jury n’est désigné.'],
    })
  })

  it('saves a jury that breaks the rules, and says which (finalising will need an override)', async () => {
    const members = [
      { civility: 'Mme', name: 'Inès Morel', quality: 'Responsable pédagogique', external: false, president: true },
      { name: 'M. Hugo Petit', quality: 'Formateur', external: false },
    ]
    const res = await call(`/sessions/${session}/jury`, json('PUT', { members }))
    expect(res.status).toBe(200)
    const body = await res.json<JuryBody>()
    expect(body.warnings).toEqual([
      'Seulement 0 membre(s) extérieur(s) sur 2 : la moitié au moins du jury doit être extérieure au certificateur et à l’organisme de formation.',
    ])
    const read = await (await call(`/sessions/${session}/jury`)).json<JuryBody>()
    // The civility is kept apart from the name; a member sent without one has none.
    expect(read.members).toEqual([
      { civility: 'Mme', name: 'Inès Morel', quality: 'Responsable pédagogique', external: false, president: true },
      { civility: null, name: 'M. Hugo Petit', quality: 'Formateur', external: false, president: false },
    ])
  })

  it('replaces the whole jury and audits each change', async () => {
    const members = [
      { name: 'Mme Claire Dumas', quality: 'DSI, Société Alpha', external: true, president: true },
      { name: 'M. Paul Nguyen', quality: 'Architecte, Société Bêta', external: true },
    ]
    const res = await call(`/sessions/${session}/jury`, json('PUT', { members }))
    expect((await res.json<JuryBody>()).warnings).toEqual([])
    expect((await (await call(`/sessions/${session}/jury`)).json<JuryBody>()).members.map((m) => m.name)).toEqual([
      'Mme Claire Dumas',
      'M. Paul Nguyen',
    ])
    const audit = (await listAuditEvents(testEnv.DB, { sessionId: session })).filter((e) => e.action === 'jury.update')
    expect(audit).toHaveLength(2)
  })

  it('refuses two presidents, with the path of the problem', async () => {
    const members = [
      { name: 'A', quality: 'Q', external: true, president: true },
      { name: 'B', quality: 'Q', external: true, president: true },
    ]
    const res = await call(`/sessions/${session}/jury`, json('PUT', { members }))
    expect(res.status).toBe(400)
    const body = await res.json<ErrorBody>()
    expect(body.error.details?.issues).toEqual([{ path: 'body.members', message: 'un seul président du jury' }])
  })

  it('answers 404 for an unknown session', async () => {
    expect((await call('/sessions/inconnue/jury')).status).toBe(404)
  })
})
