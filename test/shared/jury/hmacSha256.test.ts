import { describe, expect, it } from 'vitest'
import { hmacSha256, macsEqual } from '../../../shared/jury/hmacSha256'
import { createPrng } from '../../../shared/random'

const hex = (bytes: Uint8Array) => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')
const ascii = (text: string) => new TextEncoder().encode(text)

async function webCryptoMac(key: Uint8Array, message: Uint8Array): Promise<string> {
  const imported = await crypto.subtle.importKey('raw', key as Uint8Array<ArrayBuffer>, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign'])
  return hex(new Uint8Array(await crypto.subtle.sign('HMAC', imported, message as Uint8Array<ArrayBuffer>)))
}

describe('HMAC-SHA-256 of the jury seals', () => {
  it('gives RFC 4231’s results (test cases 1, 2 and 6: short key, short key and data, key longer than a block)', () => {
    expect(hex(hmacSha256(new Uint8Array(20).fill(0x0b))(ascii('Hi There')))).toBe('b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7')
    expect(hex(hmacSha256(ascii('Jefe'))(ascii('what do ya want for nothing?')))).toBe('5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843')
    expect(hex(hmacSha256(new Uint8Array(131).fill(0xaa))(ascii('Test Using Larger Than Block-Size Key - Hash Key First')))).toBe(
      '60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54',
    )
  })

  it('agrees with Web Crypto for every message length from 0 to 300 bytes and on long messages, with random keys', async () => {
    const random = createPrng(20261202)
    const bytes = (n: number) => Uint8Array.from({ length: n }, () => Math.floor(random() * 256))
    const lengths = [...Array.from({ length: 301 }, (_, i) => i), 1_000, 4_095, 4_096, 65_537]
    for (const length of lengths) {
      const key = bytes(16 + Math.floor(random() * 100))
      const message = bytes(length)
      expect(hex(hmacSha256(key)(message)), `message of ${length} bytes`).toBe(await webCryptoMac(key, message))
    }
  })

  it('gives the same MAC when called again with the same key (no state left between messages)', () => {
    const mac = hmacSha256(ascii('a key of sixteen+ bytes'))
    const first = hex(mac(ascii('payload one')))
    mac(new Uint8Array(200).fill(7))
    expect(hex(mac(ascii('payload one')))).toBe(first)
  })

  it('compares MACs byte for byte, and MACs of different lengths as different', () => {
    expect(macsEqual(Uint8Array.of(1, 2, 3), Uint8Array.of(1, 2, 3))).toBe(true)
    expect(macsEqual(Uint8Array.of(1, 2, 3), Uint8Array.of(1, 2, 4))).toBe(false)
    expect(macsEqual(Uint8Array.of(1, 2, 3), Uint8Array.of(1, 2))).toBe(false)
  })
})
