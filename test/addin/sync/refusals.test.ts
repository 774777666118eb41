/** Grid actions that must stop, and say why in French, before touching the workbook or the server. */
import { afterEach, describe, expect, it, vi } from 'vitest'
import { ApiError, createApiClient } from '../../../addin/src/api/client'
import { ExcelError } from '../../../addin/src/excel/excelError'
import { gradingRulesOf } from '../../../addin/src/sync/gradingRules'
import { pullGrid } from '../../../addin/src/sync/pullGrid'
import { sendResults } from '../../../addin/src/sync/sendResults'
import { SyncError } from '../../../addin/src/sync/syncError'
import { verifyWorkbook } from '../../../addin/src/sync/verifyWorkbook'
import { referentialSchema } from '../../../shared/referential/schema'
import { FakeExcelHost, installFakeExcel } from '../../support/fakeExcel'
import { gradeGrid, gradeReferential } from '../../shared/workbook/gradeFixture'

afterEach(() => {
  vi.unstubAllGlobals()
})

/** A Worker answering the grid and référentiel routes from memory; every call is recorded. */
function stubClient(grid = gradeGrid()) {
  const calls: string[] = []
  const fetch = vi.fn<typeof globalThis.fetch>(async (input, init) => {
    const url = String(input instanceof Request ? input.url : input)
    calls.push(`${init?.method ?? (input instanceof Request ? input.method : 'GET')} ${new URL(url).pathname}`)
    if (url.includes('/grid')) return Response.json({ grid }, { headers: { etag: '"grid-session-1-7"' } })
    if (url.includes('/referentials/')) return Response.json({ referential: gradeReferential })
    return Response.json({ error: { code: 'NOT_FOUND', message: 'Introuvable.' } }, { status: 404 })
  })
  return { client: createApiClient('https://certibloc.test', () => 'Bearer x', { fetch }), calls }
}

describe('grid actions refuse', () => {
  it('to verify or send a workbook without a grid', async () => {
    installFakeExcel(new FakeExcelHost())
    const { client, calls } = stubClient()

    await expect(verifyWorkbook(client)).rejects.toMatchObject({ code: 'NO_GRID', message: expect.stringContaining('Récupérer la grille') })
    await expect(sendResults(client)).rejects.toBeInstanceOf(SyncError)
    expect(calls).toEqual([])
  })

  it('to pull a grid whose critères its référentiel does not know', async () => {
    const host = installFakeExcel(new FakeExcelHost())
    const grid = gradeGrid()
    const { client } = stubClient({ ...grid, criteres: [...grid.criteres, { code: 'CR9.1', blocCode: 'BC09' }] })

    await expect(pullGrid(client, 'session-1')).rejects.toMatchObject({ code: 'GRID_MISMATCH', details: 'CR9.1' })
    expect(host.syncs).toEqual([])
  })

  it('to turn rules into formulas longer than Excel accepts, listing why', () => {
    const critere = (index: number) => ({ code: `CR1.${index + 1}`, label: `Critère ${index + 1}`, assessment: { scale: { kind: 'outcome' } } })
    const tooLarge = referentialSchema.parse({
      ...gradeReferential,
      blocs: [{ ...gradeReferential.blocs[0]!, criteres: Array.from({ length: 40 }, (_, index) => critere(index)) }, ...gradeReferential.blocs.slice(1)],
    })
    const thrown = (() => {
      try {
        gradingRulesOf(tooLarge)
        return null
      } catch (error) {
        return error
      }
    })()
    expect(thrown).toBeInstanceOf(SyncError)
    // Refused by the rules compiler: the formula would not fit at the last row of the largest grid.
    expect(thrown).toMatchObject({ code: 'RULES_INVALID', details: expect.stringMatching(/^Bloc BC01 : avec ses 40 critères, .* au-delà des 8\s192 qu’Excel accepte : avec cette règle, \d+ critères au plus tiennent dans ce bloc\./) })
  })

  it('and report Excel’s own failures in French, the Office code in the details', async () => {
    installFakeExcel(new FakeExcelHost({ excelApiVersion: '1.8' }))
    const { client } = stubClient()

    const failure = pullGrid(client, 'session-1')

    await expect(failure).rejects.toBeInstanceOf(ExcelError)
    await expect(failure).rejects.toMatchObject({ code: 'ApiNotFound', message: expect.stringContaining('Mettez Excel à jour') })
  })

  it('and let the server’s errors through as they are', async () => {
    const host = installFakeExcel(new FakeExcelHost())
    const offline = createApiClient('https://certibloc.test', () => 'Bearer x', {
      fetch: async () => {
        throw new TypeError('Failed to fetch')
      },
    })
    await expect(pullGrid(offline, 'session-1')).rejects.toBeInstanceOf(ApiError)
    await expect(pullGrid(offline, 'session-1')).rejects.toMatchObject({ code: 'NETWORK' })
    expect(host.syncs).toEqual([])
  })
})
