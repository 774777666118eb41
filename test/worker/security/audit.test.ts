/**
 * The audit trail: every change appends an event, listed per session and per candidate, a page at
 * a time, with who did it. Nothing edits or deletes an event: there is no route for it and the
 * database refuses it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { testEnv } from '../harness'
import { CERTIFIER_VARS } from '../deliberation/helpers'
import { call, createCandidate, createSession, createUser, expectError, fakeMicrosoft, jsonBody, okJson, securityEnv, type FakeMicrosoft } from './support'

interface AuditPage {
  events: Array<{ id: number; at: string; actor: string; action: string; sessionId: string; candidateId: string | null; details: Record<string, unknown> | null }>
  nextAfter: number | null
}

let microsoft: FakeMicrosoft
let sessionId = ''
let candidateId = ''
let otherCandidateId = ''

beforeAll(async () => {
  microsoft = await fakeMicrosoft()
  sessionId = await createSession('Audit')
  candidateId = await createCandidate(sessionId, 'AUD-1')
  otherCandidateId = await createCandidate(sessionId, 'AUD-2')
  const manager = await createUser(microsoft, 'responsable.audit@ecole.example', { sessions: { [sessionId]: 'manager' } })
  const token = await manager.token()
  const { candidate } = await okJson<{ candidate: { rowVersion: number } }>(await call(`/sessions/${sessionId}/candidates/${candidateId}`))
  // Marks and a jury decision by the session's manager, then finalisation and an amendment.
  await okJson(
    await call(`/sessions/${sessionId}/grades`, {
      ...jsonBody('PUT', {
        rows: [{ candidateId, rowVersion: candidate.rowVersion, marks: { 'CR1.1': 'ACQ' }, decisions: { BC01: { code: 'ADJ', reason: 'Stage remarquable' } } }],
        reason: 'jury',
      }),
      token,
    }),
  )
  await okJson(await call(`/sessions/${sessionId}/finalise`, { ...jsonBody('POST', {}), token, env: securityEnv(CERTIFIER_VARS) }))
  await okJson(await call(`/sessions/${sessionId}/amend`, { ...jsonBody('POST', { reason: 'Erreur de saisie' }), token }))
})
afterAll(() => microsoft.restore())

async function page(query = ''): Promise<AuditPage> {
  return okJson<AuditPage>(await call(`/sessions/${sessionId}/audit${query}`))
}

describe('GET /sessions/{id}/audit', () => {
  it('lists the session’s changes in order, each with its author', async () => {
    const { events } = await page('?limit=500')
    expect(events.map((e) => [e.action, e.actor])).toEqual([
      ['session.create', 'admin'],
      ['candidate.create', 'admin'],
      ['candidate.create', 'admin'],
      ['user.sessionRole.set', 'admin'],
      ['grades.update', 'responsable.audit@ecole.example'],
      ['session.finalise', 'responsable.audit@ecole.example'],
      ['session.amend', 'responsable.audit@ecole.example'],
    ])
    expect(events[4]?.details).toMatchObject({ marks: { 'CR1.1': 'ACQ' }, decisions: { BC01: { code: 'ADJ', reason: 'Stage remarquable' } } })
    expect(events.map((e) => e.id)).toEqual([...events.map((e) => e.id)].sort((a, b) => a - b))
  })

  it('lists one candidate’s events only when asked', async () => {
    const { events } = await page(`?candidateId=${candidateId}`)
    expect(events.map((e) => e.action)).toEqual(['candidate.create', 'grades.update'])
    expect(events.every((e) => e.candidateId === candidateId)).toBe(true)
    const other = await page(`?candidateId=${otherCandidateId}`)
    expect(other.events.map((e) => e.action)).toEqual(['candidate.create'])
  })

  it('pages with `after`, the last id of the previous page, until nextAfter is null', async () => {
    const all = (await page('?limit=500')).events
    const seen: number[] = []
    let after = 0
    for (;;) {
      const next = await page(`?limit=3&after=${after}`)
      seen.push(...next.events.map((e) => e.id))
      if (next.nextAfter === null) break
      after = next.nextAfter
    }
    expect(seen).toEqual(all.map((e) => e.id))
  })

  it('refuses a page larger than 500 and answers 404 for an unknown session', async () => {
    await expectError(await call(`/sessions/${sessionId}/audit?limit=501`), 400, 'VALIDATION_FAILED')
    await expectError(await call('/sessions/inconnue/audit'), 404, 'NOT_FOUND')
  })
})

describe('audit events cannot be changed', () => {
  it('has no route that edits or deletes them', async () => {
    for (const method of ['PUT', 'PATCH', 'DELETE', 'POST']) {
      const res = await call(`/sessions/${sessionId}/audit`, method === 'DELETE' ? { method } : jsonBody(method, {}))
      expect(res.status, method).toBe(404)
      await res.body?.cancel()
    }
  })

  it('is refused by the database itself', async () => {
    const update = testEnv.DB.prepare(`UPDATE audit_event SET actor = 'quelqu’un' WHERE session_id = ?1`).bind(sessionId).run()
    await expect(update).rejects.toThrow(/audit_append_only/)
    const remove = testEnv.DB.prepare('DELETE FROM audit_event WHERE session_id = ?1').bind(sessionId).run()
    await expect(remove).rejects.toThrow(/audit_append_only/)
  })
})
