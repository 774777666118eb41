/**
 * The checksum that seals each jury sheet's metadata row (session, candidate, bloc, référentiel,
 * template version, cell addresses): HMAC-SHA-256 with a key that only the Worker holds.
 *
 * Why a keyed MAC rather than a plain SHA-256: a plain hash only catches accidental edits, since
 * anyone who can unhide the metadata sheet can also recompute it. With the server key, a jury
 * member cannot move marks to another candidate, bloc or session by editing the metadata; the
 * check happens only on the Worker, at import. The marks themselves are not sealed: they are
 * what the jury writes.
 *
 * Plain TypeScript and Web Crypto only, so the same code runs in workerd, browsers and Node.
 */
import { hmacSha256, macsEqual } from './hmacSha256'

/** Signs and verifies metadata payloads; the key never leaves the object. */
export interface SheetSigner {
  sign(payload: string): Promise<string>
  verify(payload: string, checksum: string): Promise<boolean>
}

const PREFIX = 'hmac-sha256:'
const encoder = new TextEncoder()

function toHex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')
}

function fromHex(hex: string): Uint8Array | null {
  if (!/^(?:[0-9a-f]{2})+$/.test(hex)) return null
  const out = new Uint8Array(hex.length / 2)
  for (let i = 0; i < out.length; i++) out[i] = Number.parseInt(hex.slice(i * 2, i * 2 + 2), 16)
  return out
}

/**
 * A signer for raw key bytes (at least 16 bytes: anything shorter is a configuration error). The
 * MAC is computed in TypeScript (hmacSha256.ts says why); the interface stays asynchronous so that
 * a platform implementation can take its place.
 */
export function hmacSigner(keyBytes: Uint8Array): Promise<SheetSigner> {
  if (keyBytes.length < 16) return Promise.reject(new Error('jury sheet key: 16 bytes at least'))
  const mac = hmacSha256(keyBytes)
  return Promise.resolve({
    sign(payload) {
      return Promise.resolve(PREFIX + toHex(mac(encoder.encode(payload))))
    },
    verify(payload, checksum) {
      if (!checksum.startsWith(PREFIX)) return Promise.resolve(false)
      const expected = fromHex(checksum.slice(PREFIX.length))
      return Promise.resolve(expected !== null && macsEqual(mac(encoder.encode(payload)), expected))
    },
  })
}

/**
 * Derives the jury sheet key from a server secret with HKDF, so that a secret used for something
 * else (e.g. the admin token, until a dedicated secret is configured) never signs sheets as is.
 */
export async function deriveSheetKey(secret: string): Promise<Uint8Array> {
  const base = await crypto.subtle.importKey('raw', encoder.encode(secret), 'HKDF', false, ['deriveBits'])
  const bits = await crypto.subtle.deriveBits(
    { name: 'HKDF', hash: 'SHA-256', salt: encoder.encode('certibloc'), info: encoder.encode('jury-sheet-metadata-v1') },
    base,
    256,
  )
  return new Uint8Array(bits)
}

/** Lower-case hex SHA-256 of raw bytes: the content hash that makes re-imports idempotent. */
export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  // The cast only narrows the buffer type for TypeScript; callers pass ordinary (non-shared) buffers.
  return toHex(new Uint8Array(await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>)))
}
