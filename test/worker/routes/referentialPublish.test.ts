/**
 * Publishing référentiels through the API: a second title as a school writes it, a new version of
 * the seed's, what each answer and the diff route say changed, immutability, version order, and
 * every refusal of a broken draft, located.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import { seedReferential } from '../../../shared/referential'
import type { ReferentialChange } from '../../../shared/referential/diff'
import type { Referential, ReferentialInput } from '../../../shared/referential/schema'
import { broken, brokenDrafts, draft } from '../../shared/referential/brokenDrafts'
import { secondTitle, SECOND_TITLE_LINEAGE } from '../../shared/referential/secondTitle'
import { request, seedTheReferential, testEnv } from '../harness'

interface Summary {
  id: string
  version: number
  lineage: string | null
  previousId: string | null
  status: string
}
interface PublishBody {
  referential: Summary
  previous: Summary | null
  changes: ReferentialChange[]
  created: boolean
}
interface ErrorBody {
  error: { code: string; message: string; details: { issues?: Array<{ path: string; message: string }> } & Record<string, unknown> }
}

const publish = (body: unknown) =>
  request('/api/v1/referentials', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) })

async function json<T>(res: Response, status: number): Promise<T> {
  const text = await res.text()
  expect(res.status, text).toBe(status)
  return JSON.parse(text) as T
}

/** The seed's next version: one critère added to BC01, BC02's rule tolerates one PACQ at 80 % of ACQ. */
function seedVersion2(): ReferentialInput {
  const next = structuredClone(seedReferential) as Referential
  next.id = 'expert-ingenierie-informatique-n7-v2'
  next.version = 2
  const bc01 = next.blocs[0]!
  const bc02 = next.blocs[1]!
  if (bc01.kind !== 'mandatory' || bc02.kind !== 'mandatory') throw new Error('seed shape')
  bc01.criteres.push({
    code: 'CR1.6',
    label: 'Qualité de la veille technologique présentée',
    fromCompetence: null,
    assessment: { scale: { kind: 'outcome' }, weight: 1, floor: null },
  })
  bc02.rule = { kind: 'outcome', minAcqShare: 0.8, allowNacq: false, maxPacq: 1 }
  return next
}

let seedSessionId = ''

beforeAll(async () => {
  await seedTheReferential()
  const created = await json<{ session: { id: string } }>(
    await request('/api/v1/sessions', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ referentialId: seedReferential.id, name: 'Session de juin (v1)' }) }),
    201,
  )
  seedSessionId = created.session.id
})

describe('POST /api/v1/referentials: a second title', () => {
  it('publishes it as version 1 of a new lineage, then serves it exactly as sent', async () => {
    const body = await json<PublishBody>(await publish(secondTitle), 201)
    expect(body).toEqual({
      referential: expect.objectContaining({ id: `${SECOND_TITLE_LINEAGE}-v1`, version: 1, lineage: SECOND_TITLE_LINEAGE, previousId: null, status: 'published' }),
      previous: null,
      changes: [],
      created: true,
    })
    const { referential } = await json<{ referential: Referential }>(await request(`/api/v1/referentials/${secondTitle.id}`), 200)
    expect(referential).toEqual(secondTitle)
    const { referentials } = await json<{ referentials: Summary[] }>(await request('/api/v1/referentials'), 200)
    expect(referentials.map((r) => r.id).sort()).toEqual([seedReferential.id, secondTitle.id].sort())
  })

  it('answers the same document again with 200 and writes nothing; other content under that id is refused', async () => {
    const again = await json<PublishBody>(await publish(secondTitle), 200)
    expect(again).toMatchObject({ referential: { id: secondTitle.id }, created: false })
    const changed = draft()
    changed.title = 'Responsable commercial'
    const refused = await json<ErrorBody>(await publish(changed), 409)
    expect(refused.error).toMatchObject({
      code: 'CONFLICT',
      message: `La version « ${secondTitle.id} » est déjà publiée avec un autre contenu : une version publiée ne change plus. Publiez la version suivante.`,
      details: { issues: [{ path: 'body.id' }] },
    })
    const { referential } = await json<{ referential: Referential }>(await request(`/api/v1/referentials/${secondTitle.id}`), 200)
    expect(referential.title).toBe(secondTitle.title)
  })

  it('records who published it, in the same batch', async () => {
    const row = await testEnv.DB.prepare(`SELECT actor, details_json FROM audit_event WHERE action = 'referential.publish' ORDER BY id DESC LIMIT 1`).first<{ actor: string; details_json: string }>()
    expect(row?.actor).toBe('admin')
    expect(JSON.parse(row!.details_json)).toMatchObject({ referentialId: secondTitle.id, lineage: SECOND_TITLE_LINEAGE, version: 1, previousId: null })
  })

  it('refuses a version that does not follow the latest one of its lineage', async () => {
    const skipped = draft()
    skipped.id = `${SECOND_TITLE_LINEAGE}-v3`
    skipped.version = 3
    const body = await json<ErrorBody>(await publish(skipped), 409)
    expect(body.error.message).toBe(
      `La version suivante de « ${SECOND_TITLE_LINEAGE} » est la version 2 (la dernière publiée est « ${SECOND_TITLE_LINEAGE}-v1 »), pas la version 3.`,
    )
    expect(body.error.details).toMatchObject({ expectedVersion: 2, latestId: `${SECOND_TITLE_LINEAGE}-v1`, issues: [{ path: 'body.version' }] })
    const fresh = draft()
    fresh.id = 'bachelor-marketing-digital-v2'
    fresh.version = 2
    expect((await json<ErrorBody>(await publish(fresh), 409)).error.message).toBe(
      '« bachelor-marketing-digital » n’a encore aucune version publiée : la première est la version 1, pas la version 2.',
    )
  })

  it('refuses a next version that changes nothing', async () => {
    const same = draft()
    same.id = `${SECOND_TITLE_LINEAGE}-v2`
    same.version = 2
    const body = await json<ErrorBody>(await publish(same), 400)
    expect(body.error.message).toBe(`La version 2 serait identique à « ${SECOND_TITLE_LINEAGE}-v1 » : rien à publier.`)
  })
})

describe('a new version of the seed’s référentiel', () => {
  let published: PublishBody

  beforeAll(async () => {
    published = await json<PublishBody>(await publish(seedVersion2()), 201)
  })

  it('lists exactly the two changes in its answer: the critère added and the rule changed', () => {
    expect(published.previous).toMatchObject({ id: seedReferential.id })
    expect(published.referential).toMatchObject({ id: 'expert-ingenierie-informatique-n7-v2', previousId: seedReferential.id, lineage: 'expert-ingenierie-informatique-n7' })
    // In document order: BC01's new critère, then BC02's rule.
    expect(published.changes.map(({ kind, target, blocCode, code }) => ({ kind, target, blocCode, code }))).toEqual([
      { kind: 'added', target: 'critere', blocCode: 'BC01', code: 'CR1.6' },
      { kind: 'changed', target: 'rule', blocCode: 'BC02', code: 'BC02' },
    ])
    expect(published.changes.map((change) => change.message)).toEqual([
      'Critère CR1.6 ajouté au bloc BC01 : « Qualité de la veille technologique présentée », ACQ / PACQ / NACQ.',
      'Bloc BC02 : règle modifiée (tous les critères ACQ → au moins 80 % de critères ACQ, aucun NACQ, 1 PACQ au plus).',
    ])
  })

  it('GET …/diff gives the same two changes, from the previous version by default or from any version', async () => {
    const byDefault = await json<{ from: Summary; to: Summary; changes: ReferentialChange[] }>(await request('/api/v1/referentials/expert-ingenierie-informatique-n7-v2/diff'), 200)
    expect(byDefault.from.id).toBe(seedReferential.id)
    expect(byDefault.changes).toEqual(published.changes)
    const backwards = await json<{ changes: ReferentialChange[] }>(
      await request(`/api/v1/referentials/${seedReferential.id}/diff?from=expert-ingenierie-informatique-n7-v2`),
      200,
    )
    expect(backwards.changes.map((change) => `${change.kind} ${change.code}`)).toEqual(['removed CR1.6', 'changed BC02'])
  })

  it('leaves the old session on version 1, and a new session takes version 2 with its new critère', async () => {
    const old = await json<{ session: { referentialId: string } }>(await request(`/api/v1/sessions/${seedSessionId}`), 200)
    expect(old.session.referentialId).toBe(seedReferential.id)
    const oldGrid = await json<{ grid: { criteres: Array<{ code: string }> } }>(await request(`/api/v1/sessions/${seedSessionId}/grid`), 200)
    expect(oldGrid.grid.criteres.map((c) => c.code)).not.toContain('CR1.6')
    const created = await json<{ session: { id: string } }>(
      await request('/api/v1/sessions', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ referentialId: 'expert-ingenierie-informatique-n7-v2', name: 'Session de septembre (v2)' }),
      }),
      201,
    )
    const newGrid = await json<{ grid: { criteres: Array<{ code: string }> } }>(await request(`/api/v1/sessions/${created.session.id}/grid`), 200)
    expect(newGrid.grid.criteres.map((c) => c.code)).toContain('CR1.6')
  })

  it('refuses a diff for a first version without ?from=, and an unknown ?from=', async () => {
    const first = await json<ErrorBody>(await request(`/api/v1/referentials/${seedReferential.id}/diff`), 400)
    expect(first.error.details.issues).toEqual([
      { path: 'query.from', message: `« ${seedReferential.id} » est une première version : elle ne suit aucune version. Précisez la version à comparer avec ?from=.` },
    ])
    const unknown = await json<ErrorBody>(await request(`/api/v1/referentials/${seedReferential.id}/diff?from=inconnu-v1`), 404)
    expect(unknown.error.message).toBe('Référentiel « inconnu-v1 » introuvable.')
  })

  it('lets only one of two concurrent publications of the same next version through', async () => {
    const a = structuredClone(seedVersion2()) as Referential
    a.id = 'expert-ingenierie-informatique-n7-v3'
    a.version = 3
    a.title = `${seedReferential.title} (révision A)`
    const b = structuredClone(a)
    b.title = `${seedReferential.title} (révision B)`
    const statuses = (await Promise.all([publish(a), publish(b)])).map((res) => res.status).sort()
    expect(statuses).toEqual([201, 409])
  })
})

describe(`${brokenDrafts.length} broken drafts, each refused with its located message`, () => {
  it.each(brokenDrafts.map((testCase) => [testCase.name, testCase] as const))('%s', async (_, testCase) => {
    const body = await json<ErrorBody>(await publish(broken(testCase)), 400)
    expect(body.error.code).toBe('VALIDATION_FAILED')
    expect(body.error.details.issues).toEqual([{ path: testCase.path, message: testCase.message }])
    expect(body.error.message).toBe(`Le référentiel n’est pas publiable : 1 problème(s), rien n’a été publié. ${testCase.message}`)
  })

  it('refuses a body that is not JSON, and a body that is not a référentiel at all', async () => {
    const text = await request('/api/v1/referentials', { method: 'POST', headers: { 'Content-Type': 'text/plain' }, body: 'bonjour' })
    expect(text.status).toBe(415)
    const list = await json<ErrorBody>(await publish([]), 400)
    expect(list.error.details.issues).toEqual([{ path: 'body', message: 'Référentiel : entrée invalide : objet attendu, tableau reçu.' }])
  })
})
