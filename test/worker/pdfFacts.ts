/**
 * What the Worker tests read of a PDF without poppler (absent from workerd): the page count and the
 * document title, from the uncompressed object dictionaries the project's PDF writer emits. The
 * text itself is checked with pdftotext in the Node tests (test/shared/documents/).
 */
const latin1 = (bytes: Uint8Array) => Array.from(bytes, (b) => String.fromCharCode(b)).join('')

export function pdfPageCount(bytes: Uint8Array): number {
  return (latin1(bytes).match(/\/Type \/Page\b(?!s)/g) ?? []).length
}

export function pdfTitle(bytes: Uint8Array): string | null {
  const hex = /\/Title <FEFF([0-9A-Fa-f]*)>/.exec(latin1(bytes))?.[1]
  if (hex === undefined) return null
  let title = ''
  for (let i = 0; i < hex.length; i += 4) title += String.fromCharCode(Number.parseInt(hex.slice(i, i + 4), 16))
  return title
}

/** The addresses of the document's links (the verification page behind the QR code). */
export function pdfLinks(bytes: Uint8Array): string[] {
  return [...latin1(bytes).matchAll(/\/URI \(([^)]*)\)/g)].map((m) => m[1] ?? '')
}
