/**
 * The rewriting of one literal's raw source text to French typography: a non-breaking space
 * (U+00A0) before « ; : ! ? » and inside « », the typographic apostrophe between letters.
 * Raw text, so escapes stay as written (`n\'a` becomes `n’a`).
 */
const NBSP = '\u00A0'

export function frenchRaw(raw: string): string {
  return raw
    .replace(/(\p{L})\\?'(?=\p{L})/gu, '$1’')
    .replace(/ ([;:!?])(?=\s|$|[»"'’)\\`]|\$\{)/gu, `${NBSP}$1`)
    .replace(/« /gu, `«${NBSP}`)
    .replace(/ »/gu, `${NBSP}»`)
}
