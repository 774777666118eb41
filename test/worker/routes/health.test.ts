import { describe, expect, it } from 'vitest'
import { request } from '../harness'

describe('GET /api/v1/health', () => {
  it('answers ok without a token', async () => {
    const res = await request('/api/v1/health', { token: null })
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({ status: 'ok' })
  })
})

describe('unknown routes', () => {
  it('answer 404 in the error envelope', async () => {
    const res = await request('/api/v1/nothing-here')
    expect(res.status).toBe(404)
    const body = await res.json<{ error: { code: string; message: string } }>()
    expect(body.error.code).toBe('NOT_FOUND')
    expect(body.error.message).toContain('/api/v1/nothing-here')
  })
})
