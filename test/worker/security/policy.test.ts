/**
 * The one authorization layer: a route missing from the policy is refused to everyone (default
 * deny), including the administrator; request bodies are capped on every route, and tightly on
 * routes that take none.
 */
import { Hono } from 'hono'
import { describe, expect, it } from 'vitest'
import { authorize, MAX_BODY_LIMIT, NO_BODY_LIMIT } from '../../../worker/auth/authorize'
import { accessFor } from '../../../worker/auth/policy'
import type { AppEnv } from '../../../worker/env'
import { ApiError } from '../../../worker/errors'
import { requestId } from '../../../worker/middleware/requestId'
import { ADMIN_TOKEN } from '../harness'
import { call, createCandidate, createSession, expectError, securityEnv, servedRoutes } from './support'

const KiB = 1024

/** A body of `bytes` bytes streamed without Content-Length, as a client that does not announce it. */
function streamed(bytes: number): ReadableStream<Uint8Array> {
  let sent = 0
  const chunk = new Uint8Array(256 * KiB).fill(0x61)
  return new ReadableStream({
    pull(controller) {
      if (sent >= bytes) return controller.close()
      const part = chunk.subarray(0, Math.min(chunk.length, bytes - sent))
      sent += part.length
      controller.enqueue(part)
    },
  })
}

describe('the policy', () => {
  it('lists every route the app serves', () => {
    const missing = servedRoutes().filter((r) => accessFor(r.method, r.path) === null)
    expect(missing).toEqual([])
  })

  it('refuses a route it does not list, even to the administrator', async () => {
    const unlisted = new Hono<AppEnv>().basePath('/api/v1').use('*', requestId, authorize).get('/not-in-the-policy', (c) => c.json({ leaked: true }))
    unlisted.onError((err, c) => (err instanceof ApiError ? c.json(err.toEnvelope(), err.status) : c.json({ unexpected: String(err) }, 500)))
    const res = await unlisted.request('/api/v1/not-in-the-policy', { headers: { Authorization: `Bearer ${ADMIN_TOKEN}` } }, securityEnv())
    const body = await expectError(res, 403, 'FORBIDDEN')
    expect(body.error.message).toBe('Accès refusé : cette opération n’est ouverte à aucun rôle.')
  })

  it('answers 401 before 404 on paths that match no route', async () => {
    await expectError(await call('/nothing-here', { token: null }), 401, 'UNAUTHORIZED')
    await expectError(await call('/nothing-here'), 404, 'NOT_FOUND')
  })
})

describe('request bodies', () => {
  it(`are capped at ${NO_BODY_LIMIT / KiB} KiB on routes that take none`, async () => {
    const sessionId = await createSession('Corps de requête')
    const candidateId = await createCandidate(sessionId, 'BODY-1')
    for (const [method, path] of [
      ['DELETE', `/sessions/${sessionId}/candidates/${candidateId}?rowVersion=1`],
      ['POST', `/sessions/${sessionId}/jury-imports/${crypto.randomUUID()}/undo`],
      ['DELETE', `/tokens/${crypto.randomUUID()}`],
    ] as const) {
      const res = await call(path, { method, body: streamed(NO_BODY_LIMIT + KiB), duplex: 'half' } as RequestInit)
      const body = await expectError(res, 413, 'PAYLOAD_TOO_LARGE')
      expect(body.error.details, `${method} ${path}`).toEqual({ maxBytes: NO_BODY_LIMIT })
    }
  })

  it('are capped on every write route, whatever the route declares', async () => {
    const sessionId = await createSession('Corps de requête, toutes routes')
    const writes = servedRoutes().filter((r) => r.method !== 'GET')
    expect(writes.length).toBeGreaterThan(15)
    for (const { method, path } of writes) {
      const url = path.replace(/^\/api\/v1/, '').replace(/:(\w+)/g, (_, name: string) => (name === 'sessionId' ? sessionId : 'x1'))
      const res = await call(url, {
        method,
        headers: { 'Content-Type': 'application/json', 'Content-Length': String(MAX_BODY_LIMIT + 1) },
        body: '{}',
      })
      expect(res.status, `${method} ${path}`).toBe(413)
      await res.body?.cancel()
    }
  })
})
