/**
 * Idempotent grade pushes: the add-in retries a push whose answer it never saw with the same
 * Idempotency-Key; the server answers as the first time and writes nothing again, even when the
 * duplicates arrive at the same moment.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import { request, seedTheReferential } from '../harness'
import {
  bulkCandidates,
  candidateBody,
  candidatesBySchoolId,
  count,
  createSession,
  expectError,
  getGrid,
  json,
  cell,
  pushGrades,
  snapshotDatabase,
  type StoredCandidate,
} from './helpers'

let sessionId = ''

async function candidate(schoolId: string): Promise<StoredCandidate> {
  const found = (await candidatesBySchoolId(sessionId)).get(schoolId)
  if (!found) throw new Error(`candidate ${schoolId} missing`)
  return found
}

/** What a push leaves behind for one candidate: audit events, history rows, row version. */
async function footprint(candidateId: string) {
  const grid = await getGrid(sessionId)
  return {
    audit: await count('audit_event', `action = 'grades.update' AND candidate_id = ?1`, candidateId),
    history: await count('mark_history', 'candidate_id = ?1', candidateId),
    keys: await count('idempotency_key'),
    rowVersion: grid.candidates.rowVersions[grid.candidates.ids.indexOf(candidateId)],
  }
}

function push(c: StoredCandidate, marks: Record<string, string>, rowVersion = c.rowVersion) {
  return { rows: [{ candidateId: c.id, rowVersion, marks, comments: { 'CR1.1': 'relance' } }], reason: 'relance réseau' }
}

beforeAll(async () => {
  await seedTheReferential()
  sessionId = await createSession('Idempotence')
  await bulkCandidates(sessionId, ['REPLAY', 'LATE', 'REFUSED', 'RACE', 'RACE2', 'SCOPED'].map((id) => candidateBody(id)))
})

describe('replaying a grade push with the same Idempotency-Key', () => {
  it('answers exactly as the first time and writes no audit event, history row or version bump again', async () => {
    const c = await candidate('REPLAY')
    const body = push(c, { 'CR1.1': 'ACQ', 'CR1.2': 'NACQ' })
    const first = await pushGrades(sessionId, body, { 'Idempotency-Key': 'replay-1' })
    expect(first.status).toBe(200)
    const firstAnswer = await first.json()
    const after = await footprint(c.id)
    expect(after).toMatchObject({ audit: 1, history: 2, rowVersion: c.rowVersion + 1 })
    const snapshot = await snapshotDatabase()

    for (let attempt = 0; attempt < 3; attempt++) {
      const replay = await pushGrades(sessionId, body, { 'Idempotency-Key': 'replay-1' })
      expect(replay.status).toBe(200)
      expect(replay.headers.get('Idempotent-Replayed')).toBe('true')
      expect(await replay.json()).toEqual(firstAnswer)
    }
    expect(await footprint(c.id)).toEqual(after)
    expect(await snapshotDatabase()).toEqual(snapshot)
  })

  it('answers the first answer even after someone else changed the row, leaving the newer values alone', async () => {
    const c = await candidate('LATE')
    const body = push(c, { 'CR1.1': 'PACQ' })
    const first = await pushGrades(sessionId, body, { 'Idempotency-Key': 'late-1' })
    expect(first.status).toBe(200)
    const firstAnswer = await first.json()
    const moved = await candidate('LATE')
    expect((await pushGrades(sessionId, push(moved, { 'CR1.1': 'EXC' }))).status).toBe(200)
    const snapshot = await snapshotDatabase()

    const replay = await pushGrades(sessionId, body, { 'Idempotency-Key': 'late-1' })
    expect(replay.status).toBe(200)
    expect(await replay.json()).toEqual(firstAnswer)
    expect(cell(await getGrid(sessionId), 'LATE', 'CR1.1')).toBe('EXC')
    expect(await snapshotDatabase()).toEqual(snapshot)
  })

  it('refuses the key with a different body (422) without writing anything', async () => {
    const c = await candidate('REPLAY')
    const snapshot = await snapshotDatabase()
    const res = await pushGrades(sessionId, push(c, { 'CR1.1': 'ATT' }), { 'Idempotency-Key': 'replay-1' })
    await expectError(res, 422, 'IDEMPOTENCY_KEY_REUSED')
    expect(await snapshotDatabase()).toEqual(snapshot)
  })

  it('does not spend a key on a refused request: the corrected push goes through with the same key', async () => {
    const c = await candidate('REFUSED')
    const stale = await pushGrades(sessionId, push(c, { 'CR1.1': 'ACQ' }, c.rowVersion + 5), { 'Idempotency-Key': 'retry-after-409' })
    await expectError(stale, 409, 'CONFLICT')
    const invalid = await pushGrades(sessionId, push(c, { 'CR1.1': 'BIEN' }), { 'Idempotency-Key': 'retry-after-409' })
    await expectError(invalid, 400, 'VALIDATION_FAILED')
    expect(await count('idempotency_key', `key = 'retry-after-409'`)).toBe(0)

    const fixed = await pushGrades(sessionId, push(c, { 'CR1.1': 'ACQ' }), { 'Idempotency-Key': 'retry-after-409' })
    expect(fixed.status).toBe(200)
    expect(fixed.headers.get('Idempotent-Replayed')).toBeNull()
    expect(await footprint(c.id)).toMatchObject({ audit: 1, history: 1, rowVersion: c.rowVersion + 1 })
  })

  it('refuses a key that is not 1 to 128 printable characters, with its location', async () => {
    const c = await candidate('REFUSED')
    const snapshot = await snapshotDatabase()
    for (const key of ['x'.repeat(129), 'del\x7fchar', 'a b']) {
      const res = await pushGrades(sessionId, push(c, { 'CR1.2': 'ACQ' }), { 'Idempotency-Key': key })
      const body = await expectError(res, 400, 'VALIDATION_FAILED')
      expect(body.error.details?.issues?.map((i) => i.path)).toEqual(['header.idempotency-key'])
    }
    expect(await snapshotDatabase()).toEqual(snapshot)
  })
})

describe('identical pushes with the same key fired at the same time', () => {
  it('write exactly once: one audit event, one history row per cell, one version bump, one stored key', async () => {
    const c = await candidate('RACE')
    const body = push(c, { 'CR1.1': 'ACQ', 'CR1.2': 'PACQ', 'CR1.3': 'NACQ' })
    const keysBefore = await count('idempotency_key')
    const responses = await Promise.all(Array.from({ length: 5 }, () => pushGrades(sessionId, body, { 'Idempotency-Key': 'race-1' })))
    expect(responses.some((r) => r.status === 200)).toBe(true)
    expect(await footprint(c.id)).toEqual({ audit: 1, history: 3, keys: keysBefore + 1, rowVersion: c.rowVersion + 1 })
  })

  // Regression: racing duplicates used to lose on the row-version guard and answer 409.
  it('answer every duplicate with the first answer', async () => {
    const c = await candidate('RACE2')
    const body = push(c, { 'CR1.1': 'ACQ' })
    const responses = await Promise.all([1, 2].map(() => pushGrades(sessionId, body, { 'Idempotency-Key': 'race-2' })))
    expect(responses.map((r) => r.status)).toEqual([200, 200])
    const [a, b] = await Promise.all(responses.map((r) => r.json()))
    expect(b).toEqual(a)
  })
})

describe('an Idempotency-Key belongs to the caller that sent it', () => {
  async function apiToken(name: string): Promise<string> {
    const res = await request('/api/v1/tokens', { method: 'POST', ...json({ name, role: 'manager' }) })
    expect(res.status, await res.clone().text()).toBe(201)
    return (await res.json<{ secret: string }>()).secret
  }

  it('another caller sending the same key and body gets an answer of its own, never the first caller’s stored one', async () => {
    const c = await candidate('SCOPED')
    const body = push(c, { 'CR1.1': 'ACQ' })
    const first = await pushGrades(sessionId, body, { 'Idempotency-Key': 'shared-key' })
    expect(first.status).toBe(200)
    expect(first.headers.get('Idempotent-Replayed')).toBeNull()

    // The same bytes from someone else: not a replay. Its row version is now stale, so it is a 409.
    const other = await apiToken('Intégration notes')
    const second = await request(`/api/v1/sessions/${sessionId}/grades`, { method: 'PUT', token: other, ...json(body, { headers: { 'Idempotency-Key': 'shared-key' } }) })
    expect(second.headers.get('Idempotent-Replayed')).toBeNull()
    await expectError(second, 409, 'CONFLICT')

    // The first caller still replays its own answer.
    const replay = await pushGrades(sessionId, body, { 'Idempotency-Key': 'shared-key' })
    expect(replay.status).toBe(200)
    expect(replay.headers.get('Idempotent-Replayed')).toBe('true')
    expect(await count('idempotency_key', `key = 'shared-key'`)).toBe(1)
  })

  it('two callers may each use the same key for their own pushes', async () => {
    const c = await candidate('SCOPED')
    const other = await apiToken('Second outil')
    const mine = await pushGrades(sessionId, push(c, { 'CR1.1': 'NACQ', 'CR1.2': 'ACQ' }), { 'Idempotency-Key': 'same-key' })
    expect(mine.status).toBe(200)
    const fresh = await candidate('SCOPED')
    const theirs = await request(`/api/v1/sessions/${sessionId}/grades`, {
      method: 'PUT',
      token: other,
      ...json(push(fresh, { 'CR1.1': 'PACQ' }), { headers: { 'Idempotency-Key': 'same-key' } }),
    })
    // Not « clé déjà utilisée pour une autre requête » (422): the key is free for this caller.
    expect(theirs.status, await theirs.clone().text()).toBe(200)
    expect(await count('idempotency_key', `key = 'same-key'`)).toBe(2)
  })
})
