import { describe, expect, it } from 'vitest'
import type { Me } from '../../../addin/src/account/permissions'
import { signedInAs } from '../../../addin/src/taskpane/signedInAs'

function me(identity: Partial<Me['identity']>, sessions: Me['sessions'] = []): Me {
  return {
    identity: { kind: 'user', id: 'user-1', email: null, displayName: null, globalRole: null, ...identity },
    permissions: [],
    sessions,
  }
}

describe('signedInAs', () => {
  it('shows the display name and the global role in French', () => {
    expect(signedInAs(me({ displayName: 'Marie Dupont', email: 'marie.dupont@ecole.fr', globalRole: 'manager' }), 's1')).toBe(
      'Marie Dupont · responsable de certification',
    )
  })

  it('falls back to the email when there is no display name', () => {
    expect(signedInAs(me({ email: 'paul@ecole.fr', globalRole: 'reader' }), 's1')).toBe('paul@ecole.fr · lecteur')
  })

  it('shows the role held on the selected session when there is no global role', () => {
    const assessor = me({ email: 'paul@ecole.fr' }, [
      { id: 's1', name: 'Juin', status: 'open', role: 'assessor', permissions: ['session.read', 'grade.write'] },
      { id: 's2', name: 'Septembre', status: 'open', role: 'manager', permissions: [] },
    ])
    expect(signedInAs(assessor, 's1')).toBe('paul@ecole.fr · évaluateur')
    expect(signedInAs(assessor, 's2')).toBe('paul@ecole.fr · responsable de certification')
    expect(signedInAs(assessor, 'autre')).toBe('paul@ecole.fr')
  })

  it('names the break-glass administrator and API tokens as the Worker does', () => {
    expect(signedInAs(me({ kind: 'breakGlass', id: 'admin', displayName: 'Administrateur (jeton de secours)', globalRole: 'admin' }), 's1')).toBe(
      'Administrateur (jeton de secours) · administrateur',
    )
    expect(signedInAs(me({ kind: 'apiToken', id: 'tok-1', displayName: 'ci', globalRole: 'reader' }), 's1')).toBe('ci · lecteur')
  })
})
