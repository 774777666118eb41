/**
 * RGPD rights of a candidate: export everything stored about them; erase them, which deletes
 * them when they appear on no finalised PV and otherwise anonymises them (identity blanked, codes
 * and results kept so the PV stays true), audited with its reason.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import { testEnv } from '../harness'
import { CERTIFIER_VARS, REGULAR_JURY } from '../deliberation/helpers'
import { call, createCandidate, createSession, expectError, jsonBody, okJson, securityEnv } from './support'

const env = securityEnv(CERTIFIER_VARS)

interface ExportBody {
  sessionId: string
  candidate: Record<string, unknown>
  marks: Array<Record<string, unknown>>
  markHistory: Array<Record<string, unknown>>
  blocDecisions: Array<Record<string, unknown>>
  certificationDecision: Record<string, unknown> | null
  pvEntries: Array<{ version: number; entry: { candidateId: string; birthName: string } }>
  auditEvents: Array<{ action: string; candidateId: string | null }>
}

async function rowVersion(sessionId: string, candidateId: string): Promise<number> {
  return (await okJson<{ candidate: { rowVersion: number } }>(await call(`/sessions/${sessionId}/candidates/${candidateId}`))).candidate.rowVersion
}

async function grade(sessionId: string, candidateId: string): Promise<void> {
  const body = {
    rows: [{ candidateId, rowVersion: await rowVersion(sessionId, candidateId), marks: { 'CR1.1': 'ACQ' }, comments: { 'CR1.1': 'Très bonne soutenance' } }],
    reason: 'saisie',
  }
  await okJson(await call(`/sessions/${sessionId}/grades`, jsonBody('PUT', body)))
}

async function finalise(sessionId: string): Promise<void> {
  await okJson(await call(`/sessions/${sessionId}/jury`, jsonBody('PUT', { members: REGULAR_JURY })))
  await okJson(await call(`/sessions/${sessionId}/finalise`, { ...jsonBody('POST', {}), env }))
}

async function rowsAbout(candidateId: string): Promise<Record<string, number>> {
  const counts: Record<string, number> = {}
  for (const table of ['candidate', 'mark', 'mark_history', 'bloc_decision', 'certification_decision']) {
    const column = table === 'candidate' ? 'id' : 'candidate_id'
    const row = await testEnv.DB.prepare(`SELECT count(*) AS n FROM ${table} WHERE ${column} = ?1`).bind(candidateId).first<{ n: number }>()
    counts[table] = row?.n ?? 0
  }
  return counts
}

const erase = (sessionId: string, candidateId: string, reason: unknown = 'Demande d’effacement du candidat (courriel du 3 mars)') =>
  call(`/sessions/${sessionId}/candidates/${candidateId}/erase`, { ...jsonBody('POST', { reason }), env })

let openSession = ''

beforeAll(async () => {
  openSession = await createSession('RGPD, session ouverte')
})

describe('GET …/candidates/{id}/export', () => {
  it('gives everything stored about the candidate, as a download, and audits the export', async () => {
    const candidateId = await createCandidate(openSession, 'RGPD-1', { birthName: 'Martin', email: 'martin@exemple.fr' })
    await grade(openSession, candidateId)
    const res = await call(`/sessions/${openSession}/candidates/${candidateId}/export`)
    expect(res.headers.get('Content-Disposition')).toBe(`attachment; filename="donnees-candidat-${candidateId}.json"`)
    expect(res.headers.get('Cache-Control')).toBe('no-store')
    const body = await okJson<ExportBody>(res)
    expect(body.candidate).toMatchObject({ id: candidateId, school_id: 'RGPD-1', birth_name: 'Martin', email: 'martin@exemple.fr' })
    expect(body.marks).toEqual([expect.objectContaining({ critere_code: 'CR1.1', value: 'ACQ', comment: 'Très bonne soutenance' })])
    expect(body.markHistory).toEqual([expect.objectContaining({ critere_code: 'CR1.1', new_value: 'ACQ', author: 'admin' })])
    expect(body.pvEntries).toEqual([])
    expect(body.auditEvents.map((e) => e.action)).toEqual(expect.arrayContaining(['candidate.create']))
    const { events } = await okJson<{ events: Array<{ action: string; actor: string }> }>(
      await call(`/sessions/${openSession}/audit?candidateId=${candidateId}`),
    )
    expect(events.at(-1)).toMatchObject({ action: 'candidate.export', actor: 'admin' })
  })

  it('answers 404 for a candidate of another session', async () => {
    const other = await createSession('RGPD, autre')
    const candidateId = await createCandidate(other, 'RGPD-X')
    await expectError(await call(`/sessions/${openSession}/candidates/${candidateId}/export`), 404, 'NOT_FOUND')
  })
})

describe('POST …/candidates/{id}/erase', () => {
  it('deletes a candidate who is on no PV, with marks, history and decisions, and audits why', async () => {
    const candidateId = await createCandidate(openSession, 'RGPD-2')
    await grade(openSession, candidateId)
    expect((await rowsAbout(candidateId)).mark_history).toBe(1)
    const answer = await okJson(await erase(openSession, candidateId))
    expect(answer).toEqual({ candidateId, mode: 'deleted', pvVersions: [] })
    expect(await rowsAbout(candidateId)).toEqual({ candidate: 0, mark: 0, mark_history: 0, bloc_decision: 0, certification_decision: 0 })
    await expectError(await call(`/sessions/${openSession}/candidates/${candidateId}`), 404, 'NOT_FOUND')
    const { events } = await okJson<{ events: Array<{ action: string; actor: string; details: unknown }> }>(
      await call(`/sessions/${openSession}/audit?candidateId=${candidateId}`),
    )
    expect(events.at(-1)).toMatchObject({
      action: 'candidate.erase',
      actor: 'admin',
      details: { mode: 'deleted', reason: 'Demande d’effacement du candidat (courriel du 3 mars)' },
    })
  })

  it('anonymises a candidate on a finalised PV: identity blanked, codes, results and the PV unchanged', async () => {
    const session = await createSession('RGPD, session délibérée')
    const candidateId = await createCandidate(session, 'RGPD-3', {
      birthName: 'Bernard',
      usageName: 'Petit',
      firstNames: ['Lou', 'Anne'],
      sex: 'F',
      birthDate: '2001-02-03',
      email: 'lou@exemple.fr',
    })
    await grade(session, candidateId)
    await finalise(session)
    const resultsBefore = await okJson<{ results: Array<{ candidateId: string; decision: string; blocs: unknown }> }>(await call(`/sessions/${session}/results`))
    const pvBefore = await call(`/sessions/${session}/pv/1.pdf`, { env })
    const hashBefore = pvBefore.headers.get('X-Content-Hash')
    await pvBefore.body?.cancel()

    const answer = await okJson(await erase(session, candidateId))
    expect(answer).toEqual({ candidateId, mode: 'anonymised', pvVersions: [1] })

    const { candidate } = await okJson<{ candidate: Record<string, unknown> }>(await call(`/sessions/${session}/candidates/${candidateId}`))
    expect(candidate).toMatchObject({
      schoolId: 'RGPD-3',
      birthName: 'ANONYMISÉ',
      usageName: null,
      firstNames: [],
      sex: null,
      birthDate: null,
      email: null,
      optionCode: 'BC05-A',
    })
    const resultsAfter = await okJson<{ results: Array<{ candidateId: string; decision: string; blocs: unknown }> }>(await call(`/sessions/${session}/results`))
    const pick = (r: typeof resultsAfter) => r.results.map(({ candidateId: id, decision, blocs }) => ({ id, decision, blocs }))
    expect(pick(resultsAfter)).toEqual(pick(resultsBefore))
    expect((await rowsAbout(candidateId)).certification_decision).toBe(1)
    const pvAfter = await call(`/sessions/${session}/pv/1.pdf`, { env })
    expect(pvAfter.status).toBe(200)
    expect(pvAfter.headers.get('X-Content-Hash')).toBe(hashBefore)
    await pvAfter.body?.cancel()
    // The session stays locked for any other change.
    const put = await call(`/sessions/${session}/candidates/${candidateId}`, jsonBody('PUT', { rowVersion: 99, candidate: { schoolId: 'RGPD-3', birthName: 'Bernard', firstNames: ['Lou'], optionCode: 'BC05-A' } }))
    await expectError(put, 423, 'SESSION_LOCKED')

    const again = await expectError(await erase(session, candidateId), 409, 'CONFLICT')
    expect(again.error.message).toBe('Ce candidat est déjà anonymisé.')
  })

  it('is the only change the database lets through in a deliberated session', async () => {
    const session = await createSession('RGPD, verrou')
    const candidateId = await createCandidate(session, 'RGPD-6')
    await finalise(session)
    const update = (assignments: string) => testEnv.DB.prepare(`UPDATE candidate SET ${assignments} WHERE id = ?1`).bind(candidateId).run()
    // A plain change, or an anonymisation that also touches what the PV depends on, is refused.
    await expect(update(`birth_name = 'Autre'`)).rejects.toThrow(/guard:session_locked/)
    await expect(update(`anonymised_at = 'now', option_code = 'BC05-B'`)).rejects.toThrow(/guard:session_locked/)
    await expect(update(`anonymised_at = 'now', school_id = 'AUTRE'`)).rejects.toThrow(/guard:session_locked/)
    expect((await okJson<{ mode: string }>(await erase(session, candidateId))).mode).toBe('anonymised')
  })

  it('anonymises rather than deletes a candidate of an earlier PV after the session was reopened', async () => {
    const session = await createSession('RGPD, session rouverte')
    const candidateId = await createCandidate(session, 'RGPD-4')
    await finalise(session)
    await okJson(await call(`/sessions/${session}/amend`, jsonBody('POST', { reason: 'Correction d’une note' })))
    const answer = await okJson<{ mode: string }>(await erase(session, candidateId))
    expect(answer.mode).toBe('anonymised')
    expect((await rowsAbout(candidateId)).candidate).toBe(1)
  })

  it('requires a reason, and a candidate that exists', async () => {
    const candidateId = await createCandidate(openSession, 'RGPD-5')
    await expectError(await erase(openSession, candidateId, ''), 400, 'VALIDATION_FAILED')
    await expectError(await erase(openSession, 'inconnu'), 404, 'NOT_FOUND')
    expect((await rowsAbout(candidateId)).candidate).toBe(1)
  })
})
