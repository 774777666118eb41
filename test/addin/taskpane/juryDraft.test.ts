import { describe, expect, it } from 'vitest'
import { checkDraft, draftChanged, draftOf, emptyMember, readDraft, startingDraft, togglePresident, type DraftMember } from '../../../addin/src/taskpane/juryDraft'

const member = (change: Partial<DraftMember>): DraftMember => ({ ...emptyMember(), name: 'Claire Dumas', quality: 'DSI, Société X', ...change })

describe('the jury being edited', () => {
  it('has one president at most: naming one unseats the other, naming him again unseats him', () => {
    const draft = [member({ president: true }), member({ name: 'Paul Roy' })]
    expect(togglePresident(draft, 1).map((m) => m.president)).toEqual([false, true])
    expect(togglePresident(draft, 0).map((m) => m.president)).toEqual([false, false])
  })

  it('checks the composition live, with the Worker’s rules, blank rows counting as seats', () => {
    expect(checkDraft([]).failures.map((f) => f.code)).toEqual(['collegial', 'president'])
    const irregular = [member({ president: true, external: false }), member({ external: false }), member({ external: true })]
    expect(checkDraft(irregular).failures.map((f) => f.code)).toEqual(['external_half'])
    expect(checkDraft(irregular).failures[0]!.message).toContain('Seulement 1 membre(s) extérieur(s) sur 3')
    expect(checkDraft([member({ president: true }), emptyMember()]).ok).toBe(true)
  })

  it('locates the rows to complete before saving, in French', () => {
    const reading = readDraft([member({}), member({ name: '  ', quality: '' })])
    expect(reading).toEqual({ ok: false, problems: ['Membre 2, nom\u00a0: champ obligatoire', 'Membre 2, qualité\u00a0: champ obligatoire'] })
  })

  it('gives the members the Worker expects: no civility is null, names trimmed', () => {
    const reading = readDraft([member({ civility: 'Mme', name: ' Claire Dumas ', president: true }), member({ civility: '', name: 'Paul Roy', external: false })])
    expect(reading).toEqual({
      ok: true,
      members: [
        { civility: 'Mme', name: 'Claire Dumas', quality: 'DSI, Société X', external: true, president: true },
        { civility: null, name: 'Paul Roy', quality: 'DSI, Société X', external: false, president: false },
      ],
    })
    if (!reading.ok) return
    expect(draftChanged(draftOf(reading.members), reading.members)).toBe(false)
    expect(draftChanged([...draftOf(reading.members), emptyMember()], reading.members)).toBe(true)
  })
})

describe('startingDraft', () => {
  it('opens an empty jury on the smallest one the rules accept: two external members, the first presiding', () => {
    expect(startingDraft([])).toEqual([
      { civility: '', name: '', quality: '', external: true, president: true },
      { civility: '', name: '', quality: '', external: true, president: false },
    ])
    const stored = [{ civility: 'Mme' as const, name: 'Claire Dumas', quality: 'DSI', external: true, president: true }]
    expect(startingDraft(stored)).toEqual(draftOf(stored))
  })
})
