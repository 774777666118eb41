import { beforeAll, describe, expect, it } from 'vitest'
import { seedReferential } from '../../../shared/referential'
import { request, seedTheReferential } from '../harness'

let sessionId = ''
const csv = (text: string) => new TextEncoder().encode(`\uFEFF${text}`)
const upload = (body: Uint8Array, query: string) =>
  request(`/api/v1/sessions/${sessionId}/candidates/import?${query}`, {
    method: 'POST',
    body,
    headers: { 'Content-Type': 'text/csv' },
  })

beforeAll(async () => {
  await seedTheReferential()
  const res = await request('/api/v1/sessions', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ referentialId: seedReferential.id, name: 'Import' }),
  })
  sessionId = (await res.json<{ session: { id: string } }>()).session.id
})

const good = 'Identifiant;Nom de naissance;Prénoms;Option\nE1;Martin;Léa;A\nE2;Durand;Paul, Louis;Cybersécurité\n'

describe('POST /sessions/{id}/candidates/import', () => {
  it('previews a CSV without writing anything', async () => {
    const res = await upload(csv(good), 'fileName=liste.csv')
    expect(res.status).toBe(200)
    const body = await res.json<{ dryRun: boolean; preview: { created: string[]; errors: unknown[] } }>()
    expect(body).toMatchObject({ dryRun: true, preview: { created: ['E1', 'E2'], errors: [] } })
    const list = await (await request(`/api/v1/sessions/${sessionId}/candidates`)).json<{ candidates: unknown[] }>()
    expect(list.candidates).toHaveLength(0)
  })

  it('commits with dryRun=false, then reports the same file as unchanged', async () => {
    const res = await upload(csv(good), 'fileName=liste.csv&dryRun=false')
    expect(res.status).toBe(200)
    const again = await upload(csv(good), 'fileName=liste.csv')
    const body = await again.json<{ preview: { unchanged: string[] } }>()
    expect(body.preview.unchanged).toEqual(['E1', 'E2'])
  })

  it('refuses to commit a file with an error, writing nothing, and says where', async () => {
    const bad = 'Identifiant;Nom de naissance;Prénoms;Option\nE3;Petit;Zoé;A\nE4;;Noé;Z\n'
    const res = await upload(csv(bad), 'fileName=bad.csv&dryRun=false')
    expect(res.status).toBe(400)
    const body = await res.json<{ error: { message: string; details: { issues: Array<{ message: string }> } } }>()
    expect(body.error.message).toContain('bad.csv')
    expect(body.error.details.issues.map((i) => i.message).join('\n')).toMatch(/bad\.csv.*ligne 3|bad\.csv.*B3/)
    const list = await (await request(`/api/v1/sessions/${sessionId}/candidates`)).json<{ candidates: Array<{ schoolId: string }> }>()
    expect(list.candidates.map((c) => c.schoolId).sort()).toEqual(['E1', 'E2'])
  })

  it('serves a CSV template with French headers and a BOM', async () => {
    const res = await request(`/api/v1/sessions/${sessionId}/candidates/import-template.csv`)
    expect(res.status).toBe(200)
    const bytes = new Uint8Array(await res.arrayBuffer())
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    expect(new TextDecoder().decode(bytes)).toContain('Nom de naissance')
  })
})
