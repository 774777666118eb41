import { describe, expect, it, vi } from 'vitest'
import { listCandidates } from '../../../addin/src/api/candidates'
import { createApiClient } from '../../../addin/src/api/client'

const BASE_URL = 'https://certibloc.test'

describe('listCandidates', () => {
  it('reads the session’s candidates from GET /sessions/{id}/candidates, in the Worker’s order', async () => {
    const candidates = [
      { id: 'c2', sessionId: 'sess-1', schoolId: 'E002', birthName: 'BERNARD', firstNames: ['Hugo'], rowVersion: 1 },
      { id: 'c1', sessionId: 'sess-1', schoolId: 'E001', birthName: 'MARTIN', firstNames: ['Léa'], rowVersion: 3 },
    ]
    const fetchSpy = vi.fn<typeof fetch>(async () => Response.json({ candidates }))
    const client = createApiClient(BASE_URL, () => 'Bearer jeton', { fetch: fetchSpy })

    const list = await listCandidates(client, 'sess-1')

    expect(list.map((c) => c.id)).toEqual(['c2', 'c1'])
    const [input] = fetchSpy.mock.calls[0]!
    expect(String(input instanceof Request ? input.url : input)).toBe(`${BASE_URL}/api/v1/sessions/sess-1/candidates`)
  })
})
