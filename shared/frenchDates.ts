/**
 * The one module for dates as French users read them: messages, sheets and documents alike.
 * Written out by hand rather than with Intl so that a text reads the same whatever runtime
 * renders it (Worker, Node, browser). Times are in UTC: the Worker has no time zone of the
 * school, and a date cell read from a workbook arrives at UTC midnight.
 */
const pad2 = (n: number) => String(n).padStart(2, '0')

const MONTHS = ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre']

/** « 12/06/2026 ». */
export function frenchDate(date: Date): string {
  return `${pad2(date.getUTCDate())}/${pad2(date.getUTCMonth() + 1)}/${date.getUTCFullYear()}`
}

/** « 12/06/2026 » from « 2026-06-12 » (an ISO calendar date, or the date part of a timestamp). */
export function frenchDateOfIso(isoDate: string): string {
  const [y, m, d] = isoDate.slice(0, 10).split('-')
  return `${d}/${m}/${y}`
}

/** « 9 juillet 2026 », « 1er mars 2026 » from an ISO date (or the date part of a timestamp). */
export function frenchLongDate(iso: string): string {
  const [year, month, day] = iso.slice(0, 10).split('-').map(Number)
  if (!year || !month || !day) return iso
  return `${day === 1 ? '1er' : day} ${MONTHS[month - 1] ?? ''} ${year}`
}

/** « 12/06/2026 à 08 h 05 (UTC) ». */
export function frenchDateTime(date: Date): string {
  return `${frenchDate(date)} à ${pad2(date.getUTCHours())} h ${pad2(date.getUTCMinutes())} (UTC)`
}
