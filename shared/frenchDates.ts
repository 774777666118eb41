/**
 * Dates as French users read them, in UTC: the Worker has no time zone of the school, and a
 * date cell read from a workbook arrives at UTC midnight.
 */
const pad2 = (n: number) => String(n).padStart(2, '0')

/** « 12/06/2026 ». */
export function frenchDate(date: Date): string {
  return `${pad2(date.getUTCDate())}/${pad2(date.getUTCMonth() + 1)}/${date.getUTCFullYear()}`
}

/** « 12/06/2026 » from « 2026-06-12 » (an ISO calendar date, no time). */
export function frenchDateOfIso(isoDate: string): string {
  const [y, m, d] = isoDate.split('-')
  return `${d}/${m}/${y}`
}

/** « 12/06/2026 à 08 h 05 (UTC) ». */
export function frenchDateTime(date: Date): string {
  return `${frenchDate(date)} à ${pad2(date.getUTCHours())} h ${pad2(date.getUTCMinutes())} (UTC)`
}
