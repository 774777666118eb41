/**
 * French typography of the texts Certibloc writes (messages, CSV, xlsx, jury sheets, free text of
 * the CDC file): a non-breaking space (U+00A0) before « ; : ! ? » and inside « », the typographic
 * apostrophe ’, and a narrow non-breaking space (U+202F) between thousands (« 12 500 € »).
 * Source texts are written that way (a test scans the string literals of worker/, shared/ and the
 * pane's i18n); the functions here are for numbers and for checking.
 */

export const NBSP = '\u00A0'
export const NARROW_NBSP = '\u202F'

/** What is wrong with the typography of a French text, one French line per fault; empty when right. */
export function typographyIssues(text: string): string[] {
  const issues: string[] = []
  if (/\p{L}'\p{L}/u.test(text)) issues.push('apostrophe droite entre deux lettres (attendu ’)')
  if (/ [;:!?](?=\s|$|[»"'’)])/u.test(text)) issues.push('espace ordinaire avant ; : ! ? (attendu une espace insécable U+00A0)')
  if (/« /u.test(text) || / »/u.test(text)) issues.push('espace ordinaire à l’intérieur des guillemets « » (attendu U+00A0)')
  return issues
}

/** An integer the French way: « 12 500 », thousands separated by a narrow non-breaking space. */
export function frenchInteger(value: number): string {
  const sign = value < 0 ? '-' : ''
  const digits = String(Math.trunc(Math.abs(value)))
  return sign + digits.replace(/\B(?=(\d{3})+(?!\d))/g, NARROW_NBSP)
}
