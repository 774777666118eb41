/**
 * What a jury member types, read into what `readMark` expects. Jury members are not Certibloc
 * users and fill the sheet in whatever Excel they have, so this layer accepts what a person would
 * reasonably type before the rules core reads the mark:
 * - any case and stray spaces, including the non-breaking spaces Excel and Word insert;
 * - the French words for the codes ("Acquis", "Non acquis", "Absent", "Excusée"…);
 * - for a score critère, a number written as text with a comma or a point ("12,5", "12.5", " 12 ")
 *   or as "12,5/20" when the denominator is the critère's maximum. The mark cells are text cells
 *   (see sheetTemplate.ts), so numbers normally arrive this way.
 * The canonical reading, range checks and messages stay in `shared/rules/marks.ts`.
 */
import { looseKey } from '../formats/candidateList'
import { frenchDate } from '../frenchDates'
import type { SheetCell } from '../formats/xlsxRows'
import { readMark, type CanonicalMark, type CellInput, type Reading } from '../rules/marks'
import type { CritereScale } from '../rules/ruleSchema'

const WORDS: ReadonlyMap<string, string> = new Map(
  (
    [
      ['Acquis', 'ACQ'],
      ['Acquise', 'ACQ'],
      ['Partiellement acquis', 'PACQ'],
      ['Partiellement acquise', 'PACQ'],
      ['Non acquis', 'NACQ'],
      ['Non acquise', 'NACQ'],
      ['Absent', 'ABS'],
      ['Absente', 'ABS'],
      ['Excusé', 'EXC'],
      ['Excusée', 'EXC'],
      ['En attente', 'ATT'],
      ['Attente', 'ATT'],
    ] as const
  ).map(([word, code]) => [looseKey(word), code]),
)

const NUMBER_TEXT = /^([+-]?\d{1,6})(?:[.,](\d{1,6}))?$/
const OVER_MAX = /^([+-]?\d{1,6}(?:[.,]\d{1,6})?)\s*\/\s*(\d{1,4})$/

/** Spaces of every kind collapsed to one U+0020, ends trimmed. */
export function tidyText(text: string): string {
  return text.replace(/[\s\u00a0\u2007\u202f\ufeff]+/g, ' ').trim()
}

function numberOf(text: string): number | null {
  const m = NUMBER_TEXT.exec(text)
  if (!m) return null
  return Number(`${m[1]}${m[2] === undefined ? '' : `.${m[2]}`}`)
}

/** Turns a cell into the input readMark understands, leniently (see the module comment). */
export function markCellInput(raw: SheetCell, scale: CritereScale): CellInput | { date: Date } {
  if (raw instanceof Date) return { date: raw }
  if (typeof raw !== 'string') return raw
  const text = tidyText(raw)
  if (text === '') return null
  // A number is never one of the words: read first, it spares the accent folding of most marks.
  const plain = scale.kind === 'score' ? numberOf(text) : null
  if (plain !== null) return plain
  const word = WORDS.get(looseKey(text))
  if (word !== undefined) return word
  if (scale.kind === 'score') {
    const over = OVER_MAX.exec(text)
    if (over && Number(over[2]) === scale.max) {
      const value = numberOf(over[1] ?? '')
      if (value !== null) return value
    }
  }
  return text
}

/**
 * Excel serial numbers of 01/01/2000 to 31/12/2099: an integer mark in this range that the scale
 * cannot take is a date Excel made of what was typed (the reader does not parse number formats,
 * so a date cell arrives as its serial number, e.g. 46185 for 12/06/2026).
 */
const DATE_SERIALS = { first: 36526, last: 73415 } as const
const EXCEL_EPOCH_SERIAL = 25569

function typedDate(input: CellInput | { date: Date }, scale: CritereScale): Date | null {
  if (input !== null && typeof input === 'object') return input.date
  if (typeof input !== 'number' || !Number.isInteger(input) || input < DATE_SERIALS.first || input > DATE_SERIALS.last) return null
  if (scale.kind === 'score' && input <= scale.max) return null
  return new Date((input - EXCEL_EPOCH_SERIAL) * 86_400_000)
}

/**
 * Reads a jury's mark cell into its canonical value, or a French explanation (without location:
 * the caller adds file, sheet and cell).
 */
export function readJuryMark(raw: SheetCell, scale: CritereScale, decimals: number): Reading<CanonicalMark> {
  const input = markCellInput(raw, scale)
  const date = typedDate(input, scale)
  if (date !== null) {
    // Excel turned what was typed into a date (e.g. "12.5" typed in a French Excel gives 12 May).
    const example = scale.kind === 'score' ? 'par exemple 12,5' : 'ACQ, PACQ ou NACQ'
    return {
      ok: false,
      message: `une date (${frenchDate(date)}) a été saisie à la place d’une note\u00a0: saisissez l’évaluation, ${example}.`,
    }
  }
  return readMark(input as CellInput, scale, decimals)
}
