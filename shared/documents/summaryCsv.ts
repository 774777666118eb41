/**
 * The certification summary as a CSV that French Excel opens correctly by double-click: UTF-8
 * with a BOM (else accents are read as Windows-1252), `;` as separator and a decimal comma
 * (Excel's French locale), CRLF line ends. A text cell starting with `=`, `+`, `-`, `@` (or a tab
 * or carriage return) would be run as a formula by Excel: it is neutralised with a leading
 * apostrophe, as OWASP recommends against CSV injection. Dates are written « 09/07/2026 », which
 * French Excel reads as dates. The first column says « PROVISOIRE » on every row while the session
 * is not deliberated (summaryTable.ts).
 */
import { decimalComma } from './frenchFormat'
import { frenchDateOfIso } from '../frenchDates'
import { decisionsTable, isSummaryDate, type SummaryCell, type SummaryInput, type SummaryTable } from './summaryTable'

export const CSV_BOM = '\uFEFF'
const FORMULA_TRIGGER = /^[=+\-@\t\r]/

/** A text cell Excel will show as text, never evaluate. */
export function neutraliseFormula(text: string): string {
  return FORMULA_TRIGGER.test(text) ? `'${text}` : text
}

function csvField(cell: SummaryCell): string {
  if (cell === null) return ''
  // Numbers come from the engine (means, shares): never a formula, written the French way.
  const text = typeof cell === 'number' ? decimalComma(cell) : isSummaryDate(cell) ? frenchDateOfIso(cell.date) : neutraliseFormula(cell)
  return /[;"\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}

export function tableToCsv(table: SummaryTable): string {
  const lines = [table.header, ...table.rows].map((row) => row.map(csvField).join(';'))
  return `${CSV_BOM}${lines.join('\r\n')}\r\n`
}

/** The decisions table (one row per candidate) as CSV text, BOM included. */
export function buildSummaryCsv(input: SummaryInput): string {
  return tableToCsv(decisionsTable(input))
}
