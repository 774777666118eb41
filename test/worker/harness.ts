/** A small typed harness for Worker tests: requests through the real app with the test bindings. */
import { env } from 'cloudflare:workers'
import { app } from '../../worker/app'
import type { Env } from '../../worker/env'
import { publishReferential } from '../../worker/db/referentials'
import { seedReferential } from '../../shared/referential'
import { contentHash } from '../../shared/contentHash'
import { CERTIFIER_VARIABLES } from '../../shared/documents/certifierSettings'
import { checkDocumentedResponse } from './documentedResponses'

export const ADMIN_TOKEN = 'test-admin-token'

/**
 * The test bindings, without the certifier settings a developer's .dev.vars may hold (npm start
 * writes demo values there and the plugin reads it): tests pass those settings explicitly.
 */
const certifierVariables = new Set<string>(Object.values(CERTIFIER_VARIABLES))
const bindings = env as unknown as Env

/** The static assets the Worker reads itself (the PDF fonts), served from the test bindings. */
const testAssets = {
  fetch(input: RequestInfo | URL): Promise<Response> {
    const url = new URL(typeof input === 'string' || input instanceof URL ? input : input.url)
    const file = bindings.TEST_PDF_FONTS[url.pathname]
    if (file === undefined) return Promise.resolve(new Response('Not found', { status: 404 }))
    return Promise.resolve(new Response(Uint8Array.from(atob(file), (ch) => ch.charCodeAt(0)), { headers: { 'Content-Type': 'font/ttf' } }))
  },
}

export const testEnv = {
  ...Object.fromEntries(Object.entries(env as unknown as Record<string, unknown>).filter(([name]) => !certifierVariables.has(name))),
  ASSETS: testAssets,
} as unknown as Env

/** A request through the real app; its answer must be the one the OpenAPI document describes. */
export async function request(path: string, init: RequestInit & { token?: string | null; env?: Partial<Env> } = {}): Promise<Response> {
  const { token = ADMIN_TOKEN, headers, env: extraEnv = {}, ...rest } = init
  const allHeaders = new Headers(headers)
  if (token !== null) allHeaders.set('Authorization', `Bearer ${token}`)
  const response = await app.request(path, { ...rest, headers: allHeaders }, { ...testEnv, ...extraEnv })
  await checkDocumentedResponse(rest.method ?? 'GET', path, response)
  return response
}

/** Publishes the seed's référentiel into this test file's D1 (idempotent). */
export async function seedTheReferential() {
  return publishReferential(testEnv.DB, seedReferential, await contentHash(seedReferential))
}
