import { describe, expect, it } from 'vitest'
import { checkJuryComposition, juryOverrideSchema, juryUpdateSchema, juryWarnings, type JuryMember } from '../../../shared/documents/juryComposition'

const member = (name: string, external: boolean, president = false): JuryMember => ({ civility: null, name, quality: 'Professionnel du secteur', external, president })

describe('checkJuryComposition', () => {
  it('passes a collegial jury, half external at least, with a president', () => {
    expect(checkJuryComposition([member('A', true, true), member('B', false)])).toEqual({ ok: true, failures: [] })
  })

  it('names each failing rule by its code, with the sentence the PV prints', () => {
    expect(checkJuryComposition([member('A', false)])).toEqual({
      ok: false,
      failures: [
        { code: 'collegial', message: 'Le jury n’a qu’un membre : un jury est collégial (deux membres au moins).' },
        {
          code: 'external_half',
          message: 'Seulement 0 membre(s) extérieur(s) sur 1 : la moitié au moins du jury doit être extérieure au certificateur et à l’organisme de formation.',
        },
        { code: 'president', message: 'Aucun président du jury n’est désigné.' },
      ],
    })
    expect(checkJuryComposition([]).failures.map((f) => f.code)).toEqual(['collegial', 'president'])
  })
})

describe('juryOverrideSchema', () => {
  it('requires a reason', () => {
    expect(juryOverrideSchema.safeParse({ reason: '   ' }).error?.issues[0]?.message).toBe('le motif de la dérogation est obligatoire')
    expect(juryOverrideSchema.parse({ reason: ' Membre extérieur empêché ' })).toEqual({ reason: 'Membre extérieur empêché' })
  })
})

describe('juryWarnings', () => {
  it('says nothing of a collegial jury, half external at least, with a president', () => {
    expect(juryWarnings([member('A', true, true), member('B', false)])).toEqual([])
    expect(juryWarnings([member('A', true, true), member('B', true), member('C', false)])).toEqual([])
  })

  it('warns of an empty or one-person jury', () => {
    expect(juryWarnings([])).toEqual(['Le jury n’a aucun membre : un jury est collégial (deux membres au moins).', 'Aucun président du jury n’est désigné.'])
    expect(juryWarnings([member('A', true, true)])).toEqual(['Le jury n’a qu’un membre : un jury est collégial (deux membres au moins).'])
  })

  it('warns when fewer than half the members are external', () => {
    expect(juryWarnings([member('A', true, true), member('B', false), member('C', false)])).toEqual([
      'Seulement 1 membre(s) extérieur(s) sur 3 : la moitié au moins du jury doit être extérieure au certificateur et à l’organisme de formation.',
    ])
  })

  it('warns when no president is named', () => {
    expect(juryWarnings([member('A', true), member('B', true)])).toEqual(['Aucun président du jury n’est désigné.'])
  })
})

describe('juryUpdateSchema', () => {
  it('refuses two presidents and blank names, in French', () => {
    const two = juryUpdateSchema.safeParse({ members: [member('A', true, true), member('B', true, true)] })
    expect(two.success).toBe(false)
    expect(two.error?.issues[0]?.message).toBe('un seul président du jury')
    const blank = juryUpdateSchema.safeParse({ members: [{ name: '  ', quality: 'x', external: true }] })
    expect(blank.error?.issues[0]?.message).toBe('champ obligatoire')
  })

  it('defaults president to false', () => {
    expect(juryUpdateSchema.parse({ members: [{ name: 'A', quality: 'Q', external: false }] }).members[0]?.president).toBe(false)
  })
})
