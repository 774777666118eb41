/**
 * HMAC-SHA-256 (RFC 2104, FIPS 180-4) in plain TypeScript, for the jury sheets' seals only.
 *
 * Why not Web Crypto: an import verifies one seal per sheet, 1,500 for 300 candidate files, each
 * over ~700 bytes. `crypto.subtle.verify` costs a promise and a platform job per message, about
 * 40 µs in Node, 60 ms per import, more than hashing the bytes; this costs about 8 µs. The key's
 * inner and outer pad blocks are hashed once, when the signer is made. Web Crypto stays the
 * reference: test/shared/jury/hmacSha256.test.ts checks this code against it on random keys and
 * messages of every length around the block boundaries, and against RFC 4231's vectors.
 */

const ROUND_CONSTANTS = Int32Array.from([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3,
  0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
  0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208,
  0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
])
const INITIAL_STATE = Int32Array.from([0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19])
const BLOCK = 64

/** The message schedule, reused: the functions below never yield. */
const schedule = new Int32Array(64)
/** The last one or two blocks of a message, padded. */
const tail = new Uint8Array(2 * BLOCK)

/** Hashes the whole blocks of bytes[offset, end) into state. */
function compress(state: Int32Array, bytes: Uint8Array, offset: number, end: number): void {
  const w = schedule
  const k = ROUND_CONSTANTS
  let h0 = state[0]!
  let h1 = state[1]!
  let h2 = state[2]!
  let h3 = state[3]!
  let h4 = state[4]!
  let h5 = state[5]!
  let h6 = state[6]!
  let h7 = state[7]!
  for (let p = offset; p < end; p += BLOCK) {
    for (let i = 0; i < 16; i++) {
      const j = p + i * 4
      w[i] = (bytes[j]! << 24) | (bytes[j + 1]! << 16) | (bytes[j + 2]! << 8) | bytes[j + 3]!
    }
    for (let i = 16; i < 64; i++) {
      const x = w[i - 15]!
      const y = w[i - 2]!
      const s0 = ((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3)
      const s1 = ((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10)
      w[i] = (w[i - 16]! + s0 + w[i - 7]! + s1) | 0
    }
    let a = h0
    let b = h1
    let c = h2
    let d = h3
    let e = h4
    let f = h5
    let g = h6
    let h = h7
    for (let i = 0; i < 64; i++) {
      const sum1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7))
      const t1 = (h + sum1 + ((e & f) ^ (~e & g)) + k[i]! + w[i]!) | 0
      const sum0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10))
      const t2 = (sum0 + ((a & b) ^ (a & c) ^ (b & c))) | 0
      h = g
      g = f
      f = e
      e = (d + t1) | 0
      d = c
      c = b
      b = a
      a = (t1 + t2) | 0
    }
    h0 = (h0 + a) | 0
    h1 = (h1 + b) | 0
    h2 = (h2 + c) | 0
    h3 = (h3 + d) | 0
    h4 = (h4 + e) | 0
    h5 = (h5 + f) | 0
    h6 = (h6 + g) | 0
    h7 = (h7 + h) | 0
  }
  state[0] = h0
  state[1] = h1
  state[2] = h2
  state[3] = h3
  state[4] = h4
  state[5] = h5
  state[6] = h6
  state[7] = h7
}

/**
 * Finishes a hash whose state already covers `prefixBytes` (whole blocks): hashes the message,
 * pads it, and writes the 32-byte digest into out.
 */
function finish(state: Int32Array, message: Uint8Array, prefixBytes: number, out: Uint8Array): void {
  const whole = message.length - (message.length % BLOCK)
  compress(state, message, 0, whole)
  const rest = message.length - whole
  const tailLength = rest + 9 <= BLOCK ? BLOCK : 2 * BLOCK
  tail.fill(0)
  tail.set(message.subarray(whole))
  tail[rest] = 0x80
  const bits = (prefixBytes + message.length) * 8
  const high = Math.floor(bits / 0x1_0000_0000)
  for (let i = 0; i < 4; i++) {
    tail[tailLength - 8 + i] = (high >>> (24 - 8 * i)) & 0xff
    tail[tailLength - 4 + i] = (bits >>> (24 - 8 * i)) & 0xff
  }
  compress(state, tail, 0, tailLength)
  for (let i = 0; i < 8; i++) {
    const word = state[i]!
    out[i * 4] = word >>> 24
    out[i * 4 + 1] = (word >>> 16) & 0xff
    out[i * 4 + 2] = (word >>> 8) & 0xff
    out[i * 4 + 3] = word & 0xff
  }
}

function sha256(message: Uint8Array): Uint8Array {
  const out = new Uint8Array(32)
  finish(Int32Array.from(INITIAL_STATE), message, 0, out)
  return out
}

/** A MAC function for one key: message bytes → the 32-byte HMAC-SHA-256. */
export function hmacSha256(key: Uint8Array): (message: Uint8Array) => Uint8Array {
  const block = new Uint8Array(BLOCK)
  block.set(key.length > BLOCK ? sha256(key) : key)
  const inner = Int32Array.from(INITIAL_STATE)
  const outer = Int32Array.from(INITIAL_STATE)
  compress(inner, block.map((byte) => byte ^ 0x36), 0, BLOCK)
  compress(outer, block.map((byte) => byte ^ 0x5c), 0, BLOCK)
  block.fill(0)
  return (message) => {
    const innerDigest = new Uint8Array(32)
    finish(Int32Array.from(inner), message, BLOCK, innerDigest)
    const mac = new Uint8Array(32)
    finish(Int32Array.from(outer), innerDigest, BLOCK, mac)
    return mac
  }
}

/** Compares two MACs (or two digests: worker/auth/identity.ts) in time that depends only on their lengths. */
export function macsEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false
  let difference = 0
  for (let i = 0; i < a.length; i++) difference |= a[i]! ^ b[i]!
  return difference === 0
}
