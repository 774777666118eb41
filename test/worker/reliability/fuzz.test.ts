/**
 * Generated hostile bodies against every JSON write route. Whatever arrives, the API answers 2xx
 * or 4xx — never 5xx — and every refusal is in the error envelope with a French message; a 400
 * locates each problem (`details.issues[].path`). Runs are reproducible (fixed seed); the runs of
 * all properties add up to more than 1,000 requests.
 */
import fc from 'fast-check'
import { beforeAll, describe, expect, it } from 'vitest'
import { indexReferential } from '../../../shared/grades/gradePush'
import { seedReferential } from '../../../shared/referential'
import { formatPath } from '../../../worker/middleware/validate'
import { request, seedTheReferential, testEnv } from '../harness'
import { applyMutation, corrupt, corruptions, leaves, mutations, replaceAt, type Json } from './jsonFuzz'
import { bulkCandidates, candidateBody, createSession, FRENCH, listCandidates, REFERENTIAL_ID, type StoredCandidate } from './helpers'

const SEED = 20_261_128
const run = (numRuns: number) => ({ seed: SEED, numRuns })

let sessionId = ''
let known: StoredCandidate[] = []
let fresh = 0

async function rowVersion(candidateId: string): Promise<number> {
  return (await testEnv.DB.prepare('SELECT row_version FROM candidate WHERE id = ?1').bind(candidateId).first<number>('row_version')) ?? 1
}

async function sessionVersion(): Promise<number> {
  return (await testEnv.DB.prepare('SELECT version FROM session WHERE id = ?1').bind(sessionId).first<number>('version')) ?? 1
}

/** A candidate with every field set, under a school id never used before. */
function fullCandidate(): Json {
  fresh += 1
  return {
    schoolId: `FZ${fresh}`,
    birthName: 'Martin',
    usageName: 'Dupont',
    firstNames: ['Léa', 'Anne'],
    sex: 'F',
    birthDate: '2001-02-03',
    birthCommuneCode: '75056',
    birthCommuneCodeKind: 'insee',
    birthCommuneLabel: 'Paris',
    birthCountryCode: '99100',
    birthCountryLabel: 'France',
    email: 'lea.martin@example.fr',
    optionCode: 'BC05-A',
    accessRoute: 'VAE',
    capitalisedBlocs: [{ blocCode: 'BC02', acquiredOn: '2024-06-30', source: 'vae' }],
  }
}

interface Target {
  name: string
  method: 'PUT' | 'POST' | 'PATCH'
  path: () => string
  /** A body the route accepts, built against the current state of the database. */
  valid: () => Promise<Json>
}

const targets: Target[] = [
  {
    name: 'PUT /sessions/{id}/grades',
    method: 'PUT',
    path: () => `/api/v1/sessions/${sessionId}/grades`,
    valid: async () => {
      const c = known[0] as StoredCandidate
      return {
        rows: [
          {
            candidateId: c.id,
            rowVersion: await rowVersion(c.id),
            marks: { 'CR1.1': 'ACQ', 'CR1.2': null, 'CR5A.1': 'PACQ' },
            comments: { 'CR1.1': 'bien' },
            decisions: { BC01: { code: 'ADJ', reason: 'jury' } },
          },
        ],
        reason: 'fuzz',
      }
    },
  },
  {
    name: 'POST /sessions',
    method: 'POST',
    path: () => '/api/v1/sessions',
    valid: async () => ({ referentialId: REFERENTIAL_ID, name: 'Fuzz', campus: 'Lyon', startsOn: '2026-01-05', endsOn: '2026-06-30', juryDate: '2026-07-03' }),
  },
  {
    name: 'POST /sessions/{id}/candidates',
    method: 'POST',
    path: () => `/api/v1/sessions/${sessionId}/candidates`,
    valid: async () => fullCandidate(),
  },
  {
    name: 'POST /sessions/{id}/candidates/bulk',
    method: 'POST',
    path: () => `/api/v1/sessions/${sessionId}/candidates/bulk`,
    valid: async () => ({ candidates: [fullCandidate(), fullCandidate()] }),
  },
  {
    name: 'PATCH /sessions/{id}',
    method: 'PATCH',
    path: () => `/api/v1/sessions/${sessionId}`,
    valid: async () => ({ version: await sessionVersion(), name: 'Renommée', campus: null, startsOn: '2026-01-05', endsOn: null, juryDate: '2026-07-03' }),
  },
]

function send(target: Target, body: string | Uint8Array, contentType = 'application/json'): Promise<Response> {
  return request(target.path(), { method: target.method, body, headers: contentType ? { 'Content-Type': contentType } : {} })
}

interface Answer {
  status: number
  body: { error?: { code: string; message: string; details: { issues?: Array<{ path: string; message: string }> } | null } } | null
}

/**
 * The contract every answer keeps: 2xx or 4xx; a 4xx in the envelope with a French message;
 * a 400 listing located issues.
 */
async function expectWellFormed(res: Response, sent: string): Promise<Answer> {
  const text = await res.text()
  const context = `${res.status} ← ${sent.slice(0, 300)}\n→ ${text.slice(0, 500)}`
  expect(res.status, context).toBeGreaterThanOrEqual(200)
  expect(res.status, context).toBeLessThan(500)
  if (res.status < 300) return { status: res.status, body: text ? (JSON.parse(text) as Answer['body']) : null }
  expect(res.status, context).toBeGreaterThanOrEqual(400)
  const body = JSON.parse(text) as NonNullable<Answer['body']>
  expect(Object.keys(body), context).toEqual(['error'])
  expect(Object.keys(body.error ?? {}).sort(), context).toEqual(['code', 'details', 'message'])
  expect(body.error?.code, context).toMatch(/^[A-Z_]+$/)
  expect(body.error?.message.trim().length, context).toBeGreaterThan(0)
  expect(body.error?.message, context).toMatch(FRENCH)
  if (res.status === 400) {
    const issues = body.error?.details?.issues
    expect(Array.isArray(issues) && issues.length > 0, context).toBe(true)
    for (const issue of issues ?? []) {
      expect(issue.path, context).toMatch(/^(body|header|query|param|file)\b/)
      expect(issue.message.length, context).toBeGreaterThan(0)
    }
  }
  return { status: res.status, body }
}

/** Whether the Worker can read these bytes as JSON (UTF-8, a leading BOM ignored, as Request.json() does). */
function parses(bytes: Uint8Array): boolean {
  try {
    JSON.parse(new TextDecoder().decode(bytes))
    return true
  } catch {
    return false
  }
}

const describeSent = (body: string | Uint8Array) => (typeof body === 'string' ? body : `bytes(${body.length}) ${new TextDecoder().decode(body.slice(0, 200))}`)

beforeAll(async () => {
  await seedTheReferential()
  sessionId = await createSession('Fuzz')
  await bulkCandidates(sessionId, [
    candidateBody('K0', { optionCode: 'BC05-A' }),
    candidateBody('K1', { optionCode: 'BC05-B' }),
    candidateBody('K2', { optionCode: null }),
    candidateBody('K3', { optionCode: 'BC05-A' }),
  ])
  const bySchool = new Map((await listCandidates(sessionId)).map((c) => [c.schoolId, c]))
  known = ['K0', 'K1', 'K2', 'K3'].map((id) => bySchool.get(id) as StoredCandidate)
})

describe('mutated valid bodies (wrong types at random paths, huge strings, deep nesting, odd keys)', () => {
  it.each(targets.map((t, i) => [t.name, t, i === 0 ? 200 : 100] as const))(
    '%s never answers 5xx',
    { timeout: 60_000 },
    async (_name, target, numRuns) => {
      await fc.assert(
        fc.asyncProperty(mutations, async (steps) => {
          const body = JSON.stringify(steps.reduce(applyMutation, await target.valid()))
          await expectWellFormed(await send(target, body), body)
        }),
        run(numRuns),
      )
    },
  )
})

describe('arbitrary JSON values', () => {
  it('never get a 5xx from any route', { timeout: 60_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...targets), fc.jsonValue(), async (target, value) => {
        const body = JSON.stringify(value)
        await expectWellFormed(await send(target, body), body)
      }),
      run(200),
    )
  })
})

describe('malformed JSON and random bytes', () => {
  it('get 415 under a non-JSON type and 400 located at « body » when they do not parse, never a 5xx', { timeout: 60_000 }, async () => {
    const contentTypes = fc.constantFrom(
      'application/json',
      'application/json',
      'application/json; charset=utf-8',
      'APPLICATION/JSON',
      'application/problem+json',
      'text/plain',
      'application/x-www-form-urlencoded',
      '',
    )
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...targets), corruptions, contentTypes, async (target, corruption, contentType) => {
        const body = corrupt(JSON.stringify(await target.valid()), corruption)
        const answer = await expectWellFormed(await send(target, body, contentType), describeSent(body))
        if (!/json/i.test(contentType)) {
          expect(answer.status).toBe(415)
          expect(answer.body?.error?.details?.issues?.map((i) => i.path)).toEqual(['header.content-type'])
        } else if (!parses(body)) {
          expect(answer.status).toBe(400)
          expect(answer.body?.error?.details?.issues?.map((i) => i.path)).toEqual(['body'])
        }
      }),
      run(200),
    )
  })
})

describe('a wrong type at any leaf of a valid body', () => {
  it('is reported at exactly that path', { timeout: 60_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...targets), fc.nat(), fc.constantFrom<Json>({ fuzz: [1] }, [['x']]), async (target, pick, wrong) => {
        const valid = await target.valid()
        const all = leaves(valid)
        const leaf = all[pick % all.length] as { path: Array<string | number> }
        const body = JSON.stringify(replaceAt(valid, leaf.path, wrong))
        const answer = await expectWellFormed(await send(target, body), body)
        expect(answer.status, body).toBe(400)
        expect(answer.body?.error?.details?.issues?.map((i) => i.path)).toContain(formatPath('body', leaf.path))
      }),
      run(150),
    )
  })
})

describe('structured grade pushes against an oracle', () => {
  const index = indexReferential(seedReferential)
  const critereCodes = [...index.criteres.keys()]
  const blocCodes = [...index.blocs.keys()]
  const VALID_MARKS = ['ACQ', 'PACQ', 'NACQ', 'ABS', 'EXC', 'ATT', ' acq ', 'Nacq', null, '', '   ']
  const INVALID_MARKS = ['BIEN', 12, 0, -1, 20.5, 1e308, true, false, 'NaN', 'Infinity', '=ACQ', '12', 'A C Q']
  const OVERRIDES = ['ADM', 'ADJ', 'AJ', 'adj', ' aj ']
  const key = (code: string) => `[${JSON.stringify(code)}]`

  const commonCodes = critereCodes.filter((code) => index.criteres.get(code)?.optionCode === null)
  // Mostly valid content, so that many pushes pass validation and reach the database.
  // (noBias: fast-check's bias towards bounds would otherwise pick the rare branch far too often.)
  const often = <T,>(usual: fc.Arbitrary<T>, rare: fc.Arbitrary<T>) => fc.noBias(fc.oneof({ weight: 15, arbitrary: usual }, { weight: 1, arbitrary: rare }))
  const row = fc.record({
    who: often(fc.nat(3), fc.constantFrom(4, 5)), // 0–3: a candidate of the session; 4: one of another session; 5: made up
    stale: often(fc.constant(false), fc.constant(true)),
    marks: fc.dictionary(
      fc.noBias(
        fc.oneof(
          { weight: 12, arbitrary: fc.constantFrom(...commonCodes) },
          { weight: 2, arbitrary: fc.constantFrom(...critereCodes) },
          { weight: 1, arbitrary: fc.constantFrom('CR9.9', 'cr1.1', 'CR1.1 ', 'BC01') },
        ),
      ),
      often(fc.constantFrom<Json>(...VALID_MARKS), fc.constantFrom<Json>(...INVALID_MARKS)),
      { maxKeys: 5 },
    ),
    // A comment on one of the row's marks, or (rarely) on a critère the row does not grade.
    comment: fc.option(fc.record({ orphan: often(fc.constant(false), fc.constant(true)), pick: fc.nat(), text: fc.option(fc.string({ maxLength: 30 })) })),
    decisions: fc.dictionary(
      often(fc.constantFrom(...blocCodes), fc.constantFrom('BC99', 'bc01')),
      fc.record({
        code: often(fc.constantFrom<string | null>(...OVERRIDES, null, ''), fc.constantFrom<string | null>('XX', 'ACQ')),
        reason: often(fc.constantFrom<string | null>('motif', '  motif  '), fc.constantFrom<string | null>(null, '', '   ')),
      }),
      { maxKeys: 1 },
    ),
  })

  it('answers 400 with exactly the expected issue paths, or else 200 when every row is current and 409 when one is not', { timeout: 60_000 }, async () => {
    const otherSession = await createSession('Autre')
    await bulkCandidates(otherSession, [candidateBody('AILLEURS')])
    const elsewhere = (await listCandidates(otherSession))[0] as StoredCandidate

    // Rows usually name distinct candidates; sometimes the same one twice.
    const rowLists = often(fc.uniqueArray(row, { selector: (r) => r.who, minLength: 1, maxLength: 3 }), fc.array(row, { minLength: 2, maxLength: 4 }))
    await fc.assert(
      fc.asyncProperty(rowLists, async (rows) => {
        const expected = new Set<string>()
        const seen = new Set<string>()
        let stale = false
        const body = {
          reason: 'oracle',
          rows: await Promise.all(
            rows.map(async (r, i) => {
              const candidate = r.who < 4 ? known[r.who] : undefined
              const candidateId = candidate?.id ?? (r.who === 4 ? elsewhere.id : `inconnu-${i}`)
              const version = candidate ? await rowVersion(candidate.id) : 1
              stale ||= r.stale
              const graded = Object.keys(r.marks)
              const comments: Record<string, string | null> = {}
              if (r.comment?.orphan) comments['CR9.9'] = r.comment.text
              else if (r.comment && graded.length > 0) comments[graded[r.comment.pick % graded.length] as string] = r.comment.text
              return { candidateId, rowVersion: r.stale ? version + 3 : version, marks: r.marks, comments, decisions: r.decisions }
            }),
          ),
        }
        body.rows.forEach((r, i) => {
          const at = `body.rows[${i}]`
          const candidate = known.find((k) => k.id === r.candidateId)
          if (seen.has(r.candidateId) || !candidate) expected.add(`${at}.candidateId`)
          seen.add(r.candidateId)
          const option = candidate?.optionCode ?? null
          const blank = (v: unknown) => v === null || (typeof v === 'string' && v.trim() === '')
          for (const [code, value] of Object.entries(r.marks)) {
            const critere = index.criteres.get(code)
            // An option the candidate did not choose takes no mark; clearing one is allowed.
            const otherOption = critere?.optionCode && candidate && option && critere.optionCode !== option && !blank(value)
            if (!critere || otherOption || !VALID_MARKS.includes(value as string | null)) expected.add(`${at}.marks${key(code)}`)
          }
          for (const code of Object.keys(r.comments)) if (!(code in r.marks)) expected.add(`${at}.comments${key(code)}`)
          for (const [bloc, d] of Object.entries(r.decisions)) {
            const otherOption = candidate && option && index.blocs.get(bloc)?.optionCode && index.blocs.get(bloc)?.optionCode !== option
            if (!index.blocs.has(bloc)) expected.add(`${at}.decisions${key(bloc)}`)
            else if (!blank(d.code) && !OVERRIDES.includes(d.code as string)) expected.add(`${at}.decisions${key(bloc)}.code`)
            // Nor a jury decision (as « Vérifier » in the workbook).
            else if (!blank(d.code) && otherOption) expected.add(`${at}.decisions${key(bloc)}.code`)
            else if (!blank(d.code) && blank(d.reason)) expected.add(`${at}.decisions${key(bloc)}.reason`)
          }
        })

        const text = JSON.stringify(body)
        const answer = await expectWellFormed(await send(targets[0] as Target, text), text)
        if (expected.size > 0) {
          expect(answer.status, text).toBe(400)
          expect(new Set(answer.body?.error?.details?.issues?.map((i) => i.path))).toEqual(expected)
        } else {
          expect(answer.status, text).toBe(stale ? 409 : 200)
        }
      }),
      run(250),
    )
  })
})

describe('critère and bloc codes named after JavaScript object members', () => {
  const pushWith = async (field: 'marks' | 'decisions', code: string) => {
    const c = known[2] as StoredCandidate
    const value = field === 'marks' ? '"ACQ"' : '{"code":"ADJ","reason":"jury"}'
    // Raw text: a JavaScript object literal would turn "__proto__" into the prototype.
    return send(targets[0] as Target, `{"rows":[{"candidateId":"${c.id}","rowVersion":${await rowVersion(c.id)},"${field}":{"${code}":${value}}}]}`)
  }

  it.each([
    ['marks', 'constructor'],
    ['marks', 'toString'],
    ['decisions', 'constructor'],
    ['decisions', 'hasOwnProperty'],
  ] as const)('%s « %s » is refused as unknown, at its path', async (field, code) => {
    const answer = await expectWellFormed(await pushWith(field, code), code)
    expect(answer.status).toBe(400)
    expect(answer.body?.error?.details?.issues?.map((i) => i.path)).toEqual([`body.rows[0].${field}["${code}"]`])
  })

  // Regression: zod records drop a "__proto__" key silently; the validate middleware refuses it.
  it.each([['marks'], ['decisions']] as const)('%s « __proto__ » is refused as unknown, at its path', async (field) => {
    const answer = await expectWellFormed(await pushWith(field, '__proto__'), '__proto__')
    expect(answer.status).toBe(400)
    expect(answer.body?.error?.details?.issues?.map((i) => i.path)).toEqual([`body.rows[0].${field}["__proto__"]`])
  })
})
