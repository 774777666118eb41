/**
 * The audit trail: every change appends an event, listed per session and per candidate, a page at
 * a time, with who did it. Nothing edits or deletes an event: there is no route for it and the
 * database refuses it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { auditEventsQuery, auditStatement } from '../../../worker/db/audit'
import { testEnv } from '../harness'
import { CERTIFIER_VARS, REGULAR_JURY } from '../deliberation/helpers'
import { call, createCandidate, createSession, createUser, expectError, fakeMicrosoft, jsonBody, okJson, securityEnv, type FakeMicrosoft } from './support'

interface AuditPage {
  events: Array<{ id: number; at: string; actor: string; action: string; sessionId: string; candidateId: string | null; details: Record<string, unknown> | null }>
  nextAfter: number | null
  nextBefore: number | null
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
  await okJson(await call(`/sessions/${sessionId}/jury`, { ...jsonBody('PUT', { members: REGULAR_JURY }), token }))
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
      ['jury.update', 'responsable.audit@ecole.example'],
      ['session.finalise', 'responsable.audit@ecole.example'],
      ['session.amend', 'responsable.audit@ecole.example'],
    ])
    // A first mark replaces nothing: `previous` says so (null), for the Journal's « ancienne → nouvelle ».
    expect(events[4]?.details).toMatchObject({ marks: { 'CR1.1': 'ACQ' }, previous: { 'CR1.1': null }, decisions: { BC01: { code: 'ADJ', reason: 'Stage remarquable' } } })
    expect(events.map((e) => e.id)).toEqual([...events.map((e) => e.id)].sort((a, b) => a - b))
  })

  it('records the values a grade change replaces', async () => {
    const other = await createSession('Audit des valeurs')
    const id = await createCandidate(other, 'AUD-9')
    const push = async (marks: Record<string, string | number | null>) => {
      const { candidate } = await okJson<{ candidate: { rowVersion: number } }>(await call(`/sessions/${other}/candidates/${id}`))
      await okJson(await call(`/sessions/${other}/grades`, jsonBody('PUT', { rows: [{ candidateId: id, rowVersion: candidate.rowVersion, marks }], reason: null })))
    }
    await push({ 'CR1.1': 'PACQ', 'CR1.2': 'ACQ' })
    await push({ 'CR1.1': 'ACQ', 'CR1.2': null, 'CR1.3': 'NACQ' })
    const { events } = await okJson<AuditPage>(await call(`/sessions/${other}/audit?candidateId=${id}&order=newest&limit=1`))
    expect(events[0]?.details).toMatchObject({
      marks: { 'CR1.1': 'ACQ', 'CR1.2': null, 'CR1.3': 'NACQ' },
      previous: { 'CR1.1': 'PACQ', 'CR1.2': 'ACQ', 'CR1.3': null },
    })
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

describe('paging, done by the database', () => {
  // A session of its own whose events interleave two candidates and the session itself:
  // session.create, then 7 events on A, 4 on B and 2 without a candidate.
  let pagedSession = ''
  let alice = ''
  let bruno = ''
  const plan = ['A', 'B', 'A', '-', 'A', 'B', 'A', 'A', '-', 'B', 'A', 'B', 'A'] as const

  beforeAll(async () => {
    pagedSession = await createSession('Audit paginé')
    alice = crypto.randomUUID()
    bruno = crypto.randomUUID()
    const ctx = { actor: 'admin', requestId: 'test-paging' }
    for (const [i, who] of plan.entries()) {
      const candidateId = who === 'A' ? alice : who === 'B' ? bruno : null
      await auditStatement(testEnv.DB, ctx, { action: 'test.step', sessionId: pagedSession, candidateId, details: { step: i } }).run()
    }
  })

  async function pagesOf(query: string, limit: number): Promise<AuditPage[]> {
    const pages: AuditPage[] = []
    let after = 0
    for (;;) {
      const next = await okJson<AuditPage>(await call(`/sessions/${pagedSession}/audit?${query}limit=${limit}&after=${after}`))
      pages.push(next)
      if (next.nextAfter === null) return pages
      after = next.nextAfter
    }
  }
  const steps = (page: AuditPage) => page.events.map((e) => (e.details as { step: number } | null)?.step ?? 'create')

  it('splits the session into pages of `limit`, each nextAfter being the last id of its page', async () => {
    const pages = await pagesOf('', 4)
    expect(pages.map(steps)).toEqual([
      ['create', 0, 1, 2],
      [3, 4, 5, 6],
      [7, 8, 9, 10],
      [11, 12],
    ])
    for (const page of pages.slice(0, -1)) expect(page.nextAfter).toBe(page.events.at(-1)?.id)
    expect(pages.at(-1)?.nextAfter).toBeNull()
  })

  it('ends on a full last page without announcing an empty one', async () => {
    // 14 events in pages of 7: the second page is full and is the last.
    const pages = await pagesOf('', 7)
    expect(pages.map((p) => p.events.length)).toEqual([7, 7])
    expect(pages[1]?.nextAfter).toBeNull()
  })

  it('pages one candidate’s events, skipping the others’', async () => {
    const pages = await pagesOf(`candidateId=${alice}&`, 3)
    expect(pages.map(steps)).toEqual([
      [0, 2, 4],
      [6, 7, 10],
      [12],
    ])
    expect(pages.flatMap((p) => p.events).every((e) => e.candidateId === alice)).toBe(true)
    // Bruno has exactly two pages of two: nothing after the second.
    const brunoPages = await pagesOf(`candidateId=${bruno}&`, 2)
    expect(brunoPages.map(steps)).toEqual([
      [1, 5],
      [9, 11],
    ])
  })

  it('answers an empty page after the newest event, and nothing for a candidate of another session', async () => {
    const all = (await page('?limit=500')).events
    const newest = all.at(-1)?.id ?? 0
    expect(await okJson<AuditPage>(await call(`/sessions/${sessionId}/audit?after=${newest}`))).toEqual({ events: [], nextAfter: null, nextBefore: null })
    const elsewhere = await okJson<AuditPage>(await call(`/sessions/${pagedSession}/audit?candidateId=${candidateId}`))
    expect(elsewhere).toEqual({ events: [], nextAfter: null, nextBefore: null })
  })

  it('pages newest first with order=newest, each nextBefore being the last id of its page', async () => {
    const pages: AuditPage[] = []
    let before: number | null = null
    for (;;) {
      const next: AuditPage = await okJson<AuditPage>(
        await call(`/sessions/${pagedSession}/audit?order=newest&limit=4${before === null ? '' : `&before=${before}`}`),
      )
      pages.push(next)
      expect(next.nextAfter).toBeNull()
      if (next.nextBefore === null) break
      before = next.nextBefore
    }
    expect(pages.map(steps)).toEqual([
      [12, 11, 10, 9],
      [8, 7, 6, 5],
      [4, 3, 2, 1],
      [0, 'create'],
    ])
    const alicePage = await okJson<AuditPage>(await call(`/sessions/${pagedSession}/audit?order=newest&candidateId=${alice}&limit=3`))
    expect(steps(alicePage)).toEqual([12, 10, 7])
    await expectError(await call(`/sessions/${pagedSession}/audit?order=recent`), 400, 'VALIDATION_FAILED')
  })

  it('reads a page through an index, in id order, without sorting the session', async () => {
    const firstPage = { after: 0, limit: 100 }
    for (const [filter, index] of [
      [{ sessionId: pagedSession }, 'audit_event_by_session'],
      [{ sessionId: pagedSession, candidateId: alice }, 'audit_event_by_candidate'],
    ] as const) {
      const { sql, params } = auditEventsQuery(filter, firstPage)
      const { results } = await testEnv.DB.prepare(`EXPLAIN QUERY PLAN ${sql}`)
        .bind(...params)
        .all<{ detail: string }>()
      const queryPlan = results.map((r) => r.detail).join(' | ')
      expect(queryPlan).toMatch(new RegExp(`^SEARCH audit_event USING INDEX ${index} \\(\\w+=\\? AND id>\\?\\)$`))
    }
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
