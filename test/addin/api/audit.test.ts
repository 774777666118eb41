import { describe, expect, it, vi } from 'vitest'
import { AUDIT_PAGE_SIZE, listAuditEvents } from '../../../addin/src/api/audit'
import { ApiError, createApiClient } from '../../../addin/src/api/client'

const BASE_URL = 'https://certibloc.test'

const urlOf = (input: Parameters<typeof fetch>[0]) => new URL(input instanceof Request ? input.url : String(input))

const page = {
  events: [
    {
      id: 41,
      at: '2026-06-12T12:03:27.123Z',
      actor: 'marie.dupont@ecole.fr',
      action: 'grades.update',
      sessionId: 'sess-1',
      candidateId: 'cand-1',
      details: { marks: { 'CR1.1': 'ACQ' } },
      requestId: 'req-1',
    },
  ],
  nextAfter: null,
  nextBefore: 41,
}

function clientAnswering(response: () => Response) {
  const fetchSpy = vi.fn<typeof fetch>(async () => response())
  return { fetchSpy, client: createApiClient(BASE_URL, () => 'Bearer jeton', { fetch: fetchSpy }) }
}

describe('listAuditEvents', () => {
  it('asks for the first page of the whole session, newest first, with the Authorization header', async () => {
    const { fetchSpy, client } = clientAnswering(() => Response.json(page))

    const answer = await listAuditEvents(client, 'sess-1')

    expect(answer).toEqual(page)
    const [input, init] = fetchSpy.mock.calls[0]!
    const url = urlOf(input)
    expect(url.origin + url.pathname).toBe(`${BASE_URL}/api/v1/sessions/sess-1/audit`)
    expect(Object.fromEntries(url.searchParams)).toEqual({ order: 'newest', after: '0', limit: String(AUDIT_PAGE_SIZE) })
    expect(new Headers(init?.headers).get('authorization')).toBe('Bearer jeton')
  })

  it('asks for the next, older page of one candidate with `before` and the page size', async () => {
    const { fetchSpy, client } = clientAnswering(() => Response.json({ events: [], nextAfter: null, nextBefore: null }))

    const answer = await listAuditEvents(client, 'sess-1', { candidateId: 'cand-1', before: 41, limit: 10 })

    expect(answer).toEqual({ events: [], nextAfter: null, nextBefore: null })
    expect(Object.fromEntries(urlOf(fetchSpy.mock.calls[0]![0]).searchParams)).toEqual({ candidateId: 'cand-1', order: 'newest', after: '0', before: '41', limit: '10' })
  })

  it('throws the Worker’s French refusal for a caller without audit.read', async () => {
    const envelope = { error: { code: 'FORBIDDEN', message: 'Action non autorisée : consulter le journal d’audit.', details: null } }
    const { client } = clientAnswering(() => Response.json(envelope, { status: 403 }))

    const failure = listAuditEvents(client, 'sess-1')

    await expect(failure).rejects.toBeInstanceOf(ApiError)
    await expect(failure).rejects.toMatchObject({ code: 'FORBIDDEN', status: 403, message: envelope.error.message })
  })
})
