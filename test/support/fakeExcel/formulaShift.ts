/**
 * Moves the relative references of an A1 formula by a number of rows and columns, as Excel does
 * when a formula is pasted or filled elsewhere: `$B2` filled down one row becomes `$B3`, `$B$2`
 * stays. String literals and quoted sheet names are left alone; a name followed by "(" is a
 * function (LOG10), not a cell. Enough for the formulas the add-in writes; not a full parser.
 */
import { columnLetters } from './cellStore'

/**
 * One pass: a string literal, a quoted sheet name, or a cell reference that is neither inside a
 * longer name nor a function's name. Only the last is rewritten.
 */
const TOKEN = /"(?:[^"]|"")*"|'(?:[^']|'')*'|(?<![A-Za-z0-9_.])(\$?)([A-Za-z]{1,3})(\$?)(\d+)(?![A-Za-z0-9_(.])/g

export function shiftFormula(formula: string, rowDelta: number, columnDelta: number): string {
  if (rowDelta === 0 && columnDelta === 0) return formula
  return formula.replace(TOKEN, (token, columnAnchor: string | undefined, letters: string | undefined, rowAnchor: string, digits: string) => {
    if (letters === undefined) return token
    const column = columnAnchor ? toColumnIndex(letters) : toColumnIndex(letters) + columnDelta
    const row = rowAnchor ? Number(digits) : Number(digits) + rowDelta
    if (column < 0 || row < 1) throw new Error(`#REF!: ${token} moved out of the sheet`)
    return `${columnAnchor}${columnAnchor || columnDelta === 0 ? letters : columnLetters(column)}${rowAnchor}${row}`
  })
}

function toColumnIndex(letters: string): number {
  let index = 0
  for (let position = 0; position < letters.length; position++) index = index * 26 + (letters.charCodeAt(position) & 0x1f)
  return index - 1
}
