/**
 * The jury's composition is checked live (GET and PUT /jury) and enforced at finalisation: an
 * irregular jury deliberates only by an explicit override with a reason, which goes in the audit
 * and in the PV.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import { seedReferential } from '../../../shared/referential'
import { listAuditEvents } from '../../../worker/db/audit'
import { getPv } from '../../../worker/db/documents'
import { seedTheReferential, testEnv } from '../harness'
import { call, json, type ErrorBody } from './helpers'

interface JuryAnswer {
  members: unknown[]
  warnings: string[]
  check: { ok: boolean; failures: Array<{ code: string; message: string }> }
}

const ALONE = [{ civility: 'Mme', name: 'Inès Morel', quality: 'Responsable pédagogique', external: false }]
const REGULAR = [
  { civility: 'Mme', name: 'Claire Dumas', quality: 'DSI, Société Alpha', external: true, president: true },
  { civility: 'Mme', name: 'Inès Morel', quality: 'Responsable pédagogique', external: false },
]

let sessionId = ''

beforeAll(async () => {
  await seedTheReferential()
  const res = await call('/sessions', json('POST', { referentialId: seedReferential.id, name: 'Jury à vérifier' }))
  sessionId = (await res.json<{ session: { id: string } }>()).session.id
})

const status = async () => (await (await call(`/sessions/${sessionId}`)).json<{ session: { status: string } }>()).session.status

describe('the composition check', () => {
  it('is in GET /jury from the start, and in the answer of every PUT', async () => {
    const empty = await (await call(`/sessions/${sessionId}/jury`)).json<JuryAnswer>()
    expect(empty.check).toEqual({
      ok: false,
      failures: [
        { code: 'collegial', message: 'Le jury n’a aucun membre : un jury est collégial (deux membres au moins).' },
        { code: 'president', message: 'Aucun président du jury n’est désigné.' },
      ],
    })
    const put = await call(`/sessions/${sessionId}/jury`, json('PUT', { members: ALONE }))
    expect(put.status).toBe(200)
    const alone = await put.json<JuryAnswer>()
    expect(alone.check.failures.map((f) => f.code)).toEqual(['collegial', 'external_half', 'president'])
    expect(alone.warnings).toEqual(alone.check.failures.map((f) => f.message))
  })

  it('refuses to finalise with an irregular jury and no override: 422 with the failing rules, nothing written', async () => {
    const res = await call(`/sessions/${sessionId}/finalise`, json('POST', {}))
    expect(res.status).toBe(422)
    const body = await res.json<ErrorBody>()
    expect(body.error.code).toBe('JURY_COMPOSITION_INVALID')
    expect(body.error.message).toMatch(/^La composition du jury ne respecte pas les règles : Le jury n’a qu’un membre/)
    expect(body.error.message).toContain('confirmez une dérogation motivée')
    expect(body.error.details).toMatchObject({ overridable: true, failures: [{ code: 'collegial' }, { code: 'external_half' }, { code: 'president' }] })
    expect(await status()).toBe('open')
    expect((await (await call(`/sessions/${sessionId}/pv`)).json<{ versions: unknown[] }>()).versions).toEqual([])
  })

  it('refuses an override without a reason, located in the body', async () => {
    const res = await call(`/sessions/${sessionId}/finalise`, json('POST', { juryOverride: { reason: ' ' } }))
    expect(res.status).toBe(400)
    expect((await res.json<ErrorBody>()).error.details).toMatchObject({ issues: [{ path: 'body.juryOverride.reason' }] })
  })

  it('finalises with a motivated override: the reason and the failures go in the audit and the PV snapshot', async () => {
    const reason = 'Deux membres extérieurs empêchés ; report impossible avant la date limite.'
    const res = await call(`/sessions/${sessionId}/finalise`, json('POST', { juryOverride: { reason } }))
    expect(res.status, await res.clone().text()).toBe(200)
    const body = await res.json<{ juryComposition: { ok: boolean; failures: string[]; overrideReason: string | null } }>()
    expect(body.juryComposition).toMatchObject({ ok: false, overrideReason: reason })
    expect(body.juryComposition.failures).toHaveLength(3)

    const events = await listAuditEvents(testEnv.DB, { sessionId })
    const override = events.find((e) => e.action === 'jury.compositionOverride')
    expect(override).toMatchObject({ actor: 'admin', details: { pvVersion: 1, reason, failures: body.juryComposition.failures } })
    expect(events.find((e) => e.action === 'session.finalise')?.details).toMatchObject({ juryOverrideReason: reason })

    const pv = await getPv(testEnv.DB, sessionId, 1)
    expect(pv?.snapshot.juryComposition).toEqual({ failures: body.juryComposition.failures, overrideReason: reason })
  })

  it('finalises a regular jury without override, and ignores an override sent anyway', async () => {
    await call(`/sessions/${sessionId}/amend`, json('POST', { reason: 'Jury complété' }))
    expect((await call(`/sessions/${sessionId}/jury`, json('PUT', { members: REGULAR }))).status).toBe(200)
    const res = await call(`/sessions/${sessionId}/finalise`, json('POST', { juryOverride: { reason: 'inutile' } }))
    expect(res.status).toBe(200)
    expect((await res.json<{ juryComposition: unknown }>()).juryComposition).toEqual({ ok: true, failures: [], overrideReason: null })
    const pv = await getPv(testEnv.DB, sessionId, 2)
    expect(pv?.snapshot.juryComposition).toBeUndefined()
    const overrides = (await listAuditEvents(testEnv.DB, { sessionId })).filter((e) => e.action === 'jury.compositionOverride')
    expect(overrides).toHaveLength(1)
  })
})
