import { describe, expect, it } from 'vitest'
import { shiftFormula } from './formulaShift'

describe('shiftFormula', () => {
  it('moves relative rows and columns, keeps anchored ones', () => {
    expect(shiftFormula('=$B2+B$2+$B$2+B2', 3, 1)).toBe('=$B5+C$2+$B$2+C5')
  })

  it('moves references qualified with a sheet, quoted or not', () => {
    expect(shiftFormula("=Grille!$G3&'Jury d''avril'!A1", 1, 0)).toBe("=Grille!$G4&'Jury d''avril'!A2")
  })

  it('leaves string literals, function names and decimals alone', () => {
    expect(shiftFormula('=IF(LOG10(A1)>0.5,"B2 reste",A1)', 1, 0)).toBe('=IF(LOG10(A2)>0.5,"B2 reste",A2)')
    expect(shiftFormula('=ROUND(A1+0.000000001,2)', 2, 0)).toBe('=ROUND(A3+0.000000001,2)')
  })

  it('fails like #REF! when a reference would leave the sheet', () => {
    expect(() => shiftFormula('=A1', -1, 0)).toThrow('#REF!')
  })
})
