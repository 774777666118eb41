/**
 * The people of a session, as the administrator manages them from the task pane: who works on
 * it with which role, an invitation by e-mail with a role on the session (or on several at once),
 * revocation.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import { seedReferential } from '../../../shared/referential'
import { listAuditEvents } from '../../../worker/db/audit'
import { seedTheReferential, testEnv } from '../harness'
import { call, json, type ErrorBody } from '../deliberation/helpers'

interface Person {
  userId: string
  email: string
  globalRole: string | null
  sessionRole: string | null
  disabled: boolean
  linked: boolean
}
interface UserBody {
  id: string
  email: string
  version: number
  globalRole: string | null
  sessionRoles: Record<string, string>
}

let sessionId = ''
let otherId = ''

const createSession = async (name: string) =>
  (await (await call('/sessions', json('POST', { referentialId: seedReferential.id, name }))).json<{ session: { id: string } }>()).session.id
const people = async () => (await (await call(`/sessions/${sessionId}/people`)).json<{ people: Person[]; tokens: Array<{ name: string; status: string }> }>())

beforeAll(async () => {
  await seedTheReferential()
  sessionId = await createSession('Promo personnes')
  otherId = await createSession('Autre promo')
})

describe('inviting people to a session', () => {
  it('invites an unknown e-mail as a new user with a role on the session, audited', async () => {
    const res = await call(`/sessions/${sessionId}/people`, json('POST', { email: ' Eva.Luation@Ecole.example ', displayName: 'Eva Luation', role: 'assessor' }))
    expect(res.status, await res.clone().text()).toBe(201)
    const body = await res.json<{ user: UserBody; created: boolean }>()
    expect(body).toMatchObject({ created: true, user: { email: 'eva.luation@ecole.example', globalRole: null, sessionRoles: { [sessionId]: 'assessor' } } })
    const events = await listAuditEvents(testEnv.DB, { sessionId })
    expect(events.at(-1)).toMatchObject({ action: 'user.sessionRole.set', details: { email: 'eva.luation@ecole.example', role: 'assessor', previousRole: null } })
  })

  it('gives a known person a role on the session instead of inviting them twice', async () => {
    const res = await call(`/sessions/${sessionId}/people`, json('POST', { email: 'eva.luation@ecole.example', role: 'reader' }))
    expect(res.status).toBe(200)
    expect((await res.json<{ created: boolean; user: UserBody }>()).user.sessionRoles[sessionId]).toBe('reader')
  })

  it('lists who works on the session: its roles and the global ones, not the people of other sessions', async () => {
    await call('/users', json('POST', { email: 'responsable@ecole.example', globalRole: 'manager' }))
    await call('/users', json('POST', { email: 'ailleurs@ecole.example', sessionRoles: [{ sessionId: otherId, role: 'assessor' }] }))
    await call('/tokens', json('POST', { name: 'import nocturne', role: 'manager', sessionId }))
    const { people: list, tokens } = await people()
    expect(list.map((p) => [p.email, p.globalRole, p.sessionRole, p.disabled, p.linked])).toEqual([
      ['eva.luation@ecole.example', null, 'reader', false, false],
      ['responsable@ecole.example', 'manager', null, false, false],
    ])
    expect(tokens).toMatchObject([{ name: 'import nocturne', status: 'active' }])
  })

  it('invites with roles on several sessions in one batch, and refuses an unknown session writing nothing', async () => {
    const res = await call(
      '/users',
      json('POST', { email: 'multi@ecole.example', sessionRoles: [{ sessionId, role: 'assessor' }, { sessionId: otherId, role: 'reader' }] }),
    )
    expect(res.status).toBe(201)
    expect((await res.json<{ user: UserBody }>()).user.sessionRoles).toEqual({ [sessionId]: 'assessor', [otherId]: 'reader' })
    const unknown = await call('/users', json('POST', { email: 'perdu@ecole.example', sessionRoles: [{ sessionId: 'inconnue', role: 'assessor' }] }))
    expect(unknown.status).toBe(400)
    expect((await unknown.json<ErrorBody>()).error.details).toMatchObject({ issues: [{ path: 'body.sessionRoles' }] })
    const users = (await (await call('/users')).json<{ users: UserBody[] }>()).users
    expect(users.some((u) => u.email === 'perdu@ecole.example')).toBe(false)
  })

  it('refuses a role to a disabled account, and revokes a role', async () => {
    const users = (await (await call('/users')).json<{ users: UserBody[] }>()).users
    const multi = users.find((u) => u.email === 'multi@ecole.example')!
    expect((await call(`/users/${multi.id}`, json('PATCH', { version: multi.version, disabled: true }))).status).toBe(200)
    const refused = await call(`/sessions/${sessionId}/people`, json('POST', { email: 'multi@ecole.example', role: 'manager' }))
    expect(refused.status).toBe(409)
    expect((await refused.json<ErrorBody>()).error.message).toBe('Le compte multi@ecole.example est désactivé : réactivez-le avant de lui donner un rôle.')
    expect((await people()).people.find((p) => p.email === 'multi@ecole.example')).toMatchObject({ disabled: true, sessionRole: 'assessor' })

    expect((await call(`/users/${multi.id}/sessions/${sessionId}`, { method: 'DELETE' })).status).toBe(204)
    expect((await people()).people.map((p) => p.email)).not.toContain('multi@ecole.example')
  })

  it('validates the role and answers 404 for an unknown session', async () => {
    const bad = await call(`/sessions/${sessionId}/people`, json('POST', { email: 'x@ecole.example', role: 'admin' }))
    expect(bad.status).toBe(400)
    expect((await bad.json<ErrorBody>()).error.details).toMatchObject({ issues: [{ path: 'body.role' }] })
    expect((await call('/sessions/inconnue/people')).status).toBe(404)
    expect((await call('/sessions/inconnue/people', json('POST', { email: 'x@ecole.example', role: 'reader' }))).status).toBe(404)
  })
})
