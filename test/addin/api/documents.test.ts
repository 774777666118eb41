import { describe, expect, it, vi } from 'vitest'
import { createApiClient } from '../../../addin/src/api/client'
import {
  amendSession,
  detailMessages,
  downloadCdc,
  downloadLatestPv,
  downloadSummary,
  finaliseSession,
  nextPvVersion,
  NoPvError,
} from '../../../addin/src/api/documents'
import type { ApiEndpoint } from '../../../addin/src/api/download'
import { app } from '../../../worker/app'

const BASE_URL = 'https://certibloc.test'

function endpointWith(fetchImpl: typeof fetch): ApiEndpoint {
  return { baseUrl: BASE_URL, authorization: () => 'Bearer jeton', fetch: fetchImpl }
}

const urlOf = (input: Parameters<typeof fetch>[0]) => (input instanceof Request ? input.url : String(input))

describe('document helpers', () => {
  it('downloads the latest PV version', async () => {
    const fetchSpy = vi.fn<typeof fetch>(async (input) => {
      if (urlOf(input).endsWith('/pv')) return Response.json({ status: 'deliberated', versions: [{ version: 1, href: '' }, { version: 3, href: '' }, { version: 2, href: '' }] })
      return new Response('%PDF', { headers: { 'Content-Disposition': 'attachment; filename="PV-jury-s-v3.pdf"' } })
    })

    const pv = await downloadLatestPv(endpointWith(fetchSpy), 'sess-1')

    expect(pv.version).toBe(3)
    expect(pv.fileName).toBe('PV-jury-s-v3.pdf')
    expect(fetchSpy.mock.calls.map(([input]) => urlOf(input))).toEqual([
      `${BASE_URL}/api/v1/sessions/sess-1/pv`,
      `${BASE_URL}/api/v1/sessions/sess-1/pv/3.pdf`,
    ])
  })

  it('says so when no PV exists yet', async () => {
    const endpoint = endpointWith(async () => Response.json({ status: 'open', versions: [] }))
    await expect(downloadLatestPv(endpoint, 'sess-1')).rejects.toBeInstanceOf(NoPvError)
  })

  it('downloads the summary in both formats', async () => {
    const fetchSpy = vi.fn<typeof fetch>(async () => new Response('a;b'))
    const csv = await downloadSummary(endpointWith(fetchSpy), 'sess-1', 'csv')
    await downloadSummary(endpointWith(fetchSpy), 'sess-1', 'xlsx')
    expect(csv.fileName).toBe('synthese.csv')
    expect(fetchSpy.mock.calls.map(([input]) => urlOf(input))).toEqual([
      `${BASE_URL}/api/v1/sessions/sess-1/summary.csv`,
      `${BASE_URL}/api/v1/sessions/sess-1/summary.xlsx`,
    ])
  })

  it('surfaces the located errors of a CDC file that cannot be built (422)', async () => {
    const details = { errors: [{ candidateId: 'c1', schoolId: 'E1', field: 'birthDate', path: 'holders[0].birthDate', message: 'E1 : date de naissance manquante' }] }
    const endpoint = endpointWith(async () => Response.json({ error: { code: 'VALIDATION_FAILED', message: 'Fichier incomplet : 1 erreur.', details } }, { status: 422 }))

    const failure = downloadCdc(endpoint, 'sess-1')

    await expect(failure).rejects.toMatchObject({ code: 'VALIDATION_FAILED', status: 422, message: 'Fichier incomplet : 1 erreur.' })
    const error = (await failure.catch((e: unknown) => e)) as { details: unknown }
    expect(detailMessages(error.details, 'errors')).toEqual(['E1 : date de naissance manquante'])
  })

  it('finalises with the results it is given and lists the differences of a 409', async () => {
    const differences = [{ candidateId: 'c1', blocCode: 'BC01', pushed: 'A', computed: 'NA', path: 'body.results[0].blocs.BC01.code', message: 'BC01 diffère' }]
    const fetchSpy = vi.fn<typeof fetch>(async () =>
      Response.json({ error: { code: 'CONFLICT', message: '1 différence', details: { differences } } }, { status: 409 }),
    )
    const client = createApiClient(BASE_URL, () => 'Bearer jeton', { fetch: fetchSpy })

    const body = { gridVersion: 12, results: [{ candidateId: 'c1', blocs: { BC01: { code: 'ADJ', reason: 'Oral remarquable' } }, decision: 'CERTIFIÉ' }] }

    const error = (await finaliseSession(client, 'sess-1', body).catch((e: unknown) => e)) as { status: number; details: unknown }

    expect(error.status).toBe(409)
    expect(detailMessages(error.details, 'differences')).toEqual(['BC01 diffère'])
    const [input, init] = fetchSpy.mock.calls[0]!
    expect(urlOf(input)).toBe(`${BASE_URL}/api/v1/sessions/sess-1/finalise`)
    expect(JSON.parse(String(init?.body))).toEqual(body)
  })

  it('tells the version the next PV will carry', async () => {
    const answers = [{ status: 'open', versions: [] }, { status: 'open', versions: [{ version: 1, href: '' }, { version: 2, href: '' }] }]
    const fetchSpy = vi.fn<typeof fetch>(async () => Response.json(answers.shift()))
    const client = createApiClient(BASE_URL, () => 'Bearer jeton', { fetch: fetchSpy })

    expect([await nextPvVersion(client, 'sess-1'), await nextPvVersion(client, 'sess-1')]).toEqual([1, 3])
    expect(urlOf(fetchSpy.mock.calls[0]![0])).toBe(`${BASE_URL}/api/v1/sessions/sess-1/pv`)
  })

  it('sends the amendment reason', async () => {
    const fetchSpy = vi.fn<typeof fetch>(async () =>
      Response.json({ session: {}, amendment: { amendedPvVersion: 1, reason: 'Erreur de saisie', nextPvVersion: 2 } }),
    )
    const client = createApiClient(BASE_URL, () => 'Bearer jeton', { fetch: fetchSpy })

    const answer = await amendSession(client, 'sess-1', 'Erreur de saisie')

    expect(answer.amendment.nextPvVersion).toBe(2)
    expect(JSON.parse(String(fetchSpy.mock.calls[0]![1]?.body))).toEqual({ reason: 'Erreur de saisie' })
  })

  it('is refused by the real Worker without a valid token', async () => {
    const workerFetch: typeof fetch = async (input, init) =>
      app.request(input instanceof Request ? input : String(input), init, { ADMIN_TOKEN: 'bon-jeton' })
    const endpoint: ApiEndpoint = { baseUrl: BASE_URL, authorization: () => 'Bearer mauvais-jeton', fetch: workerFetch }

    await expect(downloadSummary(endpoint, 'sess-1', 'csv')).rejects.toMatchObject({ code: 'UNAUTHORIZED', status: 401 })
    await expect(amendSession(createApiClient(BASE_URL, () => 'Bearer mauvais-jeton', { fetch: workerFetch }), 'sess-1', 'x')).rejects.toMatchObject({
      code: 'UNAUTHORIZED',
      status: 401,
    })
  })
})
