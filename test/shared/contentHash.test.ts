import { describe, expect, it } from 'vitest'
import { canonicalJson, contentHash } from '../../shared/contentHash'

describe('canonical JSON', () => {
  it('sorts keys at every level, so equal documents have equal hashes whatever their key order', async () => {
    expect(canonicalJson({ b: 1, a: [{ d: 2, c: 3 }] })).toBe('{"a":[{"c":3,"d":2}],"b":1}')
    expect(await contentHash({ x: 1, y: { q: 2, p: 3 } })).toBe(await contentHash({ y: { p: 3, q: 2 }, x: 1 }))
  })
})
