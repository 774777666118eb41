import { describe, expect, it } from 'vitest'
import { idempotencyKey } from '../../../addin/src/sync/idempotencyKey'

const rows = [{ candidateId: 'cand-1', rowVersion: 4, marks: { 'CR1.1': 'ACQ' }, decisions: {} }]

describe('idempotencyKey', () => {
  it('is the same for the same push, so a retry is replayed rather than written twice', async () => {
    const key = await idempotencyKey('session-1', rows)
    expect(key).toBe(await idempotencyKey('session-1', structuredClone(rows)))
    expect(key).toMatch(/^certibloc-push-[0-9a-f]{48}$/)
  })

  it('differs for another session, another value or another row version', async () => {
    const key = await idempotencyKey('session-1', rows)
    const others = await Promise.all([
      idempotencyKey('session-2', rows),
      idempotencyKey('session-1', [{ ...rows[0]!, marks: { 'CR1.1': 'NACQ' } }]),
      idempotencyKey('session-1', [{ ...rows[0]!, rowVersion: 5 }]),
    ])
    expect(new Set([key, ...others]).size).toBe(4)
  })
})
