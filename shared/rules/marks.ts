/**
 * Reading raw cell contents into canonical marks. Input mirrors what an Excel cell can hold: a
 * number, a text, a boolean (checkbox) or nothing. Every rule here has a formula twin in
 * `shared/formulas`, so a sheet and the engine read a cell the same way:
 * - texts are matched after Excel's TRIM (spaces only, inner runs collapsed) and UPPER;
 * - a blank cell, "" and a text of spaces all mean "not graded yet";
 * - a score must be a number cell: "12" typed as text is refused, because how Excel reads it
 *   depends on the workbook's locale (12,5 or 12.5);
 * - a score is checked at the bloc's rounding (20.004 reads as 20.00 with 2 decimals).
 */
import { BLOC_ADJ, BLOC_ADM, BLOC_AJ, CAPITALISED_NO_TEXTS, CAPITALISED_YES_TEXTS, type OverrideCode } from './codes'
import { roundForComparison } from './rounding'
import type { CritereScale, OutcomeCode, SpecialMarkCode } from './ruleSchema'

/** The content of one cell as Office.js or a D1 row gives it; null or undefined is a blank cell. */
export type CellInput = number | string | boolean | null | undefined

/** A mark once read: null for "not graded yet", a canonical code, or a score. */
export type CanonicalMark = null | OutcomeCode | SpecialMarkCode | number

export type Reading<T> = { ok: true; value: T } | { ok: false; message: string }

/* Mark classes as small integers: the evaluation loop runs millions of times. */
export const MARK_BLANK = 0
export const MARK_ACQ = 1
export const MARK_PACQ = 2
export const MARK_NACQ = 3
export const MARK_ABS = 4
export const MARK_EXC = 5
export const MARK_ATT = 6
export const MARK_NUMBER = 7
export const MARK_BOOLEAN = 8
export const MARK_OTHER_TEXT = 9
export type MarkClass = number

const CLASS_CODES: readonly (OutcomeCode | SpecialMarkCode | null)[] = [
  null,
  'ACQ',
  'PACQ',
  'NACQ',
  'ABS',
  'EXC',
  'ATT',
]

/** Excel's TRIM: drops leading and trailing spaces (U+0020 only) and collapses inner runs. */
export function excelTrim(text: string): string {
  // Scans rather than runs regexes: padded codes (" acq ") are common input.
  let start = 0
  let end = text.length
  while (start < end && text.charCodeAt(start) === 32) start++
  while (end > start && text.charCodeAt(end - 1) === 32) end--
  const trimmed = start === 0 && end === text.length ? text : text.slice(start, end)
  return trimmed.includes('  ') ? trimmed.replace(/ {2,}/g, ' ') : trimmed
}

/** What Excel's UPPER(TRIM(cell)) gives for a text cell. */
export function normaliseText(text: string): string {
  return excelTrim(text).toUpperCase()
}

function classifyCode(upper: string): MarkClass {
  switch (upper) {
    case 'ACQ':
      return MARK_ACQ
    case 'PACQ':
      return MARK_PACQ
    case 'NACQ':
      return MARK_NACQ
    case 'ABS':
      return MARK_ABS
    case 'EXC':
      return MARK_EXC
    case 'ATT':
      return MARK_ATT
    default:
      return MARK_OTHER_TEXT
  }
}

/** Codes keyed by their characters, 7 bits each, to read " acq " without allocating strings. */
const CLASS_BY_KEY = new Map<number, MarkClass>(
  (['ACQ', 'PACQ', 'NACQ', 'ABS', 'EXC', 'ATT'] as const).map((code) => [asciiKey(code, 0, code.length), classifyCode(code)]),
)

function asciiKey(text: string, start: number, end: number): number {
  let key = 0
  for (let i = start; i < end; i++) key = key * 128 + text.charCodeAt(i)
  return key
}

function classifyText(text: string): MarkClass {
  // Canonical codes are by far the most frequent input: no trimming for them.
  const direct = classifyCode(text)
  if (direct !== MARK_OTHER_TEXT) return direct
  let start = 0
  let end = text.length
  while (start < end && text.charCodeAt(start) === 32) start++
  while (end > start && text.charCodeAt(end - 1) === 32) end--
  if (start === end) return MARK_BLANK
  let key = 0
  for (let i = start; i < end; i++) {
    const char = text.charCodeAt(i)
    // Outside ASCII, toUpperCase may turn a letter into a code's ("ſ" into "S"): take the slow path.
    if (char >= 128) return classifyCode(normaliseText(text))
    // Longer than any code: no other character can shorten it back.
    if (i - start >= 4) return MARK_OTHER_TEXT
    key = key * 128 + (char >= 97 && char <= 122 ? char - 32 : char)
  }
  return CLASS_BY_KEY.get(key) ?? MARK_OTHER_TEXT
}

/** Classifies a cell whatever the critère's scale; the scale decides later what is valid. */
export function classifyCell(raw: CellInput): MarkClass {
  if (raw === null || raw === undefined) return MARK_BLANK
  if (typeof raw === 'number') return MARK_NUMBER
  if (typeof raw === 'boolean') return MARK_BOOLEAN
  return classifyText(raw)
}

/** True for a blank cell, "" or a text of spaces. */
export function isBlankCell(raw: CellInput): boolean {
  return raw === null || raw === undefined || (typeof raw === 'string' && excelTrim(raw).length === 0)
}

/** A number as French writes it: « 20,5 », not « 20.5 ». */
export function frenchNumber(value: number): string {
  return String(value).replace('.', ',')
}

function describe(raw: CellInput): string {
  if (typeof raw === 'string') return `« ${raw} »`
  if (typeof raw === 'boolean') return raw ? 'VRAI' : 'FAUX'
  return typeof raw === 'number' ? frenchNumber(raw) : String(raw)
}

const NUMERIC_TEXT = /^\s*[-+]?\d+(?:[.,]\d+)?\s*$/

/** French explanation of why a score cell is invalid, or null when it is a valid score. */
export function scoreProblem(value: number, max: number, decimals: number): string | null {
  if (!Number.isFinite(value)) return `${describe(value)} n’est pas une note.`
  if (value < 0) return `la note ${frenchNumber(value)} est négative.`
  if (roundForComparison(value, decimals) > max) return `la note ${frenchNumber(value)} dépasse le maximum de ${frenchNumber(max)}.`
  return null
}

/** French explanation of why a cell cannot be read on this scale (after classification). */
export function markProblem(raw: CellInput, cls: MarkClass, scale: CritereScale): string {
  if (cls === MARK_BOOLEAN) return `une case à cocher (${describe(raw)}) n’est pas une note.`
  if (scale.kind === 'outcome') {
    if (cls === MARK_NUMBER) return `${describe(raw)} est une note chiffrée ; ce critère s’évalue en ACQ, PACQ ou NACQ.`
    return `${describe(raw)} n’est pas un code valide (ACQ, PACQ, NACQ, ABS, EXC ou ATT attendu).`
  }
  if (cls === MARK_ACQ || cls === MARK_PACQ || cls === MARK_NACQ) {
    return `${describe(raw)} : ce critère est noté sur ${frenchNumber(scale.max)}, saisissez une note (ou ABS, EXC, ATT).`
  }
  if (typeof raw === 'string' && NUMERIC_TEXT.test(raw)) {
    return `${describe(raw)} est saisi comme du texte ; saisissez la note comme un nombre.`
  }
  return `${describe(raw)} n’est pas une note valide (nombre de 0 à ${frenchNumber(scale.max)}, ABS, EXC ou ATT attendu).`
}

/**
 * Reads one mark into its canonical form, as stored by the Worker. `decimals` is the bloc's
 * rounding, used for the range check exactly as the formulas do.
 */
export function readMark(raw: CellInput, scale: CritereScale, decimals = 2): Reading<CanonicalMark> {
  const cls = classifyCell(raw)
  if (cls === MARK_BLANK) return { ok: true, value: null }
  if (cls === MARK_ABS || cls === MARK_EXC || cls === MARK_ATT) return { ok: true, value: CLASS_CODES[cls] ?? null }
  if (scale.kind === 'outcome') {
    if (cls === MARK_ACQ || cls === MARK_PACQ || cls === MARK_NACQ) return { ok: true, value: CLASS_CODES[cls] ?? null }
    return { ok: false, message: markProblem(raw, cls, scale) }
  }
  if (cls === MARK_NUMBER) {
    const problem = scoreProblem(raw as number, scale.max, decimals)
    return problem === null ? { ok: true, value: raw as number } : { ok: false, message: problem }
  }
  return { ok: false, message: markProblem(raw, cls, scale) }
}

/** Reads a jury decision cell: blank for none, else ADM, ADJ or AJ. */
export function readOverride(raw: CellInput): Reading<OverrideCode | null> {
  if (isBlankCell(raw)) return { ok: true, value: null }
  if (typeof raw === 'string') {
    const upper = normaliseText(raw)
    if (upper === BLOC_ADM || upper === BLOC_ADJ || upper === BLOC_AJ) return { ok: true, value: upper }
  }
  return { ok: false, message: `décision du jury ${describe(raw)} invalide (ADM, ADJ ou AJ attendu).` }
}

/**
 * What Office.js puts in `range.values` for a cell holding an error value. Every formula reading
 * such a cell fails, so the workbook's IFERROR shows ERR: the engine treats these texts the same.
 */
const EXCEL_ERROR_VALUES: ReadonlySet<string> = new Set([
  '#NULL!', '#DIV/0!', '#VALUE!', '#REF!', '#NAME?', '#NUM!', '#N/A', '#GETTING_DATA', '#SPILL!', '#CALC!',
  '#FIELD!', '#BLOCKED!', '#CONNECT!', '#BUSY!', '#UNKNOWN!', '#PYTHON!', '#EXTERNAL!',
])

/** True when the cell holds one of Excel's error values (#N/A…), as Office.js reports it. */
function isExcelErrorValue(raw: CellInput): boolean {
  return typeof raw === 'string' && EXCEL_ERROR_VALUES.has(raw)
}

/** Reads the reason of a jury decision: any non-blank content counts. */
export function readReason(raw: CellInput): string | null {
  if (isBlankCell(raw)) return null
  return typeof raw === 'string' ? excelTrim(raw) : describe(raw)
}

/**
 * Reads the reason of a decision as the formula does: an error value (#N/A) is invalid, since the
 * formula's IFERROR shows ERR for it; anything else not blank is a reason.
 */
export function readReasonCell(raw: CellInput): Reading<string | null> {
  if (isExcelErrorValue(raw)) {
    return { ok: false, message: `le motif de la décision du jury est la valeur d’erreur ${String(raw)} : saisissez un motif.` }
  }
  return { ok: true, value: readReason(raw) }
}

/** Reads a "capitalisé" cell: a checkbox, OUI/CAP/X, NON, or blank. */
export function readCapitalised(raw: CellInput): Reading<boolean> {
  if (typeof raw === 'boolean') return { ok: true, value: raw }
  if (isBlankCell(raw)) return { ok: true, value: false }
  if (typeof raw === 'string') {
    const upper = normaliseText(raw)
    if ((CAPITALISED_YES_TEXTS as readonly string[]).includes(upper)) return { ok: true, value: true }
    if ((CAPITALISED_NO_TEXTS as readonly string[]).includes(upper)) return { ok: true, value: false }
  }
  return {
    ok: false,
    message: `capitalisation ${describe(raw)} invalide (OUI, CAP, X, NON, case à cocher ou cellule vide attendu).`,
  }
}
