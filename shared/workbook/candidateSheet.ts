/**
 * The « Candidats » sheet: a session's candidate list written so that a school fills it in Excel
 * and imports it (dry run, then one commit). Pure (no Office types): the add-in's Excel adapter
 * copies the layout into the sheet and hands back the values it reads.
 *
 * Its columns are the import's own (`candidateListColumns`): what the pane writes, the parser
 * reads, and a school can paste an export of its own tools under the same headers. Texts are
 * written as text (« 01053 » stays a code), dates as real Excel dates, the option, access route,
 * sex, status and capitalisation origin as drop-downs of the values the parser accepts.
 */
import type { Candidate } from '../candidates/schema'
import { candidateListColumns, candidateListValues, type CandidateListColumn } from '../formats/candidateList'
import type { Referential } from '../referential/schema'

export const CANDIDATE_SHEET_NAME = 'Candidats'

/** Rows below the list that get the formats and drop-downs, for the candidates the school adds. */
export const CANDIDATE_SHEET_SPARE_ROWS = 300
/** Excel refuses a list source longer than 255 characters. */
const MAX_LIST_SOURCE = 255
/** The number format of date columns (format codes are locale-independent; Excel shows them as set). */
export const CANDIDATE_DATE_FORMAT = 'dd/mm/yyyy'
/** Excel's 1900 date system: serial 25569 is 1970-01-01. */
const EXCEL_EPOCH_SERIAL = 25_569

export interface CandidateSheetValidation {
  /** 0-based column. */
  column: number
  /** Comma-separated values of the drop-down. */
  source: string
  title: string
  message: string
}

export interface CandidateSheetLayout {
  columns: CandidateListColumn[]
  /** The header row then one row per candidate; dates as Excel serial numbers, empty cells "". */
  values: Array<Array<string | number>>
  /** The number format of each column: « @ » (text) or the date format. */
  numberFormats: string[]
  validations: CandidateSheetValidation[]
  /** Rows under the header that carry formats and drop-downs (candidates plus spare rows). */
  formattedRows: number
  /** In points. */
  columnWidths: number[]
}

/** "2001-03-12" → its Excel serial (a date at midnight, no time zone involved). */
export function isoDateToSerial(iso: string): number {
  return Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / 86_400_000 + EXCEL_EPOCH_SERIAL
}

/**
 * The drop-down's source. A comma would split a value in two: it becomes a space, which the
 * parser ignores when it matches (« BC05-A Réseaux, cloud » and « BC05-A Réseaux  cloud » are the
 * same option). Too long a list keeps each value's first word (the option's code).
 */
export function listSource(choices: readonly string[]): string {
  const clean = choices.map((choice) => choice.replace(/,/g, ' ').trim())
  const full = clean.join(',')
  if (full.length <= MAX_LIST_SOURCE) return full
  return clean.map((choice) => choice.split(/\s+/)[0] ?? choice).join(',').slice(0, MAX_LIST_SOURCE)
}

function columnWidth(column: CandidateListColumn): number {
  if (column.kind === 'date') return 80
  if (column.field === 'option' || column.field === 'accessRoute') return 160
  // About 6 points per character of the header, within bounds.
  return Math.min(140, Math.max(60, column.header.length * 6))
}

/** The sheet of a session: its référentiel's columns and its candidates (withdrawn ones marked « Désinscrit »). */
export function buildCandidateSheet(referential: Referential, candidates: readonly Candidate[]): CandidateSheetLayout {
  const columns = candidateListColumns(referential)
  const rows = candidates.map((candidate) =>
    candidateListValues(candidate, referential).map((value, index) => {
      if (value === null) return ''
      return columns[index]!.kind === 'date' ? isoDateToSerial(value) : value
    }),
  )
  const validations = columns.flatMap((column, index): CandidateSheetValidation[] =>
    column.kind === 'choice' && column.choices && column.choices.length > 0
      ? [
          {
            column: index,
            source: listSource(column.choices),
            title: 'Valeur refusée',
            message: `« ${column.header} » : choisissez une valeur de la liste.`,
          },
        ]
      : [],
  )
  return {
    columns,
    values: [columns.map((column) => column.header), ...rows],
    numberFormats: columns.map((column) => (column.kind === 'date' ? CANDIDATE_DATE_FORMAT : '@')),
    validations,
    formattedRows: rows.length + CANDIDATE_SHEET_SPARE_ROWS,
    columnWidths: columns.map(columnWidth),
  }
}

/**
 * The rows worth sending from values read at A1: trailing empty rows and columns dropped, empty
 * cells as null (what the import reads as blank).
 */
export function sheetRowsToSend(values: readonly (readonly unknown[])[]): Array<Array<string | number | boolean | null>> {
  const cells = values.map((row) =>
    row.map((cell): string | number | boolean | null =>
      typeof cell === 'number' || typeof cell === 'boolean' ? cell : typeof cell === 'string' && cell.trim() !== '' ? cell : null,
    ),
  )
  let lastRow = cells.length - 1
  while (lastRow >= 0 && cells[lastRow]!.every((cell) => cell === null)) lastRow--
  const kept = cells.slice(0, lastRow + 1)
  const width = kept.reduce((max, row) => {
    let last = row.length - 1
    while (last >= 0 && row[last] === null) last--
    return Math.max(max, last + 1)
  }, 0)
  return kept.map((row) => row.slice(0, width))
}
