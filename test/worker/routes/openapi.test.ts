import { describe, expect, it } from 'vitest'
import { app } from '../../../worker/app'
import { request } from '../harness'

/** Hono's path syntax (`:id`) to OpenAPI's (`{id}`), relative to /api/v1. */
const toOpenApiPath = (path: string) => path.replace(/^\/api\/v1/, '').replace(/:(\w+)/g, '{$1}')

describe('GET /api/v1/openapi.json', () => {
  it('is public and describes every route the app serves, and only those', async () => {
    const res = await request('/api/v1/openapi.json', { token: null })
    expect(res.status).toBe(200)
    const doc = await res.json<{ openapi: string; paths: Record<string, Record<string, unknown>> }>()
    expect(doc.openapi).toBe('3.1.0')
    const served = new Set(
      app.routes
        .filter((r) => r.method !== 'ALL')
        .map((r) => `${r.method.toLowerCase()} ${toOpenApiPath(r.path).replace(/\/$/, '') || '/'}`),
    )
    const documented = new Set(
      Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((method) => `${method} ${path}`)),
    )
    expect([...documented].sort()).toEqual([...served].sort())
  })

  it('describes request bodies with the validation schemas', async () => {
    const res = await request('/api/v1/openapi.json', { token: null })
    const doc = await res.json<{ paths: Record<string, Record<string, { requestBody?: { content: Record<string, { schema: { properties?: Record<string, unknown> } }> } }>> }>()
    const push = doc.paths['/sessions/{sessionId}/grades']?.put?.requestBody?.content['application/json']?.schema
    expect(Object.keys(push?.properties ?? {})).toEqual(['rows', 'reason'])
  })
})
