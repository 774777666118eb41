import { describe, expect, it } from 'vitest'
import { readJuryMark, tidyText } from '../../../shared/jury/markInput'

const outcome = { kind: 'outcome' } as const
const over20 = { kind: 'score', max: 20 } as const
const over10 = { kind: 'score', max: 10 } as const

const value = (raw: Parameters<typeof readJuryMark>[0], scale: Parameters<typeof readJuryMark>[1] = outcome) => {
  const read = readJuryMark(raw, scale, 2)
  if (!read.ok) throw new Error(read.message)
  return read.value
}
const problem = (raw: Parameters<typeof readJuryMark>[0], scale: Parameters<typeof readJuryMark>[1] = outcome) => {
  const read = readJuryMark(raw, scale, 2)
  if (read.ok) throw new Error(`accepted: ${String(read.value)}`)
  return read.message
}

describe('reading what a jury member types in a mark cell', () => {
  it('accepts the codes in any case, with stray spaces of any kind', () => {
    expect(['acq', ' PACQ ', 'NAcq', '\u00a0abs\u202f', '\tExc', 'att\n'].map((raw) => value(raw))).toEqual(['ACQ', 'PACQ', 'NACQ', 'ABS', 'EXC', 'ATT'])
  })

  it('accepts the French words for the codes', () => {
    const words = ['Acquis', 'acquise', 'Partiellement acquis', 'NON ACQUIS', 'Absente', 'excusé', 'Excusee', 'En attente']
    expect(words.map((raw) => value(raw))).toEqual(['ACQ', 'ACQ', 'PACQ', 'NACQ', 'ABS', 'EXC', 'EXC', 'ATT'])
  })

  it('reads a score written with a comma, a point, spaces or over the maximum', () => {
    expect(['12,5', '12.5', ' 12 ', '+8', '0', '20', '12,5/20', '12.5 / 20', '14,25'].map((raw) => value(raw, over20))).toEqual([
      12.5, 12.5, 12, 8, 0, 20, 12.5, 12.5, 14.25,
    ])
    expect(value(15, over20)).toBe(15)
    expect(value('7,5/10', over10)).toBe(7.5)
  })

  it('treats a blank cell, an empty text or spaces as "not evaluated yet"', () => {
    expect([null, '', '   ', '\u00a0'].map((raw) => value(raw))).toEqual([null, null, null, null])
  })

  it('refuses a score out of range or over another maximum, with the reason', () => {
    expect(problem('25', over20)).toBe('la note 25 dépasse le maximum de 20.')
    expect(problem('-1', over20)).toBe('la note -1 est négative.')
    expect(problem('12/10', over20)).toMatch(/« 12\/10 » n’est pas une note valide/)
    expect(problem('11', over10)).toBe('la note 11 dépasse le maximum de 10.')
  })

  it('refuses an outcome code on a score critère and a number on an outcome critère', () => {
    expect(problem('ACQ', over20)).toBe('« ACQ » : ce critère est noté sur 20, saisissez une note (ou ABS, EXC, ATT).')
    expect(problem(12, outcome)).toBe("12 est une note chiffrée ; ce critère s’évalue en ACQ, PACQ ou NACQ.")
    expect(problem('12', outcome)).toBe("« 12 » n’est pas un code valide (ACQ, PACQ, NACQ, ABS, EXC ou ATT attendu).")
  })

  it('refuses checkboxes, garbage and numbers with two separators', () => {
    expect(problem(true)).toBe("une case à cocher (VRAI) n’est pas une note.")
    expect(problem('AQC')).toBe("« AQC » n’est pas un code valide (ACQ, PACQ, NACQ, ABS, EXC ou ATT attendu).")
    expect(problem('12,5,3', over20)).toMatch(/n’est pas une note valide/)
  })

  it('explains a mark that Excel turned into a date', () => {
    expect(problem(new Date('2025-05-12T00:00:00Z'), over20)).toBe(
      'une date (12/05/2025) a été saisie à la place d’une note\u00a0: saisissez l’évaluation, par exemple 12,5.',
    )
  })

  it('reads a date serial number (the reader does not parse number formats) as the date it is, not as « 46185 est une note chiffrée »', () => {
    expect(problem(46185, outcome)).toBe('une date (12/06/2026) a été saisie à la place d’une note\u00a0: saisissez l’évaluation, ACQ, PACQ ou NACQ.')
    expect(problem(46185, over20)).toBe('une date (12/06/2026) a été saisie à la place d’une note\u00a0: saisissez l’évaluation, par exemple 12,5.')
    // Not a date: a non-integer, a number the scale takes, or a serial outside 2000–2099.
    expect(problem(46185.5, over20)).toBe('la note 46185,5 dépasse le maximum de 20.')
    expect(problem(12, outcome)).toBe("12 est une note chiffrée ; ce critère s’évalue en ACQ, PACQ ou NACQ.")
    expect(problem(30000, over20)).toBe('la note 30000 dépasse le maximum de 20.')
  })

  it('writes decimals with a comma, as they were typed', () => {
    expect(problem('20,5', over20)).toBe('la note 20,5 dépasse le maximum de 20.')
  })

  it('tidies spaces the way a person expects', () => {
    expect(tidyText('  Mme\u00a0 Durand \n présidente ')).toBe('Mme Durand présidente')
  })
})
