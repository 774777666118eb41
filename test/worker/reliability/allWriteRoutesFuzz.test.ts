/**
 * Hostile JSON bodies against every write route the app registers with a JSON body (the list is
 * read from the routes, so a new route is fuzzed the day it is added): deep nesting, NUL and other
 * control characters, wrong types, unknown keys, huge strings, arbitrary JSON. Whatever arrives,
 * the answer is 2xx or 4xx, never 5xx; every refusal is the error envelope with a French message,
 * and no zod message reaches the caller in English. Fixed seed, modest runs (well under 30 s).
 */
import fc from 'fast-check'
import { beforeAll, describe, expect, it } from 'vitest'
import { request, seedTheReferential } from '../harness'
import { jsonWriteRoutes, urlOf, type JsonWriteRoute } from '../routes/jsonWriteRoutes'
import { bulkCandidates, candidateBody, createSession, FRENCH, listCandidates } from './helpers'

const SEED = 20_261_202
const routes = jsonWriteRoutes()
let ids: Record<string, string> = {}

/** zod's English templates, as they read when the French locale is not applied. */
const ENGLISH = /Invalid input|Invalid (option|string|type|key|element|union)|expected \w+, received|Unrecognized key|Too (big|small)|must (be|have|contain)|should be|Required\b|Number must/

beforeAll(async () => {
  await seedTheReferential()
  const sessionId = await createSession('Fuzz des routes')
  await bulkCandidates(sessionId, [candidateBody('F1'), candidateBody('F2')])
  const [candidate] = await listCandidates(sessionId)
  ids = { sessionId, candidateId: candidate?.id ?? 'inconnu' }
})

const nested = (depth: number, leaf: string, open: string, close: string) => open.repeat(depth) + leaf + close.repeat(depth)

/** Values nobody should send, serialised by hand where JSON.stringify cannot express them. */
const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom<unknown>('\u0000Jeanne', 'Jea\u0000nne', '\u0007', '\u0085', '\ud800', '', '   ', '\n', null, true, 0, -1, 1e308, 20.5, [], {}, [null], { a: { b: {} } }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ maxLength: 20 }).map((s) => s.repeat(500)),
  fc.integer(),
  fc.double(),
  fc.jsonValue({ maxDepth: 4 }),
)

interface Case {
  route: JsonWriteRoute
  body: string
}

/** A body: the route's own keys with hostile values, plus maybe an unknown key; or any JSON at all. */
const body = (route: JsonWriteRoute): fc.Arbitrary<string> =>
  fc.oneof(
    fc
      .record({
        picked: fc.subarray(route.keys),
        values: fc.array(hostileValue, { minLength: route.keys.length, maxLength: route.keys.length }),
        extra: fc.option(fc.tuple(fc.constantFrom('inconnue', '__proto__', 'constructor', 'a\u0000b'), hostileValue)),
      })
      .map(({ picked, values, extra }) => {
        const fields = picked.map((key) => `${JSON.stringify(key)}:${JSON.stringify(values[route.keys.indexOf(key)]) ?? 'null'}`)
        if (extra) fields.push(`${JSON.stringify(extra[0])}:${JSON.stringify(extra[1]) ?? 'null'}`)
        return `{${fields.join(',')}}`
      }),
    fc.jsonValue().map((v) => JSON.stringify(v)),
    fc.constantFrom(
      nested(8000, '', '[', ']'),
      nested(3000, '1', '{"a":', '}'),
      `{${route.keys.map((k) => `${JSON.stringify(k)}:${nested(2000, '0', '[', ']')}`).join(',')}}`,
      `{${route.keys.map((k) => `${JSON.stringify(k)}:"\\u0000Jeanne"`).join(',')}}`,
      `{${route.keys.map((k) => `${JSON.stringify(k)}:${JSON.stringify('é'.repeat(5000))}`).join(',')}}`,
    ),
  )

const cases: fc.Arbitrary<Case> = fc.constantFrom(...routes).chain((route) => body(route).map((b) => ({ route, body: b })))

async function expectWellFormed({ route, body: sent }: Case): Promise<void> {
  const res = await request(urlOf(route, ids), { method: route.method, headers: { 'Content-Type': 'application/json' }, body: sent })
  const text = await res.text()
  const context = `${route.method} ${route.path} ${res.status} ← ${sent.slice(0, 200)}\n→ ${text.slice(0, 400)}`
  expect(res.status, context).toBeLessThan(500)
  if (res.status < 400) return
  const answer = JSON.parse(text) as { error: { code: string; message: string; details: { issues?: Array<{ path: string; message: string }> } | null } }
  expect(answer.error.code, context).toMatch(/^[A-Z_]+$/)
  expect(answer.error.message, context).toMatch(FRENCH)
  expect(answer.error.message, context).not.toMatch(ENGLISH)
  for (const issue of answer.error.details?.issues ?? []) {
    expect(issue.path, context).toMatch(/^(body|header|query|param|file)\b/)
    expect(issue.message, context).not.toMatch(ENGLISH)
  }
}

describe('every JSON write route', () => {
  it('is derived from the app (and there are many of them)', () => {
    expect(routes.length).toBeGreaterThanOrEqual(20)
    expect(routes.map((r) => `${r.method} ${r.path}`)).toEqual(expect.arrayContaining(['PUT /sessions/:sessionId/grades', 'PUT /sessions/:sessionId/jury', 'POST /tokens']))
  })

  it('never answers 5xx to hostile bodies, and refuses in French', { timeout: 120_000 }, async () => {
    await fc.assert(fc.asyncProperty(cases, expectWellFormed), { seed: SEED, numRuns: 800 })
  })

  it.each(routes.map((r) => [`${r.method} ${r.path}`, r] as const))('%s: wrong types on every field are refused in French', async (_name, route) => {
    for (const wrong of [42, 'texte', [1], { a: 1 }, true]) {
      await expectWellFormed({ route, body: JSON.stringify(Object.fromEntries([...route.keys.map((k) => [k, wrong]), ['inconnue', 1]])) })
    }
  })
})
