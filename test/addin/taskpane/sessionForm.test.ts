import { describe, expect, it } from 'vitest'
import { fr } from '../../../addin/src/i18n/fr'
import { emptySessionForm, frenchDay, sessionFieldsOf, sessionFormOf } from '../../../addin/src/taskpane/sessionForm'

describe('sessionFieldsOf', () => {
  it('sends trimmed texts, and null for every field left empty', () => {
    const values = { ...emptySessionForm('ref-v1'), name: '  Promo 2026 ', juryDate: '2026-07-09', deliberationPlace: ' Lyon ' }
    expect(sessionFieldsOf(values)).toEqual({
      ok: true,
      referentialId: 'ref-v1',
      fields: { name: 'Promo 2026', campus: null, startsOn: null, endsOn: null, juryDate: '2026-07-09', deliberationPlace: 'Lyon' },
    })
  })

  it('names each field to fix: no référentiel, no name, an end before the start', () => {
    expect(sessionFieldsOf({ ...emptySessionForm(), startsOn: '2026-09-01', endsOn: '2026-06-30' })).toEqual({
      ok: false,
      errors: { referentialId: fr.setup.noReferential, name: fr.setup.nameRequired, endsOn: fr.setup.endBeforeStart },
    })
  })
})

describe('sessionFormOf', () => {
  it('fills the form from a stored session, empty strings for what it has not', () => {
    const stored = { referentialId: 'r', name: 'S', campus: null, startsOn: '2026-01-05', endsOn: null, juryDate: null, deliberationPlace: 'Salle 1' }
    expect(sessionFormOf(stored)).toEqual({ referentialId: 'r', name: 'S', campus: '', startsOn: '2026-01-05', endsOn: '', juryDate: '', deliberationPlace: 'Salle 1' })
  })
})

describe('frenchDay', () => {
  it('writes a day the French way', () => {
    expect(frenchDay('2026-07-09')).toBe('09/07/2026')
    expect(frenchDay(null)).toBeNull()
  })
})

describe('fr.setup', () => {
  it('always says the state of a session in the list', () => {
    expect(fr.setup.option('Promo 2026', 25, 'open')).toBe('Promo 2026 — 25 candidats · ouverte')
    expect(fr.setup.option('Promo 2026', 1, 'deliberated')).toBe('Promo 2026 — 1 candidat · délibérée')
    expect(fr.setup.option('Promo 2025', 0, 'closed')).toBe('Promo 2025 — 0 candidat · close')
  })

  it('uses non-breaking spaces before two-part punctuation and inside guillemets', () => {
    const texts = [fr.setup.created('Promo'), fr.setup.noReferential, fr.candidates.noSheet, fr.candidates.written(0), fr.setup.closeConfirm('Promo')]
    for (const text of texts) {
      expect(text).not.toMatch(/ [:;!?»]|« /)
      expect(text).toMatch(/\u00a0/)
    }
  })
})
