import { describe, expect, it } from 'vitest'
import { juryUpdateSchema, juryWarnings, type JuryMember } from '../../../shared/documents/juryComposition'

const member = (name: string, external: boolean, president = false): JuryMember => ({ civility: null, name, quality: 'Professionnel du secteur', external, president })

describe('juryWarnings', () => {
  it('says nothing of a collegial jury, half external at least, with a president', () => {
    expect(juryWarnings([member('A', true, true), member('B', false)])).toEqual([])
    expect(juryWarnings([member('A', true, true), member('B', true), member('C', false)])).toEqual([])
  })

  it('warns of an empty or one-person jury', () => {
    expect(juryWarnings([])).toEqual(['Le jury n’a aucun membre : un jury est collégial (deux membres au moins).'])
    expect(juryWarnings([member('A', true, true)])).toEqual(['Le jury n’a qu’un membre : un jury est collégial (deux membres au moins).'])
  })

  it('warns when fewer than half the members are external', () => {
    expect(juryWarnings([member('A', true, true), member('B', false), member('C', false)])).toEqual([
      'Seulement 1 membre(s) extérieur(s) sur 3 : la moitié au moins du jury devrait être extérieure au certificateur et à l’organisme de formation.',
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
