/**
 * The pane's jury import calls against the real Worker (in-process, real local D1 with the demo
 * session): a preview finds the mark typed in the grid, the commit refuses it until the user
 * chose, keeps or replaces it as chosen, and undoing the batch puts every mark back.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ApiError } from '../../../addin/src/api/client'
import type { ApiEndpoint } from '../../../addin/src/api/download'
import {
  commitJuryImport,
  listJuryImportBatches,
  previewJuryImport,
  undoJuryImportBatch,
  type JuryImportAnswer,
} from '../../../addin/src/api/juryImports'
import { answerOfRefusal, batchLines, commitGate, conflictRows, importWarnings, refusalLines } from '../../../addin/src/taskpane/juryImportView'
import { day, fillJurySheets, loadJuryWorkbook } from '../../shared/jury/fixtures'
import { DEMO_SESSION_ID, LOCAL_ADMIN_TOKEN, startLocalWorker, type LocalWorker } from '../support/localWorker'

let worker: LocalWorker
let endpoint: ApiEndpoint
let candidates: Array<{ id: string; schoolId: string }>

beforeAll(async () => {
  worker = await startLocalWorker()
  endpoint = { baseUrl: 'http://certibloc.test', authorization: () => `Bearer ${LOCAL_ADMIN_TOKEN}`, fetch: worker.fetch }
  candidates = (await worker.api<{ candidates: Array<{ id: string; schoolId: string }> }>(`/sessions/${DEMO_SESSION_ID}/candidates`)).candidates
}, 60_000)

afterAll(async () => {
  await worker?.dispose()
})

type Mark = string | number | null

/** A demo candidate's first blank jury sheet: its bloc and critère codes, and the bytes to fill. */
async function blankSheet(index: number) {
  const candidate = candidates[index]
  if (!candidate) throw new Error(`no demo candidate #${index}`)
  const response = await worker.fetch(`http://certibloc.test/api/v1/sessions/${DEMO_SESSION_ID}/jury-sheets.xlsx?candidateId=${candidate.id}`, {
    headers: { Authorization: `Bearer ${LOCAL_ADMIN_TOKEN}` },
  })
  expect(response.status).toBe(200)
  const bytes = new Uint8Array(await response.arrayBuffer())
  const meta = (await loadJuryWorkbook(bytes)).entries[0]?.meta
  if (!meta || meta.layout.criteres.length < 2) throw new Error('the demo sheet needs two critères')
  return { ...candidate, bytes, blocCode: meta.blocCode, codes: meta.layout.criteres.map((c) => c.code) }
}

/** What the jury typed on the sheet, as the file the user drops. */
async function filledFile(sheet: Awaited<ReturnType<typeof blankSheet>>, marks: Record<string, string>): Promise<File> {
  const bytes = await fillJurySheets(sheet.bytes, [
    { candidateId: sheet.id, blocCode: sheet.blocCode, marks, members: ['Mme Durand, présidente'], date: day('2026-06-12') },
  ])
  return new File([bytes as Uint8Array<ArrayBuffer>], `fiche-${sheet.schoolId}.xlsx`)
}

/** Marks (and jury decisions) typed in the grid and sent, as « Envoyer les résultats » does. */
async function typeInGrid(candidateId: string, marks: Record<string, Mark>, decisions: Record<string, { code: string; reason: string }> = {}) {
  const { candidate } = await worker.api<{ candidate: { rowVersion: number } }>(`/sessions/${DEMO_SESSION_ID}/candidates/${candidateId}`)
  await worker.api(`/sessions/${DEMO_SESSION_ID}/grades`, {
    method: 'PUT',
    body: JSON.stringify({ rows: [{ candidateId, rowVersion: candidate.rowVersion, marks, decisions }], reason: 'saisie dans la grille' }),
  })
}

async function gridMarks(candidateId: string, codes: readonly string[]): Promise<Record<string, Mark>> {
  const { grid } = await worker.api<{ grid: { criteres: Array<{ code: string }>; candidates: { ids: string[] }; marks: Mark[][] } }>(
    `/sessions/${DEMO_SESSION_ID}/grid`,
  )
  const row = grid.marks[grid.candidates.ids.indexOf(candidateId)] ?? []
  return Object.fromEntries(codes.map((code) => [code, row[grid.criteres.findIndex((c) => c.code === code)] ?? null]))
}

async function refusal(promise: Promise<unknown>): Promise<ApiError> {
  const error = await promise.then(
    () => null,
    (reason: unknown) => reason,
  )
  if (!(error instanceof ApiError)) throw new Error(`expected an ApiError, got ${String(error)}`)
  return error
}

describe('jury sheet import from the pane, against the real Worker', { timeout: 30_000 }, () => {
  it('shows the conflict, refuses the commit until the user chose, keeps the grid’s mark, then undoes the batch', async () => {
    const sheet = await blankSheet(0)
    const [typed, empty, ...rest] = sheet.codes as [string, string, ...string[]]
    await typeInGrid(sheet.id, { [typed]: 'PACQ', [empty]: null, ...Object.fromEntries(rest.map((code) => [code, 'ACQ'])) })
    const file = await filledFile(sheet, { [typed]: 'ACQ', [empty]: 'NACQ', ...Object.fromEntries(rest.map((code) => [code, 'ACQ'])) })

    const preview = await previewJuryImport(endpoint, DEMO_SESSION_ID, [file])
    expect(preview.plan).toMatchObject({ policy: 'fail', committable: false, totals: { conflicts: 1, new: 1, unchanged: rest.length, errors: 0 } })
    expect(conflictRows(preview.plan)).toMatchObject([
      { file: file.name, schoolId: sheet.schoolId, blocCode: sheet.blocCode, critereCode: typed, grid: 'PACQ', gridAuthor: 'Administrateur (jeton de secours)', sheetValue: 'ACQ', resolution: 'blocks' },
    ])
    expect(conflictRows(preview.plan)[0]?.cell).toMatch(/^[A-Z]+\d+$/)
    expect(commitGate(preview, [], null)).toEqual({ allowed: false, reason: 'choose_conflicts' })

    // Sent anyway without a choice, the Worker refuses it and answers the plan again.
    const refused = await refusal(commitJuryImport(endpoint, DEMO_SESSION_ID, [file], []))
    expect(refused).toMatchObject({ code: 'CONFLICT', status: 409 })
    expect(refused.message).toMatch(/^1 note saisie dans la grille diffère des fiches : rien n’a été importé\./)
    expect(conflictRows(answerOfRefusal(refused.details)!.plan)).toHaveLength(1)
    expect(await gridMarks(sheet.id, [typed, empty])).toEqual({ [typed]: 'PACQ', [empty]: null })

    const kept = await previewJuryImport(endpoint, DEMO_SESSION_ID, [file], [], 'keep')
    expect(conflictRows(kept.plan).map((row) => row.resolution)).toEqual(['kept'])
    const gate = commitGate(kept, [], 'keep')
    expect(gate).toEqual({ allowed: true, policy: 'keep' })
    const committed = await commitJuryImport(endpoint, DEMO_SESSION_ID, [file], [], gate.allowed ? gate.policy : 'fail')
    expect(committed.batch?.summary.marks).toBe(1)
    expect(await gridMarks(sheet.id, [typed, empty])).toEqual({ [typed]: 'PACQ', [empty]: 'NACQ' })

    const [latest] = await listJuryImportBatches(endpoint, DEMO_SESSION_ID)
    expect(latest).toMatchObject({ id: committed.batch!.id, createdBy: 'admin', createdByName: 'Administrateur (jeton de secours)', undoneAt: null, liveMarks: 1, summary: { marks: 1, policy: 'keep', files: [{ file: file.name }] } })
    expect(batchLines([latest!], { canUndo: true }).lines[0]).toMatchObject({ marksText: '1 note écrite', canUndo: true })

    const undone = await undoJuryImportBatch(endpoint, DEMO_SESSION_ID, committed.batch!.id)
    expect(undone).toEqual({ undone: { batchId: committed.batch!.id, restored: 1 }, message: 'Lot annulé : 1 note remise dans son état d’avant l’import.' })
    expect(await gridMarks(sheet.id, [typed, empty])).toEqual({ [typed]: 'PACQ', [empty]: null })

    const again = await refusal(undoJuryImportBatch(endpoint, DEMO_SESSION_ID, committed.batch!.id))
    expect(again).toMatchObject({ code: 'CONFLICT', status: 409 })
    expect(again.message).toMatch(/^L’import du \d{2}\/\d{2}\/\d{4} à \d{2} h \d{2} par Administrateur \(jeton de secours\) a déjà été annulé le \d{2}\/\d{2}\/\d{4} à \d{2} h \d{2}\.$/)
    const listed = await listJuryImportBatches(endpoint, DEMO_SESSION_ID)
    expect(batchLines(listed, { canUndo: true }).lines.find((line) => line.batchId === committed.batch!.id)).toMatchObject({ undone: true, canUndo: false })
  })

  it('replaces the grid’s mark when the user chose the sheets, and the undo restores the grid’s mark', async () => {
    const sheet = await blankSheet(1)
    const [typed, ...rest] = sheet.codes as [string, ...string[]]
    await typeInGrid(sheet.id, { [typed]: 'NACQ', ...Object.fromEntries(rest.map((code) => [code, 'ACQ'])) })
    const file = await filledFile(sheet, { [typed]: 'ACQ', ...Object.fromEntries(rest.map((code) => [code, 'ACQ'])) })

    const replaced = await previewJuryImport(endpoint, DEMO_SESSION_ID, [file], [], 'replace')
    expect(conflictRows(replaced.plan)).toMatchObject([{ critereCode: typed, grid: 'NACQ', sheetValue: 'ACQ', resolution: 'replaced' }])
    const gate = commitGate(replaced, [], 'replace')
    expect(gate).toEqual({ allowed: true, policy: 'replace' })
    const committed = await commitJuryImport(endpoint, DEMO_SESSION_ID, [file], [], 'replace')
    expect(committed.batch?.summary.marks).toBe(1)
    expect(await gridMarks(sheet.id, [typed])).toEqual({ [typed]: 'ACQ' })

    await undoJuryImportBatch(endpoint, DEMO_SESSION_ID, committed.batch!.id)
    expect(await gridMarks(sheet.id, [typed])).toEqual({ [typed]: 'NACQ' })
    // Back in the grid, the mark is the user's again: the same file conflicts with it as before.
    const after = await previewJuryImport(endpoint, DEMO_SESSION_ID, [file])
    expect(conflictRows(after.plan)).toMatchObject([{ critereCode: typed, grid: 'NACQ', resolution: 'blocks' }])
  })

  it('warns about a jury decision already taken, and refuses to undo a batch whose marks changed since', async () => {
    const sheet = await blankSheet(2)
    const [first, ...rest] = sheet.codes as [string, ...string[]]
    await typeInGrid(sheet.id, Object.fromEntries(sheet.codes.map((code) => [code, null])), { [sheet.blocCode]: { code: 'ADJ', reason: 'délibération' } })
    const file = await filledFile(sheet, { [first]: 'ACQ', ...Object.fromEntries(rest.map((code) => [code, 'PACQ'])) })

    const preview: JuryImportAnswer = await previewJuryImport(endpoint, DEMO_SESSION_ID, [file])
    expect(importWarnings(preview.plan).decisions).toEqual([
      expect.stringContaining(`le candidat ${sheet.schoolId} a déjà une décision du jury sur le bloc ${sheet.blocCode} (ADJ) : elle reste en place`),
    ])
    expect(commitGate(preview, [], null)).toEqual({ allowed: true, policy: 'fail' })
    const committed = await commitJuryImport(endpoint, DEMO_SESSION_ID, [file], [])
    await typeInGrid(sheet.id, { [first]: 'NACQ' })

    const refused = await refusal(undoJuryImportBatch(endpoint, DEMO_SESSION_ID, committed.batch!.id))
    expect(refused).toMatchObject({ code: 'CONFLICT', status: 409 })
    expect(refused.message).toBe(`1 note importée par ce lot a été modifiée(s) depuis (${sheet.schoolId} ${first}) : annulation refusée, rien n’a été modifié.`)
    expect(refusalLines(refused.details, () => 'DATE')).toEqual([`${sheet.schoolId} ${first} : importée ACQ, maintenant NACQ (par Administrateur (jeton de secours) le DATE)`])
    expect(await gridMarks(sheet.id, [first])).toEqual({ [first]: 'NACQ' })
  })

  it('previews but neither imports nor undoes in a deliberated session', async () => {
    const sheet = await blankSheet(3)
    const marks = Object.fromEntries(sheet.codes.map((code) => [code, 'ACQ']))
    await typeInGrid(sheet.id, Object.fromEntries(sheet.codes.map((code) => [code, null])))
    const committed = await commitJuryImport(endpoint, DEMO_SESSION_ID, [await filledFile(sheet, marks)], [])
    await worker.env.DB.prepare(`UPDATE session SET status = 'deliberated' WHERE id = ?1`).bind(DEMO_SESSION_ID).run()

    const preview = await previewJuryImport(endpoint, DEMO_SESSION_ID, [await filledFile(sheet, { ...marks, [sheet.codes[0]!]: 'NACQ' })])
    expect(preview.sessionStatus).toBe('deliberated')
    expect(commitGate(preview, [], null)).toEqual({ allowed: false, reason: 'session_not_open' })
    const refused = await refusal(undoJuryImportBatch(endpoint, DEMO_SESSION_ID, committed.batch!.id))
    expect(refused).toMatchObject({ code: 'SESSION_LOCKED', status: 423, message: 'La session est délibérée ou close : ses données ne sont plus modifiables.' })
    expect(await gridMarks(sheet.id, sheet.codes)).toEqual(marks)
  })
})
