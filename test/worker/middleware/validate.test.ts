/**
 * The request validator against hostile structure: bodies nested thousands of levels deep,
 * control characters in text, and validations yielding thousands of issues. A client never gets a
 * 500 for what it sent, and always a French message that says where.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import { MAX_JSON_DEPTH, MAX_LISTED_ISSUES } from '../../../worker/middleware/validate'
import { request, seedTheReferential } from '../harness'
import { candidateBody, bulkCandidates, createSession, expectError, json, listCandidates } from '../reliability/helpers'
import { jsonWriteRoutes, urlOf } from '../routes/jsonWriteRoutes'

let ids: Record<string, string> = {}
let rowVersion = 1

beforeAll(async () => {
  await seedTheReferential()
  const sessionId = await createSession('Validation')
  await bulkCandidates(sessionId, [candidateBody('V1')])
  const [candidate] = await listCandidates(sessionId)
  ids = { sessionId, candidateId: candidate?.id ?? 'inconnu' }
  rowVersion = candidate?.rowVersion ?? 1
})

const send = (method: string, url: string, body: string) => request(url, { method, headers: { 'Content-Type': 'application/json' }, body })

describe('a body nested 8,000 levels deep', () => {
  // 16,000 bytes: under the smallest route limit (16 KiB), so it reaches the validator everywhere.
  const arrays = '['.repeat(8000) + ']'.repeat(8000)
  // 48,001 bytes: over the 16 KiB limit of the small routes, which answer 413 before parsing.
  const objects = '{"a":'.repeat(8000) + '1' + '}'.repeat(8000)

  it('parses as JSON (JSON.parse itself is not the problem)', () => {
    expect(() => JSON.parse(arrays)).not.toThrow()
    expect(() => JSON.parse(objects)).not.toThrow()
  })

  it.each(jsonWriteRoutes().map((r) => [`${r.method} ${r.path}`, r] as const))('%s answers 400 « JSON trop imbriqué », located (or 413 when over its size limit)', async (_name, route) => {
    for (const body of [arrays, objects]) {
      const res = await send(route.method, urlOf(route, ids), body)
      if (body === objects && res.status === 413) {
        await expectError(res, 413, 'PAYLOAD_TOO_LARGE')
        continue
      }
      const error = await expectError(res, 400, 'VALIDATION_FAILED')
      expect(error.error.message).toContain('JSON trop imbriqué')
      expect(error.error.message).toContain(`${MAX_JSON_DEPTH}\u00a0niveaux au plus`)
      const issue = error.error.details?.issues?.[0]
      expect(issue?.path).toMatch(body === arrays ? /^body(\[0\]){64}$/ : /^body(\.a){64}$/)
    }
  })

  it(`accepts ${MAX_JSON_DEPTH - 1} levels as far as structure goes (the schema then says what is wrong)`, async () => {
    const body = '{"a":'.repeat(MAX_JSON_DEPTH - 1) + '1' + '}'.repeat(MAX_JSON_DEPTH - 1)
    const error = await expectError(await send('POST', '/api/v1/sessions', body), 400, 'VALIDATION_FAILED')
    expect(error.error.message).not.toContain('trop imbriqué')
  })
})

describe('control characters in text', () => {
  it('a jury member named « \\u0000Jeanne » is refused at its path, never a 500', async () => {
    const res = await request(`/api/v1/sessions/${ids.sessionId}/jury`, {
      method: 'PUT',
      ...json({ members: [{ name: '\u0000Jeanne', quality: 'DSI', external: true, president: true }] }),
    })
    const error = await expectError(res, 400, 'VALIDATION_FAILED')
    expect(error.error.details?.issues).toContainEqual({ path: 'body.members[0].name', message: 'caractère de contrôle interdit (U+0000, position 1)' })
  })

  it('a token named « \\u0000Jeanne » is refused at its path', async () => {
    const error = await expectError(await request('/api/v1/tokens', { method: 'POST', ...json({ name: '\u0000Jeanne', role: 'assessor' }) }), 400, 'VALIDATION_FAILED')
    expect(error.error.details?.issues?.map((i) => i.path)).toContain('body.name')
  })

  it.each([
    ['C0', 'Jea\u0007nne', 'caractère de contrôle interdit (U+0007, position 4)'],
    ['DEL', 'Jeanne\u007f', 'caractère de contrôle interdit (U+007F, position 7)'],
    ['C1', '\u0085Jeanne', 'caractère de contrôle interdit (U+0085, position 1)'],
    ['an unpaired surrogate', 'Jeanne\ud800', 'caractère invalide (U+D800, position 7)'],
    ['a line break in a name', 'Jeanne\nDupont', 'saut de ligne ou tabulation interdit (U+000A, position 7)'],
    ['a tab in a name', 'Jeanne\tDupont', 'saut de ligne ou tabulation interdit (U+0009, position 7)'],
  ])('%s in a session name is refused with a located French message', async (_what, name, message) => {
    const error = await expectError(await request('/api/v1/sessions', { method: 'POST', ...json({ referentialId: 'x', name }) }), 400, 'VALIDATION_FAILED')
    expect(error.error.details?.issues).toContainEqual({ path: 'body.name', message })
  })

  it('a multi-line reason keeps its line breaks and tabs', async () => {
    const res = await request(`/api/v1/sessions/${ids.sessionId}/candidates/${ids.candidateId}/withdraw`, {
      method: 'POST',
      ...json({ rowVersion, reason: 'Abandon\n\tconfirmé par courriel\r\ndu 3 juin' }),
    })
    expect(res.status, await res.clone().text()).toBeLessThan(300)
  })

  it('a control character in a key is refused at that key', async () => {
    const res = await request('/api/v1/sessions', { method: 'POST', ...json({ referentialId: 'x', name: 'S', 'bad\u0000key': 1 }) })
    const error = await expectError(res, 400, 'VALIDATION_FAILED')
    expect(error.error.details?.issues).toContainEqual({ path: 'body["bad\\u0000key"]', message: 'nom de clé\u00a0: caractère de contrôle interdit (U+0000, position 4)' })
  })
})

describe('a validation yielding thousands of issues', () => {
  it(`lists the first ${MAX_LISTED_ISSUES} and counts the rest (20,000 empty candidates)`, async () => {
    const body = JSON.stringify({ candidates: Array.from({ length: 20_000 }, () => ({})) })
    const res = await send('POST', `/api/v1/sessions/${ids.sessionId}/candidates/bulk`, body)
    const text = await res.clone().text()
    const error = await expectError(res, 400, 'VALIDATION_FAILED')
    expect(error.error.details?.issues).toHaveLength(MAX_LISTED_ISSUES)
    const omitted = (error.error.details as { omittedIssues?: number }).omittedIssues ?? 0
    expect(omitted).toBeGreaterThan(20_000)
    expect(error.error.message).toContain(`${MAX_LISTED_ISSUES - 5 + omitted}\u00a0autre(s) problème(s)`)
    expect(text.length).toBeLessThan(20_000)
  })

  it('a validation with few issues has no count', async () => {
    const error = await expectError(await send('POST', '/api/v1/sessions', '{}'), 400, 'VALIDATION_FAILED')
    expect(error.error.details).not.toHaveProperty('omittedIssues')
  })
})
