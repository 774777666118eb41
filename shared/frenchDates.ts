/**
 * The one module for dates as French users read them: messages, sheets and documents alike.
 * Two kinds of values:
 * - a **calendar date** (a jury date, a birth date, a date cell of a workbook, which arrives at UTC
 *   midnight): written as is, never moved by a time zone;
 * - a **moment** (a timestamp: when a PV was established, an import made, a sheet generated):
 *   written as the clock read in France, `Europe/Paris` with its summer time, whatever the time
 *   zone of the runtime (the Worker runs in UTC). Intl with an explicit `timeZone` gives the same
 *   text in the Worker, Node and the browser.
 */
const pad2 = (n: number) => String(n).padStart(2, '0')

/** The school's time zone: every moment shown to a user or printed on a document is read there. */
export const SCHOOL_TIME_ZONE = 'Europe/Paris'

const MONTHS = ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre']

const parisParts = new Intl.DateTimeFormat('en-GB', {
  timeZone: SCHOOL_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
})

interface WallClock {
  year: number
  month: number
  day: number
  hour: number
  minute: number
}

/** What a clock in France showed at `date`. */
function parisClock(date: Date): WallClock {
  const parts: Record<string, number> = {}
  for (const part of parisParts.formatToParts(date)) if (part.type !== 'literal') parts[part.type] = Number(part.value)
  return { year: parts.year ?? 0, month: parts.month ?? 0, day: parts.day ?? 0, hour: parts.hour ?? 0, minute: parts.minute ?? 0 }
}

/** « 2026-06-12 »: the day it was in France at `date`. */
export function parisIsoDay(date: Date): string {
  const c = parisClock(date)
  return `${c.year}-${pad2(c.month)}-${pad2(c.day)}`
}

/** A timestamp (« 2026-06-12T22:30:00Z ») gives its day in France; a calendar date stays as is. */
function calendarDayOf(iso: string): string {
  if (iso.length > 10 && iso[10] === 'T') {
    const moment = new Date(iso)
    if (!Number.isNaN(moment.getTime())) return parisIsoDay(moment)
  }
  return iso.slice(0, 10)
}

/** « 12/06/2026 » from a calendar date carried as a Date at UTC midnight (a workbook's date cell). */
export function frenchDate(date: Date): string {
  return `${pad2(date.getUTCDate())}/${pad2(date.getUTCMonth() + 1)}/${date.getUTCFullYear()}`
}

/** « 12/06/2026 » from « 2026-06-12 », or from a timestamp (its day in France). */
export function frenchDateOfIso(iso: string): string {
  const [y, m, d] = calendarDayOf(iso).split('-')
  return `${d}/${m}/${y}`
}

/** « 9 juillet 2026 », « 1er mars 2026 » from an ISO date, or from a timestamp (its day in France). */
export function frenchLongDate(iso: string): string {
  const [year, month, day] = calendarDayOf(iso).split('-').map(Number)
  if (!year || !month || !day) return iso
  return `${day === 1 ? '1er' : day} ${MONTHS[month - 1] ?? ''} ${year}`
}

/** « 12/06/2026 à 14 h 05 »: a moment as read in France (summer time included). */
export function frenchDateTime(date: Date): string {
  const c = parisClock(date)
  return `${pad2(c.day)}/${pad2(c.month)}/${c.year} à ${pad2(c.hour)} h ${pad2(c.minute)}`
}

/** The same from an ISO timestamp; a value that is not one is returned as is. */
export function frenchDateTimeOfIso(iso: string): string {
  const moment = new Date(iso)
  return Number.isNaN(moment.getTime()) ? iso : frenchDateTime(moment)
}
