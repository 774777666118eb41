import { describe, expect, it } from 'vitest'
import { frenchDate, frenchDateOfIso, frenchDateTime, frenchLongDate } from '../../shared/frenchDates'

describe('dates in French', () => {
  it('writes a day as JJ/MM/AAAA, in UTC whatever the machine’s time zone', () => {
    expect(frenchDate(new Date('2026-06-12T00:00:00Z'))).toBe('12/06/2026')
    expect(frenchDate(new Date('2026-01-05T23:59:59Z'))).toBe('05/01/2026')
  })

  it('turns an ISO calendar date, or the day of a timestamp, into JJ/MM/AAAA', () => {
    expect(frenchDateOfIso('2026-06-12')).toBe('12/06/2026')
    expect(frenchDateOfIso('2026-07-09T08:00:00.000Z')).toBe('09/07/2026')
  })

  it('writes a day in words, with « 1er » for the first of the month', () => {
    expect(frenchLongDate('2026-07-09')).toBe('9 juillet 2026')
    expect(frenchLongDate('2026-03-01T10:00:00Z')).toBe('1er mars 2026')
    expect(frenchLongDate('2026-08-15')).toBe('15 août 2026')
  })

  it('writes a moment with hours and minutes, saying it is UTC', () => {
    expect(frenchDateTime(new Date('2026-11-28T09:05:42.120Z'))).toBe('28/11/2026 à 09 h 05 (UTC)')
  })
})
