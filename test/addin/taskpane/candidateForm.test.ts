import { describe, expect, it } from 'vitest'
import type { SessionCandidate } from '../../../addin/src/api/candidates'
import { fr } from '../../../addin/src/i18n/fr'
import { candidateFormOf, candidateInputOf, candidateLabel } from '../../../addin/src/taskpane/candidateForm'

const stored: SessionCandidate = {
  id: 'c1',
  sessionId: 's1',
  rowVersion: 3,
  status: 'enrolled',
  withdrawnAt: null,
  withdrawalReason: null,
  schoolId: 'E001',
  birthName: 'Martin',
  usageName: null,
  firstNames: ['Léa', 'Marie'],
  sex: 'F',
  birthDate: '2001-03-12',
  birthCommuneCode: '69123',
  birthCommuneCodeKind: 'insee',
  birthCommuneLabel: 'Lyon',
  birthCountryCode: '99100',
  birthCountryLabel: 'France',
  email: null,
  optionCode: 'BC05-A',
  accessRoute: 'VAE',
  capitalisedBlocs: [{ blocCode: 'BC02', acquiredOn: '2025-07-09', source: 'earlier_session', origin: { sessionId: 's0', sessionName: 'Promo 2025', pvVersion: 1 } }],
}

describe('candidateInputOf', () => {
  it('changes only what the form edits and keeps the rest as stored (capitalised blocs and their origin included)', () => {
    const form = { ...candidateFormOf(stored), usageName: ' Dupont ', firstNames: 'Léa,  Marie , Anne', email: 'lea@example.fr', accessRoute: 'CANDIDAT_LIBRE' }
    const result = candidateInputOf(stored, form)
    expect(result).toEqual({
      ok: true,
      input: {
        schoolId: 'E001',
        birthName: 'Martin',
        usageName: 'Dupont',
        firstNames: ['Léa', 'Marie', 'Anne'],
        sex: 'F',
        birthDate: '2001-03-12',
        birthCommuneCode: '69123',
        birthCommuneCodeKind: 'insee',
        birthCommuneLabel: 'Lyon',
        birthCountryCode: '99100',
        birthCountryLabel: 'France',
        email: 'lea@example.fr',
        optionCode: 'BC05-A',
        accessRoute: 'CANDIDAT_LIBRE',
        capitalisedBlocs: stored.capitalisedBlocs,
      },
    })
  })

  it('refuses a candidate without birth name or first name, and an empty choice is none', () => {
    expect(candidateInputOf(stored, { ...candidateFormOf(stored), birthName: ' ' })).toEqual({ ok: false, message: fr.candidates.birthNameRequired })
    expect(candidateInputOf(stored, { ...candidateFormOf(stored), firstNames: ' , ' })).toEqual({ ok: false, message: fr.candidates.firstNamesRequired })
    const none = candidateInputOf(stored, { ...candidateFormOf(stored), optionCode: '', accessRoute: '' })
    expect(none.ok && [none.input.optionCode, none.input.accessRoute]).toEqual([null, null])
  })
})

describe('candidateLabel', () => {
  it('names the candidate as the grid does, usage name first', () => {
    expect(candidateLabel(stored)).toBe('E001 · Martin Léa')
    expect(candidateLabel({ ...stored, usageName: 'Dupont' })).toBe('E001 · Dupont (Martin) Léa')
  })
})
