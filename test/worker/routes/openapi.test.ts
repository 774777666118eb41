import { describe, expect, it } from 'vitest'
import committedDocument from '../../../addin/public/openapi.json?raw'
import { app } from '../../../worker/app'
import { routePolicy } from '../../../worker/auth/policy'
import { ErrorCode } from '../../../worker/errors'
import { buildOpenApiDocument, serialiseDocument } from '../../../worker/openapi/document'
import { servedRoutes, toOpenApiPath } from '../../../worker/openapi/operations'
import { checkDocumentedResponse } from '../documentedResponses'
import { request } from '../harness'

interface Schema {
  $ref?: string
  type?: string
  properties?: Record<string, Schema>
  required?: string[]
  enum?: string[]
}
interface Parameter {
  in: string
  name: string
  required?: boolean
  schema: Schema & { default?: unknown }
}
interface Operation {
  security?: unknown[]
  parameters?: Parameter[]
  requestBody?: { content: Record<string, { schema: Schema }> }
  responses: Record<string, { description: string; content?: Record<string, { schema: Schema }> }>
}
interface Document {
  openapi: string
  servers: Array<{ url: string }>
  paths: Record<string, Record<string, Operation>>
  components: { schemas: Record<string, Schema>; securitySchemes: Record<string, unknown> }
}

const generated = JSON.parse(serialiseDocument(await buildOpenApiDocument(app))) as Document
const operations = Object.entries(generated.paths).flatMap(([path, ops]) => Object.entries(ops).map(([method, op]) => ({ path, method, op })))

/** ASSETS serving what the build copies from addin/public: the committed document. */
const assets = (text: string | null) => ({
  fetch: (input: RequestInfo | URL) =>
    Promise.resolve(
      text !== null && new URL(input instanceof Request ? input.url : input).pathname === '/openapi.json'
        ? new Response(text, { headers: { 'Content-Type': 'application/json' } })
        : new Response('Not found', { status: 404 }),
    ),
})

describe('GET /api/v1/openapi.json', () => {
  it('is public and serves the document from the static assets', async () => {
    const res = await request('/api/v1/openapi.json', { token: null, env: { ASSETS: assets(committedDocument) as unknown as Fetcher } })
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toMatch(/^application\/json/)
    expect(await res.text()).toBe(committedDocument)
  })

  it('answers 500 in the envelope when the build did not copy the document', async () => {
    const res = await request('/api/v1/openapi.json', { token: null, env: { ASSETS: assets(null) as unknown as Fetcher } })
    expect(res.status).toBe(500)
    expect((await res.json<{ error: { code: string } }>()).error.code).toBe(ErrorCode.SERVER_MISCONFIGURED)
  })
})

describe('the OpenAPI document', () => {
  it('is the one generated from the routes (run `npm run openapi` after changing a route or a schema)', () => {
    expect(committedDocument).toBe(serialiseDocument(generated))
  })

  it('is OpenAPI 3.1 with paths relative to /api/v1 and bearer authentication', () => {
    expect(generated.openapi).toBe('3.1.0')
    expect(generated.servers).toEqual([{ url: '/api/v1' }])
    expect(Object.keys(generated.components.securitySchemes)).toEqual(['bearer'])
  })

  it('describes every route the app serves, and only those', () => {
    const served = servedRoutes(app).map((route) => {
      const [method = '', path = ''] = route.split(' ')
      return `${method.toLowerCase()} ${toOpenApiPath(path)}`
    })
    const documented = operations.map(({ method, path }) => `${method} ${path}`)
    expect(documented.sort()).toEqual(served.sort())
  })

  it('marks exactly the public routes of the authorization policy as needing no token', () => {
    const publicRoutes = Object.entries(routePolicy)
      .filter(([, access]) => access.scope === 'public')
      .map(([key]) => key)
    const documentedPublic = operations
      .filter(({ op }) => op.security !== undefined && op.security.length === 0)
      .map(({ method, path }) => `${method.toUpperCase()} ${path}`)
    expect(documentedPublic.sort()).toEqual(publicRoutes.sort())
  })

  it('describes request bodies and parameters with the validation schemas, as input', () => {
    const push = generated.paths['/sessions/{sessionId}/grades']?.put?.requestBody?.content['application/json']?.schema
    expect(Object.keys(push?.properties ?? {})).toEqual(['rows', 'reason'])
    const audit = generated.paths['/sessions/{sessionId}/audit']?.get?.parameters ?? []
    expect(audit.map((p) => `${p.in} ${p.name}${p.required ? ' (requis)' : ''}`)).toEqual([
      'path sessionId (requis)',
      'query candidateId',
      'query after',
      'query order',
      'query before',
      'query limit',
    ])
    // A default makes the parameter optional and is documented; the coercion reads as an integer.
    expect(audit.find((p) => p.name === 'limit')?.schema).toMatchObject({ type: 'integer', default: 100 })
    const upload = generated.paths['/sessions/{sessionId}/candidates/import']?.post?.requestBody?.content ?? {}
    expect(Object.keys(upload)).toContain('text/csv')
  })

  it('gives every JSON success answer its schema, and no body to 204 and 304', () => {
    const successes = operations.flatMap(({ method, path, op }) =>
      Object.entries(op.responses)
        .filter(([status]) => status.startsWith('2') || status === '304')
        .map(([status, response]) => ({ where: `${method} ${path} ${status}`, status, response })),
    )
    expect(successes.length).toBeGreaterThanOrEqual(operations.length)
    for (const { where, status, response } of successes) {
      if (status === '204' || status === '304') {
        expect(response.content, where).toBeUndefined()
        continue
      }
      const media = Object.entries(response.content ?? {})
      expect(media.length, where).toBeGreaterThan(0)
      for (const [type, { schema }] of media) {
        // A JSON answer has a real schema, not `{}` (anything).
        if (type === 'application/json') expect(Object.keys(schema), where).not.toEqual([])
      }
    }
  })

  it('answers every error in the envelope, with the codes of worker/errors.ts', () => {
    const codes = new Set<string>(Object.values(ErrorCode))
    let errors = 0
    for (const { method, path, op } of operations) {
      for (const [status, response] of Object.entries(op.responses).filter(([s]) => Number(s) >= 400)) {
        errors++
        const ref = response.content?.['application/json']?.schema.$ref
        expect(ref, `${method} ${path} ${status}`).toBe(`#/components/schemas/Error${status}`)
      }
    }
    expect(errors).toBeGreaterThan(operations.length * 3)
    for (const [name, schema] of Object.entries(generated.components.schemas).filter(([n]) => /^Error\d{3}$/.test(n))) {
      expect(schema.required, name).toEqual(['error'])
      const error = schema.properties?.error
      expect(error?.required, name).toEqual(['code', 'message', 'details'])
      expect(error?.properties?.code?.enum?.every((code) => codes.has(code)), name).toBe(true)
    }
  })

  it('resolves every reference to a component', () => {
    const refs = [...serialiseDocument(generated).matchAll(/"\$ref": "#\/components\/schemas\/([^"]+)"/g)].map((m) => m[1] ?? '')
    expect(refs.length).toBeGreaterThan(0)
    for (const name of new Set(refs)) expect(generated.components.schemas[name], name).toBeDefined()
  })
})

describe('the check of every Worker test answer against the document', () => {
  const jsonResponse = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } })

  it('accepts an answer as documented', async () => {
    await expect(checkDocumentedResponse('GET', '/api/v1/health', jsonResponse(200, { status: 'ok' }))).resolves.toBeUndefined()
  })

  it('refuses a body that does not follow the schema, an undocumented status or media type', async () => {
    await expect(checkDocumentedResponse('GET', '/api/v1/health', jsonResponse(200, { status: 'ok', extra: 1 }))).rejects.toThrow(/schéma/)
    await expect(checkDocumentedResponse('GET', '/api/v1/health', jsonResponse(201, { status: 'ok' }))).rejects.toThrow(/non documentée/)
    await expect(checkDocumentedResponse('GET', '/api/v1/sessions/s1', new Response('<html>', { headers: { 'Content-Type': 'text/html' } }))).rejects.toThrow(
      /text\/html/,
    )
    await expect(
      checkDocumentedResponse('GET', '/api/v1/sessions/s1', jsonResponse(404, { error: { code: 'CONFLICT', message: 'x', details: null } })),
    ).rejects.toThrow(/schéma/)
  })
})
