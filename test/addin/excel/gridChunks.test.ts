import { describe, expect, it } from 'vitest'
import { chunkRowsByBytes, halve, isPayloadTooLarge, jsonBytes } from '../../../addin/src/excel/gridChunks'

describe('chunkRowsByBytes', () => {
  it('packs consecutive rows up to the byte budget', () => {
    expect(chunkRowsByBytes([40, 40, 40, 40, 40], 100)).toEqual([
      { startRow: 0, rowCount: 2 },
      { startRow: 2, rowCount: 2 },
      { startRow: 4, rowCount: 1 },
    ])
  })

  it('leaves room in the first request for what it carries besides rows', () => {
    expect(chunkRowsByBytes([40, 40, 40], 100, 50)).toEqual([
      { startRow: 0, rowCount: 1 },
      { startRow: 1, rowCount: 2 },
    ])
  })

  it('gives a row larger than the budget a request of its own, and no rows one empty chunk', () => {
    expect(chunkRowsByBytes([10, 500, 10], 100)).toEqual([
      { startRow: 0, rowCount: 1 },
      { startRow: 1, rowCount: 1 },
      { startRow: 2, rowCount: 1 },
    ])
    expect(chunkRowsByBytes([], 100)).toEqual([{ startRow: 0, rowCount: 0 }])
  })
})

describe('helpers', () => {
  it('measures JSON in UTF-8 bytes, accents included', () => {
    expect(jsonBytes(['é'])).toBe(6)
  })

  it('halves a chunk for a retry', () => {
    expect(halve({ startRow: 10, rowCount: 5 })).toEqual([
      { startRow: 10, rowCount: 3 },
      { startRow: 13, rowCount: 2 },
    ])
  })

  it('recognises Office’s size errors only', () => {
    expect(isPayloadTooLarge({ code: 'RequestPayloadSizeLimitExceeded' })).toBe(true)
    expect(isPayloadTooLarge({ code: 'ResponsePayloadSizeLimitExceeded' })).toBe(true)
    expect(isPayloadTooLarge({ code: 'AccessDenied' })).toBe(false)
    expect(isPayloadTooLarge(new Error('x'))).toBe(false)
  })
})
