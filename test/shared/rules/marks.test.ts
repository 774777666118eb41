import { describe, expect, it } from 'vitest'
import { excelTrim, isBlankCell, readCapitalised, readMark, readOverride, readReason, type CellInput } from '../../../shared/rules/marks'

const OUTCOME = { kind: 'outcome' } as const
const SCORE = { kind: 'score', max: 20 } as const

describe('lecture des cellules de notes', () => {
  it("TRIM comme Excel : espaces seulement, espaces intérieurs réduits à un", () => {
    expect(excelTrim('  a   b  ')).toBe('a b')
    expect(excelTrim('\tACQ')).toBe('\tACQ')
    expect(excelTrim('\u00A0ACQ')).toBe('\u00A0ACQ')
  })

  it.each<[CellInput, boolean]>([
    [null, true],
    [undefined, true],
    ['', true],
    ['   ', true],
    ['\u00A0', false],
    [0, false],
    [false, false],
  ])('%j est une cellule vide : %s', (value, blank) => {
    expect(isBlankCell(value)).toBe(blank)
  })

  it.each<[CellInput, unknown]>([
    ['ACQ', 'ACQ'],
    [' pacq ', 'PACQ'],
    ['Nacq', 'NACQ'],
    ['abs', 'ABS'],
    [' exc', 'EXC'],
    ['att ', 'ATT'],
    [null, null],
    ['  ', null],
  ])('échelle ACQ : %j se range en %j', (raw, canonical) => {
    expect(readMark(raw, OUTCOME)).toEqual({ ok: true, value: canonical })
  })

  it.each<[CellInput, unknown]>([
    [12.5, 12.5],
    [0, 0],
    [20, 20],
    [20.004, 20.004],
    [' ABS ', 'ABS'],
    ['exc', 'EXC'],
  ])('échelle /20 : %j se range en %j', (raw, canonical) => {
    expect(readMark(raw, SCORE)).toEqual({ ok: true, value: canonical })
  })

  it.each<[CellInput, object, string]>([
    ['XYZ', OUTCOME, "« XYZ » n’est pas un code valide (ACQ, PACQ, NACQ, ABS, EXC ou ATT attendu)."],
    ['ACQ\t', OUTCOME, "« ACQ\t » n’est pas un code valide (ACQ, PACQ, NACQ, ABS, EXC ou ATT attendu)."],
    [12, OUTCOME, "12 est une note chiffrée ; ce critère s’évalue en ACQ, PACQ ou NACQ."],
    [true, OUTCOME, "une case à cocher (VRAI) n’est pas une note."],
    [' 12 ', SCORE, '«  12  » est saisi comme du texte ; saisissez la note comme un nombre.'],
    ['12,5', SCORE, '« 12,5 » est saisi comme du texte ; saisissez la note comme un nombre.'],
    [20.005, SCORE, 'la note 20,005 dépasse le maximum de 20.'],
    [-0.5, SCORE, 'la note -0,5 est négative.'],
    ['ACQ', SCORE, '« ACQ » : ce critère est noté sur 20, saisissez une note (ou ABS, EXC, ATT).'],
    ['douze', SCORE, "« douze » n’est pas une note valide (nombre de 0 à 20, ABS, EXC ou ATT attendu)."],
  ])('%j est refusé avec un message en français', (raw, scale, message) => {
    expect(readMark(raw, scale as typeof OUTCOME | typeof SCORE)).toEqual({ ok: false, message })
  })

  it('décision du jury : ADM, ADJ, AJ ou vide', () => {
    expect(readOverride(' adj ')).toEqual({ ok: true, value: 'ADJ' })
    expect(readOverride('')).toEqual({ ok: true, value: null })
    expect(readOverride('ADMIS')).toEqual({ ok: false, message: 'décision du jury « ADMIS » invalide (ADM, ADJ ou AJ attendu).' })
    expect(readOverride(1).ok).toBe(false)
  })

  it('motif du jury : tout contenu non vide compte', () => {
    expect(readReason('  Soutenance remarquable ')).toBe('Soutenance remarquable')
    expect(readReason(0)).toBe('0')
    expect(readReason('  ')).toBeNull()
  })

  it.each<[CellInput, boolean | null]>([
    [true, true],
    [false, false],
    [null, false],
    ['', false],
    [' oui ', true],
    ['Cap', true],
    ['x', true],
    ['non', false],
    ['VRAI', null],
    [1, null],
  ])('capitalisation %j : %s', (raw, expected) => {
    const read = readCapitalised(raw)
    if (expected === null) expect(read.ok).toBe(false)
    else expect(read).toEqual({ ok: true, value: expected })
  })
})
