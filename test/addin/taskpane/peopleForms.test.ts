import { describe, expect, it } from 'vitest'
import { readInvitation, readTokenRequest } from '../../../addin/src/taskpane/peopleForms'

describe('the invitation form', () => {
  it('refuses a malformed address in French before any request', () => {
    expect(readInvitation({ email: 'claire.dumas@', displayName: '', scope: 'session', role: 'assessor' })).toEqual({
      ok: false,
      problem: 'Adresse e-mail invalide\u00a0: saisissez une adresse comme prenom.nom@ecole.fr.',
    })
  })

  it('invites to the session with a session role, or everywhere with a global one', () => {
    expect(readInvitation({ email: ' Claire.Dumas@Ecole.fr ', displayName: ' ', scope: 'session', role: 'assessor' })).toEqual({
      ok: true,
      invitation: { scope: 'session', email: 'claire.dumas@ecole.fr', displayName: null, role: 'assessor' },
    })
    // Administration is never a session role.
    expect(readInvitation({ email: 'a@b.fr', displayName: 'A', scope: 'session', role: 'admin' })).toMatchObject({ invitation: { role: 'assessor' } })
    expect(readInvitation({ email: 'a@b.fr', displayName: 'A', scope: 'global', role: 'admin' })).toEqual({
      ok: true,
      invitation: { scope: 'global', email: 'a@b.fr', displayName: 'A', role: 'admin' },
    })
  })
})

describe('the API token form', () => {
  it('needs a name and a validity of 1 to 366 days', () => {
    expect(readTokenRequest({ name: ' ', role: 'reader', scope: 'all', days: '90' }, 's-1')).toEqual({ ok: false, problem: 'Donnez un nom au jeton.' })
    expect(readTokenRequest({ name: 'CLI', role: 'reader', scope: 'all', days: '400' }, 's-1')).toEqual({ ok: false, problem: 'Une durée de 1 à 366 jours.' })
    expect(readTokenRequest({ name: 'CLI', role: 'reader', scope: 'all', days: '1,5' }, 's-1')).toMatchObject({ ok: false })
  })

  it('limits the token to the session when asked, except an administrator’s', () => {
    expect(readTokenRequest({ name: ' Import ', role: 'assessor', scope: 'session', days: '30' }, 's-1')).toEqual({
      ok: true,
      request: { name: 'Import', role: 'assessor', sessionId: 's-1', expiresInDays: 30 },
    })
    expect(readTokenRequest({ name: 'Admin', role: 'admin', scope: 'session', days: '30' }, 's-1')).toMatchObject({ request: { sessionId: null } })
  })
})
