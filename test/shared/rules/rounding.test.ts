import { describe, expect, it } from 'vitest'
import { hasAtMostDecimals, roundForComparison, roundHalfAwayFromZero } from '../../../shared/rules/rounding'

describe("arrondi des moyennes et des notes, comme le ROUND d'Excel sur l'écriture décimale", () => {
  it.each([
    [9.99, 9.99],
    [9.994, 9.99],
    [9.995, 10],
    [10, 10],
    [10.005, 10.01],
    [1.005, 1.01],
    [2.675, 2.68],
    [0, 0],
    [(10 + 20 + 9.98) / 4, 10],
  ])('%d arrondi à 2 décimales donne %d', (value, expected) => {
    expect(roundForComparison(value, 2)).toBe(expected)
  })

  it('sans le décalage de 1e-9, un arrondi binaire donnerait 9,99 pour 9,995 (ce que fait ROUND dans HyperFormula)', () => {
    expect(roundHalfAwayFromZero(9.995, 2)).toBe(9.99)
    expect(roundForComparison(9.995, 2)).toBe(10)
  })

  it('arrondit la moitié en s’éloignant de zéro, aussi pour les négatifs', () => {
    expect(roundHalfAwayFromZero(2.5, 0)).toBe(3)
    expect(roundHalfAwayFromZero(-2.5, 0)).toBe(-3)
  })

  it('arrondit à 0 et à 4 décimales', () => {
    expect(roundForComparison(9.5, 0)).toBe(10)
    expect(roundForComparison(9.49999, 0)).toBe(9)
    expect(roundForComparison(9.99995, 4)).toBe(10)
  })

  it('reconnaît un nombre à 4 décimales au plus', () => {
    expect(hasAtMostDecimals(10.005, 4)).toBe(true)
    expect(hasAtMostDecimals(0.6667, 4)).toBe(true)
    expect(hasAtMostDecimals(2 / 3, 4)).toBe(false)
    expect(hasAtMostDecimals(Number.NaN, 4)).toBe(false)
  })
})
