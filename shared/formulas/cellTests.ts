/**
 * Formula fragments that read a cell the way `shared/rules/marks.ts` does. Every fragment is free
 * of errors whatever the cell holds (number, text, boolean, blank), so AND/OR and sums never
 * propagate an error, and every count is a number, never a lone boolean: Excel ranks TRUE and FALSE
 * above every number, so `FALSE>0` would be TRUE.
 */
import { stringLiteral } from './a1'

/** UPPER(TRIM(cell)): the text the engine's `normaliseText` gives. */
export function upperTrim(reference: string): string {
  return `UPPER(TRIM(${reference}))`
}

/** Blank cell, "" or spaces: `LEN` rather than `=""`, which collation may match on invisible characters. */
export function isBlank(reference: string): string {
  return `(LEN(TRIM(${reference}))=0)`
}

export function textIs(reference: string, code: string): string {
  return `(${upperTrim(reference)}=${stringLiteral(code)})`
}

export function textIsNot(reference: string, code: string): string {
  return `(${upperTrim(reference)}<>${stringLiteral(code)})`
}

/**
 * 1 when the cell's text is exactly one of `codes`, else 0. Spreadsheet text comparison goes
 * through collation, which ignores characters such as the soft hyphen ("AC\u00ADQ" = "ACQ"); the
 * engine compares code units. Checking the length as well keeps them in agreement.
 */
export function textIsOneOf(reference: string, codes: readonly string[]): string {
  const byLength = new Map<number, string[]>()
  for (const code of codes) byLength.set(code.length, [...(byLength.get(code.length) ?? []), code])
  const groups = [...byLength].map(
    ([length, group]) => `(LEN(${upperTrim(reference)})=${length})*(${group.map((code) => textIs(reference, code)).join('+')})`,
  )
  return `(${groups.join('+')})`
}

/** A numeric sum of boolean or numeric terms, parenthesised; `(0)` when empty. */
export function sum(terms: readonly string[]): string {
  if (terms.length === 0) return '(0)'
  if (terms.length === 1) return `(0+${terms[0]})`
  return `(${terms.join('+')})`
}
