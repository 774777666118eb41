/**
 * The grading loop end to end against the real Worker (in-process, real local D1 with the demo
 * session) and the fake Excel host evaluating the written formulas with HyperFormula:
 * pull → grade in the sheet → verify → send, then the server's own results.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { createApiClient, type ApiClient } from '../../../addin/src/api/client'
import { pullGrid } from '../../../addin/src/sync/pullGrid'
import { sendResults } from '../../../addin/src/sync/sendResults'
import { verifyWorkbook } from '../../../addin/src/sync/verifyWorkbook'
import { rowFormulas } from '../../../shared/formulas/index'
import { FIRST_DATA_ROW } from '../../../shared/workbook/gradeSheetLayout'
import { parseSyncMetadata, SYNC_SETTING_KEY } from '../../../shared/workbook/syncMetadata'
import { FakeExcelHost, installFakeExcel } from '../../support/fakeExcel'
import { DEMO_SESSION_ID, startLocalWorker, type LocalWorker } from '../support/localWorker'
import {
  addressOf,
  blocColumn,
  engineCodes,
  GRADE,
  markColumn,
  SNAPSHOT,
  seedGrading,
  sheetCodes,
  sheetRows,
} from '../support/gradeSheet'

let worker: LocalWorker
let client: ApiClient

beforeAll(async () => {
  worker = await startLocalWorker()
  client = createApiClient('http://certibloc.test', () => 'Bearer jeton-local-de-test', { fetch: worker.fetch })
}, 60_000)

afterAll(async () => {
  await worker?.dispose()
})

afterEach(() => {
  vi.unstubAllGlobals()
})

interface ServerResults {
  results: Array<{ candidateId: string; decision: string; blocs: Record<string, { code: string }> }>
}

const PULLED_AT = new Date(2026, 5, 12, 9, 30)

describe('the grading loop with the real Worker', { timeout: 30_000 }, () => {
  it('pulls the demo session into a workbook whose formula cells agree with the rules engine', async () => {
    const host = installFakeExcel(new FakeExcelHost())

    const outcome = await pullGrid(client, DEMO_SESSION_ID, { now: () => PULLED_AT })

    expect(outcome).toMatchObject({ rowCount: 30, differences: [], readOnly: false })
    expect(host.workbook.sheets.map((sheet) => [sheet.name, sheet.visibility])).toEqual([
      ['Feuil1', 'Visible'],
      ['Référentiel', 'Visible'],
      ['Grille', 'Visible'],
      [SNAPSHOT, 'VeryHidden'],
      ['Synthèse', 'Visible'],
    ])
    expect(host.workbook.activeSheetName).toBe(GRADE)
    const rows = sheetRows(host)
    expect(rows).toHaveLength(30)
    for (const cells of rows) expect(sheetCodes(cells)).toEqual(engineCodes(cells))
    // Every kind of result of the demo shows up, so the comparison above means something.
    const shown = new Set(rows.flatMap((cells) => Object.values(sheetCodes(cells).blocs)))
    expect([...shown].sort()).toEqual(expect.arrayContaining(['ADM', 'AJ', 'ATT', 'CAP']))
  })

  it('writes the generator’s own formula in every result cell, filled down with relative rows', async () => {
    const host = installFakeExcel(new FakeExcelHost())
    await pullGrid(client, DEMO_SESSION_ID)

    const sheet = host.sheet(GRADE)
    for (const row of [FIRST_DATA_ROW, FIRST_DATA_ROW + 1, FIRST_DATA_ROW + 29]) {
      const expected = rowFormulas(seedGrading.rules, seedGrading.layout.formulaLayout, row)
      if (!expected.ok) throw new Error('formulas')
      for (const cell of expected.value) expect(sheet.cell(row, cell.column)?.formula).toBe(cell.formula)
    }
  })

  it('pulls in at most 6 requests, each far below the 5 MB cap, with calculation suspended while writing', async () => {
    const host = installFakeExcel(new FakeExcelHost())
    await pullGrid(client, DEMO_SESSION_ID)

    expect(host.runs).toEqual([{ delayForCellEdit: true }])
    expect(host.syncs.length).toBeLessThanOrEqual(6)
    for (const sync of host.syncs) expect(sync.payloadBytes).toBeLessThan(5 * 1024 * 1024)
    // The grading sheets' writes; the few « Synthèse » formulas go with the final calculation.
    const gridWrite = (operation: { op: string; target?: string }) =>
      (operation.op === 'setValues' || operation.op === 'setFormulas') && !String(operation.target).startsWith('Synthèse')
    const writes = host.syncs.filter((sync) => sync.operations.some(gridWrite))
    expect(writes.length).toBeGreaterThan(0)
    expect(writes.every((sync) => sync.calculationSuspended)).toBe(true)
    // The last request asks Excel to calculate, after writing the « Synthèse » sheet and nothing else.
    const last = host.syncs.at(-1)!.operations
    expect(last.at(-1)?.op).toBe('calculate')
    expect(last.slice(0, -1).every((operation) => String(operation.target ?? operation.name).startsWith('Synthèse'))).toBe(true)
    expect(host.screenUpdatingSuspendedAtSync).toHaveLength(1)
  })

  it('keeps the sync metadata in the workbook settings, with the pull date as a real date in the sheet', async () => {
    const host = installFakeExcel(new FakeExcelHost())
    const { grid } = await worker.api<{ grid: { session: { gridVersion: number } } }>(`/sessions/${DEMO_SESSION_ID}/grid`)

    await pullGrid(client, DEMO_SESSION_ID, { now: () => PULLED_AT })

    expect(parseSyncMetadata(host.workbook.settings.get(SYNC_SETTING_KEY))).toMatchObject({
      sessionId: DEMO_SESSION_ID,
      sessionName: 'Session de démonstration 2026',
      referentialId: seedGrading.referential.id,
      referentialVersion: 1,
      gridEtag: `"grid-${DEMO_SESSION_ID}-${grid.session.gridVersion}"`,
      gridVersion: grid.session.gridVersion,
      pulledAt: PULLED_AT.toISOString(),
      rowCount: 30,
    })
    const date = host.sheet(GRADE).cellAt('E1')
    expect(date?.numberFormat).toBe('dd/mm/yyyy hh:mm')
    expect(date?.value).toBeCloseTo(46185.395833, 5)
  })

  it('grades, verifies and sends: the server’s results then agree with the workbook', async () => {
    const host = installFakeExcel(new FakeExcelHost())
    await pullGrid(client, DEMO_SESSION_ID)
    const before = sheetRows(host)
    // Every blank critère of the candidates' own blocs is graded ACQ, as a jury would complete them.
    const placed = seedGrading.layout.formulaLayout
    const option = seedGrading.layout.columns.find((candidate) => candidate.kind === 'option')!.index
    let typed = 0
    before.forEach((cells, rowIndex) => {
      for (const bloc of placed.blocs) {
        const own = !bloc.blocCode.startsWith('BC05') || bloc.blocCode === cells[option]
        if (!own || cells[bloc.capitalisedColumn!] === 'OUI') continue
        for (const critereColumn of Object.values(bloc.critereColumns)) {
          if (cells[critereColumn] !== '') continue
          host.typeInto(GRADE, addressOf(rowIndex, seedGrading.layout.columns[critereColumn]!), typed % 7 === 0 ? ' acq ' : 'ACQ')
          typed++
        }
      }
    })
    // A jury decision with a reason that Excel would take for a formula if it were not text.
    host.typeInto(GRADE, addressOf(0, blocColumn('override', 'BC01')), 'ADJ')
    host.typeInto(GRADE, addressOf(0, blocColumn('reason', 'BC01')), '=Soutenance remarquable')
    expect(typed).toBeGreaterThan(10)

    const verified = await verifyWorkbook(client)
    expect(verified.report.problems).toEqual([])
    expect(verified.pendingInputs).toBe(typed + 1)

    const sent = await sendResults(client)
    expect(sent).toMatchObject({ kind: 'sent', inputs: typed + 1 })

    const rows = sheetRows(host)
    for (const cells of rows) expect(sheetCodes(cells)).toEqual(engineCodes(cells))
    expect(rows[0]?.[blocColumn('blocResult', 'BC01').index]).toBe('ADJ')
    const { results } = await worker.api<ServerResults>(`/sessions/${DEMO_SESSION_ID}/results`)
    for (const cells of rows) {
      const server = results.find((result) => result.candidateId === cells[0])!
      const shown = sheetCodes(cells)
      expect(server.decision).toBe(shown.decision)
      for (const [blocCode, outcome] of Object.entries(server.blocs)) expect(outcome.code).toBe(shown.blocs[blocCode])
    }
    // Sent values became the new base: nothing is left to send, the row versions moved on.
    expect(await sendResults(client)).toMatchObject({ kind: 'nothing' })
    const server = await worker.api<{ grid: { candidates: { ids: string[]; rowVersions: number[] } } }>(`/sessions/${DEMO_SESSION_ID}/grid`)
    for (const cells of rows) {
      expect(cells[1]).toBe(server.grid.candidates.rowVersions[server.grid.candidates.ids.indexOf(String(cells[0]))])
    }
  })

  it('lists invalid marks and broken formulas by cell and sends nothing until they are fixed', async () => {
    const host = installFakeExcel(new FakeExcelHost())
    await pullGrid(client, DEMO_SESSION_ID)
    const gridBefore = await worker.api<{ grid: { session: { gridVersion: number } } }>(`/sessions/${DEMO_SESSION_ID}/grid`)
    const notAdmitted = sheetRows(host).findIndex((cells) => engineCodes(cells).blocs.BC03 !== 'ADM')
    expect(notAdmitted).toBeGreaterThanOrEqual(0)
    host.typeInto(GRADE, addressOf(2, markColumn('CR1.1')), 'XYZ')
    // A user who lifted the protection, then typed over a result and rewrote another formula.
    host.sheet(GRADE).protection.protected = false
    host.typeInto(GRADE, addressOf(3, blocColumn('blocResult', 'BC02')), 'ADM')
    host.typeInto(GRADE, addressOf(notAdmitted, blocColumn('blocResult', 'BC03')), '="ADM"')

    const { report } = await verifyWorkbook(client)

    expect(report.problems.map((problem) => [problem.kind, problem.address])).toEqual(
      expect.arrayContaining([
        ['input', addressOf(2, markColumn('CR1.1'))],
        ['formula', addressOf(3, blocColumn('blocResult', 'BC02'))],
        ['mismatch', addressOf(notAdmitted, blocColumn('blocResult', 'BC03'))],
      ]),
    )
    expect(report.problems.find((problem) => problem.address === addressOf(2, markColumn('CR1.1')))).toMatchObject({ message: expect.stringContaining('« XYZ »') })

    expect(await sendResults(client)).toMatchObject({ kind: 'blocked' })
    const gridAfter = await worker.api<{ grid: { session: { gridVersion: number } } }>(`/sessions/${DEMO_SESSION_ID}/grid`)
    expect(gridAfter.grid.session.gridVersion).toBe(gridBefore.grid.session.gridVersion)

    // "Récupérer la grille" restores the formulas and keeps the (still invalid) typed mark.
    const pulled = await pullGrid(client, DEMO_SESSION_ID)
    expect(pulled.differences.map((difference) => difference.address)).toEqual([addressOf(2, markColumn('CR1.1'))])
    const { report: after } = await verifyWorkbook(client)
    expect(after.problems.map((problem) => [problem.kind, problem.address])).toEqual([['input', addressOf(2, markColumn('CR1.1'))]])
  })

  it('re-pulls without losing unsent edits, and lists what differs from the server', async () => {
    const host = installFakeExcel(new FakeExcelHost())
    await pullGrid(client, DEMO_SESSION_ID)
    const edited = addressOf(5, markColumn('CR2.1'))
    const serverValue = host.valueAt(GRADE, edited)
    const local = serverValue === 'NACQ' ? 'PACQ' : 'NACQ'
    host.typeInto(GRADE, edited, local)
    host.typeInto(GRADE, addressOf(5, blocColumn('override', 'BC02')), 'AJ')
    host.typeInto(GRADE, addressOf(5, blocColumn('reason', 'BC02')), 'Plagiat avéré')

    const outcome = await pullGrid(client, DEMO_SESSION_ID)

    expect(outcome.differences.map(({ address, local: mine, server, conflict }) => ({ address, mine, server, conflict }))).toEqual([
      { address: edited, mine: { valid: true, value: local }, server: { valid: true, value: serverValue === '' ? null : serverValue }, conflict: false },
      {
        address: addressOf(5, blocColumn('override', 'BC02')),
        mine: { valid: true, value: { code: 'AJ', reason: 'Plagiat avéré' } },
        server: { valid: true, value: null },
        conflict: false,
      },
    ])
    expect(host.valueAt(GRADE, edited)).toBe(local)
    expect(host.valueAt(GRADE, addressOf(5, blocColumn('blocResult', 'BC02')))).toBe('AJ')
    expect((await verifyWorkbook(client)).pendingInputs).toBe(2)
  })

  it('on a 409, shows each conflicting cell with the server’s value and applies the user’s choice per cell', async () => {
    const host = installFakeExcel(new FakeExcelHost())
    await pullGrid(client, DEMO_SESSION_ID)
    const rows = sheetRows(host)
    const [first, second] = [7, 8].map((rowIndex) => ({ rowIndex, id: String(rows[rowIndex]![0]), version: Number(rows[rowIndex]![1]) }))
    // Someone else changes CR3.1 of two candidates on the server meanwhile.
    await worker.api(`/sessions/${DEMO_SESSION_ID}/grades`, {
      method: 'PUT',
      body: JSON.stringify({
        rows: [
          { candidateId: first!.id, rowVersion: first!.version, marks: { 'CR3.1': 'PACQ' } },
          { candidateId: second!.id, rowVersion: second!.version, marks: { 'CR3.1': 'PACQ' } },
        ],
      }),
    })
    const firstCell = addressOf(first!.rowIndex, markColumn('CR3.1'))
    const secondCell = addressOf(second!.rowIndex, markColumn('CR3.1'))
    // Codes the demo never holds, so both are edits whatever the cells held.
    host.typeInto(GRADE, firstCell, 'EXC')
    host.typeInto(GRADE, secondCell, 'ATT')

    const refused = await sendResults(client)

    expect(refused.kind).toBe('conflicts')
    if (refused.kind !== 'conflicts') return
    const shown = (reading: { valid: boolean; value?: unknown }) => reading.value
    expect(refused.conflicts.map(({ address, local, server }) => [address, shown(local), shown(server)])).toEqual([
      [firstCell, 'EXC', 'PACQ'],
      [secondCell, 'ATT', 'PACQ'],
    ])
    const resolutions = new Map([
      [refused.conflicts[0]!.key, 'server' as const],
      [refused.conflicts[1]!.key, 'mine' as const],
    ])
    const merged = await pullGrid(client, DEMO_SESSION_ID, { resolutions })
    expect(host.valueAt(GRADE, firstCell)).toBe('PACQ')
    expect(host.valueAt(GRADE, secondCell)).toBe('ATT')
    expect(merged.differences.filter((difference) => difference.conflict)).toEqual([])

    expect(await sendResults(client)).toMatchObject({ kind: 'sent', inputs: 1 })
    const server = await worker.api<{ grid: { candidates: { ids: string[] }; criteres: Array<{ code: string }>; marks: unknown[][] } }>(`/sessions/${DEMO_SESSION_ID}/grid`)
    const markOf = (id: string) => server.grid.marks[server.grid.candidates.ids.indexOf(id)]![server.grid.criteres.findIndex((critere) => critere.code === 'CR3.1')]
    expect([markOf(first!.id), markOf(second!.id)]).toEqual(['PACQ', 'ATT'])
  })

  it('keeps everything in the workbook: after Excel is closed and reopened, verifying and sending still work', async () => {
    const before = installFakeExcel(new FakeExcelHost())
    await pullGrid(client, DEMO_SESSION_ID)
    const cell = addressOf(10, blocColumn('override', 'BC04'))
    before.typeInto(GRADE, cell, 'ADM')
    before.typeInto(GRADE, addressOf(10, blocColumn('reason', 'BC04')), 'Délibération du jury')
    vi.unstubAllGlobals()

    // A new Excel process: same file, nothing of the pane's memory but what the workbook holds.
    const reopened = new FakeExcelHost({ sheetNames: [] })
    reopened.workbook.sheets.push(...before.workbook.sheets)
    for (const [key, value] of before.workbook.settings) reopened.workbook.settings.set(key, value)
    reopened.workbook.dirty = true
    installFakeExcel(reopened)

    expect((await verifyWorkbook(client)).pendingInputs).toBe(1)
    expect(await sendResults(client)).toMatchObject({ kind: 'sent', rows: 1, inputs: 1 })
    expect(reopened.valueAt(GRADE, addressOf(10, blocColumn('blocResult', 'BC04')))).toBe('ADM')
  })

  it('refuses to replace a grid with unsent edits by another session’s, and writes names as text', async () => {
    const { session } = await worker.api<{ session: { id: string } }>('/sessions', {
      method: 'POST',
      body: JSON.stringify({ referentialId: seedGrading.referential.id, name: 'Session des pièges' }),
    })
    await worker.api(`/sessions/${session.id}/candidates/bulk`, {
      method: 'POST',
      body: JSON.stringify({
        candidates: [
          { schoolId: '=1+1', birthName: '=HYPERLINK("http://x")', firstNames: ['+33 Alex'], optionCode: 'BC05-A' },
          { schoolId: '007', birthName: '-Dupont', usageName: '@martin', firstNames: ['Zoé'], optionCode: 'BC05-B' },
        ],
      }),
    })
    const host = installFakeExcel(new FakeExcelHost())
    await pullGrid(client, DEMO_SESSION_ID)
    host.typeInto(GRADE, addressOf(0, markColumn('CR4.1')), 'NACQ')

    await expect(pullGrid(client, session.id)).rejects.toMatchObject({ code: 'UNSENT_EDITS_ELSEWHERE', message: expect.stringContaining('Session de démonstration 2026') })
    expect(host.valueAt(GRADE, addressOf(0, markColumn('CR4.1')))).toBe('NACQ')

    host.typeInto(GRADE, addressOf(0, markColumn('CR4.1')), host.sheet(SNAPSHOT).cell(0, markColumn('CR4.1').index)?.value ?? null)
    const outcome = await pullGrid(client, session.id)

    expect(outcome.rowCount).toBe(2)
    const sheet = host.sheet(GRADE)
    const names = sheetRows(host).map((cells) => cells.slice(2, 5))
    expect(names).toEqual(
      expect.arrayContaining([
        ['=1+1', '=HYPERLINK("http://x")', '+33 Alex'],
        ['007', '@martin (-Dupont)', 'Zoé'],
      ]),
    )
    for (let row = FIRST_DATA_ROW; row < FIRST_DATA_ROW + 2; row++) {
      for (const column of [2, 3, 4]) expect(sheet.cell(row, column)?.formula).toBeNull()
    }
  })
})
