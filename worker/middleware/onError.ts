/**
 * `app.onError`: every error leaves in the one envelope. Our ApiErrors carry their code; Hono's own
 * HTTPExceptions (the JSON validator's malformed body, the default body limit, any middleware)
 * keep their status and get the code and French message of that status; anything else is a bug:
 * logged for us, a plain 500 for the client, never the stack.
 */
import type { Context } from 'hono'
import { HTTPException } from 'hono/http-exception'
import { ApiError, ErrorCode, type ErrorEnvelope } from '../errors'
import { messages } from '../i18n/fr'

interface Rendered {
  code: ErrorCode
  message: string
  details: unknown
}

/** Hono's HTTPException statuses our codes name, with their French message. */
const httpErrors: Partial<Record<number, { code: ErrorCode; message: (method: string) => string }>> = {
  401: { code: ErrorCode.UNAUTHORIZED, message: () => messages.unauthorized },
  403: { code: ErrorCode.FORBIDDEN, message: () => messages.httpForbidden },
  404: { code: ErrorCode.NOT_FOUND, message: () => messages.httpNotFound },
  405: { code: ErrorCode.METHOD_NOT_ALLOWED, message: (method) => messages.httpMethodNotAllowed(method) },
  409: { code: ErrorCode.CONFLICT, message: () => messages.httpConflict },
  413: { code: ErrorCode.PAYLOAD_TOO_LARGE, message: () => messages.httpPayloadTooLarge },
  415: { code: ErrorCode.UNSUPPORTED_MEDIA_TYPE, message: () => messages.httpUnsupportedMediaType },
  429: { code: ErrorCode.TOO_MANY_REQUESTS, message: () => messages.httpTooManyRequests },
}

function fromHttpException(err: HTTPException, method: string): Rendered {
  if (err.status === 400) {
    // Hono's validators: « Malformed JSON in request body », « Malformed FormData request. »
    const message = /json/i.test(err.message) ? messages.malformedJson : messages.httpBadRequest
    return { code: ErrorCode.VALIDATION_FAILED, message, details: { issues: [{ path: 'body', message }] } }
  }
  const known = httpErrors[err.status]
  if (known) return { code: known.code, message: known.message(method), details: null }
  if (err.status >= 500) return { code: ErrorCode.INTERNAL, message: messages.internal, details: null }
  return { code: ErrorCode.REQUEST_REFUSED, message: messages.httpRefused(err.status), details: null }
}

/** Headers the exception's own response carries (WWW-Authenticate, Retry-After, Allow…), not its body's. */
function headersOf(err: HTTPException): Record<string, string> {
  const headers: Record<string, string> = {}
  err.getResponse().headers.forEach((value, name) => {
    if (!/^content-(type|length)$/i.test(name)) headers[name] = value
  })
  return headers
}

export function renderError(err: Error, c: Context): Response {
  if (err instanceof ApiError) return c.json(err.toEnvelope(), err.status)
  if (err instanceof HTTPException) {
    if (err.status >= 500) console.error('HTTP error', err)
    const { code, message, details } = fromHttpException(err, c.req.method)
    const body: ErrorEnvelope = { error: { code, message, details } }
    return c.json(body, err.status, headersOf(err))
  }
  console.error('Unhandled error', err)
  const body: ErrorEnvelope = { error: { code: ErrorCode.INTERNAL, message: messages.internal, details: null } }
  return c.json(body, 500)
}
