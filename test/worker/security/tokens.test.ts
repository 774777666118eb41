/**
 * API tokens for the CLI and automation: created and revoked by an administrator, the secret
 * shown once and stored only as its SHA-256, with a role (on every session or one) and an expiry.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import { exportDatabase } from '../../../worker/db/backup'
import { testEnv } from '../harness'
import { call, createSession, expectError, jsonBody, okJson } from './support'

interface TokenAnswer {
  token: { id: string; name: string; hint: string; role: string; sessionId: string | null; expiresAt: string; status: string; lastUsedAt: string | null }
  secret: string
}

let sessionId = ''
let otherSessionId = ''
let requests = 0
/** A fresh client address per request, so that the failures this file provokes are never rate limited. */
const ip = () => `2001:db8:2::${(++requests).toString(16)}`

async function createToken(body: Record<string, unknown>): Promise<TokenAnswer> {
  return okJson<TokenAnswer>(await call('/tokens', jsonBody('POST', body)), 201)
}

const sha256Hex = async (text: string) =>
  [...new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)))].map((b) => b.toString(16).padStart(2, '0')).join('')

beforeAll(async () => {
  sessionId = await createSession('Jetons')
  otherSessionId = await createSession('Jetons, autre session')
})

describe('creating a token', () => {
  it('returns the secret once, never again, and keeps only its SHA-256', async () => {
    const created = await call('/tokens', jsonBody('POST', { name: 'Export nocturne', role: 'reader', expiresInDays: 30 }))
    expect(created.headers.get('Cache-Control')).toBe('no-store')
    const { token, secret } = await okJson<TokenAnswer>(created, 201)
    expect(secret).toMatch(/^cbt_[\w-]{43}$/)
    expect(token).toMatchObject({ name: 'Export nocturne', role: 'reader', sessionId: null, hint: secret.slice(-4), status: 'active' })
    const days = (Date.parse(token.expiresAt) - Date.now()) / 86_400_000
    expect(days).toBeGreaterThan(29.9)
    expect(days).toBeLessThanOrEqual(30)

    const listed = await call('/tokens')
    const text = await listed.text()
    expect(text).not.toContain(secret)
    expect((JSON.parse(text) as { tokens: Array<{ id: string }> }).tokens.find((t: { id: string }) => t.id === token.id)).not.toHaveProperty('secret')

    const row = await testEnv.DB.prepare('SELECT token_hash FROM api_token WHERE id = ?1').bind(token.id).first<{ token_hash: string }>()
    expect(row?.token_hash).toBe(await sha256Hex(secret))
    // Nowhere in the database, audit included, is the secret itself.
    expect(JSON.stringify(await exportDatabase(testEnv.DB))).not.toContain(secret.slice(4))
  })

  it('is audited with its name, role and expiry', async () => {
    const { token } = await createToken({ name: 'Intégration SI', role: 'manager', sessionId })
    const { events } = await okJson<{ events: Array<{ action: string; actor: string; details: Record<string, unknown> }> }>(
      await call(`/sessions/${sessionId}/audit`),
    )
    expect(events.find((e) => e.action === 'token.create' && e.details.tokenId === token.id)).toMatchObject({
      actor: 'admin',
      details: { name: 'Intégration SI', role: 'manager', sessionId, expiresAt: token.expiresAt },
    })
  })

  it('refuses an administrator token limited to one session, an unknown session and an expiry beyond a year', async () => {
    await expectError(await call('/tokens', jsonBody('POST', { name: 'x', role: 'admin', sessionId })), 400, 'VALIDATION_FAILED')
    await expectError(await call('/tokens', jsonBody('POST', { name: 'x', role: 'reader', sessionId: 'nope' })), 400, 'VALIDATION_FAILED')
    await expectError(await call('/tokens', jsonBody('POST', { name: 'x', role: 'reader', expiresInDays: 400 })), 400, 'VALIDATION_FAILED')
  })
})

describe('using a token', () => {
  it('acts with its role: a reader token reads sessions but cannot create one', async () => {
    const { secret } = await createToken({ name: 'Lecture', role: 'reader' })
    await okJson(await call('/sessions', { token: secret, ip: ip() }))
    await expectError(await call('/sessions', { ...jsonBody('POST', { referentialId: 'x', name: 'y' }), token: secret, ip: ip() }), 403, 'FORBIDDEN')
    const me = await okJson<{ identity: { kind: string; displayName: string; globalRole: string } }>(await call('/me', { token: secret, ip: ip() }))
    expect(me.identity).toMatchObject({ kind: 'apiToken', displayName: 'Lecture', globalRole: 'reader' })
  })

  it('acts on its one session only when it is scoped to a session', async () => {
    const { secret } = await createToken({ name: 'Saisie', role: 'assessor', sessionId })
    expect((await call(`/sessions/${sessionId}/grid`, { token: secret, ip: ip() })).status).toBe(200)
    await expectError(await call(`/sessions/${otherSessionId}/grid`, { token: secret, ip: ip() }), 403, 'FORBIDDEN')
    await expectError(await call('/sessions', { token: secret, ip: ip() }), 403, 'FORBIDDEN')
  })

  it('records when it was last used', async () => {
    const { token, secret } = await createToken({ name: 'Suivi', role: 'reader' })
    expect(token.lastUsedAt).toBeNull()
    await okJson(await call('/me', { token: secret, ip: ip() }))
    const { tokens } = await okJson<{ tokens: Array<{ id: string; lastUsedAt: string | null }> }>(await call('/tokens'))
    expect(tokens.find((t) => t.id === token.id)?.lastUsedAt).not.toBeNull()
  })

  it('is refused with 401 once expired', async () => {
    const { token, secret } = await createToken({ name: 'Bientôt expiré', role: 'reader', expiresInDays: 1 })
    await testEnv.DB.prepare('UPDATE api_token SET expires_at = ?2 WHERE id = ?1').bind(token.id, new Date(Date.now() - 1000).toISOString()).run()
    const body = await expectError(await call('/me', { token: secret, ip: ip() }), 401, 'UNAUTHORIZED')
    expect(body.error.details).toEqual({ reason: 'expired' })
    const { tokens } = await okJson<{ tokens: Array<{ id: string; status: string }> }>(await call('/tokens'))
    expect(tokens.find((t) => t.id === token.id)?.status).toBe('expired')
  })

  it('is refused with 401 once revoked, the revocation audited', async () => {
    const { token, secret } = await createToken({ name: 'Révoqué', role: 'manager', sessionId })
    await okJson(await call('/me', { token: secret, ip: ip() }))
    const revoked = await okJson<{ token: { status: string; revokedBy: string } }>(await call(`/tokens/${token.id}`, { method: 'DELETE' }))
    expect(revoked.token).toMatchObject({ status: 'revoked', revokedBy: 'admin' })
    await expectError(await call('/me', { token: secret, ip: ip() }), 401, 'UNAUTHORIZED')
    // Revoking again changes nothing and writes no second event.
    await okJson(await call(`/tokens/${token.id}`, { method: 'DELETE' }))
    const { events } = await okJson<{ events: Array<{ action: string; details: { tokenId?: string } }> }>(await call(`/sessions/${sessionId}/audit`))
    expect(events.filter((e) => e.action === 'token.revoke' && e.details.tokenId === token.id)).toHaveLength(1)
  })

  it('is refused with 401 when it was never issued', async () => {
    await expectError(await call('/me', { token: `cbt_${'A'.repeat(43)}`, ip: ip() }), 401, 'UNAUTHORIZED')
  })

  it('authors the changes it makes, by name', async () => {
    const { secret } = await createToken({ name: 'Import SI', role: 'manager', sessionId })
    await okJson(await call(`/sessions/${sessionId}/candidates`, { ...jsonBody('POST', { schoolId: 'TOK-1', birthName: 'Durand', firstNames: ['Alix'], optionCode: 'BC05-A' }), token: secret, ip: ip() }), 201)
    const { events } = await okJson<{ events: Array<{ action: string; actor: string }> }>(await call(`/sessions/${sessionId}/audit`))
    expect(events.find((e) => e.action === 'candidate.create')?.actor).toBe('token:Import SI')
  })
})
