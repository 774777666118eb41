/**
 * The little a PDF writer needs from a TrueType font: the glyph of each character (cmap), its
 * advance width (hmtx) and the metrics of the font descriptor (head, hhea, OS/2, post, name).
 * The font is embedded whole (it is pre-subset, see scripts/fonts/subset.sh), so nothing here
 * rewrites glyph data.
 */

export interface TrueTypeFont {
  /** The file, embedded as is (FontFile2). */
  bytes: Uint8Array
  postScriptName: string
  unitsPerEm: number
  ascent: number
  descent: number
  capHeight: number
  italicAngle: number
  /** xMin, yMin, xMax, yMax in font units. */
  bbox: [number, number, number, number]
  /** Glyph id of a code point; 0 (.notdef) when the font has none. */
  glyphOf(codePoint: number): number
  /** Advance width of a glyph, in font units. */
  advanceOf(glyph: number): number
}

export class FontFormatError extends Error {}

function table(view: DataView, tag: string): number {
  const count = view.getUint16(4)
  for (let i = 0; i < count; i++) {
    const entry = 12 + i * 16
    const name = String.fromCharCode(view.getUint8(entry), view.getUint8(entry + 1), view.getUint8(entry + 2), view.getUint8(entry + 3))
    if (name === tag) return view.getUint32(entry + 8)
  }
  throw new FontFormatError(`table TrueType « ${tag} » absente`)
}

function optionalTable(view: DataView, tag: string): number | null {
  try {
    return table(view, tag)
  } catch {
    return null
  }
}

/** Reads a cmap subtable of format 4 (BMP) or 12 (full Unicode) into a map. */
function readCmap(view: DataView, cmapOffset: number): Map<number, number> {
  const map = new Map<number, number>()
  const count = view.getUint16(cmapOffset + 2)
  let best: { offset: number; format: number } | null = null
  for (let i = 0; i < count; i++) {
    const record = cmapOffset + 4 + i * 8
    const platform = view.getUint16(record)
    const encoding = view.getUint16(record + 2)
    const offset = cmapOffset + view.getUint32(record + 4)
    const format = view.getUint16(offset)
    const unicode = platform === 0 || (platform === 3 && (encoding === 1 || encoding === 10))
    if (!unicode || (format !== 4 && format !== 12)) continue
    if (best === null || format > best.format) best = { offset, format }
  }
  if (best === null) throw new FontFormatError('aucune table cmap Unicode')
  const o = best.offset
  if (best.format === 12) {
    const groups = view.getUint32(o + 12)
    for (let g = 0; g < groups; g++) {
      const start = view.getUint32(o + 16 + g * 12)
      const end = view.getUint32(o + 20 + g * 12)
      const glyph = view.getUint32(o + 24 + g * 12)
      for (let cp = start; cp <= end; cp++) map.set(cp, glyph + cp - start)
    }
    return map
  }
  const segments = view.getUint16(o + 6) / 2
  const ends = o + 14
  const starts = ends + segments * 2 + 2
  const deltas = starts + segments * 2
  const rangeOffsets = deltas + segments * 2
  for (let s = 0; s < segments; s++) {
    const end = view.getUint16(ends + s * 2)
    const start = view.getUint16(starts + s * 2)
    const delta = view.getInt16(deltas + s * 2)
    const rangeOffset = view.getUint16(rangeOffsets + s * 2)
    for (let cp = start; cp <= end && cp !== 0xffff; cp++) {
      let glyph: number
      if (rangeOffset === 0) glyph = (cp + delta) & 0xffff
      else {
        const at = rangeOffsets + s * 2 + rangeOffset + (cp - start) * 2
        glyph = view.getUint16(at)
        if (glyph !== 0) glyph = (glyph + delta) & 0xffff
      }
      if (glyph !== 0) map.set(cp, glyph)
    }
  }
  return map
}

function readPostScriptName(view: DataView, nameOffset: number): string {
  const count = view.getUint16(nameOffset + 2)
  const strings = nameOffset + view.getUint16(nameOffset + 4)
  for (let i = 0; i < count; i++) {
    const record = nameOffset + 6 + i * 12
    const platform = view.getUint16(record)
    const nameId = view.getUint16(record + 6)
    if (nameId !== 6) continue
    const length = view.getUint16(record + 8)
    const start = strings + view.getUint16(record + 10)
    let name = ''
    if (platform === 1) for (let k = 0; k < length; k++) name += String.fromCharCode(view.getUint8(start + k))
    else for (let k = 0; k < length; k += 2) name += String.fromCharCode(view.getUint16(start + k))
    // A PDF name keeps to printable ASCII without delimiters.
    const clean = name.replace(/[^A-Za-z0-9-]/g, '')
    if (clean !== '') return clean
  }
  return 'Font'
}

export function parseTrueType(bytes: Uint8Array): TrueTypeFont {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const version = view.getUint32(0)
  if (version !== 0x00010000 && version !== 0x74727565) throw new FontFormatError('fichier TrueType attendu')
  const head = table(view, 'head')
  const hhea = table(view, 'hhea')
  const hmtx = table(view, 'hmtx')
  const maxp = table(view, 'maxp')
  const unitsPerEm = view.getUint16(head + 18)
  const bbox: [number, number, number, number] = [view.getInt16(head + 36), view.getInt16(head + 38), view.getInt16(head + 40), view.getInt16(head + 42)]
  const metricCount = view.getUint16(hhea + 34)
  const glyphCount = view.getUint16(maxp + 4)
  const advances = new Uint16Array(glyphCount)
  for (let g = 0; g < glyphCount; g++) advances[g] = view.getUint16(hmtx + Math.min(g, metricCount - 1) * 4)
  const os2 = optionalTable(view, 'OS/2')
  const post = optionalTable(view, 'post')
  const ascent = view.getInt16(hhea + 4)
  const descent = view.getInt16(hhea + 6)
  const capHeight = os2 !== null && view.getUint16(os2) >= 2 ? view.getInt16(os2 + 88) : Math.round(ascent * 0.7)
  const italicAngle = post !== null ? view.getInt32(post + 4) / 65536 : 0
  const cmap = readCmap(view, table(view, 'cmap'))
  return {
    bytes,
    postScriptName: readPostScriptName(view, table(view, 'name')),
    unitsPerEm,
    ascent,
    descent,
    capHeight,
    italicAngle,
    bbox,
    glyphOf: (cp) => cmap.get(cp) ?? 0,
    advanceOf: (glyph) => advances[glyph] ?? 0,
  }
}
