/**
 * Oversized bodies are refused with 413 in the error envelope before anything is parsed or
 * written, whether the client announces the length or streams the body without one.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import { request, seedTheReferential } from '../harness'
import { bulkCandidates, candidateBody, candidatesBySchoolId, createSession, expectError, REFERENTIAL_ID, snapshotDatabase } from './helpers'

const MiB = 1024 * 1024
let sessionId = ''
let candidateId = ''

/** A JSON body of about `bytes` bytes: a valid shape whose one string field is padded. */
function padded(shape: (padding: string) => unknown, bytes: number): string {
  return JSON.stringify(shape('x'.repeat(bytes)))
}

/** The same bytes as a stream of 1 MiB chunks, so no Content-Length is sent. */
function streamed(text: string): ReadableStream<Uint8Array> {
  const bytes = new TextEncoder().encode(text)
  let offset = 0
  return new ReadableStream({
    pull(controller) {
      if (offset >= bytes.length) return controller.close()
      controller.enqueue(bytes.subarray(offset, offset + MiB))
      offset += MiB
    },
  })
}

async function expectTooLarge(res: Response, maxBytes: number): Promise<void> {
  const body = await expectError(res, 413, 'PAYLOAD_TOO_LARGE')
  expect(body.error.details).toEqual({ maxBytes })
  expect(body.error.message).toContain(`: ${maxBytes / MiB}\u00a0Mo au plus.`)
}

beforeAll(async () => {
  await seedTheReferential()
  sessionId = await createSession('Limites')
  await bulkCandidates(sessionId, [candidateBody('BIG')])
  candidateId = (await candidatesBySchoolId(sessionId)).get('BIG')?.id ?? ''
})

describe('a grade push over 16 MiB', () => {
  const body = () => padded((p) => ({ rows: [{ candidateId, rowVersion: 1, marks: { 'CR1.1': 'ACQ' } }], reason: p }), 17 * MiB)

  it('is refused with 413 and the limit, writing nothing', async () => {
    const before = await snapshotDatabase()
    const text = body()
    expect(text.length).toBeGreaterThan(16 * MiB)
    const res = await request(`/api/v1/sessions/${sessionId}/grades`, { method: 'PUT', body: text, headers: { 'Content-Type': 'application/json' } })
    await expectTooLarge(res, 16 * MiB)
    expect(await snapshotDatabase()).toEqual(before)
  })

  it('is refused with 413 when streamed without a Content-Length', async () => {
    const res = await request(`/api/v1/sessions/${sessionId}/grades`, {
      method: 'PUT',
      body: streamed(body()),
      headers: { 'Content-Type': 'application/json' },
      duplex: 'half',
    } as RequestInit)
    await expectTooLarge(res, 16 * MiB)
  })
})

describe('a body over 1 MiB on the session and single-candidate routes', () => {
  const twoMiB = 2 * MiB
  const cases: Array<[string, string, () => string, string]> = [
    ['POST /sessions', 'POST', () => padded((p) => ({ referentialId: REFERENTIAL_ID, name: p }), twoMiB), ''],
    ['PATCH /sessions/{id}', 'PATCH', () => padded((p) => ({ version: 1, name: p }), twoMiB), '/:session'],
    ['POST /sessions/{id}/candidates', 'POST', () => padded((p) => candidateBody('HUGE', { birthName: p }), twoMiB), '/:session/candidates'],
  ]

  it.each(cases)('%s is refused with 413 and the limit, writing nothing', async (_name, method, body, suffix) => {
    const before = await snapshotDatabase()
    const path = `/api/v1/sessions${suffix.replace(':session', sessionId)}`
    const res = await request(path, { method, body: body(), headers: { 'Content-Type': 'application/json' } })
    await expectTooLarge(res, MiB)
    expect(await snapshotDatabase()).toEqual(before)
  })

  it('lets a body under the limit through to validation, which locates the field that is too long', async () => {
    const res = await request('/api/v1/sessions', {
      method: 'POST',
      body: padded((p) => ({ referentialId: REFERENTIAL_ID, name: p }), MiB - 1024),
      headers: { 'Content-Type': 'application/json' },
    })
    const body = await expectError(res, 400, 'VALIDATION_FAILED')
    expect(body.error.details?.issues?.map((i) => i.path)).toEqual(['body.name'])
  })
})

describe('a candidate bulk over 16 MiB', () => {
  it('is refused with 413 and the limit, writing nothing', async () => {
    const before = await snapshotDatabase()
    const one = candidateBody('X', { birthName: 'x'.repeat(100), usageName: 'y'.repeat(100), birthCommuneLabel: 'z'.repeat(100) })
    const candidates = Array.from({ length: 17 * MiB / 400 }, (_, i) => ({ ...one, schoolId: `S${i}` }))
    const text = JSON.stringify({ candidates })
    expect(text.length).toBeGreaterThan(16 * MiB)
    const res = await request(`/api/v1/sessions/${sessionId}/candidates/bulk`, { method: 'POST', body: text, headers: { 'Content-Type': 'application/json' } })
    await expectTooLarge(res, 16 * MiB)
    expect(await snapshotDatabase()).toEqual(before)
  })
})

describe('the 413 message states the limit exactly', () => {
  it('a 16 KiB route says « 16 Ko », not « 0 Mo »', async () => {
    const res = await request(`/api/v1/sessions/${sessionId}/close`, { method: 'POST', body: JSON.stringify({ pad: 'x'.repeat(17 * 1024) }), headers: { 'Content-Type': 'application/json' } })
    const body = await expectError(res, 413, 'PAYLOAD_TOO_LARGE')
    expect(body.error.message).toBe('Requête trop volumineuse : 16\u00a0Ko au plus.')
  })

  it('past the ceiling of every route (51 MiB of multipart overhead allowed), the message says the documented 50 Mo', async () => {
    const res = await request(`/api/v1/sessions/${sessionId}/jury-imports`, {
      method: 'POST',
      body: streamed('x'.repeat(52 * MiB)),
      headers: { 'Content-Type': 'multipart/form-data; boundary=x' },
      duplex: 'half',
    } as RequestInit)
    const body = await expectError(res, 413, 'PAYLOAD_TOO_LARGE')
    expect(body.error.message).toBe('Requête trop volumineuse : 50\u00a0Mo au plus.')
    expect(body.error.message).not.toContain('51')
  })
})
