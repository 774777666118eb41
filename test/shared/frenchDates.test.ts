import { describe, expect, it } from 'vitest'
import { frenchDate, frenchDateOfIso, frenchDateTime, frenchDateTimeOfIso, frenchLongDate, parisIsoDay } from '../../shared/frenchDates'

describe('dates in French', () => {
  it('writes a calendar date carried at UTC midnight as JJ/MM/AAAA, never moved by a time zone', () => {
    expect(frenchDate(new Date('2026-06-12T00:00:00Z'))).toBe('12/06/2026')
    expect(frenchDate(new Date('2026-01-05T00:00:00Z'))).toBe('05/01/2026')
  })

  it('turns an ISO calendar date into JJ/MM/AAAA as is, and a timestamp into its day in France', () => {
    expect(frenchDateOfIso('2026-06-12')).toBe('12/06/2026')
    expect(frenchDateOfIso('2026-07-09T08:00:00.000Z')).toBe('09/07/2026')
    // 22:30 UTC on 30 June is 00:30 on 1 July in Paris (summer time, UTC+2).
    expect(frenchDateOfIso('2026-06-30T22:30:00.000Z')).toBe('01/07/2026')
    // 23:30 UTC on 31 December is 00:30 on 1 January in Paris (winter time, UTC+1).
    expect(frenchDateOfIso('2026-12-31T23:30:00Z')).toBe('01/01/2027')
  })

  it('writes a day in words, with « 1er » for the first of the month', () => {
    expect(frenchLongDate('2026-07-09')).toBe('9 juillet 2026')
    expect(frenchLongDate('2026-03-01T10:00:00Z')).toBe('1er mars 2026')
    expect(frenchLongDate('2026-08-15')).toBe('15 août 2026')
    expect(frenchLongDate('2026-02-28T23:15:00Z')).toBe('1er mars 2026')
  })

  it('writes a moment as the clock read in Paris: « JJ/MM/AAAA à HH h MM », winter time UTC+1', () => {
    expect(frenchDateTime(new Date('2026-11-28T09:05:42.120Z'))).toBe('28/11/2026 à 10 h 05')
    expect(frenchDateTime(new Date('2026-01-15T23:59:00Z'))).toBe('16/01/2026 à 00 h 59')
  })

  it('follows summer time (UTC+2) and both changeovers of 2026 (29 March, 25 October)', () => {
    expect(frenchDateTime(new Date('2026-06-12T12:05:00Z'))).toBe('12/06/2026 à 14 h 05')
    // 29 March 2026: clocks jump from 02:00 to 03:00 at 01:00 UTC.
    expect(frenchDateTime(new Date('2026-03-29T00:59:00Z'))).toBe('29/03/2026 à 01 h 59')
    expect(frenchDateTime(new Date('2026-03-29T01:00:00Z'))).toBe('29/03/2026 à 03 h 00')
    // 25 October 2026: clocks go back from 03:00 to 02:00 at 01:00 UTC.
    expect(frenchDateTime(new Date('2026-10-25T00:30:00Z'))).toBe('25/10/2026 à 02 h 30')
    expect(frenchDateTime(new Date('2026-10-25T01:30:00Z'))).toBe('25/10/2026 à 02 h 30')
    expect(frenchDateTime(new Date('2026-10-25T02:30:00Z'))).toBe('25/10/2026 à 03 h 30')
  })

  it('reads an ISO timestamp the same way, and leaves a value that is not one as is', () => {
    expect(frenchDateTimeOfIso('2026-06-12T12:05:00.000Z')).toBe('12/06/2026 à 14 h 05')
    expect(frenchDateTimeOfIso('pas une date')).toBe('pas une date')
  })

  it('gives the day it was in France at a moment', () => {
    expect(parisIsoDay(new Date('2026-06-12T21:59:00Z'))).toBe('2026-06-12')
    expect(parisIsoDay(new Date('2026-06-12T22:00:00Z'))).toBe('2026-06-13')
  })
})
