/**
 * « Envoyer les résultats » with the deliberation marked final, end to end: the fake Excel host
 * evaluates the workbook's formulas with HyperFormula, the real Worker finalises on a local D1
 * (a fresh one per test, since a finalisation locks the demo session).
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { ApiError, createApiClient, type ApiClient } from '../../../addin/src/api/client'
import { finaliseFromWorkbook } from '../../../addin/src/sync/finaliseFromWorkbook'
import { pullGrid } from '../../../addin/src/sync/pullGrid'
import { sendResults } from '../../../addin/src/sync/sendResults'
import type { FinaliseRequest } from '../../../shared/documents/finalisation'
import type { CellInput } from '../../../shared/rules/marks'
import { parseSyncMetadata, SYNC_SETTING_KEY, type SyncMetadata } from '../../../shared/workbook/syncMetadata'
import { FakeExcelHost, installFakeExcel } from '../../support/fakeExcel'
import { DEMO_SESSION_ID, LOCAL_CERTIFIER_VARS, startLocalWorker, type LocalWorker } from '../support/localWorker'
import { addressOf, blocColumn, engineCodes, GRADE, kindColumn, markColumn, seedGrading, sheetCodes, sheetRows } from '../support/gradeSheet'

let worker: LocalWorker
let client: ApiClient
/** Every request the add-in made, with its JSON body. */
let requests: Array<{ method: string; path: string; body: unknown }>

beforeEach(async () => {
  worker = await startLocalWorker({ vars: LOCAL_CERTIFIER_VARS })
  requests = []
  const recording: typeof fetch = async (input, init) => {
    const request = new Request(input, init)
    const text = request.method === 'GET' ? '' : await request.clone().text()
    requests.push({ method: request.method, path: new URL(request.url).pathname.replace('/api/v1', ''), body: text === '' ? null : JSON.parse(text) })
    return worker.fetch(request)
  }
  client = createApiClient('http://certibloc.test', () => 'Bearer jeton-local-de-test', { fetch: recording })
}, 60_000)

afterEach(async () => {
  vi.unstubAllGlobals()
  await worker?.dispose()
})

const SESSION = `/sessions/${DEMO_SESSION_ID}`
const placed = seedGrading.layout.formulaLayout
const optionColumn = kindColumn('option').index

const metadataOf = (host: FakeExcelHost): SyncMetadata => parseSyncMetadata(host.workbook.settings.get(SYNC_SETTING_KEY))!
const serverGridVersion = async () => (await worker.api<{ grid: { session: { gridVersion: number } } }>(`${SESSION}/grid`)).grid.session.gridVersion
const sessionStatus = async () => (await worker.api<{ session: { status: string } }>(SESSION)).session.status
const pvVersions = async () => (await worker.api<{ versions: Array<{ version: number }> }>(`${SESSION}/pv`)).versions.map((pv) => pv.version)
const finaliseBodies = () => requests.filter((request) => request.method === 'POST' && request.path.endsWith('/finalise')).map((request) => request.body as FinaliseRequest)
const writes = () => requests.filter((request) => request.method !== 'GET')

/** A bloc counts for a row when it is mandatory or the candidate's option, and is not capitalised. */
function gradedBlocs(cells: readonly CellInput[]) {
  return placed.blocs.filter((bloc) => (!bloc.blocCode.startsWith('BC05') || bloc.blocCode === cells[optionColumn]) && cells[bloc.capitalisedColumn!] !== 'OUI')
}

/**
 * Grades blank critères of the candidates' own blocs ACQ, as a jury completes the grid: every
 * candidate's, or only the first `rowLimit` candidates with a blank. Returns the rows and the count.
 */
function completeGrading(host: FakeExcelHost, rowLimit = Infinity): { rowIndexes: number[]; typed: number } {
  const rowIndexes: number[] = []
  let typed = 0
  sheetRows(host).forEach((cells, rowIndex) => {
    if (rowIndexes.length >= rowLimit) return
    const blanks = gradedBlocs(cells).flatMap((bloc) => Object.values(bloc.critereColumns).filter((column) => cells[column] === ''))
    if (blanks.length === 0) return
    rowIndexes.push(rowIndex)
    for (const column of blanks) host.typeInto(GRADE, addressOf(rowIndex, seedGrading.layout.columns[column]!), 'ACQ')
    typed += blanks.length
  })
  return { rowIndexes, typed }
}

/** The first row and bloc (of the candidate's own, not capitalised) where the engine decides `code`. */
function findBloc(host: FakeExcelHost, code: string, skipRow = -1): { rowIndex: number; candidateId: string; blocCode: string } {
  const rows = sheetRows(host)
  for (const [rowIndex, cells] of rows.entries()) {
    if (rowIndex === skipRow) continue
    const bloc = gradedBlocs(cells).find((candidate) => engineCodes(cells).blocs[candidate.blocCode] === code)
    if (bloc) return { rowIndex, candidateId: String(cells[0]), blocCode: bloc.blocCode }
  }
  throw new Error(`no bloc computed ${code} in the demo`)
}

interface BlocDecisionRow {
  candidate_id: string
  bloc_code: string
  computed_code: string | null
  override_code: string | null
  override_reason: string | null
  final_code: string | null
}

async function storedBlocDecisions(): Promise<BlocDecisionRow[]> {
  const { results } = await worker.env.DB.prepare(
    `SELECT d.candidate_id, d.bloc_code, d.computed_code, d.override_code, d.override_reason, d.final_code
     FROM bloc_decision d JOIN candidate c ON c.id = d.candidate_id WHERE c.session_id = ?1`,
  )
    .bind(DEMO_SESSION_ID)
    .all<BlocDecisionRow>()
  return results
}

async function storedCertificationDecisions(): Promise<Map<string, string>> {
  const { results } = await worker.env.DB.prepare(
    `SELECT d.candidate_id, d.final_code FROM certification_decision d JOIN candidate c ON c.id = d.candidate_id WHERE c.session_id = ?1`,
  )
    .bind(DEMO_SESSION_ID)
    .all<{ candidate_id: string; final_code: string }>()
  return new Map(results.map((row) => [row.candidate_id, row.final_code]))
}

describe('finalising from the workbook with the real Worker', { timeout: 60_000 }, () => {
  it('pushes the grading, finalises what the workbook shows with the grid version it holds, writes PV 1 and re-pulls the locked grid', async () => {
    const host = installFakeExcel(new FakeExcelHost())
    await pullGrid(client, DEMO_SESSION_ID)
    const pulledVersion = metadataOf(host).gridVersion
    const { typed } = completeGrading(host)
    // Two jury decisions against the computation, each with its reason.
    const raised = findBloc(host, 'AJ')
    const lowered = findBloc(host, 'ADM', raised.rowIndex)
    host.typeInto(GRADE, addressOf(raised.rowIndex, blocColumn('override', raised.blocCode)), 'ADJ')
    host.typeInto(GRADE, addressOf(raised.rowIndex, blocColumn('reason', raised.blocCode)), 'Soutenance remarquable')
    host.typeInto(GRADE, addressOf(lowered.rowIndex, blocColumn('override', lowered.blocCode)), 'AJ')
    host.typeInto(GRADE, addressOf(lowered.rowIndex, blocColumn('reason', lowered.blocCode)), 'Plagiat avéré')
    const shown = new Map(sheetRows(host).map((cells) => [String(cells[0]), sheetCodes(cells)]))
    expect(shown.get(raised.candidateId)!.blocs[raised.blocCode]).toBe('ADJ')
    expect(shown.get(lowered.candidateId)!.blocs[lowered.blocCode]).toBe('AJ')

    const outcome = await finaliseFromWorkbook(client)

    expect(outcome).toMatchObject({ kind: 'finalised', pvVersion: 1, pushed: { inputs: typed + 2 } })
    if (outcome.kind !== 'finalised') return
    expect(await sessionStatus()).toBe('deliberated')
    expect(await pvVersions()).toEqual([1])

    // Sent: every candidate with the codes the sheet shows, at the version the push left.
    const [body] = finaliseBodies()
    expect(body!.gridVersion).toBe(pulledVersion + outcome.pushed!.rows)
    const { results: pv } = await worker.env.DB.prepare('SELECT grid_version FROM pv_version WHERE session_id = ?1').bind(DEMO_SESSION_ID).all<{ grid_version: number }>()
    expect(pv.map((row) => row.grid_version)).toEqual([body!.gridVersion])
    expect(body!.results).toHaveLength(shown.size)
    for (const result of body!.results) {
      expect(result.decision).toBe(shown.get(result.candidateId)!.decision)
      for (const [blocCode, sent] of Object.entries(result.blocs)) expect(sent.code).toBe(shown.get(result.candidateId)!.blocs[blocCode])
    }

    // Stored: the server's final codes are the workbook's; jury decisions sit beside the computed code.
    const blocDecisions = await storedBlocDecisions()
    const certifications = await storedCertificationDecisions()
    for (const [candidateId, codes] of shown) {
      expect(certifications.get(candidateId)).toBe(codes.decision)
      for (const decision of blocDecisions.filter((row) => row.candidate_id === candidateId)) expect(decision.final_code).toBe(codes.blocs[decision.bloc_code])
    }
    const decisionOf = (target: { candidateId: string; blocCode: string }) =>
      blocDecisions.find((row) => row.candidate_id === target.candidateId && row.bloc_code === target.blocCode)
    expect(decisionOf(raised)).toMatchObject({ computed_code: 'AJ', override_code: 'ADJ', override_reason: 'Soutenance remarquable', final_code: 'ADJ' })
    expect(decisionOf(lowered)).toMatchObject({ computed_code: 'ADM', override_code: 'AJ', override_reason: 'Plagiat avéré', final_code: 'AJ' })

    // The workbook was pulled again: read-only session, same results, the server's grid version.
    expect(outcome.refresh).toMatchObject({ ok: true, outcome: { readOnly: true, differences: [] } })
    expect(metadataOf(host).gridVersion).toBe(await serverGridVersion())
    expect(new Map(sheetRows(host).map((cells) => [String(cells[0]), sheetCodes(cells)]))).toEqual(shown)
  })

  it('keeps the grid version of its own pushes, so a final send after an earlier send needs no new pull', async () => {
    const host = installFakeExcel(new FakeExcelHost())
    await pullGrid(client, DEMO_SESSION_ID)
    completeGrading(host, 3)
    expect(await sendResults(client)).toMatchObject({ kind: 'sent', rows: 3 })
    expect(metadataOf(host).gridVersion).toBe(await serverGridVersion())

    const outcome = await finaliseFromWorkbook(client)

    expect(outcome).toMatchObject({ kind: 'finalised', pushed: null, pvVersion: 1 })
    expect(writes().map((request) => `${request.method} ${request.path}`)).toEqual([`PUT ${SESSION}/grades`, `POST ${SESSION}/finalise`])
  })

  it('refuses when someone else changed the grid since the pull: nothing is finalised until the workbook is pulled again', async () => {
    const host = installFakeExcel(new FakeExcelHost())
    await pullGrid(client, DEMO_SESSION_ID)
    const [cells] = sheetRows(host)
    await worker.api(`${SESSION}/grades`, {
      method: 'PUT',
      body: JSON.stringify({ rows: [{ candidateId: cells![0], rowVersion: cells![1], marks: { 'CR1.1': 'EXC' } }] }),
    })

    const outcome = await finaliseFromWorkbook(client)

    expect(outcome).toMatchObject({ kind: 'refused', pushed: null })
    if (outcome.kind !== 'refused') return
    expect(outcome.error).toBeInstanceOf(ApiError)
    expect(outcome.error).toMatchObject({ code: 'CONFLICT', status: 409, message: expect.stringContaining('rechargez la grille') })
    expect(await sessionStatus()).toBe('open')

    await pullGrid(client, DEMO_SESSION_ID)
    expect(await finaliseFromWorkbook(client)).toMatchObject({ kind: 'finalised', pvVersion: 1 })
  })

  it('stops a jury decision without its reason at the workbook’s verification: nothing leaves, though the Worker would refuse it too', async () => {
    const host = installFakeExcel(new FakeExcelHost())
    await pullGrid(client, DEMO_SESSION_ID)
    const target = findBloc(host, 'AJ')
    host.typeInto(GRADE, addressOf(target.rowIndex, blocColumn('override', target.blocCode)), 'ADJ')
    const versionBefore = await serverGridVersion()

    const outcome = await finaliseFromWorkbook(client)

    expect(outcome.kind).toBe('blocked')
    if (outcome.kind !== 'blocked') return
    expect(outcome.report.problems).toEqual([
      expect.objectContaining({ kind: 'input', address: addressOf(target.rowIndex, blocColumn('reason', target.blocCode)), message: expect.stringContaining('doit être motivée') }),
    ])
    expect(writes()).toEqual([])
    expect(await serverGridVersion()).toBe(versionBefore)
    expect(await sessionStatus()).toBe('open')

    // The same result sent straight to the Worker, as another client could: refused as well.
    const direct = await worker.fetch(`http://certibloc.test/api/v1${SESSION}/finalise`, {
      method: 'POST',
      headers: { Authorization: 'Bearer jeton-local-de-test', 'Content-Type': 'application/json' },
      body: JSON.stringify({ results: [{ candidateId: target.candidateId, blocs: { [target.blocCode]: { code: 'ADJ' } } }] }),
    })
    expect(direct.status).toBe(409)
    const { error } = (await direct.json()) as { error: { details: { differences: Array<{ blocCode: string; message: string }> } } }
    expect(error.details.differences).toEqual([expect.objectContaining({ blocCode: target.blocCode, message: expect.stringContaining('doit être motivée') })])
    expect(await pvVersions()).toEqual([])
  })

  it('stops a result cell typed over its formula at the workbook’s verification', async () => {
    const host = installFakeExcel(new FakeExcelHost())
    await pullGrid(client, DEMO_SESSION_ID)
    const target = findBloc(host, 'AJ')
    host.sheet(GRADE).protection.protected = false
    host.typeInto(GRADE, addressOf(target.rowIndex, blocColumn('blocResult', target.blocCode)), 'ADM')

    const outcome = await finaliseFromWorkbook(client)

    expect(outcome.kind).toBe('blocked')
    if (outcome.kind !== 'blocked') return
    expect(outcome.report.problems).toEqual(
      expect.arrayContaining([expect.objectContaining({ kind: 'formula', address: addressOf(target.rowIndex, blocColumn('blocResult', target.blocCode)) })]),
    )
    expect(writes()).toEqual([])
  })

  it('lists, by candidate and bloc, results the workbook shows but the stored data do not give: nothing is finalised, the push stays saved', async () => {
    const host = installFakeExcel(new FakeExcelHost())
    await pullGrid(client, DEMO_SESSION_ID)
    const { rowIndexes, typed } = completeGrading(host, 1)
    const graded = rowIndexes[0]!
    const target = findBloc(host, 'AJ')
    const computed = engineCodes(sheetRows(host)[target.rowIndex]!)
    // A capitalisation typed over the sheet's protection: the formulas agree with it, the server has none.
    host.sheet(GRADE).protection.protected = false
    host.typeInto(GRADE, addressOf(target.rowIndex, blocColumn('capitalised', target.blocCode)), 'OUI')
    const shownDecision = sheetCodes(sheetRows(host)[target.rowIndex]!).decision
    const resultCell = addressOf(target.rowIndex, blocColumn('blocResult', target.blocCode))
    expect(host.valueAt(GRADE, resultCell)).toBe('CAP')

    const outcome = await finaliseFromWorkbook(client)

    expect(outcome.kind).toBe('differences')
    if (outcome.kind !== 'differences') return
    expect(outcome.pushed).toEqual({ rows: 1, inputs: typed })
    expect(outcome.differences[0]).toMatchObject({
      candidateId: target.candidateId,
      blocCode: target.blocCode,
      pushed: 'CAP',
      computed: 'AJ',
      address: resultCell,
      message: expect.stringContaining('le classeur indique « CAP », le calcul donne « AJ »'),
    })
    // CAP completes this candidate's blocs: the decision the sheet shows differs as well, at its own cell.
    expect([shownDecision, computed.decision]).toEqual(['CERTIFIÉ', 'PARTIELLE'])
    expect(outcome.differences.slice(1)).toEqual([
      expect.objectContaining({ blocCode: null, pushed: 'CERTIFIÉ', computed: 'PARTIELLE', address: addressOf(target.rowIndex, kindColumn('certification')) }),
    ])
    expect(await sessionStatus()).toBe('open')
    expect(await pvVersions()).toEqual([])
    expect(metadataOf(host).gridVersion).toBe(await serverGridVersion())
    // The grading pushed before the refusal is on the server.
    const server = await worker.api<{ grid: { candidates: { ids: string[] }; criteres: Array<{ code: string }>; marks: unknown[][] } }>(`${SESSION}/grid`)
    const gradedCells = sheetRows(host)[graded]!
    const serverRow = server.grid.marks[server.grid.candidates.ids.indexOf(String(gradedCells[0]))]!
    const gradedInputs = server.grid.criteres.filter((critere) => gradedCells[markColumn(critere.code).index] === 'ACQ')
    expect(gradedInputs.length).toBeGreaterThanOrEqual(typed)
    for (const critere of gradedInputs) expect(serverRow[server.grid.criteres.indexOf(critere)]).toBe('ACQ')
  })

  it('is refused once the session is locked: by the finalisation with nothing to push, by the push otherwise', async () => {
    const host = installFakeExcel(new FakeExcelHost())
    await pullGrid(client, DEMO_SESSION_ID)
    await worker.api(`${SESSION}/finalise`, { method: 'POST', body: '{}' })

    const unchanged = await finaliseFromWorkbook(client)

    expect(unchanged).toMatchObject({ kind: 'refused', pushed: null, error: { code: 'SESSION_LOCKED', status: 423 } })
    const cell = addressOf(0, markColumn('CR1.1'))
    host.typeInto(GRADE, cell, host.valueAt(GRADE, cell) === 'EXC' ? 'ATT' : 'EXC')
    await expect(finaliseFromWorkbook(client)).rejects.toMatchObject({ code: 'SESSION_LOCKED', status: 423 })
    expect(writes().map((request) => `${request.method} ${request.path}`)).toEqual([`POST ${SESSION}/finalise`, `PUT ${SESSION}/grades`])
    expect(await pvVersions()).toEqual([1])
  })
})
