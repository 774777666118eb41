import { describe, expect, it, vi } from 'vitest'
import { ApiError } from '../../../addin/src/api/client'
import type { ApiEndpoint } from '../../../addin/src/api/download'
import { commitJuryImport, downloadBlankJurySheets, previewJuryImport } from '../../../addin/src/api/juryImports'
import { app } from '../../../worker/app'

const BASE_URL = 'https://certibloc.test'

function endpointWith(fetchImpl: typeof fetch): ApiEndpoint {
  return { baseUrl: BASE_URL, authorization: () => 'Bearer jeton', fetch: fetchImpl }
}

const plan = {
  policy: 'fail',
  files: [],
  totals: { new: 2, changed: 0, unchanged: 1, conflicts: 0, files: 1, sheets: 1, errors: 0, warnings: 0, excluded: 0, alreadyImported: 0 },
  changes: [],
  errors: [],
  warnings: [],
  fileHashes: [],
  committable: true,
  nothingToDo: false,
}

describe('jury import helpers', () => {
  it('previews: posts the files as multipart `files` with dryRun=true and the Authorization header', async () => {
    const fetchSpy = vi.fn<typeof fetch>(async () => Response.json({ dryRun: true, sessionStatus: 'open', unmatchedExcludes: [], plan }))
    const files = [new File(['a'], 'jury-BC01.xlsx'), new File(['b'], 'jury-BC02.xlsx')]

    const answer = await previewJuryImport(endpointWith(fetchSpy), 'sess-1', files)

    expect(answer.plan.totals.new).toBe(2)
    const [url, init] = fetchSpy.mock.calls[0]!
    expect(url).toBe(`${BASE_URL}/api/v1/sessions/sess-1/jury-imports?dryRun=true`)
    expect(init?.method).toBe('POST')
    expect(new Headers(init?.headers).get('authorization')).toBe('Bearer jeton')
    const form = init?.body as FormData
    expect(form.getAll('files').map((f) => (f as File).name)).toEqual(['jury-BC01.xlsx', 'jury-BC02.xlsx'])
    expect(form.getAll('exclude')).toEqual([])
  })

  it('commits with dryRun=false and the excluded names', async () => {
    const fetchSpy = vi.fn<typeof fetch>(async () =>
      Response.json({ dryRun: false, batch: null, message: 'Déjà importé, rien à faire : aucune note ne change.', sessionStatus: 'open', unmatchedExcludes: [], plan }),
    )
    const files = [new File(['a'], 'bon.xlsx'), new File(['b'], 'mauvais.xlsx')]

    const answer = await commitJuryImport(endpointWith(fetchSpy), 'sess-1', files, ['mauvais.xlsx'])

    expect(answer.message).toContain('Déjà importé')
    const [url, init] = fetchSpy.mock.calls[0]!
    expect(url).toBe(`${BASE_URL}/api/v1/sessions/sess-1/jury-imports?dryRun=false`)
    expect((init?.body as FormData).getAll('exclude')).toEqual(['mauvais.xlsx'])
  })

  it('throws the French error of a refused commit with its located issues', async () => {
    const envelope = {
      error: {
        code: 'VALIDATION_FAILED',
        message: '1 fichier contient 1 erreur : rien n’a été importé.',
        details: { issues: [{ path: 'files["a.xlsx"]', message: 'a.xlsx, feuille BC01, cellule C7 : note invalide' }] },
      },
    }
    const endpoint = endpointWith(async () => Response.json(envelope, { status: 422 }))

    const failure = commitJuryImport(endpoint, 'sess-1', [new File(['a'], 'a.xlsx')], [])

    await expect(failure).rejects.toBeInstanceOf(ApiError)
    await expect(failure).rejects.toMatchObject({ code: 'VALIDATION_FAILED', status: 422, details: envelope.error.details })
  })

  it('is refused by the real Worker without a valid token', async () => {
    const workerFetch: typeof fetch = async (input, init) =>
      app.request(input instanceof Request ? input : String(input), init, { ADMIN_TOKEN: 'bon-jeton' })
    const endpoint: ApiEndpoint = { baseUrl: BASE_URL, authorization: () => 'Bearer mauvais-jeton', fetch: workerFetch }

    await expect(previewJuryImport(endpoint, 'sess-1', [new File(['a'], 'a.xlsx')])).rejects.toMatchObject({ code: 'UNAUTHORIZED', status: 401 })
    await expect(downloadBlankJurySheets(endpoint, 'sess-1')).rejects.toMatchObject({ code: 'UNAUTHORIZED', status: 401 })
  })

  it('downloads the blank sheets of every panel with the server’s file name', async () => {
    const fetchSpy = vi.fn<typeof fetch>(
      async () =>
        new Response(new Uint8Array([80, 75, 3, 4]), {
          headers: { 'Content-Disposition': `attachment; filename="fiches-Session-ete.xlsx"; filename*=UTF-8''${encodeURIComponent('fiches-Session-été.xlsx')}` },
        }),
    )

    const file = await downloadBlankJurySheets(endpointWith(fetchSpy), 'sess-1')

    expect(fetchSpy.mock.calls[0]![0]).toBe(`${BASE_URL}/api/v1/sessions/sess-1/jury-sheets.xlsx?panel=all`)
    expect(file.fileName).toBe('fiches-Session-été.xlsx')
    expect(file.blob.size).toBe(4)
  })
})
