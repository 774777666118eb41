/**
 * A1 references and literals as Excel reads them in `range.formulas` (English, `,` separators).
 * Rows and columns are 0-based, like Office.js `getCell` and HyperFormula addresses.
 */

export const MAX_COLUMNS = 16_384
export const MAX_ROWS = 1_048_576
/** Longest formula Excel accepts. */
export const MAX_FORMULA_LENGTH = 8_192

export interface CellAddress {
  row: number
  column: number
}

export interface Anchors {
  /** `$B`: the column stays when the formula is copied sideways. */
  absoluteColumn: boolean
  /** `$2`: the row stays when the formula is filled down. */
  absoluteRow: boolean
}

/** Fill-down anchors: fixed column, relative row (`$B2`). */
export const FILL_DOWN: Anchors = { absoluteColumn: true, absoluteRow: false }

export function isColumnIndex(column: number): boolean {
  return Number.isInteger(column) && column >= 0 && column < MAX_COLUMNS
}

export function isRowIndex(row: number): boolean {
  return Number.isInteger(row) && row >= 0 && row < MAX_ROWS
}

/** 0 → A, 25 → Z, 26 → AA, 16383 → XFD. */
export function columnLetters(column: number): string {
  if (!isColumnIndex(column)) throw new RangeError(`Colonne hors d’Excel : ${column}`)
  let letters = ''
  for (let rest = column + 1; rest > 0; rest = Math.floor((rest - 1) / 26)) {
    letters = String.fromCharCode(65 + ((rest - 1) % 26)) + letters
  }
  return letters
}

/** A → 0, XFD → 16383; -1 when the text is not a column. */
export function columnIndex(letters: string): number {
  if (!/^[A-Za-z]{1,3}$/.test(letters)) return -1
  let column = 0
  for (const char of letters.toUpperCase()) column = column * 26 + (char.charCodeAt(0) - 64)
  return isColumnIndex(column - 1) ? column - 1 : -1
}

export function cellReference(address: CellAddress, anchors: Anchors = FILL_DOWN): string {
  if (!isRowIndex(address.row)) throw new RangeError(`Ligne hors d’Excel : ${address.row}`)
  return `${anchors.absoluteColumn ? '$' : ''}${columnLetters(address.column)}${anchors.absoluteRow ? '$' : ''}${address.row + 1}`
}

/** French explanation of why Excel would refuse this sheet name, or null when it is valid. */
export function sheetNameProblem(name: string): string | null {
  if (name.length === 0) return 'le nom de feuille est vide.'
  if (name.length > 31) return `le nom de feuille « ${name} » dépasse 31 caractères.`
  if (/[:\\/?*[\]]/.test(name)) return `le nom de feuille « ${name} » contient un caractère interdit (: \\ / ? * [ ]).`
  if (name.startsWith("'") || name.endsWith("'")) {
    return `le nom de feuille « ${name} » ne peut ni commencer ni finir par une apostrophe.`
  }
  if (name.toLowerCase() === 'history') return 'le nom de feuille « History » est réservé par Excel.'
  return null
}

/**
 * Looks like a cell (`AB12`), an R1C1 reference (`R1C1`, `R`, `C`) or a boolean: Excel would not
 * read it as a sheet name without quotes.
 */
function looksLikeReference(name: string): boolean {
  return /^[A-Za-z]{1,3}\d+$/.test(name) || /^[Rr]\d*([Cc]\d*)?$/.test(name) || /^[Cc]\d*$/.test(name) || /^(true|false)$/i.test(name)
}

/** `Notes` stays bare; `Jury d'avril` becomes `'Jury d''avril'`. */
export function quoteSheetName(name: string): string {
  if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(name) && !looksLikeReference(name)) return name
  return `'${name.replaceAll("'", "''")}'`
}

/** A reference, prefixed with its sheet when the formula may sit on another sheet. */
export function qualifiedReference(sheetName: string | null, address: CellAddress, anchors: Anchors = FILL_DOWN): string {
  const reference = cellReference(address, anchors)
  return sheetName === null ? reference : `${quoteSheetName(sheetName)}!${reference}`
}

/** A rule number as a formula literal: plain decimal notation, which Excel and HyperFormula read alike. */
export function numberLiteral(value: number): string {
  const text = String(value)
  if (!/^-?\d+(\.\d+)?$/.test(text)) throw new RangeError(`Nombre non représentable dans une formule : ${text}`)
  return text
}

/** A text literal, with inner double quotes doubled. */
export function stringLiteral(text: string): string {
  return `"${text.replaceAll('"', '""')}"`
}
