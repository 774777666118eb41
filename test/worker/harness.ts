/** A small typed harness for Worker tests: requests through the real app with the test bindings. */
import { env } from 'cloudflare:workers'
import { app } from '../../worker/app'
import type { Env } from '../../worker/env'
import { publishReferential } from '../../worker/db/referentials'
import { seedReferential } from '../../shared/referential'
import { contentHash } from '../../shared/contentHash'

export const ADMIN_TOKEN = 'test-admin-token'

export const testEnv = env as unknown as Env

export function request(path: string, init: RequestInit & { token?: string | null } = {}): Promise<Response> {
  const { token = ADMIN_TOKEN, headers, ...rest } = init
  const allHeaders = new Headers(headers)
  if (token !== null) allHeaders.set('Authorization', `Bearer ${token}`)
  return Promise.resolve(app.request(path, { ...rest, headers: allHeaders }, testEnv))
}

/** Publishes the seed's référentiel into this test file's D1 (idempotent). */
export async function seedTheReferential() {
  return publishReferential(testEnv.DB, seedReferential, await contentHash(seedReferential))
}
