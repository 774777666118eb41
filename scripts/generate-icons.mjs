#!/usr/bin/env node
/**
 * Draws the Certibloc logo (a deep-blue rounded square with a white check mark, transparent
 * corners) and writes it as PNG at every size the manifest and the store need:
 * addin/public/assets/icon-{16,32,64,80,128}.png (Vite copies addin/public/ into dist/).
 *
 * No dependency: the PNG encoder below only needs node:zlib for the deflate stream.
 * Anti-aliasing is done by supersampling each pixel on an 8×8 grid. The output is deterministic,
 * so re-running the script on an unchanged file leaves the committed PNGs byte-identical.
 *
 * Usage: node scripts/generate-icons.mjs
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname, join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { deflateSync } from 'node:zlib'

/** Sizes in pixels: 16/32/80 ribbon, 32 IconUrl, 64 HighResolutionIconUrl, 128 store/catalogue. */
export const ICON_SIZES = /** @type {const} */ ([16, 32, 64, 80, 128])

/** Deep blue of the tile, as [r, g, b]. */
const TILE_RGB = /** @type {const} */ ([0x1e, 0x3a, 0x8a])
/** Colour of the check mark. */
const MARK_RGB = /** @type {const} */ ([0xff, 0xff, 0xff])
/** Corner radius of the tile, as a fraction of the icon size. */
const CORNER_RADIUS = 0.22
/** Check-mark polyline in unit coordinates (x right, y down) and its stroke width. */
const CHECK_POINTS = /** @type {const} */ ([
  [0.26, 0.53],
  [0.43, 0.7],
  [0.76, 0.33],
])
const CHECK_WIDTH = 0.14
/** Samples per pixel along each axis. */
const SUPERSAMPLING = 8

// ---------------------------------------------------------------------------------------------
// Minimal PNG encoder: 8-bit RGBA, no interlace, filter type 0 on every row.

/** @type {Uint32Array} CRC-32 (ISO 3309 / PNG) lookup table. */
const CRC_TABLE = (() => {
  const table = new Uint32Array(256)
  for (let n = 0; n < 256; n++) {
    let c = n
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
    table[n] = c >>> 0
  }
  return table
})()

/**
 * CRC-32 as used by PNG chunks.
 * @param {Uint8Array} bytes
 * @returns {number} unsigned 32-bit CRC
 */
export function crc32(bytes) {
  let c = 0xffffffff
  for (const byte of bytes) c = /** @type {number} */ (CRC_TABLE[(c ^ byte) & 0xff]) ^ (c >>> 8)
  return (c ^ 0xffffffff) >>> 0
}

/**
 * One PNG chunk: length, type, data, CRC over type + data.
 * @param {string} type four ASCII letters
 * @param {Uint8Array} data
 * @returns {Buffer}
 */
function chunk(type, data) {
  const out = Buffer.alloc(12 + data.length)
  out.writeUInt32BE(data.length, 0)
  out.write(type, 4, 'ascii')
  out.set(data, 8)
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length)
  return out
}

/**
 * Encodes straight (non-premultiplied) RGBA pixels, row by row from the top, as a PNG file.
 * @param {number} width
 * @param {number} height
 * @param {Uint8Array} rgba width × height × 4 bytes
 * @returns {Buffer}
 */
export function encodePng(width, height, rgba) {
  if (rgba.length !== width * height * 4) throw new Error('encodePng: wrong pixel buffer length')
  const ihdr = Buffer.alloc(13)
  ihdr.writeUInt32BE(width, 0)
  ihdr.writeUInt32BE(height, 4)
  ihdr[8] = 8 // bit depth
  ihdr[9] = 6 // colour type: truecolour with alpha
  ihdr[10] = 0 // compression: deflate
  ihdr[11] = 0 // filter method 0
  ihdr[12] = 0 // no interlace
  const stride = width * 4
  const raw = Buffer.alloc((stride + 1) * height)
  for (let y = 0; y < height; y++) {
    raw[y * (stride + 1)] = 0 // filter type None
    raw.set(rgba.subarray(y * stride, (y + 1) * stride), y * (stride + 1) + 1)
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', new Uint8Array(0)),
  ])
}

// ---------------------------------------------------------------------------------------------
// The logo, as signed distance functions in unit coordinates (negative inside).

/**
 * Rounded square covering the whole [0, 1]² canvas.
 * @param {number} x
 * @param {number} y
 */
function tileDistance(x, y) {
  const r = CORNER_RADIUS
  const qx = Math.abs(x - 0.5) - (0.5 - r)
  const qy = Math.abs(y - 0.5) - (0.5 - r)
  const outside = Math.hypot(Math.max(qx, 0), Math.max(qy, 0))
  return outside + Math.min(Math.max(qx, qy), 0) - r
}

/**
 * Distance from (px, py) to segment AB.
 * @param {number} px @param {number} py @param {number} ax @param {number} ay
 * @param {number} bx @param {number} by
 */
function segmentDistance(px, py, ax, ay, bx, by) {
  const dx = bx - ax
  const dy = by - ay
  const t = Math.min(1, Math.max(0, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)))
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy))
}

/**
 * Check mark: the polyline stroked with round caps and joins.
 * @param {number} x
 * @param {number} y
 */
function checkDistance(x, y) {
  let d = Infinity
  for (let i = 0; i + 1 < CHECK_POINTS.length; i++) {
    const [ax, ay] = /** @type {readonly [number, number]} */ (CHECK_POINTS[i])
    const [bx, by] = /** @type {readonly [number, number]} */ (CHECK_POINTS[i + 1])
    d = Math.min(d, segmentDistance(x, y, ax, ay, bx, by))
  }
  return d - CHECK_WIDTH / 2
}

/**
 * Renders the logo at size × size pixels.
 * @param {number} size
 * @returns {Uint8Array} straight RGBA
 */
export function renderLogo(size) {
  const rgba = new Uint8Array(size * size * 4)
  const n = SUPERSAMPLING
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let tile = 0
      let mark = 0
      for (let sy = 0; sy < n; sy++) {
        for (let sx = 0; sx < n; sx++) {
          const x = (px + (sx + 0.5) / n) / size
          const y = (py + (sy + 0.5) / n) / size
          if (tileDistance(x, y) <= 0) {
            tile++
            if (checkDistance(x, y) <= 0) mark++
          }
        }
      }
      const i = (py * size + px) * 4
      if (tile === 0) continue // fully transparent (corners)
      for (let c = 0; c < 3; c++) {
        const value = (mark * /** @type {number} */ (MARK_RGB[c]) + (tile - mark) * /** @type {number} */ (TILE_RGB[c])) / tile
        rgba[i + c] = Math.round(value)
      }
      rgba[i + 3] = Math.round((255 * tile) / (n * n))
    }
  }
  return rgba
}

/**
 * Writes every icon into outDir and returns the paths written.
 * @param {string} outDir
 * @returns {string[]}
 */
export function generateIcons(outDir) {
  mkdirSync(outDir, { recursive: true })
  return ICON_SIZES.map((size) => {
    const file = join(outDir, `icon-${size}.png`)
    writeFileSync(file, encodePng(size, size, renderLogo(size)))
    return file
  })
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const root = join(dirname(fileURLToPath(import.meta.url)), '..')
  for (const file of generateIcons(join(root, 'addin', 'public', 'assets'))) {
    console.log(relative(process.cwd(), file))
  }
}
