/**
 * Zips written by hand for the bad-file corpus: the archive module of excelts has no build for
 * workerd, where the Worker tests build the corpus too, and a lying bomb needs a directory that
 * declares what its data is not.
 */

export interface HandWrittenZipPart {
  name: string
  /** The bytes as stored in the archive (raw deflate data when `deflated`). */
  data: Uint8Array
  deflated?: boolean
  /** The uncompressed size the headers declare: the data's length unless given (a lie, then). */
  declaredSize?: number
  /** The CRC-32 the headers declare (0 unless given). */
  crc?: number
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
  return c >>> 0
})

export function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff
  for (const b of bytes) crc = (CRC_TABLE[(crc ^ b) & 0xff] ?? 0) ^ (crc >>> 8)
  return (crc ^ 0xffffffff) >>> 0
}

/** Local headers and data, then the central directory and its end record, as a zip reader expects. */
export function handWrittenZip(parts: readonly HandWrittenZipPart[]): Uint8Array {
  const chunks: Uint8Array[] = []
  const central: Uint8Array[] = []
  let offset = 0
  for (const part of parts) {
    const name = new TextEncoder().encode(part.name)
    const method = part.deflated ? 8 : 0
    const declared = part.declaredSize ?? part.data.length
    const crc = part.crc ?? 0
    const local = new Uint8Array(30 + name.length)
    const lv = new DataView(local.buffer)
    lv.setUint32(0, 0x04034b50, true)
    lv.setUint16(4, 20, true)
    lv.setUint16(8, method, true)
    lv.setUint32(14, crc, true)
    lv.setUint32(18, part.data.length, true)
    lv.setUint32(22, declared, true)
    lv.setUint16(26, name.length, true)
    local.set(name, 30)
    const entry = new Uint8Array(46 + name.length)
    const cv = new DataView(entry.buffer)
    cv.setUint32(0, 0x02014b50, true)
    cv.setUint16(4, 20, true)
    cv.setUint16(6, 20, true)
    cv.setUint16(10, method, true)
    cv.setUint32(16, crc, true)
    cv.setUint32(20, part.data.length, true)
    cv.setUint32(24, declared, true)
    cv.setUint16(28, name.length, true)
    cv.setUint32(42, offset, true)
    entry.set(name, 46)
    chunks.push(local, part.data)
    central.push(entry)
    offset += local.length + part.data.length
  }
  const centralSize = central.reduce((n, c) => n + c.length, 0)
  const end = new Uint8Array(22)
  const ev = new DataView(end.buffer)
  ev.setUint32(0, 0x06054b50, true)
  ev.setUint16(8, central.length, true)
  ev.setUint16(10, central.length, true)
  ev.setUint32(12, centralSize, true)
  ev.setUint32(16, offset, true)
  const all = [...chunks, ...central, end]
  const out = new Uint8Array(all.reduce((n, c) => n + c.length, 0))
  let at = 0
  for (const c of all) {
    out.set(c, at)
    at += c.length
  }
  return out
}
