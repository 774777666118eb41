/**
 * Typed RPC client of the Certibloc Worker (`hc<AppType>`): routes, parameters and response bodies
 * come from the Worker's own types. `callApi` turns every failure into an `ApiError` whose message
 * is French and ready to show.
 */
import { hc, type ClientResponse } from 'hono/client'
import type { AppType } from '../../../worker/app'
import { SignInError } from '../account/signInError'
import { fr } from '../i18n/fr'

export interface ApiClientOptions {
  /** Replaces the global fetch (tests). */
  fetch?: typeof fetch
}

/**
 * @param authorization called before every request, so a token can be refreshed between calls.
 * @example
 * const client = createApiClient('https://localhost:8787', () => authorizationHeader(account))
 * const { referentials } = await callApi(client.api.v1.referentials.$get())
 */
export function createApiClient(
  baseUrl: string,
  authorization: () => string | Promise<string>,
  options: ApiClientOptions = {},
) {
  return hc<AppType>(baseUrl, {
    headers: async () => ({ Authorization: await authorization() }),
    ...(options.fetch ? { fetch: options.fetch } : {}),
  })
}

export type ApiClient = ReturnType<typeof createApiClient>

/** Codes added by the client to the Worker's own error codes. */
export const ClientErrorCode = {
  NETWORK: 'NETWORK',
  HTTP: 'HTTP',
  INVALID_RESPONSE: 'INVALID_RESPONSE',
} as const

export class ApiError extends Error {
  constructor(
    /** The Worker's error code (UNAUTHORIZED, NOT_FOUND…) or one of `ClientErrorCode`. */
    readonly code: string,
    /** French, ready to show. */
    message: string,
    readonly details: unknown = null,
    /** HTTP status; null when no response arrived. */
    readonly status: number | null = null,
  ) {
    super(message)
    this.name = 'ApiError'
  }
}

type SuccessStatus = 200 | 201 | 202 | 203 | 204 | 205 | 206 | 207 | 208 | 226
/** Distributes over the status union so that only the 2xx JSON bodies remain. */
type BodyIfSuccess<Body, Status, Format> = Status extends SuccessStatus
  ? Format extends 'json'
    ? Body
    : never
  : never
type SuccessBody<R> =
  R extends ClientResponse<infer Body, infer Status, infer Format> ? BodyIfSuccess<Body, Status, Format> : never

interface ErrorEnvelope {
  error: { code: string; message: string; details?: unknown }
}

function isErrorEnvelope(body: unknown): body is ErrorEnvelope {
  if (typeof body !== 'object' || body === null || !('error' in body)) return false
  const error = (body).error
  return (
    typeof error === 'object' &&
    error !== null &&
    typeof (error as { code?: unknown }).code === 'string' &&
    typeof (error as { message?: unknown }).message === 'string'
  )
}

/**
 * Awaits an RPC call and returns its 2xx JSON body, typed from the Worker's route.
 * @throws {ApiError} on network failure, on a non-2xx status (with the envelope's code, message
 * and details when the body is one) and on an unreadable 2xx body.
 */
export async function callApi<R extends ClientResponse<unknown, number, string>>(
  request: Promise<R>,
): Promise<SuccessBody<R>> {
  return (await callApiWithHeaders(request)).body
}

/** As `callApi`, with the response headers (an ETag, for instance). */
export async function callApiWithHeaders<R extends ClientResponse<unknown, number, string>>(
  request: Promise<R>,
): Promise<{ body: SuccessBody<R>; headers: Headers }> {
  let response: R
  try {
    response = await request
  } catch (cause) {
    // Never sent: the Microsoft sign-in must be renewed first, and its French message says so.
    if (cause instanceof SignInError) throw cause
    throw new ApiError(ClientErrorCode.NETWORK, fr.errors.api.network, describeCause(cause))
  }

  if (!response.ok) {
    const text = await response.text().catch(() => '')
    const body = parseJson(text)
    if (isErrorEnvelope(body)) {
      const { code, message, details = null } = body.error
      throw new ApiError(code, message, details, response.status)
    }
    throw new ApiError(ClientErrorCode.HTTP, fr.errors.api.http(response.status), text.slice(0, 500), response.status)
  }

  try {
    return { body: (await response.json()) as SuccessBody<R>, headers: response.headers }
  } catch (cause) {
    throw new ApiError(ClientErrorCode.INVALID_RESPONSE, fr.errors.api.invalidResponse, describeCause(cause), response.status)
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}

function describeCause(cause: unknown): string {
  return cause instanceof Error ? `${cause.name}: ${cause.message}` : String(cause)
}
