import { beforeAll, describe, expect, it } from 'vitest'
import { seedReferential } from '../../../shared/referential'
import { gradeWriteStatements, jsonChunks, utf8Length, writeGrades } from '../../../worker/db/grades'
import { listCandidates, upsertCandidates } from '../../../worker/db/candidates'
import { createSession } from '../../../worker/db/sessions'
import { seedTheReferential, testEnv } from '../harness'

const ctx = { actor: 'test', requestId: 'test' }
const db = testEnv.DB

describe('jsonChunks', () => {
  it('keeps every row, in order, in arrays each under D1’s 2,000,000-byte limit on a bound value', () => {
    const rows = Array.from({ length: 3_000 }, (_, i) => ({ i, text: 'é'.repeat(1_000) }))
    const chunks = jsonChunks(rows)
    expect(chunks.length).toBeGreaterThan(1)
    for (const chunk of chunks) expect(new TextEncoder().encode(chunk).length).toBeLessThan(2_000_000)
    expect(chunks.flatMap((c) => JSON.parse(c) as unknown[])).toEqual(rows)
  })

  it('gives one chunk for a small push', () => {
    expect(jsonChunks([{ a: 1 }, { b: 2 }])).toEqual(['[{"a":1},{"b":2}]'])
  })
})

describe('utf8Length', () => {
  it('counts the bytes TextEncoder writes, lone surrogates included (written as U+FFFD)', () => {
    const texts = ['', 'abc', 'é', '€', '\u{1F600}', 'a\u{1F600}b', '\ud800', '\udc00', '\ud800x', 'x\udc00\ud800', '\u07ff\u0800\uffff', 'Élève « Zoé » – 20,5 €']
    for (const text of texts) expect(utf8Length(text), JSON.stringify(text)).toBe(new TextEncoder().encode(text).length)
  })
})

describe('a grade write larger than one bound value', () => {
  let sessionId = ''
  beforeAll(async () => {
    await seedTheReferential()
    sessionId = (await createSession(db, ctx, { referentialId: seedReferential.id, name: 'Gros envoi', campus: null, startsOn: null, endsOn: null, juryDate: null, deliberationPlace: null })).id
    await upsertCandidates(
      db,
      ctx,
      sessionId,
      Array.from({ length: 60 }, (_, i) => ({
        schoolId: `G${i}`,
        birthName: 'Nom',
        usageName: null,
        firstNames: ['Prénom'],
        sex: null,
        birthDate: null,
        birthCommuneCode: null,
        birthCommuneCodeKind: null,
        birthCommuneLabel: null,
        birthCountryCode: null,
        birthCountryLabel: null,
        email: null,
        optionCode: 'BC05-A',
        accessRoute: null,
        capitalisedBlocs: [],
      })),
    )
  })

  it('is split into several statements of the same atomic batch, and every mark and comment is stored', async () => {
    const candidates = await listCandidates(db, sessionId)
    // 60 candidates × 20 critères × ~2,000-character comments ≈ 2.4 MB of JSON: more than one bound value.
    const codes = ['CR1.1', 'CR1.2', 'CR1.3', 'CR1.4', 'CR1.5', 'CR2.1', 'CR2.2', 'CR2.3', 'CR2.4', 'CR3.1', 'CR3.2', 'CR3.3', 'CR3.4', 'CR4.1', 'CR4.2', 'CR4.3', 'CR4.4', 'CR4.5', 'CR5A.1', 'CR5A.2']
    const comment = 'Observation détaillée du jury. '.repeat(64)
    const write = {
      sessionId,
      reason: null,
      source: 'manual' as const,
      rows: candidates.map((c) => ({
        candidateId: c.id,
        rowVersion: c.rowVersion,
        marks: Object.fromEntries(codes.map((k) => [k, 'ACQ'])),
        comments: Object.fromEntries(codes.map((k) => [k, comment])),
        decisions: {},
      })),
    }
    expect(gradeWriteStatements(db, ctx, write).length).toBeGreaterThan(4)
    await writeGrades(db, ctx, write)
    const stored = await db
      .prepare(`SELECT count(*) AS n FROM mark m JOIN candidate c ON c.id = m.candidate_id WHERE c.session_id = ?1 AND m.comment = ?2`)
      .bind(sessionId, comment)
      .first<number>('n')
    expect(stored).toBe(candidates.length * codes.length)
  })
})
