/**
 * People are shown by their names: the actor keys the database records (emails, `admin`,
 * `token:…`, `seed`) become display names and French labels, in the Journal as anywhere else.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import { seedReferential } from '../../../shared/referential'
import { actorNamesOf, displayNamesOf } from '../../../worker/db/users'
import { seedTheReferential, testEnv } from '../harness'
import { call, json } from '../deliberation/helpers'

beforeAll(async () => {
  await seedTheReferential()
  await testEnv.DB.batch([
    testEnv.DB.prepare("INSERT INTO app_user (id, email, display_name, global_role, created_by) VALUES ('u-1', 'claire.dupont@ecole.fr', 'Claire Dupont', 'manager', 'admin')"),
    testEnv.DB.prepare("INSERT INTO app_user (id, email, display_name, global_role, created_by) VALUES ('u-2', 'sans.nom@ecole.fr', NULL, 'reader', 'admin')"),
  ])
})

describe('display names of actors', () => {
  it('reads the display names of the users behind emails, in one statement', async () => {
    const names = await displayNamesOf(testEnv.DB, ['claire.dupont@ecole.fr', 'admin', 'token:ci', 'inconnu@ecole.fr'])
    expect(names).toEqual(new Map([['claire.dupont@ecole.fr', 'Claire Dupont']]))
  })

  it('names a user by their display name, else their email, and system actors in French', async () => {
    const nameOf = await actorNamesOf(testEnv.DB, ['claire.dupont@ecole.fr', 'sans.nom@ecole.fr'])
    expect(nameOf('claire.dupont@ecole.fr')).toBe('Claire Dupont')
    expect(nameOf('sans.nom@ecole.fr')).toBe('sans.nom@ecole.fr')
    expect(nameOf('seed')).toBe('import initial')
    expect(nameOf('admin')).toBe('Administrateur (jeton de secours)')
    expect(nameOf('token:import-nuit')).toBe('jeton d’API « import-nuit »')
  })

  it('gives every Journal event its author by name', async () => {
    const created = await call('/sessions', json('POST', { referentialId: seedReferential.id, name: 'Session noms' }))
    const sessionId = (await created.json<{ session: { id: string } }>()).session.id
    await testEnv.DB.prepare("INSERT INTO audit_event (actor, action, session_id, details_json) VALUES ('claire.dupont@ecole.fr', 'session.update', ?1, '{}')")
      .bind(sessionId)
      .run()
    const page = await (await call(`/sessions/${sessionId}/audit`)).json<{ events: Array<{ actor: string; actorName: string }> }>()
    expect(page.events.map((e) => [e.actor, e.actorName])).toEqual([
      ['admin', 'Administrateur (jeton de secours)'],
      ['claire.dupont@ecole.fr', 'Claire Dupont'],
    ])
  })
})
