/**
 * POST /sessions/{id}/jury-imports/extracted: the pane's and the CLI's path. Files are read where
 * they are (readJuryWorkbook, here in the test) and only their extracts travel; the Worker
 * verifies every seal, reads every mark, plans and commits as the multipart route does.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import { readJuryWorkbook, type JuryFileExtract } from '../../../shared/jury/parseJurySheets'
import type { ImportPlan } from '../../../shared/jury/planImport'
import { BASE_MARKS, baseFills } from '../../shared/jury/corpus'
import { fillJurySheets, type SheetFill } from '../../shared/jury/fixtures'
import { lyingBombWorkbook } from '../../shared/jury/lyingBombs'
import { request } from '../harness'
import { databaseSnapshot, juryRequest, postJuryExtracts, sendJuryExtracts, uploadJuryFiles, type Upload } from './juryApp'
import { setUpJurySession, type JurySession } from './setup'

type PublicPlan = Omit<ImportPlan, 'writes'>
interface ImportAnswer {
  dryRun: boolean
  plan: PublicPlan
  batch?: { id: string; summary: { marks: number } } | null
  message?: string
}
interface ErrorAnswer {
  error: { code: string; message: string; details: { issues?: Array<{ path: string; message: string }>; plan?: PublicPlan } }
}

let s: JurySession
const id = (schoolId: string) => s.candidates.get(schoolId)!.id

async function filled(schoolId: string, fills: (candidateId: string) => SheetFill[], name = `fiche-${schoolId}.xlsx`): Promise<Upload> {
  const res = await juryRequest(`/api/v1/sessions/${s.sessionId}/jury-sheets.xlsx?candidateId=${id(schoolId)}`)
  expect(res.status).toBe(200)
  return { name, bytes: await fillJurySheets(new Uint8Array(await res.arrayBuffer()), fills(id(schoolId))) }
}

async function gridMarks(candidateId: string): Promise<Record<string, unknown>> {
  const { grid } = await (await request(`/api/v1/sessions/${s.sessionId}/grid`)).json<{
    grid: { criteres: Array<{ code: string }>; candidates: { ids: string[] }; marks: unknown[][] }
  }>()
  const row = grid.marks[grid.candidates.ids.indexOf(candidateId)] ?? []
  return Object.fromEntries(grid.criteres.map((c, i) => [c.code, row[i]]).filter(([, v]) => v !== null))
}

beforeAll(async () => {
  s = await setUpJurySession(4)
})

describe('POST /sessions/{id}/jury-imports/extracted', () => {
  it('plans exactly what the multipart upload plans for the same files, then commits them as one batch', async () => {
    const files = [await filled('E401', baseFills), await filled('E402', (cid) => [baseFills(cid)[1]!])]
    const multipart = await (await uploadJuryFiles(s.sessionId, files)).json<ImportAnswer>()
    const before = await databaseSnapshot()
    const dry = await sendJuryExtracts(s.sessionId, files)
    expect(dry.status).toBe(200)
    const extracted = await dry.json<ImportAnswer>()
    expect(extracted).toEqual(multipart)
    expect(extracted.plan.totals).toMatchObject({ files: 2, sheets: 4, new: 11 })
    expect(await databaseSnapshot()).toBe(before)

    const res = await sendJuryExtracts(s.sessionId, files, 'dryRun=false')
    expect(res.status).toBe(200)
    const body = await res.json<ImportAnswer>()
    expect(body.batch?.summary.marks).toBe(11)
    expect(await gridMarks(id('E401'))).toEqual(BASE_MARKS)
    // Each file's SHA-256 travels with its extract: the same files again are recognised.
    const again = await (await sendJuryExtracts(s.sessionId, files)).json<ImportAnswer>()
    expect(again.plan.files.map((f) => f.status)).toEqual(['already_imported', 'already_imported'])
  })

  it('sends only the cells the layouts name, not the sheets', async () => {
    const file = await filled('E403', baseFills)
    const extract = await readJuryWorkbook(file.bytes, file.name)
    expect(extract.refusal).toBeNull()
    expect(extract.metadata?.rows.length).toBe(4)
    for (const sheet of extract.sheets) expect(Object.keys(sheet.cells).length).toBeLessThan(40)
    expect(JSON.stringify(extract).length).toBeLessThan(file.bytes.length)
  })

  it('verifies every seal with the server key: an edited metadata row refuses its sheet, and nothing is written', async () => {
    const file = await filled('E404', baseFills)
    const extract = await readJuryWorkbook(file.bytes, file.name)
    // The candidate id of the first sheet, changed in the extract (a client cannot re-seal it).
    const forged: JuryFileExtract = structuredClone(extract)
    forged.metadata!.rows[1]!.cells[2] = id('E100')
    const before = await databaseSnapshot()
    const res = await postJuryExtracts(s.sessionId, { files: [forged] }, 'dryRun=false')
    expect(res.status).toBe(400)
    const body = await res.json<ErrorAnswer>()
    expect(body.error.details.plan?.errors.map((e) => e.code)).toEqual(['checksum_mismatch'])
    expect(body.error.details.plan?.errors[0]?.message).toMatch(/^fiche-E404\.xlsx, feuille «\s.+\s», cellule [A-Z]+\d+\s: les informations cachées de cette fiche .* ont été modifiées/)
    expect(await databaseSnapshot()).toBe(before)
  })

  it('validates every mark with the rules core: a forged cell value is refused at its cell', async () => {
    const file = await filled('E404', baseFills)
    const extract = structuredClone(await readJuryWorkbook(file.bytes, file.name))
    const sheet = extract.sheets.find((x) => Object.values(x.cells).includes('12,5'))!
    const cell = Object.entries(sheet.cells).find(([, v]) => v === '12,5')![0]
    sheet.cells[cell] = 25
    const res = await postJuryExtracts(s.sessionId, { files: [extract] })
    const body = await res.json<ImportAnswer>()
    expect(body.plan.errors).toMatchObject([{ code: 'invalid_mark', cell, message: expect.stringContaining('la note 25 dépasse le maximum de 20') }])
  })

  it('passes on a refusal found where the file was read (a lying zip bomb), located and in French', async () => {
    const extract = await readJuryWorkbook(lyingBombWorkbook('sharedStrings'), 'bombe.xlsx')
    const body = await (await postJuryExtracts(s.sessionId, { files: [extract] })).json<ImportAnswer>()
    expect(body.plan.errors).toMatchObject([{ code: 'zip_bomb', file: 'bombe.xlsx', message: expect.stringMatching(/^bombe\.xlsx\s: classeur illisible\s: la partie «\sxl\/sharedStrings\.xml\s» dépasse/) }])
  })

  it('refuses a body that is not a set of extracts with a located French message', async () => {
    const res = await postJuryExtracts(s.sessionId, { files: [{ file: 'f.xlsx', hash: 'abc', size: 1, refusal: null, metadata: null, sheets: [] }] })
    expect(res.status).toBe(400)
    const body = await res.json<ErrorAnswer>()
    expect(body.error.code).toBe('VALIDATION_FAILED')
    expect(body.error.details.issues).toContainEqual({ path: 'body.files[0].hash', message: 'SHA-256 du fichier en hexadécimal (64 caractères) attendu' })
    const sheet = { name: 'BC01', cells: { B2: 'ok', C3: [1, 2], '1A': 'x' } }
    const cells = await postJuryExtracts(s.sessionId, { files: [{ file: 'f.xlsx', hash: 'a'.repeat(64), size: 1, refusal: null, metadata: null, sheets: [sheet] }] })
    expect(cells.status).toBe(400)
    const issues = (await cells.json<ErrorAnswer>()).error.details.issues
    expect(issues).toContainEqual({ path: 'body.files[0].sheets[0].cells.C3', message: 'cellule attendue : texte, nombre, booléen, null ou { date } (date ISO 8601)' })
    expect(issues?.some((i) => i.path.endsWith('1A') && i.message === 'adresse de cellule A1 attendue')).toBe(true)
    const empty = await postJuryExtracts(s.sessionId, { files: [] })
    expect((await empty.json<ErrorAnswer>()).error.details.issues).toContainEqual({ path: 'body.files', message: 'au moins un fichier attendu' })
  })
})
