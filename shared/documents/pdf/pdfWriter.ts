/**
 * A small PDF 1.7 writer: pages of text, lines, rectangles and links, with TrueType fonts
 * embedded as CID fonts (Type0, Identity-H) and a ToUnicode map, so any extractor gives back the
 * text exactly as written. Written by hand instead of pulling pdf-lib: the documents need only
 * these operators, and the Worker bundle carries no PDF library, no pako and no fontkit (streams
 * are compressed with the platform's CompressionStream). See docs/ARCHITECTURE.md, « PDF ».
 *
 * CIDs are allocated per character (not per glyph): two characters that share a glyph (a space and
 * a no-break space) keep their own ToUnicode entry, and a character the font lacks still extracts
 * as itself while drawing the .notdef box.
 */
import type { TrueTypeFont } from './trueType'

export type Rgb = readonly [number, number, number]

export interface PdfMeta {
  title: string
  author: string
  subject: string
  /** Creation and modification date: fixed by the caller so a re-render gives the same bytes. */
  date: Date
  language: string
}

/** A font of one document: its resource name and the characters used, in CID order. */
export class PdfFont {
  readonly cids = new Map<number, number>()
  readonly codePoints: number[] = []

  constructor(
    readonly resource: string,
    readonly font: TrueTypeFont,
  ) {}

  /** Width of `text` at `size` points, from the font's advance widths. */
  widthOf(text: string, size: number): number {
    let units = 0
    for (const ch of text) units += this.font.advanceOf(this.font.glyphOf(ch.codePointAt(0) ?? 0))
    return (units * size) / this.font.unitsPerEm
  }

  /** The hex string of `text` in this font's CIDs, allocating new ones as needed. */
  encode(text: string): string {
    let hex = ''
    for (const ch of text) {
      const cp = ch.codePointAt(0) ?? 0
      let cid = this.cids.get(cp)
      if (cid === undefined) {
        this.codePoints.push(cp)
        cid = this.codePoints.length
        this.cids.set(cp, cid)
      }
      hex += cid.toString(16).padStart(4, '0')
    }
    return hex
  }
}

const num = (n: number): string => {
  const s = n.toFixed(2)
  return s.includes('.') ? s.replace(/\.?0+$/, '') || '0' : s
}
const colour = (c: Rgb) => c.map(num).join(' ')

export class PdfPage {
  readonly ops: string[] = []
  readonly links: Array<{ rect: [number, number, number, number]; uri: string }> = []

  constructor(
    readonly width: number,
    readonly height: number,
  ) {}

  text(text: string, x: number, y: number, font: PdfFont, size: number, options: { color?: Rgb; oblique?: boolean } = {}): void {
    if (text === '') return
    const skew = options.oblique ? ' 0.2' : ' 0'
    this.ops.push(`BT /${font.resource} ${num(size)} Tf ${colour(options.color ?? [0, 0, 0])} rg 1 0${skew} 1 ${num(x)} ${num(y)} Tm <${font.encode(text)}> Tj ET`)
  }

  line(x1: number, y1: number, x2: number, y2: number, thickness: number, color: Rgb): void {
    this.ops.push(`${colour(color)} RG ${num(thickness)} w ${num(x1)} ${num(y1)} m ${num(x2)} ${num(y2)} l S`)
  }

  rect(x: number, y: number, width: number, height: number, style: { fill?: Rgb; stroke?: Rgb; thickness?: number }): void {
    const path = `${num(x)} ${num(y)} ${num(width)} ${num(height)} re`
    if (style.fill && style.stroke) this.ops.push(`${colour(style.fill)} rg ${colour(style.stroke)} RG ${num(style.thickness ?? 1)} w ${path} B`)
    else if (style.fill) this.ops.push(`${colour(style.fill)} rg ${path} f`)
    else if (style.stroke) this.ops.push(`${colour(style.stroke)} RG ${num(style.thickness ?? 1)} w ${path} S`)
  }

  /** Many filled squares in one path (a QR code): one operator list, one fill. */
  squares(cells: ReadonlyArray<readonly [number, number]>, size: number, color: Rgb): void {
    if (cells.length === 0) return
    this.ops.push(`${colour(color)} rg ${cells.map(([x, y]) => `${num(x)} ${num(y)} ${num(size)} ${num(size)} re`).join(' ')} f`)
  }

  link(x: number, y: number, width: number, height: number, uri: string): void {
    this.links.push({ rect: [x, y, x + width, y + height], uri })
  }
}

const encoder = new TextEncoder()

/** zlib-wrapped deflate, as FlateDecode reads it. */
async function deflate(bytes: Uint8Array): Promise<Uint8Array> {
  const stream = new CompressionStream('deflate')
  const writer = stream.writable.getWriter()
  // Not awaited before reading: the readable side must be drained for the writes to settle.
  const written = writer.write(bytes as Uint8Array<ArrayBuffer>).then(() => writer.close())
  const reader = stream.readable.getReader()
  const chunks: Uint8Array[] = []
  let length = 0
  for (;;) {
    const next = await reader.read()
    if (next.done) break
    chunks.push(next.value)
    length += next.value.length
  }
  await written
  const out = new Uint8Array(length)
  let at = 0
  for (const chunk of chunks) {
    out.set(chunk, at)
    at += chunk.length
  }
  return out
}

/** A PDF text string: UTF-16BE with its byte order mark, in hex. */
function textString(text: string): string {
  let hex = 'FEFF'
  for (let i = 0; i < text.length; i++) hex += text.charCodeAt(i).toString(16).padStart(4, '0')
  return `<${hex}>`
}

function pdfDate(date: Date): string {
  const p = (n: number) => String(n).padStart(2, '0')
  return `(D:${date.getUTCFullYear()}${p(date.getUTCMonth() + 1)}${p(date.getUTCDate())}${p(date.getUTCHours())}${p(date.getUTCMinutes())}${p(date.getUTCSeconds())}Z)`
}

function literal(ascii: string): string {
  return `(${ascii.replace(/[\\()]/g, (c) => `\\${c}`).replace(/[^\x20-\x7e]/g, '')})`
}

function utf16Hex(cp: number): string {
  if (cp < 0x10000) return cp.toString(16).padStart(4, '0')
  const v = cp - 0x10000
  return ((0xd800 | (v >> 10)).toString(16) + (0xdc00 | (v & 0x3ff)).toString(16)).padStart(8, '0')
}

function toUnicodeCmap(font: PdfFont): string {
  const lines = [
    '/CIDInit /ProcSet findresource begin 12 dict begin begincmap',
    '/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def',
    '/CMapName /Adobe-Identity-UCS def /CMapType 2 def',
    '1 begincodespacerange <0000> <FFFF> endcodespacerange',
  ]
  for (let i = 0; i < font.codePoints.length; i += 100) {
    const chunk = font.codePoints.slice(i, i + 100)
    lines.push(`${chunk.length} beginbfchar`)
    chunk.forEach((cp, k) => lines.push(`<${(i + k + 1).toString(16).padStart(4, '0')}> <${utf16Hex(cp)}>`))
    lines.push('endbfchar')
  }
  lines.push('endcmap CMapName currentdict /CMap defineresource pop end end')
  return lines.join('\n')
}

type PdfObject = { dict: string } | { dict: string; stream: Uint8Array }

export class PdfDocument {
  readonly pages: PdfPage[] = []
  private readonly fonts: PdfFont[] = []

  constructor(private readonly meta: PdfMeta) {}

  addFont(font: TrueTypeFont): PdfFont {
    const pdfFont = new PdfFont(`F${this.fonts.length + 1}`, font)
    this.fonts.push(pdfFont)
    return pdfFont
  }

  addPage(width: number, height: number): PdfPage {
    const page = new PdfPage(width, height)
    this.pages.push(page)
    return page
  }

  async save(): Promise<Uint8Array<ArrayBuffer>> {
    const objects: PdfObject[] = []
    const reserve = () => objects.push({ dict: '' })
    const set = (id: number, object: PdfObject) => {
      objects[id - 1] = object
    }
    const add = (object: PdfObject) => objects.push(object)
    const catalogId = reserve()
    const pagesId = reserve()
    const infoId = add({
      dict: `<< /Title ${textString(this.meta.title)} /Author ${textString(this.meta.author)} /Subject ${textString(this.meta.subject)} /Producer (Certibloc) /Creator (Certibloc) /CreationDate ${pdfDate(this.meta.date)} /ModDate ${pdfDate(this.meta.date)} >>`,
    })
    const fontRefs: string[] = []
    for (const font of this.fonts) {
      const ttf = font.font
      const scale = 1000 / ttf.unitsPerEm
      const fileBytes = await deflate(ttf.bytes)
      const fileId = add({ dict: `<< /Length ${fileBytes.length} /Length1 ${ttf.bytes.length} /Filter /FlateDecode >>`, stream: fileBytes })
      // A subset tag derived from the resource keeps the bytes stable from one render to the next.
      const baseFont = `CBAAA${String.fromCharCode(65 + this.fonts.indexOf(font))}+${ttf.postScriptName}`
      const descriptorId = add({
        dict: `<< /Type /FontDescriptor /FontName /${baseFont} /Flags 32 /FontBBox [${ttf.bbox.map((v) => num(v * scale)).join(' ')}] /ItalicAngle ${num(ttf.italicAngle)} /Ascent ${num(ttf.ascent * scale)} /Descent ${num(ttf.descent * scale)} /CapHeight ${num(ttf.capHeight * scale)} /StemV 80 /FontFile2 ${fileId} 0 R >>`,
      })
      const gidMap = new Uint8Array((font.codePoints.length + 1) * 2)
      font.codePoints.forEach((cp, i) => {
        const gid = ttf.glyphOf(cp)
        gidMap[(i + 1) * 2] = gid >> 8
        gidMap[(i + 1) * 2 + 1] = gid & 0xff
      })
      const gidBytes = await deflate(gidMap)
      const gidMapId = add({ dict: `<< /Length ${gidBytes.length} /Filter /FlateDecode >>`, stream: gidBytes })
      const widths = font.codePoints.map((cp) => num(ttf.advanceOf(ttf.glyphOf(cp)) * scale)).join(' ')
      const cidFontId = add({
        dict: `<< /Type /Font /Subtype /CIDFontType2 /BaseFont /${baseFont} /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /FontDescriptor ${descriptorId} 0 R /CIDToGIDMap ${gidMapId} 0 R /DW 1000 /W [1 [${widths}]] >>`,
      })
      const cmap = await deflate(encoder.encode(toUnicodeCmap(font)))
      const cmapId = add({ dict: `<< /Length ${cmap.length} /Filter /FlateDecode >>`, stream: cmap })
      const fontId = add({
        dict: `<< /Type /Font /Subtype /Type0 /BaseFont /${baseFont} /Encoding /Identity-H /DescendantFonts [${cidFontId} 0 R] /ToUnicode ${cmapId} 0 R >>`,
      })
      fontRefs.push(`/${font.resource} ${fontId} 0 R`)
    }
    const resources = `<< /Font << ${fontRefs.join(' ')} >> /ProcSet [/PDF /Text] >>`
    const pageIds: number[] = []
    for (const page of this.pages) {
      const content = await deflate(encoder.encode(page.ops.join('\n')))
      const contentId = add({ dict: `<< /Length ${content.length} /Filter /FlateDecode >>`, stream: content })
      const annots = page.links.map((l) =>
        add({ dict: `<< /Type /Annot /Subtype /Link /Rect [${l.rect.map(num).join(' ')}] /Border [0 0 0] /A << /S /URI /URI ${literal(l.uri)} >> >>` }),
      )
      const annotEntry = annots.length > 0 ? ` /Annots [${annots.map((id) => `${id} 0 R`).join(' ')}]` : ''
      pageIds.push(
        add({
          dict: `<< /Type /Page /Parent ${pagesId} 0 R /MediaBox [0 0 ${num(page.width)} ${num(page.height)}] /Resources ${resources} /Contents ${contentId} 0 R${annotEntry} >>`,
        }),
      )
    }
    set(pagesId, { dict: `<< /Type /Pages /Kids [${pageIds.map((id) => `${id} 0 R`).join(' ')}] /Count ${pageIds.length} >>` })
    set(catalogId, { dict: `<< /Type /Catalog /Pages ${pagesId} 0 R /Lang ${literal(this.meta.language)} >>` })

    const chunks: Uint8Array[] = []
    let length = 0
    const write = (part: string | Uint8Array) => {
      const bytes = typeof part === 'string' ? encoder.encode(part) : part
      chunks.push(bytes)
      length += bytes.length
    }
    write('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n')
    const offsets: number[] = []
    objects.forEach((object, i) => {
      offsets.push(length)
      write(`${i + 1} 0 obj\n${object.dict}\n`)
      if ('stream' in object) {
        write('stream\n')
        write(object.stream)
        write('\nendstream\n')
      }
      write('endobj\n')
    })
    const xref = length
    write(`xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`)
    for (const offset of offsets) write(`${String(offset).padStart(10, '0')} 00000 n \n`)
    write(`trailer\n<< /Size ${objects.length + 1} /Root ${catalogId} 0 R /Info ${infoId} 0 R >>\nstartxref\n${xref}\n%%EOF\n`)
    const out = new Uint8Array(length)
    let at = 0
    for (const chunk of chunks) {
      out.set(chunk, at)
      at += chunk.length
    }
    return out
  }
}
