import { describe, expect, it, vi } from 'vitest'
import { ApiError, createApiClient } from '../../../addin/src/api/client'
import { listOpenableSessions } from '../../../addin/src/api/sessions'

const BASE_URL = 'https://certibloc.test'

function session(id: string, name: string) {
  return {
    id,
    referentialId: 'ref',
    name,
    campus: null,
    startsOn: null,
    endsOn: null,
    juryDate: null,
    status: 'open',
    gridVersion: 1,
    candidateCount: 12,
    createdAt: '2026-06-01T08:00:00.000Z',
    createdBy: 'admin',
  }
}

const forbidden = () =>
  Response.json({ error: { code: 'FORBIDDEN', message: 'Accès refusé : droit « session.read » requis.', details: null } }, { status: 403 })

/** A Worker that refuses the full list and answers each session by id. */
function assessorWorker() {
  return vi.fn<typeof fetch>(async (input) => {
    const path = new URL(String(input instanceof Request ? input.url : input)).pathname
    if (path === '/api/v1/sessions') return forbidden()
    const id = decodeURIComponent(path.split('/').pop() ?? '')
    return Response.json({ session: session(id, `Session ${id}`) })
  })
}

describe('the sessions the pane offers', () => {
  it('is the whole list for a user with a global role, without asking GET /me', async () => {
    const fetchSpy = vi.fn<typeof fetch>(async () => Response.json({ sessions: [session('s1', 'Promo 2026')] }))
    const assigned = vi.fn(async () => null)
    const client = createApiClient(BASE_URL, () => 'Bearer x', { fetch: fetchSpy })

    const sessions = await listOpenableSessions(client, assigned())

    expect(sessions.map((s) => s.name)).toEqual(['Promo 2026'])
    expect(fetchSpy).toHaveBeenCalledTimes(1)
  })

  it('is, for an assessor refused the full list, each session GET /me says he is assigned to', async () => {
    const fetchSpy = assessorWorker()
    const client = createApiClient(BASE_URL, () => 'Bearer x', { fetch: fetchSpy })

    const sessions = await listOpenableSessions(client, Promise.resolve(['s1', 's 2']))

    expect(sessions.map((s) => [s.id, s.name, s.candidateCount])).toEqual([
      ['s1', 'Session s1', 12],
      ['s 2', 'Session s 2', 12],
    ])
    const paths = fetchSpy.mock.calls.map(([input]) => new URL(String(input instanceof Request ? input.url : input)).pathname)
    expect(paths).toEqual(['/api/v1/sessions', '/api/v1/sessions/s1', '/api/v1/sessions/s%202'])
  })

  it('keeps the refusal when the user is assigned nowhere, or when GET /me could not be read', async () => {
    const client = createApiClient(BASE_URL, () => 'Bearer x', { fetch: assessorWorker() })

    await expect(listOpenableSessions(client, Promise.resolve([]))).rejects.toMatchObject({ code: 'FORBIDDEN', status: 403 })
    await expect(listOpenableSessions(client, Promise.resolve(null))).rejects.toBeInstanceOf(ApiError)
  })

  it('does not hide other failures behind the fallback', async () => {
    const fetchSpy = vi.fn<typeof fetch>(async () =>
      Response.json({ error: { code: 'UNAUTHORIZED', message: 'Jeton invalide ou expiré.', details: null } }, { status: 401 }),
    )
    const client = createApiClient(BASE_URL, () => 'Bearer x', { fetch: fetchSpy })

    await expect(listOpenableSessions(client, Promise.resolve(['s1']))).rejects.toMatchObject({ code: 'UNAUTHORIZED' })
    expect(fetchSpy).toHaveBeenCalledTimes(1)
  })
})
