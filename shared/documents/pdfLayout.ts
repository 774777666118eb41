/**
 * The layout the PDF documents share, on the project's own PDF writer (pdf/pdfWriter.ts): Noto
 * Sans regular and bold embedded, so every name prints exactly as written (Ł, ő, ș, œ…); text
 * measured with the font's advance widths; paragraphs that wrap and never cut (a word wider than
 * the line breaks after a hyphen, else between letters, and goes on on the next line); a page
 * flow that opens a new page when the next block does not fit, and footers that wrap too.
 */
import { PdfDocument, type PdfFont, type PdfPage, type Rgb } from './pdf/pdfWriter'
import type { TrueTypeFont } from './pdf/trueType'

/** A4 in PDF points. */
export const A4_PORTRAIT: [number, number] = [595.28, 841.89]
export const A4_LANDSCAPE: [number, number] = [841.89, 595.28]

export const BLACK: Rgb = [0, 0, 0]
export const GREY: Rgb = [0.35, 0.35, 0.35]
export const LIGHT_GREY: Rgb = [0.9, 0.9, 0.9]
export const RULE_GREY: Rgb = [0.6, 0.6, 0.6]

/** The parsed font files (worker/documents/pdfFonts.ts reads them from the static assets). */
export interface DocumentFonts {
  regular: TrueTypeFont
  bold: TrueTypeFont
}

export interface PdfFonts {
  regular: PdfFont
  bold: PdfFont
}

/** Where a printed document can be checked: the public page and its address. */
export interface VerificationMark {
  /** The unguessable code, printed as the document's reference. */
  code: string
  /** The public page `/verifier/<code>`, encoded in the QR code and printed in the footer. */
  url: string
}

export interface DocumentMeta {
  title: string
  author: string
  subject: string
  /** Creation and modification date: fixed by the caller so a re-render gives the same bytes. */
  date: Date
}

export function createPdf(meta: DocumentMeta, files: DocumentFonts): { doc: PdfDocument; fonts: PdfFonts } {
  const doc = new PdfDocument({ ...meta, language: 'fr-FR' })
  return { doc, fonts: { regular: doc.addFont(files.regular), bold: doc.addFont(files.bold) } }
}

export interface TextStyle {
  font: PdfFont
  size: number
  color?: Rgb
  /** Slanted regular face, for secondary mentions (no italic file is embedded). */
  oblique?: boolean
  /** Space between lines, on top of the size. */
  lineGap?: number
}

export const lineStep = (style: TextStyle): number => style.size + (style.lineGap ?? 3)

/** Splits a word wider than `maxWidth` into pieces that fit: after a hyphen when one fits, else between letters. */
function breakWord(word: string, font: PdfFont, size: number, maxWidth: number): string[] {
  const pieces: string[] = []
  let rest = word
  while (font.widthOf(rest, size) > maxWidth) {
    const chars = [...rest]
    let fit = 1
    while (fit < chars.length && font.widthOf(chars.slice(0, fit + 1).join(''), size) <= maxWidth) fit++
    const head = chars.slice(0, fit).join('')
    const hyphen = head.lastIndexOf('-')
    const cut = hyphen > 0 ? [...head.slice(0, hyphen + 1)].length : fit
    pieces.push(chars.slice(0, cut).join(''))
    rest = chars.slice(cut).join('')
  }
  pieces.push(rest)
  return pieces
}

/**
 * Lines of `text` no wider than `maxWidth`, every character kept. Breaks happen at ordinary
 * spaces only (never at U+00A0 or U+202F, which hold « : » or « 12 500 » together) and at the
 * line breaks of the text itself.
 */
export function wrapText(text: string, font: PdfFont, size: number, maxWidth: number): string[] {
  const lines: string[] = []
  for (const paragraph of text.normalize('NFC').replace(/\r\n?/g, '\n').split('\n')) {
    let line = ''
    for (const word of paragraph.replace(/\t/g, ' ').split(/ +/)) {
      if (word === '') continue
      const candidate = line === '' ? word : `${line} ${word}`
      if (font.widthOf(candidate, size) <= maxWidth) {
        line = candidate
        continue
      }
      if (line !== '') lines.push(line)
      const pieces = breakWord(word, font, size, maxWidth)
      lines.push(...pieces.slice(0, -1))
      line = pieces[pieces.length - 1] ?? ''
    }
    lines.push(line)
  }
  return lines
}

/** Draws one line of text (already wrapped); returns its width. */
export function drawLine(page: PdfPage, text: string, x: number, y: number, style: TextStyle): number {
  const normal = text.normalize('NFC')
  page.text(normal, x, y, style.font, style.size, { color: style.color ?? BLACK, oblique: style.oblique ?? false })
  return style.font.widthOf(normal, style.size)
}

/** Draws every line of `lines` centred on `centreX` from baseline `y`; returns the y below. */
export function drawCentredLines(page: PdfPage, lines: readonly string[], centreX: number, y: number, style: TextStyle): number {
  let cursor = y
  for (const line of lines) {
    drawLine(page, line, centreX - style.font.widthOf(line, style.size) / 2, cursor, style)
    cursor -= lineStep(style)
  }
  return cursor
}

export const FOOTER_SIZE = 7
const FOOTER_STEP = FOOTER_SIZE + 2

/** Lays pages out top-down and opens a new page when the next block does not fit. */
export class PageFlow {
  readonly pages: PdfPage[] = []
  page!: PdfPage
  y = 0
  /** Blocks drawn on the current page (a fresh page accepts any block, even a too tall one). */
  private drawnOnPage = 0

  constructor(
    private readonly doc: PdfDocument,
    readonly size: readonly [number, number],
    readonly margin: number,
    /** Room kept at the bottom for the footer. */
    readonly footerSpace: number,
    private readonly onNewPage: (flow: PageFlow) => void = () => undefined,
  ) {
    this.newPage()
  }

  get width(): number {
    return this.size[0]
  }

  get bottom(): number {
    return this.margin + this.footerSpace
  }

  newPage(): void {
    this.page = this.doc.addPage(this.size[0], this.size[1])
    this.pages.push(this.page)
    this.y = this.size[1] - this.margin
    this.drawnOnPage = 0
    this.onNewPage(this)
  }

  /** Room left above the footer. */
  get room(): number {
    return this.y - this.bottom
  }

  /** Makes room for `height` points, on a new page if needed; counts one block drawn. */
  ensure(height: number): void {
    if (height > this.room && this.drawnOnPage > 0) this.newPage()
    this.drawnOnPage++
  }

  /** A paragraph that may run over several pages, line by line. */
  paragraph(text: string, x: number, maxWidth: number, style: TextStyle): void {
    for (const line of wrapText(text, style.font, style.size, maxWidth)) {
      if (lineStep(style) > this.room) this.newPage()
      this.drawnOnPage++
      drawLine(this.page, line, x, this.y - style.size, style)
      this.y -= lineStep(style)
    }
  }
}

/** Height the footer needs for `text` (wrapped like drawFooters does). */
export function footerHeight(text: string, fonts: PdfFonts, pageWidth: number, margin: number): number {
  return wrapText(text, fonts.regular, FOOTER_SIZE, footerTextWidth(fonts, pageWidth, margin)).length * FOOTER_STEP + 10
}

function footerTextWidth(fonts: PdfFonts, pageWidth: number, margin: number): number {
  return pageWidth - 2 * margin - fonts.regular.widthOf('page 999 / 999', FOOTER_SIZE) - 12
}

/** The footer every page carries, inside the bottom margin area: a wrapped text and « page n / total ». */
export function drawFooters(pages: readonly PdfPage[], text: string, fonts: PdfFonts, margin: number, footerSpace: number): void {
  pages.forEach((page, index) => {
    const label = `page ${index + 1} / ${pages.length}`
    const top = margin + footerSpace - 4
    page.line(margin, top, page.width - margin, top, 0.5, RULE_GREY)
    const lines = wrapText(text, fonts.regular, FOOTER_SIZE, footerTextWidth(fonts, page.width, margin))
    const style = { font: fonts.regular, size: FOOTER_SIZE, color: GREY }
    lines.forEach((line, i) => drawLine(page, line, margin, top - 9 - i * FOOTER_STEP, style))
    drawLine(page, label, page.width - margin - fonts.regular.widthOf(label, FOOTER_SIZE), top - 9, style)
  })
}
