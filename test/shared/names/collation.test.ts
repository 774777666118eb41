import { describe, expect, it } from 'vitest'
import { compareNames, sortByName, sortName, type SortableName } from '../../../shared/names/collation'

const person = (birthName: string, firstNames: string[] = ['Camille'], usageName: string | null = null, schoolId = birthName): SortableName => ({
  birthName,
  usageName,
  firstNames,
  schoolId,
})
const order = (people: SortableName[]) => sortByName(people, (p) => p).map((p) => p.usageName ?? p.birthName)

describe('French order of names', () => {
  it('sorts « de La Rochefoucauld » under L, never after TRAORÉ (byte order would)', () => {
    const names = ['TRAORÉ', 'de La Rochefoucauld', 'Martin', 'DUPONT']
    expect(order(names.map((n) => person(n)))).toEqual(['DUPONT', 'de La Rochefoucauld', 'Martin', 'TRAORÉ'])
    expect(sortName(person('de La Rochefoucauld'))).toBe('La Rochefoucauld')
  })

  it("sets aside « d’ » and « d' » but keeps articles: La Fontaine under L, Du Bellay under D", () => {
    expect(sortName(person('d’Artagnan'))).toBe('Artagnan')
    expect(sortName(person("D'Alembert"))).toBe('Alembert')
    expect(sortName(person('Du Bellay'))).toBe('Du Bellay')
    expect(sortName(person('Le Goff'))).toBe('Le Goff')
    expect(sortName(person('De'))).toBe('De')
    expect(order([person('Du Bellay'), person('La Fontaine'), person('d’Artagnan'), person('Bernard')])).toEqual([
      'd’Artagnan',
      'Bernard',
      'Du Bellay',
      'La Fontaine',
    ])
  })

  it('ignores accents and case at first: Élodie sorts with the E, ÉMERY between EMANUEL and EMERZ', () => {
    expect(order([person('Zola'), person('émery'), person('EMERZ'), person('Emanuel')])).toEqual(['Emanuel', 'émery', 'EMERZ', 'Zola'])
    expect(order([person('Ødegaard'), person('Nunez'), person('Öztürk'), person('Łukasiewicz'), person('Lucas')])).toEqual([
      'Lucas',
      'Łukasiewicz',
      'Nunez',
      'Ødegaard',
      'Öztürk',
    ])
  })

  it('lists a person under the usage name shown first, not the birth name', () => {
    const married = person('ZIDANE', ['Inès'], 'Abadie')
    expect(order([person('Bernard'), married])).toEqual(['Abadie', 'Bernard'])
  })

  it('then orders by first names, then by school id, so the order is total', () => {
    const people = [person('Martin', ['Léa'], null, 'E2'), person('MARTIN', ['Anne'], null, 'E3'), person('martin', ['Léa'], null, 'E1')]
    expect(sortByName(people, (p) => p).map((p) => p.schoolId)).toEqual(['E3', 'E1', 'E2'])
    expect(compareNames(people[0]!, people[0]!)).toBe(0)
  })
})
