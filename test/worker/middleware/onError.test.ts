import { Hono } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { HTTPException } from 'hono/http-exception'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import { validator } from 'hono/validator'
import { describe, expect, it } from 'vitest'
import { ApiError, ErrorCode, errorStatus, type ErrorEnvelope } from '../../../worker/errors'
import { messages } from '../../../worker/i18n/fr'
import { renderError } from '../../../worker/middleware/onError'
import { request, seedTheReferential } from '../harness'

/** Hono's own errors, raised by its middleware or by a handler, rendered by app.onError's handler. */
const raising = new Hono()
  .post('/limited', bodyLimit({ maxSize: 10 }), (c) => c.text('lu'))
  .post(
    '/json',
    validator('json', (value) => value),
    (c) => c.text('lu'),
  )
  .get('/status/:status', (c) => {
    throw new HTTPException(Number(c.req.param('status')) as ContentfulStatusCode, { message: 'raised by a middleware' })
  })
  .get('/challenge', () => {
    throw new HTTPException(401, { res: new Response('Unauthorized', { status: 401, headers: { 'WWW-Authenticate': 'Basic realm="x"' } }) })
  })
  .get('/api-error', () => {
    throw new ApiError(ErrorCode.CONFLICT, 'conflit', { reason: 'test' })
  })
  .get('/bug', () => {
    throw new TypeError('undefined is not a function')
  })
  .onError(renderError)

async function envelope(res: Response): Promise<ErrorEnvelope['error']> {
  expect(res.headers.get('content-type')).toMatch(/^application\/json/)
  const body = await res.json<ErrorEnvelope>()
  expect(Object.keys(body.error).sort()).toEqual(['code', 'details', 'message'])
  return body.error
}

describe('app.onError', () => {
  it('renders the default 413 of hono/body-limit in the envelope', async () => {
    const res = await raising.request('/limited', { method: 'POST', body: 'x'.repeat(100) })
    expect(res.status).toBe(413)
    expect(await envelope(res)).toEqual({ code: ErrorCode.PAYLOAD_TOO_LARGE, message: messages.httpPayloadTooLarge, details: null })
  })

  it('renders the JSON validator’s malformed body as 400 located in body', async () => {
    const res = await raising.request('/json', { method: 'POST', body: '{"a":', headers: { 'Content-Type': 'application/json' } })
    expect(res.status).toBe(400)
    expect(await envelope(res)).toEqual({
      code: ErrorCode.VALIDATION_FAILED,
      message: messages.malformedJson,
      details: { issues: [{ path: 'body', message: messages.malformedJson }] },
    })
  })

  it('answers malformed JSON with 400 through the real app', async () => {
    await seedTheReferential()
    const res = await request('/api/v1/sessions', { method: 'POST', body: '{"name": "Session', headers: { 'Content-Type': 'application/json' } })
    expect(res.status).toBe(400)
    expect((await envelope(res)).code).toBe(ErrorCode.VALIDATION_FAILED)
  })

  it.each([
    [401, ErrorCode.UNAUTHORIZED, messages.unauthorized],
    [403, ErrorCode.FORBIDDEN, messages.httpForbidden],
    [404, ErrorCode.NOT_FOUND, messages.httpNotFound],
    [405, ErrorCode.METHOD_NOT_ALLOWED, messages.httpMethodNotAllowed('GET')],
    [409, ErrorCode.CONFLICT, messages.httpConflict],
    [415, ErrorCode.UNSUPPORTED_MEDIA_TYPE, messages.httpUnsupportedMediaType],
    [429, ErrorCode.TOO_MANY_REQUESTS, messages.httpTooManyRequests],
  ] as const)('keeps status %i with its code %s and a French message', async (status, code, message) => {
    const res = await raising.request(`/status/${status}`)
    expect(res.status).toBe(status)
    expect(await envelope(res)).toEqual({ code, message, details: null })
    expect(errorStatus[code]).toBe(status)
  })

  it('gives any other client error status the generic code, keeping the status', async () => {
    for (const status of [402, 408, 410, 418, 451]) {
      const res = await raising.request(`/status/${status}`)
      expect(res.status).toBe(status)
      expect(await envelope(res)).toEqual({ code: ErrorCode.REQUEST_REFUSED, message: messages.httpRefused(status), details: null })
    }
  })

  it('answers a server error status with INTERNAL and never the exception’s text', async () => {
    const res = await raising.request('/status/503')
    expect(res.status).toBe(503)
    expect(await envelope(res)).toEqual({ code: ErrorCode.INTERNAL, message: messages.internal, details: null })
  })

  it('keeps the headers of the exception’s response (WWW-Authenticate)', async () => {
    const res = await raising.request('/challenge')
    expect(res.status).toBe(401)
    expect(res.headers.get('www-authenticate')).toBe('Basic realm="x"')
    expect((await envelope(res)).code).toBe(ErrorCode.UNAUTHORIZED)
  })

  it('renders our ApiError as is, and a bug as a plain 500', async () => {
    const conflict = await raising.request('/api-error')
    expect(conflict.status).toBe(409)
    expect(await envelope(conflict)).toEqual({ code: ErrorCode.CONFLICT, message: 'conflit', details: { reason: 'test' } })
    const bug = await raising.request('/bug')
    expect(bug.status).toBe(500)
    expect(await envelope(bug)).toEqual({ code: ErrorCode.INTERNAL, message: messages.internal, details: null })
  })
})
