/**
 * Text is data, never code: names, comments and jury reasons that look like spreadsheet formulas,
 * SQL or escapes are stored and read back exactly as sent (the add-in, not the API, is in charge
 * of writing them to Excel as text).
 */
import { beforeAll, describe, expect, it } from 'vitest'
import { request, seedTheReferential, testEnv } from '../harness'
import {
  bulkCandidates,
  candidateBody,
  candidatesBySchoolId,
  count,
  createSession,
  expectError,
  getGrid,
  json,
  listCandidates,
  pushGrades,
  REFERENTIAL_ID,
} from './helpers'

/** Awkward texts, each free of NUL and of leading, trailing or doubled spaces (the API trims those by design). */
const NASTY = [
  '=SOMME(A1:A9)',
  '=HYPERLINK("http://exemple.fr";"clic")',
  '+33 6 12 34 56 78',
  '-Dupont',
  '@Martin',
  "'; DROP TABLE mark; --",
  "Robert'); DROP TABLE candidate;--",
  'Le "Grand" Jean',
  'C:\\dossier\\fichier\\',
  '\\u0041 n’est pas échappé',
  "O'Brien-D’Arcy",
  'Zoë Ødegård 李小龍 Ђорђе Ñúñez',
  '🎓✨ Émilie 👩🏽‍🎓',
  '%s %d ${x} {{x}} $1',
  '<script>alert(1)</script>',
  'ligne 1\nligne 2\ttabulée',
  '\u202Eéhcuag à etiord',
  '->>\'$.x\' || json(\'[\')',
]

/** A name is one line (issue 14): the multi-line texts become one-line names; comments and reasons keep them whole. */
const asName = (text: string) => text.replace(/[\t\n\r]+/g, ' ')

let sessionId = ''

beforeAll(async () => {
  await seedTheReferential()
  sessionId = await createSession('Textes bruts')
})

describe('candidate names', () => {
  it('are stored verbatim through POST /candidates and read back identical from the list and the grid', async () => {
    for (const [i, nasty] of NASTY.entries()) {
      const text = asName(nasty)
      const res = await request(`/api/v1/sessions/${sessionId}/candidates`, {
        method: 'POST',
        ...json(candidateBody(`ONE${i}`, { birthName: text, usageName: text, firstNames: [text, 'Marie'], birthCommuneLabel: text })),
      })
      expect(res.status, await res.clone().text()).toBe(201)
      expect((await res.json<{ candidate: { birthName: string } }>()).candidate.birthName).toBe(text)
    }
    const list = await candidatesBySchoolId(sessionId)
    const grid = await getGrid(sessionId)
    for (const [i, nasty] of NASTY.entries()) {
      const text = asName(nasty)
      expect(list.get(`ONE${i}`)).toMatchObject({ birthName: text, usageName: text, firstNames: [text, 'Marie'], birthCommuneLabel: text })
      const row = grid.candidates.schoolIds.indexOf(`ONE${i}`)
      expect([grid.candidates.birthNames[row], grid.candidates.usageNames[row], grid.candidates.firstNames[row]]).toEqual([text, text, [text, 'Marie']])
    }
  })

  it('are stored verbatim through /bulk, school ids included, and an identical re-send counts as unchanged', async () => {
    const bodies = NASTY.map(asName).map((text, i) => candidateBody(`${text.slice(0, 40)}#${i}`, { birthName: text, firstNames: [text] }))
    await bulkCandidates(sessionId, bodies)
    const list = await listCandidates(sessionId)
    for (const body of bodies) {
      expect(list.find((c) => c.schoolId === body.schoolId)).toMatchObject({ birthName: body.birthName, firstNames: body.firstNames })
    }
    const again = await request(`/api/v1/sessions/${sessionId}/candidates/bulk`, { method: 'POST', ...json({ candidates: bodies }) })
    expect((await again.json<{ summary: { unchanged: string[] } }>()).summary.unchanged).toHaveLength(bodies.length)
    // The SQL in the names did nothing to the schema or to other rows.
    const tables = await testEnv.DB.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name IN ('mark', 'candidate')`).all()
    expect(tables.results).toHaveLength(2)
    expect(await count('candidate')).toBe(NASTY.length * 2)
  })

  it('refuse a line break or a tab in a name, at its path (comments and reasons keep them)', async () => {
    const res = await request(`/api/v1/sessions/${sessionId}/candidates`, {
      method: 'POST',
      ...json(candidateBody('MULTI', { birthName: 'ligne 1\nligne 2', firstNames: ['Jean\tLuc'] })),
    })
    const body = await expectError(res, 400, 'VALIDATION_FAILED')
    expect(body.error.details?.issues).toEqual([
      { path: 'body.birthName', message: 'saut de ligne ou tabulation interdit (U+000A, position 8)' },
      { path: 'body.firstNames[0]', message: 'saut de ligne ou tabulation interdit (U+0009, position 5)' },
    ])
  })
})

describe('mark comments and jury reasons', () => {
  it('are stored verbatim through PUT /grades and read back identical from the grid and the history', async () => {
    const ids = await candidatesBySchoolId(sessionId)
    const rows = NASTY.map((text, i) => {
      const c = ids.get(`ONE${i}`)
      if (!c) throw new Error(`ONE${i} missing`)
      return {
        candidateId: c.id,
        rowVersion: c.rowVersion,
        marks: { 'CR1.1': 'ACQ', 'CR2.1': null },
        comments: { 'CR1.1': text, 'CR2.1': `${text} (sans note)` },
        decisions: { BC01: { code: 'ADJ', reason: text } },
      }
    })
    const res = await pushGrades(sessionId, { rows, reason: NASTY[5] })
    expect(res.status, await res.clone().text()).toBe(200)

    const grid = await getGrid(sessionId)
    const cr11 = grid.criteres.findIndex((c) => c.code === 'CR1.1')
    const cr21 = grid.criteres.findIndex((c) => c.code === 'CR2.1')
    for (const [i, text] of NASTY.entries()) {
      const row = grid.candidates.schoolIds.indexOf(`ONE${i}`)
      expect(grid.comments).toContainEqual([row, cr11, text])
      expect(grid.comments).toContainEqual([row, cr21, `${text} (sans note)`])
      expect(grid.decisions).toContainEqual([row, [{ blocCode: 'BC01', code: 'ADJ', reason: text }]])
      const history = await testEnv.DB.prepare(`SELECT new_comment, reason FROM mark_history WHERE candidate_id = ?1 AND critere_code = 'CR1.1'`)
        .bind(grid.candidates.ids[row])
        .all<{ new_comment: string; reason: string }>()
      expect(history.results).toEqual([{ new_comment: text, reason: NASTY[5] }])
    }
  })

  it('cannot smuggle a formula in as a mark: « =ACQ » is refused with its location and nothing is stored', async () => {
    const c = (await candidatesBySchoolId(sessionId)).get('ONE0')
    if (!c) throw new Error('ONE0 missing')
    const res = await pushGrades(sessionId, { rows: [{ candidateId: c.id, rowVersion: c.rowVersion, marks: { 'CR1.2': '=ACQ', 'CR1.3': '@ACQ' } }] })
    const body = await expectError(res, 400, 'VALIDATION_FAILED')
    expect(body.error.details?.issues?.map((i) => i.path)).toEqual(['body.rows[0].marks["CR1.2"]', 'body.rows[0].marks["CR1.3"]'])
    expect(await count('mark', `critere_code IN ('CR1.2', 'CR1.3')`)).toBe(0)
  })
})

describe('session names', () => {
  it('are stored verbatim on create and on update', async () => {
    for (const text of NASTY.slice(0, 8)) {
      const created = await request('/api/v1/sessions', {
        method: 'POST',
        ...json({ referentialId: REFERENTIAL_ID, name: text, campus: text }),
      })
      expect(created.status).toBe(201)
      const { session } = await created.json<{ session: { id: string; name: string; campus: string; version: number } }>()
      expect([session.name, session.campus]).toEqual([text, text])
      const renamed = await request(`/api/v1/sessions/${session.id}`, { method: 'PATCH', ...json({ version: session.version, name: `${text}!` }) })
      expect((await renamed.json<{ session: { name: string } }>()).session.name).toBe(`${text}!`)
    }
  })
})
