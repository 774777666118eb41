/**
 * Verifiable documents: the PV and the attestations carry the address of a public page
 * /verifier/<code> (no sign-in) that says whether the document is authentic and current, shows
 * only what the document prints, answers 404 to an unknown code and 429 past the rate limit.
 * The steps run in order and share this file's database.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import { seedReferential } from '../../../shared/referential'
import { DEMO_SESSION_ID, seedDemoSession } from '../../../worker/db/demo'
import worker from '../../../worker/index'
import { VERIFICATION_LIMIT_PER_MINUTE, verificationApp } from '../../../worker/routes/verification'
import { bytesOf, call, json, REGULAR_JURY, results, type ErrorBody } from '../deliberation/helpers'
import { seedTheReferential, testEnv } from '../harness'
import { pdfLinks, pdfPageCount } from '../pdfFacts'

const session = DEMO_SESSION_ID
const ctx = { waitUntil: () => undefined, passThroughOnException: () => undefined, props: {} }

/** The public page, as a scanning phone reaches it: through the Worker's entry, from `address`. */
async function verify(path: string, address = '198.51.100.7'): Promise<Response> {
  return worker.fetch(new Request(`https://certibloc.example.fr${path}`, { headers: { 'cf-connecting-ip': address } }), testEnv, ctx as never)
}

async function codeOf(res: Response): Promise<string> {
  expect(res.status).toBe(200)
  const links = pdfLinks(await bytesOf(res))
  expect(links).toHaveLength(1)
  const match = /^http:\/\/localhost\/verifier\/([0-9A-Z]{24})$/.exec(links[0] ?? '')
  expect(match, links[0]).not.toBeNull()
  return match![1]!
}

let attestationCode = ''
let pvCode = ''
let holder = { id: '', firstName: '' }

beforeAll(async () => {
  await seedTheReferential()
  await seedDemoSession(testEnv.DB, seedReferential)
  await call(`/sessions/${session}/jury`, json('PUT', { members: REGULAR_JURY }))
})

describe('all attestations in one PDF', () => {
  it('is refused with the French reason while no PV exists', async () => {
    const res = await call(`/sessions/${session}/attestations.pdf`)
    expect(res.status).toBe(409)
    expect((await res.json<ErrorBody>()).error.message).toBe('La session n’est pas délibérée : finalisez d’abord la délibération.')
  })

  it('holds one attestation per candidate with a validated bloc once deliberated', async () => {
    expect((await call(`/sessions/${session}/finalise`, json('POST', {}))).status).toBe(200)
    const res = await call(`/sessions/${session}/attestations.pdf`)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('application/pdf')
    const bytes = await bytesOf(res)
    const holders = (await results(session)).filter((r) => Object.values(r.blocs).some((b) => b.code === 'ADM' || b.code === 'ADJ'))
    expect(pdfPageCount(bytes)).toBe(holders.length)
    expect(pdfLinks(bytes)).toHaveLength(holders.length)
    expect(new Set(pdfLinks(bytes)).size).toBe(holders.length)
  })
})

describe('the verification page', () => {
  beforeAll(async () => {
    const partial = (await results(session)).find((r) => r.decision === 'PARTIELLE')!
    const { candidate } = await (await call(`/sessions/${session}/candidates/${partial.candidateId}`)).json<{ candidate: { firstNames: string[] } }>()
    holder = { id: partial.candidateId, firstName: candidate.firstNames[0] ?? '' }
    attestationCode = await codeOf(await call(`/sessions/${session}/candidates/${holder.id}/attestation.pdf`))
    pvCode = await codeOf(await call(`/sessions/${session}/pv/1.pdf`))
  })

  it('gives every document its own code, the same at every download', async () => {
    expect(attestationCode).not.toBe(pvCode)
    expect(await codeOf(await call(`/sessions/${session}/candidates/${holder.id}/attestation.pdf`))).toBe(attestationCode)
    expect(await codeOf(await call(`/sessions/${session}/pv/1.pdf`))).toBe(pvCode)
  })

  it('says an attestation is authentic and current, showing the holder, the title and the blocs it prints', async () => {
    const res = await verify(`/verifier/${attestationCode}`)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toMatch(/^text\/html/)
    expect(res.headers.get('cache-control')).toBe('no-store')
    const html = await res.text()
    expect(html).toContain('<html lang="fr">')
    expect(html).toContain('Document authentique et en vigueur\u00a0: il a été établi d’après la version 1 du procès-verbal du jury, qui est la dernière.')
    expect(html).toContain('Attestation de validation de blocs de compétences')
    expect(html).toContain(holder.firstName)
    expect(html).toContain('Expert en Ingénierie informatique et Innovation Numérique')
    expect(html).toMatch(/<li>BC0\d — /)
    expect(html).toContain(attestationCode)
    // Only what the document prints: no internal ids.
    expect(html).not.toContain(holder.id)
    expect(html).not.toContain(session)
  })

  it('says the PV is authentic, with the date of the deliberation', async () => {
    const html = await (await verify(`/verifier/${pvCode}`)).text()
    expect(html).toContain('Procès-verbal du jury de certification')
    expect(html).toContain('Date de la délibération')
  })

  it('reads a code typed in lower case', async () => {
    expect((await verify(`/verifier/${attestationCode.toLowerCase()}`)).status).toBe(200)
  })

  it('answers an unknown or malformed code with a clear page and 404', async () => {
    for (const code of ['0123456789ABCDEFGHJKMNPQ', 'pas-un-code', 'ILOU'.repeat(6)]) {
      const res = await verify(`/verifier/${code}`)
      expect(res.status).toBe(404)
      expect(await res.text()).toContain('Aucun document ne correspond à ce code de vérification.')
    }
  })

  it('says a document is being amended while the session is reopened, then by which version it was replaced', async () => {
    expect((await call(`/sessions/${session}/amend`, json('POST', { reason: 'Erreur de saisie sur un critère du BC02' }))).status).toBe(200)
    const amending = await (await verify(`/verifier/${attestationCode}`)).text()
    expect(amending).toContain('la délibération est en cours de modification et une nouvelle version est attendue')
    expect((await call(`/sessions/${session}/finalise`, json('POST', {}))).status).toBe(200)
    const res = await verify(`/verifier/${attestationCode}`)
    expect(res.status).toBe(200)
    const html = await res.text()
    expect(html).toMatch(/Document authentique mais remplacé\u00a0: il a été établi d’après la version 1 du procès-verbal du jury, remplacée par la version 2 du \d{1,2}(er)? \S+ \d{4}\./)
    // The new version's attestation has a code of its own, current.
    const next = await codeOf(await call(`/sessions/${session}/candidates/${holder.id}/attestation.pdf`))
    expect(next).not.toBe(attestationCode)
    expect(await (await verify(`/verifier/${next}`)).text()).toContain('version 2 du procès-verbal du jury, qui est la dernière')
  })

  it(`is limited to ${VERIFICATION_LIMIT_PER_MINUTE} views a minute per client address, in French, other addresses unaffected`, async () => {
    const address = '203.0.113.99'
    for (let i = 0; i < VERIFICATION_LIMIT_PER_MINUTE; i++) expect((await verify(`/verifier/${pvCode}`, address)).status).toBe(200)
    const refused = await verify(`/verifier/${pvCode}`, address)
    expect(refused.status).toBe(429)
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0)
    expect(await refused.text()).toContain('Trop de vérifications depuis votre adresse\u00a0: réessayez dans une minute.')
    expect((await verify(`/verifier/${pvCode}`, '203.0.113.100')).status).toBe(200)
  })

  it('needs no sign-in, and leaves the API behind its token', async () => {
    expect((await verificationApp.request(`/verifier/${pvCode}`, {}, testEnv)).status).toBe(200)
    expect((await verify('/api/v1/sessions')).status).toBe(401)
  })
})
