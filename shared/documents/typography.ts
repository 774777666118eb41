/**
 * French typography of the documents' own wording: a no-break space (U+00A0) before « : ; ! ? »
 * and inside « », the typographic apostrophe, and a narrow no-break space (U+202F) between
 * thousands. Applied to the template, never to what users typed (names, reasons print as written).
 */

/** The French spacing of one piece of template text. */
export function frenchSpacing(text: string): string {
  return text
    .replace(/ ([:;!?»])/g, '\u00a0$1')
    .replace(/« /g, '«\u00a0')
    .replace(/'/g, '’')
}

/**
 * Tagged template: `fr\`Session : ${name}\`` spaces the literal parts the French way and leaves
 * the interpolated values exactly as they are.
 */
export function fr(strings: TemplateStringsArray, ...values: ReadonlyArray<string | number>): string {
  let out = frenchSpacing(strings[0] ?? '')
  values.forEach((value, i) => {
    out += typeof value === 'number' ? groupDigits(value) : value
    out += frenchSpacing(strings[i + 1] ?? '')
  })
  return out
}

/** An integer with narrow no-break spaces between thousands: 12500 → « 12 500 ». */
export function groupDigits(value: number): string {
  const [whole = '', decimals] = String(Math.abs(value)).split('.')
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, '\u202f')
  return `${value < 0 ? '−' : ''}${grouped}${decimals !== undefined ? `,${decimals}` : ''}`
}
