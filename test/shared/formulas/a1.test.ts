import { describe, expect, it } from 'vitest'
import {
  cellReference,
  columnIndex,
  columnLetters,
  numberLiteral,
  qualifiedReference,
  quoteSheetName,
  sheetNameProblem,
  stringLiteral,
} from '../../../shared/formulas/a1'

describe('références A1', () => {
  it.each([
    [0, 'A'],
    [25, 'Z'],
    [26, 'AA'],
    [701, 'ZZ'],
    [702, 'AAA'],
    [16_383, 'XFD'],
  ])('la colonne %i s’écrit %s, et se relit', (column, letters) => {
    expect(columnLetters(column)).toBe(letters)
    expect(columnIndex(letters)).toBe(column)
    expect(columnIndex(letters.toLowerCase())).toBe(column)
  })

  it('refuse une colonne hors de la feuille', () => {
    expect(() => columnLetters(16_384)).toThrow(RangeError)
    expect(columnIndex('XFE')).toBe(-1)
    expect(columnIndex('A1')).toBe(-1)
  })

  it('ancre la colonne et laisse la ligne relative par défaut, pour recopier vers le bas', () => {
    expect(cellReference({ row: 1, column: 1 })).toBe('$B2')
    expect(cellReference({ row: 1, column: 1 }, { absoluteColumn: false, absoluteRow: false })).toBe('B2')
    expect(cellReference({ row: 1, column: 1 }, { absoluteColumn: true, absoluteRow: true })).toBe('$B$2')
    expect(cellReference({ row: 1_048_575, column: 16_383 })).toBe('$XFD1048576')
  })
})

describe('noms de feuille', () => {
  it.each([
    ['Notes', 'Notes'],
    ['Notes_2025', 'Notes_2025'],
    ['Notes BC01', "'Notes BC01'"],
    ["Jury d'avril", "'Jury d''avril'"],
    ['Résultats', "'Résultats'"],
    ['2025', "'2025'"],
    ['A1', "'A1'"],
    ['XFD12', "'XFD12'"],
    ['R1C1', "'R1C1'"],
    ['R', "'R'"],
    ['C', "'C'"],
    ['TRUE', "'TRUE'"],
    ['Notes-BC01', "'Notes-BC01'"],
  ])('%s s’écrit %s dans une formule', (name, quoted) => {
    expect(quoteSheetName(name)).toBe(quoted)
  })

  it('qualifie une référence avec sa feuille', () => {
    expect(qualifiedReference("Jury d'avril", { row: 0, column: 2 })).toBe("'Jury d''avril'!$C1")
    expect(qualifiedReference(null, { row: 0, column: 2 })).toBe('$C1')
  })

  it.each([
    ['', 'le nom de feuille est vide.'],
    ['a'.repeat(32), `le nom de feuille « ${'a'.repeat(32)} » dépasse 31 caractères.`],
    ['Notes/BC', 'le nom de feuille « Notes/BC » contient un caractère interdit (: \\ / ? * [ ]).'],
    ["'Notes", "le nom de feuille « 'Notes » ne peut ni commencer ni finir par une apostrophe."],
    ['history', 'le nom de feuille « History » est réservé par Excel.'],
  ])('refuse le nom de feuille %j', (name, message) => {
    expect(sheetNameProblem(name)).toBe(message)
  })
})

describe('littéraux', () => {
  it('écrit les nombres en notation décimale', () => {
    expect(numberLiteral(10)).toBe('10')
    expect(numberLiteral(0.6667)).toBe('0.6667')
    expect(numberLiteral(12.5)).toBe('12.5')
    expect(() => numberLiteral(1e-7)).toThrow(RangeError)
  })

  it('double les guillemets des textes', () => {
    expect(stringLiteral('EN ATTENTE')).toBe('"EN ATTENTE"')
    expect(stringLiteral('dit "non"')).toBe('"dit ""non"""')
  })
})
