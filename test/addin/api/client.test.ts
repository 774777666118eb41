import { describe, expect, it, vi } from 'vitest'
import { ApiError, callApi, createApiClient } from '../../../addin/src/api/client'
import { getReferential } from '../../../addin/src/api/referentials'
import { app } from '../../../worker/app'

const BASE_URL = 'https://certibloc.test'

/** The real Worker app answering in-process, with the bindings the routes under test need. */
function workerFetch(adminToken = 'jeton-de-test'): typeof fetch {
  return async (input, init) => app.request(input instanceof Request ? input : String(input), init, { ADMIN_TOKEN: adminToken })
}

function respondWith(response: Response | (() => never)): typeof fetch {
  return vi.fn(async () => (typeof response === 'function' ? response() : response))
}

describe('createApiClient + callApi', () => {
  it('returns the typed JSON body of a 2xx response', async () => {
    const client = createApiClient(BASE_URL, () => 'Bearer x', { fetch: workerFetch() })

    const body = await callApi(client.api.v1.health.$get())

    expect(body).toEqual({ status: 'ok' })
  })

  it('sends the Authorization header on every request', async () => {
    const fetchSpy = vi.fn<typeof fetch>(async () => Response.json({ referentials: [] }))
    let calls = 0
    const client = createApiClient(BASE_URL, () => `Bearer jeton-${++calls}`, { fetch: fetchSpy })

    await callApi(client.api.v1.referentials.$get())
    await callApi(client.api.v1.referentials.$get())

    const headers = fetchSpy.mock.calls.map(([, init]) => new Headers(init?.headers).get('authorization'))
    expect(headers).toEqual(['Bearer jeton-1', 'Bearer jeton-2'])
  })

  it('throws an ApiError carrying the envelope of the Worker when the token is refused', async () => {
    const client = createApiClient(BASE_URL, () => 'Bearer mauvais-jeton', { fetch: workerFetch('bon-jeton') })

    const failure = callApi(client.api.v1.referentials.$get())

    await expect(failure).rejects.toBeInstanceOf(ApiError)
    await expect(failure).rejects.toMatchObject({
      code: 'UNAUTHORIZED',
      status: 401,
      message: expect.stringContaining('Authentification requise'),
    })
  })

  it('keeps the code, message and details of an error envelope', async () => {
    const envelope = { error: { code: 'NOT_FOUND', message: 'Référentiel « x » introuvable.', details: { id: 'x' } } }
    const client = createApiClient(BASE_URL, () => 'Bearer x', { fetch: respondWith(Response.json(envelope, { status: 404 })) })

    await expect(getReferential(client, 'inconnu')).rejects.toMatchObject({
      code: 'NOT_FOUND',
      status: 404,
      message: 'Référentiel « x » introuvable.',
      details: { id: 'x' },
    })
  })

  it('explains in French a non-JSON error page, keeping its start as details', async () => {
    const page = new Response('<html>502 Bad Gateway</html>', { status: 502, headers: { 'content-type': 'text/html' } })
    const client = createApiClient(BASE_URL, () => 'Bearer x', { fetch: respondWith(page) })

    await expect(callApi(client.api.v1.referentials.$get())).rejects.toMatchObject({
      code: 'HTTP',
      status: 502,
      message: 'Le serveur a répondu par une erreur inattendue (HTTP 502).',
      details: '<html>502 Bad Gateway</html>',
    })
  })

  it('reports a network failure in French', async () => {
    const offline = () => {
      throw new TypeError('Failed to fetch')
    }
    const client = createApiClient(BASE_URL, () => 'Bearer x', { fetch: respondWith(offline) })

    await expect(callApi(client.api.v1.referentials.$get())).rejects.toMatchObject({
      code: 'NETWORK',
      status: null,
      message: expect.stringContaining('Impossible de joindre le serveur Certibloc'),
      details: 'TypeError: Failed to fetch',
    })
  })

  it('reports an unreadable 2xx body', async () => {
    const notJson = new Response('pas du JSON', { status: 200 })
    const client = createApiClient(BASE_URL, () => 'Bearer x', { fetch: respondWith(notJson) })

    await expect(callApi(client.api.v1.referentials.$get())).rejects.toMatchObject({ code: 'INVALID_RESPONSE', status: 200 })
  })
})
