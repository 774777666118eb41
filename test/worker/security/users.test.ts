/**
 * Users and roles, managed by administrators: invitations by email, global role, disabling, and a
 * role per session that adds to the global one on that session only. Every change is audited.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { call, createSession, createUser, expectError, fakeMicrosoft, jsonBody, okJson, type FakeMicrosoft } from './support'

interface UserBody {
  user: { id: string; email: string; globalRole: string | null; version: number; disabledAt: string | null; sessionRoles: Record<string, string> }
}
interface Me {
  permissions: string[]
  sessions: Array<{ id: string; name: string; status: string; role: string; permissions: string[] }>
}

let microsoft: FakeMicrosoft
let sessionId = ''
let otherSessionId = ''

beforeAll(async () => {
  microsoft = await fakeMicrosoft()
  sessionId = await createSession('Utilisateurs')
  otherSessionId = await createSession('Utilisateurs, autre session')
})
afterAll(() => microsoft.restore())

async function user(id: string): Promise<UserBody['user']> {
  return (await okJson<UserBody>(await call(`/users/${id}`))).user
}

describe('inviting a user', () => {
  it('stores the email in lower case, without a role unless given one', async () => {
    const { user: created } = await okJson<UserBody>(await call('/users', jsonBody('POST', { email: '  Marie.Curie@Ecole.Example ' })), 201)
    expect(created).toMatchObject({ email: 'marie.curie@ecole.example', globalRole: null, disabledAt: null, sessionRoles: {} })
  })

  it('refuses an email already invited, and an invalid one', async () => {
    await okJson(await call('/users', jsonBody('POST', { email: 'doublon@ecole.example' })), 201)
    const body = await expectError(await call('/users', jsonBody('POST', { email: 'DOUBLON@ecole.example' })), 409, 'CONFLICT')
    expect(body.error.message).toBe('Un utilisateur a déjà l’adresse « doublon@ecole.example ».')
    await expectError(await call('/users', jsonBody('POST', { email: 'pas-une-adresse' })), 400, 'VALIDATION_FAILED')
    await expectError(await call('/users', jsonBody('POST', { email: 'x@ecole.example', globalRole: 'superuser' })), 400, 'VALIDATION_FAILED')
  })
})

describe('changing a user', () => {
  it('needs the version the administrator read', async () => {
    const { user: created } = await okJson<UserBody>(await call('/users', jsonBody('POST', { email: 'version@ecole.example' })), 201)
    const changed = await okJson<UserBody>(await call(`/users/${created.id}`, jsonBody('PATCH', { version: created.version, globalRole: 'manager' })))
    expect(changed.user).toMatchObject({ globalRole: 'manager', version: created.version + 1 })
    const stale = await call(`/users/${created.id}`, jsonBody('PATCH', { version: created.version, globalRole: 'reader' }))
    await expectError(stale, 409, 'CONFLICT')
    expect((await user(created.id)).globalRole).toBe('manager')
  })

  it('never removes the last active administrator', async () => {
    const admin = await createUser(microsoft, 'seul.admin@ecole.example', { global: 'admin' })
    const before = await user(admin.id)
    const demote = await call(`/users/${admin.id}`, jsonBody('PATCH', { version: before.version, globalRole: 'manager' }))
    const body = await expectError(demote, 409, 'CONFLICT')
    expect(body.error.message).toBe('Impossible : ce serait retirer le dernier administrateur actif. Nommez-en un autre d’abord.')
    await expectError(await call(`/users/${admin.id}`, jsonBody('PATCH', { version: before.version, disabled: true })), 409, 'CONFLICT')
    // With a second administrator, the first may step down.
    await createUser(microsoft, 'second.admin@ecole.example', { global: 'admin' })
    await okJson(await call(`/users/${admin.id}`, jsonBody('PATCH', { version: before.version, globalRole: 'manager' })))
  })

  it('audits every change with the values before', async () => {
    const { user: created } = await okJson<UserBody>(await call('/users', jsonBody('POST', { email: 'audit.user@ecole.example', globalRole: 'reader' })), 201)
    await okJson(await call(`/users/${created.id}`, jsonBody('PATCH', { version: created.version, disabled: true })))
    await okJson(await call(`/users/${created.id}/sessions/${sessionId}`, jsonBody('PUT', { role: 'assessor' })))
    const { events } = await okJson<{ events: Array<{ action: string; actor: string; details: Record<string, unknown> }> }>(
      await call(`/sessions/${sessionId}/audit`),
    )
    expect(events.find((e) => e.action === 'user.sessionRole.set' && e.details.userId === created.id)).toMatchObject({
      actor: 'admin',
      details: { email: 'audit.user@ecole.example', role: 'assessor', previousRole: null },
    })
  })
})

describe('a role on a session', () => {
  it('adds to the global role on that session only, as GET /me reports it', async () => {
    const reader = await createUser(microsoft, 'lecteur.evaluateur@ecole.example', { global: 'reader', sessions: { [sessionId]: 'assessor' } })
    const me = await okJson<Me>(await call('/me', { token: await reader.token() }))
    expect(me.permissions).toEqual(['referential.read', 'session.read', 'document.export'])
    expect(me.sessions).toEqual([
      {
        id: sessionId,
        name: 'Utilisateurs',
        status: 'open',
        role: 'assessor',
        permissions: ['referential.read', 'session.read', 'grade.write', 'document.export'],
      },
    ])
    // Grading is allowed where assigned, refused elsewhere, whatever the body.
    expect((await call(`/sessions/${sessionId}/grades`, { ...jsonBody('PUT', []), token: await reader.token() })).status).toBe(400)
    await expectError(await call(`/sessions/${otherSessionId}/grades`, { ...jsonBody('PUT', []), token: await reader.token() }), 403, 'FORBIDDEN')
  })

  it('is changed and removed by an administrator, taking effect at the next request', async () => {
    const assessor = await createUser(microsoft, 'evaluateur.temporaire@ecole.example', { sessions: { [sessionId]: 'assessor' } })
    expect((await call(`/sessions/${sessionId}/grid`, { token: await assessor.token() })).status).toBe(200)
    await okJson(await call(`/users/${assessor.id}/sessions/${sessionId}`, jsonBody('PUT', { role: 'reader' })))
    expect((await user(assessor.id)).sessionRoles).toEqual({ [sessionId]: 'reader' })
    expect((await call(`/sessions/${sessionId}/grades`, { ...jsonBody('PUT', []), token: await assessor.token() })).status).toBe(403)
    expect((await call(`/users/${assessor.id}/sessions/${sessionId}`, { method: 'DELETE' })).status).toBe(204)
    await expectError(await call(`/sessions/${sessionId}/grid`, { token: await assessor.token() }), 403, 'FORBIDDEN')
    await expectError(await call(`/users/${assessor.id}/sessions/${sessionId}`, { method: 'DELETE' }), 404, 'NOT_FOUND')
  })

  it('cannot be administrator, nor be set on a session that does not exist', async () => {
    const { user: created } = await okJson<UserBody>(await call('/users', jsonBody('POST', { email: 'sans.role@ecole.example' })), 201)
    await expectError(await call(`/users/${created.id}/sessions/${sessionId}`, jsonBody('PUT', { role: 'admin' })), 400, 'VALIDATION_FAILED')
    await expectError(await call(`/users/${created.id}/sessions/inconnue`, jsonBody('PUT', { role: 'reader' })), 404, 'NOT_FOUND')
  })
})
