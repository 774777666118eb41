/**
 * The little layout the PDF documents share, on top of @pdfme/pdf-lib (a maintained fork of
 * pdf-lib that runs in workerd: no `node:` imports, no streams). Text uses the standard
 * Helvetica fonts, so nothing is embedded and a 2,000-candidate PV stays small; their WinAnsi
 * encoding covers French (accents, « », ’, œ), and any other character is transliterated rather
 * than making the rendering throw (see `pdfSafeText`).
 */
import { PDFDocument, StandardFonts, rgb, type PDFFont, type PDFPage } from '@pdfme/pdf-lib'

/** A4 in PDF points. */
export const A4_PORTRAIT: [number, number] = [595.28, 841.89]
export const A4_LANDSCAPE: [number, number] = [841.89, 595.28]

export const BLACK = rgb(0, 0, 0)
export const GREY = rgb(0.35, 0.35, 0.35)
export const LIGHT_GREY = rgb(0.9, 0.9, 0.9)
export const RULE_GREY = rgb(0.6, 0.6, 0.6)

export interface PdfFonts {
  regular: PDFFont
  bold: PDFFont
  italic: PDFFont
}

export interface DocumentMeta {
  title: string
  author: string
  subject: string
  /** Creation and modification date: fixed by the caller so a re-render gives the same bytes. */
  date: Date
}

export async function createPdf(meta: DocumentMeta): Promise<{ doc: PDFDocument; fonts: PdfFonts }> {
  // updateMetadata: false keeps pdf-lib from stamping "now" and its own name into the file.
  const doc = await PDFDocument.create({ updateMetadata: false })
  doc.setTitle(pdfSafeText(meta.title))
  doc.setAuthor(pdfSafeText(meta.author))
  doc.setSubject(pdfSafeText(meta.subject))
  doc.setProducer('Certibloc')
  doc.setCreator('Certibloc')
  doc.setLanguage('fr-FR')
  doc.setCreationDate(meta.date)
  doc.setModificationDate(meta.date)
  const [regular, bold, italic] = await Promise.all([
    doc.embedFont(StandardFonts.Helvetica),
    doc.embedFont(StandardFonts.HelveticaBold),
    doc.embedFont(StandardFonts.HelveticaOblique),
  ])
  return { doc, fonts: { regular, bold, italic } }
}

/**
 * Code points of Windows-1252 (WinAnsi) that the standard fonts draw: printable ASCII, Latin-1
 * and the typographic extras French needs. Fixed here rather than read from a font so that the
 * same transliteration applies everywhere, including document metadata.
 */
const WIN_ANSI = new Set<number>([
  ...Array.from({ length: 0x7f - 0x20 }, (_, i) => 0x20 + i),
  ...Array.from({ length: 0x100 - 0xa0 }, (_, i) => 0xa0 + i),
  0x20ac, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0x017d,
  0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0x017e, 0x0178,
])

const FALLBACKS: Readonly<Record<string, string>> = {
  Ł: 'L',
  ł: 'l',
  Đ: 'D',
  đ: 'd',
  ı: 'i',
  Ħ: 'H',
  ħ: 'h',
  '\u2010': '-',
  '\u2011': '-',
  '\u2212': '-',
  '\u202f': ' ',
  '\u2009': ' ',
  '\u2007': ' ',
  '\t': ' ',
  '\n': ' ',
  '\r': ' ',
}

/**
 * Text the standard fonts can draw. A name such as « Łukasz » or « Nguyễn » prints as
 * « Lukasz », « Nguyen »: the PV and attestations stay legible, while the CDC file and the
 * spreadsheets keep the exact spelling. A line break becomes a space; `wrapText` keeps them as lines.
 */
export function pdfSafeText(text: string): string {
  let out = ''
  for (const ch of text.normalize('NFC')) {
    const cp = ch.codePointAt(0) ?? 0
    if (WIN_ANSI.has(cp)) {
      out += ch
      continue
    }
    const fallback = FALLBACKS[ch]
    if (fallback !== undefined) {
      out += fallback
      continue
    }
    const base = ch.normalize('NFD').replace(/\p{M}/gu, '')
    out += base.length > 0 && [...base].every((c) => WIN_ANSI.has(c.codePointAt(0) ?? 0)) ? base : '?'
  }
  return out
}

/** Splits `text` into lines no wider than `maxWidth`; a word too long for a line is cut. */
export function wrapText(text: string, font: PDFFont, size: number, maxWidth: number): string[] {
  const lines: string[] = []
  for (const paragraph of text.replace(/\r\n?/g, '\n').split('\n')) {
    let line = ''
    for (const word of pdfSafeText(paragraph).split(/ +/)) {
      const candidate = line === '' ? word : `${line} ${word}`
      if (font.widthOfTextAtSize(candidate, size) <= maxWidth) {
        line = candidate
        continue
      }
      if (line !== '') lines.push(line)
      line = word
      while (font.widthOfTextAtSize(line, size) > maxWidth && line.length > 1) {
        let cut = line.length - 1
        while (cut > 1 && font.widthOfTextAtSize(line.slice(0, cut), size) > maxWidth) cut--
        lines.push(line.slice(0, cut))
        line = line.slice(cut)
      }
    }
    lines.push(line)
  }
  return lines
}

/** Keeps the first `max` lines, marking the cut with an ellipsis. */
export function clampLines(lines: string[], max: number): string[] {
  if (lines.length <= max) return lines
  const kept = lines.slice(0, max)
  kept[max - 1] = `${kept[max - 1] ?? ''}…`
  return kept
}

export interface TextOptions {
  font: PDFFont
  size: number
  color?: ReturnType<typeof rgb>
}

/** Draws one line of text (already wrapped); returns its width. */
export function drawLine(page: PDFPage, text: string, x: number, y: number, options: TextOptions): number {
  const safe = pdfSafeText(text)
  page.drawText(safe, { x, y, size: options.size, font: options.font, color: options.color ?? BLACK })
  return options.font.widthOfTextAtSize(safe, options.size)
}

/** Draws a wrapped paragraph from the top line's baseline `y`; returns the y below it. */
export function drawParagraph(
  page: PDFPage,
  text: string,
  x: number,
  y: number,
  maxWidth: number,
  options: TextOptions & { lineGap?: number },
): number {
  const step = options.size + (options.lineGap ?? 3)
  let cursor = y
  for (const line of wrapText(text, options.font, options.size, maxWidth)) {
    drawLine(page, line, x, cursor, options)
    cursor -= step
  }
  return cursor
}

/** Draws `text` centred on `centreX`. */
export function drawCentred(page: PDFPage, text: string, centreX: number, y: number, options: TextOptions): void {
  const safe = pdfSafeText(text)
  const width = options.font.widthOfTextAtSize(safe, options.size)
  page.drawText(safe, { x: centreX - width / 2, y, size: options.size, font: options.font, color: options.color ?? BLACK })
}

/** The footer every page carries: a left text and « page n / total » on the right. */
export function drawFooters(pages: readonly PDFPage[], text: string, fonts: PdfFonts, margin: number): void {
  pages.forEach((page, index) => {
    const { width } = page.getSize()
    const pageLabel = `page ${index + 1} / ${pages.length}`
    const size = 7
    page.drawLine({ start: { x: margin, y: margin - 6 }, end: { x: width - margin, y: margin - 6 }, thickness: 0.5, color: RULE_GREY })
    const right = fonts.regular.widthOfTextAtSize(pageLabel, size)
    const lines = clampLines(wrapText(text, fonts.regular, size, width - 2 * margin - right - 12), 2)
    lines.forEach((line, i) => drawLine(page, line, margin, margin - 15 - i * (size + 2), { font: fonts.regular, size, color: GREY }))
    drawLine(page, pageLabel, width - margin - right, margin - 15, { font: fonts.regular, size, color: GREY })
  })
}
