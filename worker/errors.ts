/**
 * One error envelope for the whole API: `{ error: { code, message, details } }`, with every code
 * in one enum mapped to its HTTP status. Routes throw `ApiError`; `app.onError` renders it.
 */
import type { ContentfulStatusCode } from 'hono/utils/http-status'

export const ErrorCode = {
  UNAUTHORIZED: 'UNAUTHORIZED',
  /** Authenticated, but the caller's role does not grant the permission the route needs. */
  FORBIDDEN: 'FORBIDDEN',
  /** Too many failed authentications from this address: wait before trying again. */
  TOO_MANY_REQUESTS: 'TOO_MANY_REQUESTS',
  NOT_FOUND: 'NOT_FOUND',
  VALIDATION_FAILED: 'VALIDATION_FAILED',
  /** Someone else changed what the client read: the details list the server's side. */
  CONFLICT: 'CONFLICT',
  /** The session is deliberated or closed: its data is read-only. */
  SESSION_LOCKED: 'SESSION_LOCKED',
  /** An Idempotency-Key was sent again with a different request. */
  IDEMPOTENCY_KEY_REUSED: 'IDEMPOTENCY_KEY_REUSED',
  PAYLOAD_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  UNSUPPORTED_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  /** The resource exists but not for this HTTP method. */
  METHOD_NOT_ALLOWED: 'METHOD_NOT_ALLOWED',
  /**
   * Any other client error raised by Hono itself (an HTTPException of a status no code above
   * names): the answer keeps the exception's status.
   */
  REQUEST_REFUSED: 'REQUEST_REFUSED',
  SERVER_MISCONFIGURED: 'SERVER_MISCONFIGURED',
  INTERNAL: 'INTERNAL',
  /** Issue 15: the jury fails the composition rules; finalising needs an override with a reason. */
  JURY_COMPOSITION_INVALID: 'JURY_COMPOSITION_INVALID',
  /** Issue 15: a certifier setting a document needs is missing (an administrator sets it). */
  SETTINGS_INCOMPLETE: 'SETTINGS_INCOMPLETE',
} as const
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode]

export const errorStatus: Record<ErrorCode, ContentfulStatusCode> = {
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  TOO_MANY_REQUESTS: 429,
  NOT_FOUND: 404,
  VALIDATION_FAILED: 400,
  CONFLICT: 409,
  SESSION_LOCKED: 423,
  IDEMPOTENCY_KEY_REUSED: 422,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  METHOD_NOT_ALLOWED: 405,
  // Nominal: rendered with the status of the HTTPException it stands for.
  REQUEST_REFUSED: 400,
  SERVER_MISCONFIGURED: 500,
  INTERNAL: 500,
  JURY_COMPOSITION_INVALID: 422,
  SETTINGS_INCOMPLETE: 409,
}

/** Codes whose status is the one of the HTTPException they render, not their `errorStatus`. */
export const variableStatusCodes: ReadonlySet<ErrorCode> = new Set([ErrorCode.REQUEST_REFUSED])

export interface ErrorEnvelope {
  error: { code: ErrorCode; message: string; details: unknown }
}

export class ApiError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: unknown = null,
  ) {
    super(message)
    this.name = 'ApiError'
  }

  get status(): ContentfulStatusCode {
    return errorStatus[this.code]
  }

  toEnvelope(): ErrorEnvelope {
    return { error: { code: this.code, message: this.message, details: this.details } }
  }
}
