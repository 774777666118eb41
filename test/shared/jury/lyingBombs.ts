/**
 * « Lying » zip bombs, generated (never committed): a ~1 MB .xlsx whose zip directory declares a
 * few KB for a worksheet or for sharedStrings.xml, while the part inflates to 1 GiB. The deflate
 * stream is written by hand (no node:zlib: the Worker tests build the corpus in workerd too): a
 * stored block with an XML prefix, then one dynamic-Huffman block whose only data symbols are
 * « copy 258 bytes at distance 1 », each coded on 2 bits — deflate's best ratio, about 1032:1.
 */

import { handWrittenZip } from './handWrittenZip'

const utf8 = (text: string) => new TextEncoder().encode(text)

class BitWriter {
  private readonly bytes: number[] = []
  /** Bits written so far. */
  length = 0
  /** Header fields and extra bits: least significant bit first. */
  bits(value: number, count: number): void {
    for (let i = 0; i < count; i++) this.bit((value >>> i) & 1)
  }
  /** Huffman codes: most significant bit first. */
  code([value, length]: readonly [number, number]): void {
    for (let i = length - 1; i >= 0; i--) this.bit((value >>> i) & 1)
  }
  private bit(b: number): void {
    const at = this.length >>> 3
    this.bytes[at] = (this.bytes[at] ?? 0) | (b << (this.length & 7))
    this.length++
  }
  take(): number[] {
    return this.bytes
  }
}

/** Raw deflate data of `prefix` followed by `copies` × 258 repetitions of its last byte. */
export function deflateBomb(prefix: string, copies: number): Uint8Array {
  const head = utf8(prefix)
  // Stored, non-final block: BFINAL 0, BTYPE 00, byte-aligned LEN and NLEN, then the bytes.
  const stored = new Uint8Array(5 + head.length)
  const sv = new DataView(stored.buffer)
  sv.setUint16(1, head.length, true)
  sv.setUint16(3, ~head.length & 0xffff, true)
  stored.set(head, 5)

  const w = new BitWriter()
  w.bits(1, 1) // BFINAL
  w.bits(2, 2) // dynamic Huffman
  w.bits(286 - 257, 5) // HLIT: literal/length codes 0..285
  w.bits(2 - 1, 5) // HDIST: distance codes 0 and 1
  w.bits(18 - 4, 4) // HCLEN: code-length codes up to « 1 » in the permuted order
  // Code-length code lengths in deflate's order: 18 → 1 bit, 2 and 1 → 2 bits; canonical codes 0, 11, 10.
  const lengths: Record<number, number> = { 18: 1, 2: 2, 1: 2 }
  for (const sym of [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1]) w.bits(lengths[sym] ?? 0, 3)
  const len18 = [0b0, 1] as const
  const len1 = [0b10, 2] as const
  const len2 = [0b11, 2] as const
  const zeros = (n: number) => {
    w.code(len18)
    w.bits(n - 11, 7)
  }
  // Literal/length lengths: 0 → 2, 1..255 → 0, 256 → 2, 257..284 → 0, 285 → 1; distances 0 and 1 → 1.
  // Canonical codes: 285 → « 0 », literal 0 → « 10 », end of block 256 → « 11 »; distance 0 → « 0 ».
  w.code(len2)
  zeros(138)
  zeros(117)
  w.code(len2)
  zeros(28)
  w.code(len1)
  w.code(len1)
  w.code(len1)
  // Data: copies × (length 258 « 0 », distance 1 « 0 »): zero bits, already there; then « 11 ».
  const end = w.length + copies * 2
  const out = new Uint8Array(stored.length + Math.ceil((end + 2) / 8))
  out.set(stored, 0)
  out.set(w.take(), stored.length)
  for (const bit of [end, end + 1]) {
    const at = stored.length + (bit >>> 3)
    out[at] = (out[at] ?? 0) | (1 << (bit & 7))
  }
  return out
}

/** Bytes a deflateBomb inflates to. */
export const bombSize = (prefix: string, copies: number) => utf8(prefix).length + copies * 258

export interface LyingPart {
  name: string
  /** Raw deflate data. */
  deflated: Uint8Array
  /** The size the directory claims. */
  declaredSize: number
}

/** A zip whose parts are stored, except the lying ones (deflated, with a false declared size). */
export function lyingZip(parts: Array<{ name: string; data: Uint8Array } | LyingPart>): Uint8Array {
  return handWrittenZip(parts.map((part) => ('deflated' in part ? { name: part.name, data: part.deflated, deflated: true, declaredSize: part.declaredSize } : part)))
}

const GiB = 1024 * 1024 * 1024
const CONTENT_TYPES =
  '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
  '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>' +
  '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
  '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' +
  '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>'
const ROOT_RELS =
  '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
  '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'
const WORKBOOK =
  '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">' +
  '<sheets><sheet name="BC01" sheetId="1" r:id="rId1"/></sheets></workbook>'
const WORKBOOK_RELS =
  '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
  '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>' +
  '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>'
const SHEET_HEAD = '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>a'
const SHEET = `${SHEET_HEAD.replace(/<c r="A1".*$/, '')}<c r="A1" t="s"><v>0</v></c></row></sheetData></worksheet>`
const STRINGS_HEAD = '<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1"><si><t>a'
const STRINGS = `${STRINGS_HEAD.replace(/<si>.*$/, '')}<si><t>Référence Certibloc</t></si></sst>`

/** Which part lies: the worksheet or the shared strings. */
export type LyingTarget = 'worksheet' | 'sharedStrings'

export const LYING_PART: Record<LyingTarget, string> = { worksheet: 'xl/worksheets/sheet1.xml', sharedStrings: 'xl/sharedStrings.xml' }

/** A ~1 MB workbook whose worksheet or sharedStrings.xml declares 4 KB and inflates to 1 GiB. */
export function lyingBombWorkbook(target: LyingTarget, inflatedBytes = GiB): Uint8Array {
  const head = target === 'worksheet' ? SHEET_HEAD : STRINGS_HEAD
  const copies = Math.ceil((inflatedBytes - utf8(head).length) / 258)
  const lying: LyingPart = { name: LYING_PART[target], deflated: deflateBomb(head, copies), declaredSize: 4096 }
  const part = (name: string, text: string) => ({ name, data: utf8(text) })
  return lyingZip([
    part('[Content_Types].xml', CONTENT_TYPES),
    part('_rels/.rels', ROOT_RELS),
    part('xl/workbook.xml', WORKBOOK),
    part('xl/_rels/workbook.xml.rels', WORKBOOK_RELS),
    target === 'sharedStrings' ? lying : part('xl/sharedStrings.xml', STRINGS),
    target === 'worksheet' ? lying : part(LYING_PART.worksheet, SHEET),
  ])
}
