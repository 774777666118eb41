/**
 * Raw HTTP calls the typed RPC client does not cover: file downloads (PDF, .xlsx, CSV, XML) and
 * multipart uploads. Failures become the same French `ApiError` as `callApi` throws.
 */
import type { ClientResponse } from 'hono/client'
import { fr } from '../i18n/fr'
import { ApiError, ClientErrorCode, callApi } from './client'

/** Where the API is and how to authenticate, for calls outside `hc<AppType>`. */
export interface ApiEndpoint {
  baseUrl: string
  authorization: () => string | Promise<string>
  /** Replaces the global fetch (tests). */
  fetch?: typeof fetch
}

function describeCause(cause: unknown): string {
  return cause instanceof Error ? `${cause.name}: ${cause.message}` : String(cause)
}

/** Fetches `/api/v1{path}` with the Authorization header; network failures become ApiError. */
export async function rawRequest(endpoint: ApiEndpoint, path: string, init: RequestInit = {}): Promise<Response> {
  const headers = new Headers(init.headers)
  headers.set('Authorization', await endpoint.authorization())
  const fetchImpl = endpoint.fetch ?? fetch
  try {
    return await fetchImpl(`${endpoint.baseUrl}/api/v1${path}`, { ...init, headers })
  } catch (cause) {
    throw new ApiError(ClientErrorCode.NETWORK, fr.errors.api.network, describeCause(cause))
  }
}

/** The JSON body of a 2xx answer, or the ApiError of the envelope (code, French message, details). */
export async function rawJson<T>(response: Promise<Response>): Promise<T> {
  return callApi<ClientResponse<T, 200, 'json'>>(response as unknown as Promise<ClientResponse<T, 200, 'json'>>)
}

export interface DownloadedFile {
  blob: Blob
  fileName: string
}

/** The file name of a Content-Disposition header, the UTF-8 form (RFC 6266) first. */
export function fileNameOf(disposition: string | null, fallback: string): string {
  if (!disposition) return fallback
  const extended = /filename\*=UTF-8''([^;]+)/i.exec(disposition)
  if (extended?.[1]) {
    try {
      return decodeURIComponent(extended[1].trim())
    } catch {
      // Malformed escape: fall back to the ASCII name.
    }
  }
  const plain = /filename="([^"]+)"/i.exec(disposition)
  return plain?.[1] ?? fallback
}

/** Downloads `/api/v1{path}`; a non-2xx answer throws the ApiError of its envelope (422 details included). */
export async function downloadFile(endpoint: ApiEndpoint, path: string, fallbackName: string): Promise<DownloadedFile> {
  const response = await rawRequest(endpoint, path)
  if (!response.ok) {
    // Lets callApi read the error envelope and throw.
    await rawJson<never>(Promise.resolve(response))
  }
  return { blob: await response.blob(), fileName: fileNameOf(response.headers.get('content-disposition'), fallbackName) }
}

/** Saves a downloaded file through a Blob URL and an `<a download>` (browser only). */
export function saveFile({ blob, fileName }: DownloadedFile): void {
  const url = URL.createObjectURL(blob)
  const link = document.createElement('a')
  link.href = url
  link.download = fileName
  link.rel = 'noopener'
  document.body.appendChild(link)
  link.click()
  link.remove()
  // Give the browser time to start the download before releasing the blob.
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}
