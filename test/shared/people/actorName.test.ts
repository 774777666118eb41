import { describe, expect, it } from 'vitest'
import { actorName, personActors } from '../../../shared/people/actorName'
import { importBatchLabel } from '../../../shared/jury/batchLabel'

describe('actorName', () => {
  const names = new Map([['claire.dupont@ecole.fr', 'Claire Dupont'], ['vide@ecole.fr', '  ']])

  it('shows a user by their display name, whatever the case of the email key', () => {
    expect(actorName('claire.dupont@ecole.fr', names)).toBe('Claire Dupont')
    expect(actorName('Claire.Dupont@ecole.fr', names)).toBe('Claire Dupont')
  })

  it('falls back on the email when the user has no display name', () => {
    expect(actorName('vide@ecole.fr', names)).toBe('vide@ecole.fr')
    expect(actorName('inconnu@ecole.fr', names)).toBe('inconnu@ecole.fr')
  })

  it('gives system actors a French label, never their key', () => {
    expect(actorName('seed')).toBe('import initial')
    expect(actorName('admin')).toBe('Administrateur (jeton de secours)')
    expect(actorName('system')).toBe('Certibloc')
    expect(actorName('')).toBe('Certibloc')
    expect(actorName('token:import-nuit')).toBe('jeton d’API « import-nuit »')
  })

  it('leaves a name as is, so that a name already resolved reads the same', () => {
    expect(actorName('Claire Dupont')).toBe('Claire Dupont')
    expect(actorName(actorName('admin'))).toBe('Administrateur (jeton de secours)')
  })

  it('lists the emails whose names are to be read, once each', () => {
    expect(personActors(['a@x.fr', 'A@x.fr', 'admin', 'token:b@x', 'seed'])).toEqual(['a@x.fr'])
  })
})

describe('importBatchLabel', () => {
  it('names an import by when (Europe/Paris) and by whom', () => {
    expect(importBatchLabel('2026-06-12T12:05:00.000Z', 'Claire Dupont')).toBe('import du 12/06/2026 à 14 h 05 par Claire Dupont')
  })
})
