import { beforeAll, describe, expect, it } from 'vitest'
import { seedReferential } from '../../../shared/referential'
import type { Referential } from '../../../shared/referential/schema'
import { request, seedTheReferential } from '../harness'

interface Envelope {
  error: { code: string; message: string; details: unknown }
}

const id = seedReferential.id

beforeAll(async () => {
  await seedTheReferential()
})

describe('authentication of /api/v1/referentials', () => {
  it.each([
    ['no Authorization header', null],
    ['a wrong token', 'not-the-token'],
    ['an empty token', ''],
  ])('rejects %s with 401 in the envelope', async (_, token) => {
    const res = await request(`/api/v1/referentials/${id}`, { token })
    expect(res.status).toBe(401)
    expect(res.headers.get('WWW-Authenticate')).toContain('Bearer')
    const body = await res.json<Envelope>()
    expect(body.error.code).toBe('UNAUTHORIZED')
    expect(body.error.message).toMatch(/Authentification requise/)
  })

  it('rejects a Basic scheme carrying the right secret', async () => {
    const res = await request('/api/v1/referentials', {
      token: null,
      headers: { Authorization: 'Basic test-admin-token' },
    })
    expect(res.status).toBe(401)
  })
})

describe('GET /api/v1/referentials', () => {
  it('lists the published seed version', async () => {
    const res = await request('/api/v1/referentials')
    expect(res.status).toBe(200)
    const body = await res.json<{ referentials: Array<Record<string, unknown>> }>()
    expect(body.referentials).toEqual([
      expect.objectContaining({ id, version: 1, level: 7, status: 'published', title: seedReferential.title }),
    ])
  })
})

describe('GET /api/v1/referentials/{id}', () => {
  it('returns the whole tree exactly as the seed document', async () => {
    const res = await request(`/api/v1/referentials/${id}`)
    expect(res.status).toBe(200)
    const { referential } = await res.json<{ referential: Referential }>()
    expect(referential).toEqual(seedReferential)
  })

  it('has 5 blocs, one of them the option group with 4 options, and 15 activities', async () => {
    const res = await request(`/api/v1/referentials/${id}`)
    const { referential } = await res.json<{ referential: Referential }>()
    expect(referential.blocs).toHaveLength(5)
    const groups = referential.blocs.filter((b) => b.kind === 'optionGroup')
    expect(groups).toHaveLength(1)
    expect(groups[0]?.kind === 'optionGroup' && groups[0].options.map((o) => o.code)).toEqual([
      'BC05-A',
      'BC05-B',
      'BC05-C',
      'BC05-D',
    ])
    const activities = referential.blocs.flatMap((b) => (b.kind === 'mandatory' ? b.activities : []))
    expect(activities.map((a) => a.code)).toEqual(Array.from({ length: 15 }, (_, i) => `A${i + 1}`))
  })

  it('sends a strong ETag and answers 304 to If-None-Match', async () => {
    const first = await request(`/api/v1/referentials/${id}`)
    const etag = first.headers.get('ETag')
    expect(etag).toMatch(/^"[0-9a-f]{64}"$/)
    const again = await request(`/api/v1/referentials/${id}`, { headers: { 'If-None-Match': etag ?? '' } })
    expect(again.status).toBe(304)
    expect(await again.text()).toBe('')
    const stale = await request(`/api/v1/referentials/${id}`, { headers: { 'If-None-Match': '"stale"' } })
    expect(stale.status).toBe(200)
  })

  it('answers 404 in the envelope for an unknown id', async () => {
    const res = await request('/api/v1/referentials/does-not-exist')
    expect(res.status).toBe(404)
    const body = await res.json<Envelope>()
    expect(body.error).toMatchObject({ code: 'NOT_FOUND', details: { id: 'does-not-exist' } })
  })

  it('answers 400 with the parameter path for a malformed id', async () => {
    const res = await request('/api/v1/referentials/NOT_VALID!')
    expect(res.status).toBe(400)
    const body = await res.json<Envelope>()
    expect(body.error.code).toBe('VALIDATION_FAILED')
    expect(body.error.details).toEqual({ issues: [{ path: 'param.id', message: expect.any(String) }] })
  })
})
