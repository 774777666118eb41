import { describe, expect, it, vi } from 'vitest'
import { ApiError } from '../../../addin/src/api/client'
import type { ApiEndpoint } from '../../../addin/src/api/download'
import {
  commitJuryImport,
  downloadBlankJurySheets,
  listJuryImportBatches,
  previewJuryImport,
  undoJuryImportBatch,
} from '../../../addin/src/api/juryImports'
import { fr } from '../../../addin/src/i18n/fr'
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
  it('previews: reads the files in the pane and posts their extracts as JSON with dryRun=true, onConflict=fail and the Authorization header', async () => {
    const fetchSpy = vi.fn<typeof fetch>(async () => Response.json({ dryRun: true, sessionStatus: 'open', unmatchedExcludes: [], plan }))
    const files = [new File(['a'], 'jury-BC01.xlsx'), new File(['b'], 'jury-BC02.xlsx')]

    const answer = await previewJuryImport(endpointWith(fetchSpy), 'sess-1', files)

    expect(answer.plan.totals.new).toBe(2)
    const [url, init] = fetchSpy.mock.calls[0]!
    expect(url).toBe(`${BASE_URL}/api/v1/sessions/sess-1/jury-imports/extracted?dryRun=true&onConflict=fail`)
    expect(init?.method).toBe('POST')
    expect(new Headers(init?.headers).get('authorization')).toBe('Bearer jeton')
    expect(new Headers(init?.headers).get('content-type')).toBe('application/json')
    const body = JSON.parse(init?.body as string) as { files: Array<{ file: string; hash: string; refusal: { code: string } | null }>; exclude: string[] }
    // One byte is not a workbook: the pane says so itself, and the Worker only relays it.
    expect(body.files.map((f) => [f.file, f.refusal?.code, f.hash.length])).toEqual([
      ['jury-BC01.xlsx', 'not_xlsx', 64],
      ['jury-BC02.xlsx', 'not_xlsx', 64],
    ])
    expect(body.exclude).toEqual([])
  })

  it('commits with dryRun=false, the excluded names, and onConflict=fail unless told otherwise', async () => {
    const fetchSpy = vi.fn<typeof fetch>(async () =>
      Response.json({ dryRun: false, batch: null, message: 'Aucune note saisie dans ces fiches\u00a0: rien à importer.', sessionStatus: 'open', unmatchedExcludes: [], plan }),
    )
    const files = [new File(['a'], 'bon.xlsx'), new File(['b'], 'mauvais.xlsx')]

    const answer = await commitJuryImport(endpointWith(fetchSpy), 'sess-1', files, ['mauvais.xlsx'])

    expect(answer.message).toContain('Aucune note saisie')
    const [url, init] = fetchSpy.mock.calls[0]!
    expect(url).toBe(`${BASE_URL}/api/v1/sessions/sess-1/jury-imports/extracted?dryRun=false&onConflict=fail`)
    expect((JSON.parse(init?.body as string) as { exclude: string[] }).exclude).toEqual(['mauvais.xlsx'])
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

  it('sends the conflict policy the user chose, to the dry run and to the commit alike', async () => {
    const fetchSpy = vi.fn<typeof fetch>(async () => Response.json({ dryRun: true, sessionStatus: 'open', unmatchedExcludes: [], plan: { ...plan, policy: 'keep' } }))
    const endpoint = endpointWith(fetchSpy)
    const files = [new File(['a'], 'a.xlsx')]

    const answer = await previewJuryImport(endpoint, 'sess-1', files, [], 'keep')
    await commitJuryImport(endpoint, 'sess-1', files, [], 'replace')

    expect(answer.plan.policy).toBe('keep')
    expect(fetchSpy.mock.calls.map(([url]) => url)).toEqual([
      `${BASE_URL}/api/v1/sessions/sess-1/jury-imports/extracted?dryRun=true&onConflict=keep`,
      `${BASE_URL}/api/v1/sessions/sess-1/jury-imports/extracted?dryRun=false&onConflict=replace`,
    ])
  })

  it('gives a refused commit’s conflicts and plan with the French message', async () => {
    const conflict = {
      kind: 'conflict',
      candidateId: 'c-1',
      schoolId: 'E100',
      blocCode: 'BC02',
      critereCode: 'CR2.1',
      file: 'a.xlsx',
      sheet: 'BC02',
      cell: 'C12',
      before: { value: 10, comment: null, source: 'manual', author: 'admin', updatedAt: '2026-06-12T08:00:00.000Z' },
      after: { value: 12.5, comment: null },
      resolution: 'blocks',
    }
    const envelope = {
      error: {
        code: 'CONFLICT',
        message: '1 note saisie dans la grille diffère des fiches : rien n’a été importé.',
        details: { conflicts: [conflict], sessionStatus: 'open', unmatchedExcludes: [], plan: { ...plan, changes: [conflict], committable: false } },
      },
    }
    const endpoint = endpointWith(async () => Response.json(envelope, { status: 409 }))

    await expect(commitJuryImport(endpoint, 'sess-1', [new File(['a'], 'a.xlsx')], [])).rejects.toMatchObject({
      code: 'CONFLICT',
      status: 409,
      message: envelope.error.message,
      details: { conflicts: [{ critereCode: 'CR2.1', before: { value: 10 } }], plan: { committable: false } },
    })
  })

  it('lists the session’s import batches with a GET and the Authorization header', async () => {
    const batch = {
      id: 'b-1',
      createdAt: '2026-06-12T08:00:00.000Z',
      createdBy: 'admin',
      createdByName: 'Administrateur (jeton de secours)',
      undoneAt: null,
      summary: { files: [{ file: 'a.xlsx', hash: 'h', sheets: 1, new: 2, changed: 0, conflicts: 0 }], totals: plan.totals, policy: 'fail', marks: 2 },
      liveMarks: 2,
    }
    const fetchSpy = vi.fn<typeof fetch>(async () => Response.json({ batches: [batch] }))

    const batches = await listJuryImportBatches(endpointWith(fetchSpy), 'session été')

    expect(batches).toEqual([batch])
    const [input, init] = fetchSpy.mock.calls[0]!
    const request = new Request(input, init)
    expect(request.url).toBe(`${BASE_URL}/api/v1/sessions/session%20%C3%A9t%C3%A9/jury-imports`)
    expect(request.method).toBe('GET')
    expect(request.headers.get('authorization')).toBe('Bearer jeton')
  })

  it('undoes a batch with a POST without body and answers the Worker’s message', async () => {
    const answer = { undone: { batchId: 'b-1', restored: 3 }, message: 'Lot annulé : 3 notes remises dans son état d’avant l’import.' }
    const fetchSpy = vi.fn<typeof fetch>(async () => Response.json(answer))

    expect(await undoJuryImportBatch(endpointWith(fetchSpy), 'sess-1', 'b-1')).toEqual(answer)
    const [input, init] = fetchSpy.mock.calls[0]!
    const request = new Request(input, init)
    expect(request.url).toBe(`${BASE_URL}/api/v1/sessions/sess-1/jury-imports/b-1/undo`)
    expect(request.method).toBe('POST')
    expect(request.headers.get('authorization')).toBe('Bearer jeton')
    expect(await request.text()).toBe('')
  })

  it('throws the Worker’s refusal of an undo as an ApiError with its French message and details', async () => {
    const changed = [{ candidateId: 'c-1', schoolId: 'E407', critereCode: 'CR1.2', imported: 'PACQ', current: 'ACQ', changedBy: 'admin', changedAt: '2026-06-12T09:00:00.000Z' }]
    const refusals = [
      { status: 409, error: { code: 'CONFLICT', message: '1 note importée par ce lot a été modifiée(s) depuis (E407 CR1.2) : annulation refusée, rien n’a été modifié.', details: { changed } } },
      { status: 409, error: { code: 'CONFLICT', message: 'Le lot d’import « b-1 » a déjà été annulé le 12/06/2026 à 11 h 00.', details: { batchId: 'b-1' } } },
      { status: 423, error: { code: 'SESSION_LOCKED', message: 'La session est délibérée ou close : ses données ne sont plus modifiables.' } },
    ]
    for (const { status, error } of refusals) {
      const endpoint = endpointWith(async () => Response.json({ error }, { status }))
      const failure = undoJuryImportBatch(endpoint, 'sess-1', 'b-1')
      await expect(failure).rejects.toBeInstanceOf(ApiError)
      await expect(failure).rejects.toMatchObject({ code: error.code, status, message: error.message, details: error.details ?? null })
    }
  })

  it('turns a network failure of the list into the French network error', async () => {
    const endpoint = endpointWith(async () => {
      throw new TypeError('fetch failed')
    })

    await expect(listJuryImportBatches(endpoint, 'sess-1')).rejects.toMatchObject({ code: 'NETWORK', message: fr.errors.api.network })
  })

  it('is refused by the real Worker without a valid token', async () => {
    const workerFetch: typeof fetch = async (input, init) =>
      app.request(input instanceof Request ? input : String(input), init, { ADMIN_TOKEN: 'bon-jeton' })
    const endpoint: ApiEndpoint = { baseUrl: BASE_URL, authorization: () => 'Bearer mauvais-jeton', fetch: workerFetch }

    await expect(previewJuryImport(endpoint, 'sess-1', [new File(['a'], 'a.xlsx')])).rejects.toMatchObject({ code: 'UNAUTHORIZED', status: 401 })
    await expect(downloadBlankJurySheets(endpoint, 'sess-1')).rejects.toMatchObject({ code: 'UNAUTHORIZED', status: 401 })
    await expect(listJuryImportBatches(endpoint, 'sess-1')).rejects.toMatchObject({ code: 'UNAUTHORIZED', status: 401 })
    await expect(undoJuryImportBatch(endpoint, 'sess-1', 'b-1')).rejects.toMatchObject({ code: 'UNAUTHORIZED', status: 401 })
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
