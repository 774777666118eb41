import { describe, expect, it } from 'vitest'
import { formValuesOf, readSettingsForm } from '../../../addin/src/taskpane/certifierForm'

const stored = { certifierName: 'École X', siret: null, rncpRegistrationDate: null, rncpCode: null }

describe('the certifier settings form', () => {
  it('sends only what changed, a SIRET typed in groups read as its 14 digits', () => {
    const values = { ...formValuesOf(stored), siret: '732 829 320 00074', rncpCode: ' rncp 12345 ' }
    expect(readSettingsForm(values, stored, 3)).toEqual({
      ok: true,
      changed: ['siret', 'rncpCode'],
      update: { version: 3, settings: { siret: '73282932000074', rncpCode: 'RNCP12345' } },
    })
  })

  it('clears a stored value the user emptied: the deployment default applies again', () => {
    expect(readSettingsForm({ ...formValuesOf(stored), certifierName: '' }, stored, 1)).toMatchObject({
      ok: true,
      update: { settings: { certifierName: null } },
    })
  })

  it('names the field at fault with the Worker’s own French rule', () => {
    const values = { ...formValuesOf(stored), siret: '12345678901234', rncpRegistrationDate: '2026-02-31x' }
    const reading = readSettingsForm(values, stored, 1)
    expect(reading.ok).toBe(false)
    if (reading.ok) return
    expect(reading.problems.siret).toBe('14 chiffres d’un SIRET valide attendu')
    expect(reading.problems.rncpRegistrationDate).toBe('date AAAA-MM-JJ attendu')
  })
})
