import { beforeAll, describe, expect, it } from 'vitest'
import { seedReferential } from '../../../shared/referential'
import { request, seedTheReferential } from '../harness'

const json = (body: unknown, init: RequestInit = {}) => ({
  ...init,
  headers: { 'Content-Type': 'application/json', ...(init.headers ?? {}) },
  body: JSON.stringify(body),
})

const candidate = (schoolId: string, extra: Record<string, unknown> = {}) => ({
  schoolId,
  birthName: `NOM-${schoolId}`,
  firstNames: ['Alex'],
  optionCode: 'BC05-A',
  ...extra,
})

let sessionId = ''

beforeAll(async () => {
  await seedTheReferential()
  const res = await request('/api/v1/sessions', { method: 'POST', ...json({ referentialId: seedReferential.id, name: 'Session test' }) })
  expect(res.status).toBe(201)
  sessionId = (await res.json<{ session: { id: string } }>()).session.id
})

describe('sessions', () => {
  it('are listed with their candidate count', async () => {
    const res = await request('/api/v1/sessions')
    const body = await res.json<{ sessions: Array<{ id: string; status: string }> }>()
    expect(body.sessions.find((s) => s.id === sessionId)).toMatchObject({ status: 'open' })
  })

  it('refuse an unknown référentiel with the field path', async () => {
    const res = await request('/api/v1/sessions', { method: 'POST', ...json({ referentialId: 'nope-nope', name: 'x' }) })
    expect(res.status).toBe(400)
    const body = await res.json<{ error: { details: { issues: Array<{ path: string }> } } }>()
    expect(body.error.details.issues[0]?.path).toBe('body.referentialId')
  })

  it('update only at the version the client read', async () => {
    const ok = await request(`/api/v1/sessions/${sessionId}`, { method: 'PATCH', ...json({ version: 1, campus: 'Lyon' }) })
    expect(ok.status).toBe(200)
    const stale = await request(`/api/v1/sessions/${sessionId}`, { method: 'PATCH', ...json({ version: 1, campus: 'Paris' }) })
    expect(stale.status).toBe(409)
  })

  it('refuse a body that is not JSON with 415', async () => {
    const res = await request('/api/v1/sessions', { method: 'POST', body: 'name=x', headers: { 'Content-Type': 'text/plain' } })
    expect(res.status).toBe(415)
  })

  it('refuse malformed JSON with 400 in the envelope', async () => {
    const res = await request('/api/v1/sessions', { method: 'POST', body: '{"name":', headers: { 'Content-Type': 'application/json' } })
    expect(res.status).toBe(400)
    expect((await res.json<{ error: { code: string } }>()).error.code).toBe('VALIDATION_FAILED')
  })
})

describe('candidates', () => {
  it('are created one by one and in bulk, matched on the school id', async () => {
    const one = await request(`/api/v1/sessions/${sessionId}/candidates`, { method: 'POST', ...json(candidate('E001')) })
    expect(one.status).toBe(201)
    const bulk = await request(`/api/v1/sessions/${sessionId}/candidates/bulk`, {
      method: 'POST',
      ...json({ candidates: [candidate('E001'), candidate('E002', { optionCode: 'BC05-B' }), candidate('E003')] }),
    })
    expect(bulk.status).toBe(200)
    const { summary } = await bulk.json<{ summary: Record<string, string[]> }>()
    expect(summary).toEqual({ created: ['E002', 'E003'], updated: [], unchanged: ['E001'] })
  })

  it('refuse an option the référentiel does not have, with its path', async () => {
    const res = await request(`/api/v1/sessions/${sessionId}/candidates`, {
      method: 'POST',
      ...json(candidate('E999', { optionCode: 'BC05-Z' })),
    })
    expect(res.status).toBe(400)
    const body = await res.json<{ error: { details: { issues: Array<{ path: string }> } } }>()
    expect(body.error.details.issues.map((i) => i.path)).toEqual(['body.optionCode'])
  })

  it('refuse a second candidate with the same school id', async () => {
    const res = await request(`/api/v1/sessions/${sessionId}/candidates`, { method: 'POST', ...json(candidate('E002')) })
    expect(res.status).toBe(409)
  })

  it('store names starting with formula characters verbatim', async () => {
    const names = ['=HYPERLINK("x")', '+33 6', '-Dupont', "@O'Brien; DROP TABLE candidate;--"]
    const bulk = await request(`/api/v1/sessions/${sessionId}/candidates/bulk`, {
      method: 'POST',
      ...json({ candidates: names.map((n, i) => candidate(`F${i}`, { birthName: n, firstNames: [n] })) }),
    })
    expect(bulk.status).toBe(200)
    const list = await (await request(`/api/v1/sessions/${sessionId}/candidates`)).json<{
      candidates: Array<{ schoolId: string; birthName: string; firstNames: string[] }>
    }>()
    for (const [i, n] of names.entries()) {
      expect(list.candidates.find((c) => c.schoolId === `F${i}`)).toMatchObject({ birthName: n, firstNames: [n] })
    }
  })
})

describe('grid and grades', () => {
  interface GridBody {
    grid: {
      criteres: Array<{ code: string; blocCode: string }>
      candidates: { ids: string[]; schoolIds: string[]; rowVersions: number[] }
      marks: Array<Array<string | number | null>>
      comments: Array<[number, number, string]>
    }
  }
  const grid = async () => {
    const res = await request(`/api/v1/sessions/${sessionId}/grid`)
    expect(res.status).toBe(200)
    return { etag: res.headers.get('ETag'), ...(await res.json<GridBody>()) }
  }

  it('serves every critère of the référentiel as a column and answers 304 when unchanged', async () => {
    const { grid: g, etag } = await grid()
    expect(g.criteres).toHaveLength(48)
    expect(g.criteres[0]).toEqual({ code: 'CR1.1', blocCode: 'BC01' })
    const again = await request(`/api/v1/sessions/${sessionId}/grid`, { headers: { 'If-None-Match': etag ?? '' } })
    expect(again.status).toBe(304)
  })

  it('writes marks, then a second client at the old version gets 409 with the cells and nothing is written', async () => {
    const { grid: g } = await grid()
    const row = g.candidates.schoolIds.indexOf('E001')
    const id = g.candidates.ids[row] ?? ''
    const version = g.candidates.rowVersions[row] ?? 0
    const first = await request(`/api/v1/sessions/${sessionId}/grades`, {
      method: 'PUT',
      ...json({ rows: [{ candidateId: id, rowVersion: version, marks: { 'CR1.1': ' acq ', 'CR1.2': 'PACQ' }, comments: { 'CR1.1': 'Très bien' } }] }),
    })
    expect(first.status).toBe(200)
    expect(await first.json()).toEqual({ rows: [{ candidateId: id, rowVersion: version + 1 }], written: { marks: 2, decisions: 0 } })

    const second = await request(`/api/v1/sessions/${sessionId}/grades`, {
      method: 'PUT',
      ...json({ rows: [{ candidateId: id, rowVersion: version, marks: { 'CR1.1': 'NACQ' } }] }),
    })
    expect(second.status).toBe(409)
    const conflict = await second.json<{ error: { code: string; details: { conflicts: unknown[] } } }>()
    expect(conflict.error.details.conflicts).toEqual([
      expect.objectContaining({ candidateId: id, critereCode: 'CR1.1', serverValue: 'ACQ', clientValue: 'NACQ', serverRowVersion: version + 1 }),
    ])
    const after = await grid()
    const column = after.grid.criteres.findIndex((c) => c.code === 'CR1.1')
    expect(after.grid.marks[row]?.[column]).toBe('ACQ')
    expect(after.grid.comments).toContainEqual([row, column, 'Très bien'])
  })

  it('replays an idempotent push with the first answer and writes nothing twice', async () => {
    const { grid: g } = await grid()
    const row = g.candidates.schoolIds.indexOf('E003')
    const body = { rows: [{ candidateId: g.candidates.ids[row], rowVersion: g.candidates.rowVersions[row], marks: { 'CR2.1': 'ACQ' } }] }
    const headers = { 'Idempotency-Key': 'push-123' }
    const first = await request(`/api/v1/sessions/${sessionId}/grades`, { method: 'PUT', ...json(body, { headers }) })
    const replay = await request(`/api/v1/sessions/${sessionId}/grades`, { method: 'PUT', ...json(body, { headers }) })
    expect(first.status).toBe(200)
    expect(replay.status).toBe(200)
    expect(replay.headers.get('Idempotent-Replayed')).toBe('true')
    expect(await replay.json()).toEqual(await first.json())
    const reused = await request(`/api/v1/sessions/${sessionId}/grades`, {
      method: 'PUT',
      ...json({ ...body, reason: 'autre' }, { headers }),
    })
    expect(reused.status).toBe(422)
  })

  it('rejects unknown critères, marks of another option and invalid marks, each with its path, writing nothing', async () => {
    const before = await grid()
    const row = before.grid.candidates.schoolIds.indexOf('E002')
    const res = await request(`/api/v1/sessions/${sessionId}/grades`, {
      method: 'PUT',
      ...json({
        rows: [
          {
            candidateId: before.grid.candidates.ids[row],
            rowVersion: before.grid.candidates.rowVersions[row],
            marks: { 'CR1.1': 'ACQ', 'CR9.9': 'ACQ', 'CR5A.1': 'ACQ', 'CR1.2': 'BIEN' },
          },
        ],
      }),
    })
    expect(res.status).toBe(400)
    const body = await res.json<{ error: { details: { issues: Array<{ path: string }> } } }>()
    expect(body.error.details.issues.map((i) => i.path)).toEqual([
      'body.rows[0].marks["CR9.9"]',
      'body.rows[0].marks["CR5A.1"]',
      'body.rows[0].marks["CR1.2"]',
    ])
    const after = await grid()
    expect(after.etag).toBe(before.etag)
  })
})
