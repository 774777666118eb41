/**
 * Référentiels authored in the workbook, end to end against the real Worker (in-process, real local
 * D1) and the fake Excel host: a new version of the seed's through « Modifier le référentiel », a
 * second title from France Compétences' open data completed in the draft sheet, then a session on
 * it graded in its own grid, finalised, with its own blocs on the PV and the jury sheets.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { createApiClient, type ApiClient } from '../../../addin/src/api/client'
import { DRAFT_SHEET_NAME, readDraftSheetValues } from '../../../addin/src/excel/referentialDraftSheet'
import { gradingRulesOf } from '../../../addin/src/sync/gradingRules'
import { pullGrid } from '../../../addin/src/sync/pullGrid'
import {
  checkWorkbookDraft,
  draftFromOpenData,
  draftNextVersion,
  locateRefusal,
  previewPublication,
  publishDraft,
} from '../../../addin/src/sync/referentialDraft'
import { sendResults } from '../../../addin/src/sync/sendResults'
import { verifyWorkbook } from '../../../addin/src/sync/verifyWorkbook'
import { parseReferential, seedReferential } from '../../../shared/referential'
import type { Referential } from '../../../shared/referential/schema'
import { buildDraftSheet, DRAFT_COLUMNS, draftFromReferential, type DraftSource } from '../../../shared/workbook/referentialDraftSheet'
import { flatText, pdfText } from '../../shared/documents/fixtures'
import { loadJuryWorkbook } from '../../shared/jury/fixtures'
import { secondTitle, SECOND_TITLE_LINEAGE } from '../../shared/referential/secondTitle'
import { FakeExcelHost, installFakeExcel } from '../../support/fakeExcel'
import { draftEdits } from '../support/draftSheet'
import { addressOf, engineCodes, GRADE, sheetCodes, sheetRows } from '../support/gradeSheet'
import { LOCAL_ADMIN_TOKEN, LOCAL_CERTIFIER_VARS, startLocalWorker, type LocalWorker } from '../support/localWorker'

const OPEN_DATA = join(import.meta.dirname, '../../shared/referential/fixtures/openData')
const openDataFiles = ['export_fiches_CSV_Standard_2026_06_01.csv', 'export_fiches_CSV_Blocs_De_Competences_2026_06_01.csv', 'export_fiches_CSV_Blocs_De_Competences_2026_06_01_suite.csv'].map(
  (name) => ({ name, bytes: new Uint8Array(readFileSync(join(OPEN_DATA, name))) }),
)

let worker: LocalWorker
let client: ApiClient
const host = new FakeExcelHost()

beforeAll(async () => {
  worker = await startLocalWorker({ demo: false, vars: LOCAL_CERTIFIER_VARS })
  client = createApiClient('http://certibloc.test', () => `Bearer ${LOCAL_ADMIN_TOKEN}`, { fetch: worker.fetch })
}, 60_000)

afterAll(async () => {
  await worker?.dispose()
})

afterEach(() => {
  vi.unstubAllGlobals()
})

/** Types into the draft sheet what makes it hold `target`, as the school would. */
async function editDraftInto(target: DraftSource): Promise<number> {
  const edits = draftEdits((await readDraftSheetValues())!, buildDraftSheet(target).cells)
  for (const edit of edits) host.typeInto(DRAFT_SHEET_NAME, edit.address, edit.value)
  return edits.length
}

const parsed = (input: unknown): Referential => {
  const result = parseReferential(input)
  if (!result.ok) throw new Error(JSON.stringify(result.issues))
  return result.referential
}

describe('a new version of the seed’s référentiel, authored in the draft sheet', { timeout: 30_000 }, () => {
  it('is written as version 2, edited (one critère added, one rule changed), checked, previewed and published', async () => {
    installFakeExcel(host)
    const written = await draftNextVersion(client, seedReferential.id)
    expect(written).toMatchObject({ sheetName: 'Brouillon référentiel', version: 2, basedOn: seedReferential.id })

    const target = draftFromReferential(seedReferential, 'expert-ingenierie-informatique-n7')
    const bc01 = target.blocs[0]!
    const bc02 = target.blocs[1]!
    if (bc01.kind !== 'mandatory' || bc02.kind !== 'mandatory') throw new Error('seed shape')
    bc01.criteres = [...bc01.criteres, { code: 'CR1.6', label: 'Qualité de la veille technologique présentée', fromCompetence: null, assessment: { scale: { kind: 'outcome' }, weight: 1, floor: null } }]
    bc02.rule = { kind: 'outcome', minAcqShare: 0.8, allowNacq: false, maxPacq: 1 }
    expect(await editDraftInto(target)).toBeGreaterThan(0)

    const check = await checkWorkbookDraft()
    if (!check.ok) throw new Error(JSON.stringify(check.issues))
    expect(check.referential.id).toBe('expert-ingenierie-informatique-n7-v2')
    const preview = await previewPublication(client, check.referential, check.publication.lineage)
    expect(preview.previous?.id).toBe(seedReferential.id)
    expect(preview.changes.map((change) => change.message)).toEqual([
      'Critère CR1.6 ajouté au bloc BC01 : « Qualité de la veille technologique présentée », ACQ / PACQ / NACQ.',
      'Bloc BC02 : règle modifiée (tous les critères ACQ → au moins 80 % de critères ACQ, aucun NACQ, 1 PACQ au plus).',
    ])

    const published = await publishDraft(client, check.referential)
    expect(published).toMatchObject({ created: true, referential: { id: 'expert-ingenierie-informatique-n7-v2', previousId: seedReferential.id } })
    expect(published.changes).toEqual(preview.changes)
  })

  it('places the Worker’s refusal of the same version again at the cells it is about', async () => {
    installFakeExcel(host)
    const check = await checkWorkbookDraft()
    if (!check.ok) throw new Error('draft')
    const changed = { ...check.referential, title: 'Autre intitulé' }
    const refusal = await publishDraft(client, changed).catch((error: { details: unknown }) => error)
    expect(locateRefusal((refusal as { details: unknown }).details, check.reading)).toEqual([
      { address: 'B4', message: 'La version « expert-ingenierie-informatique-n7-v2 » est déjà publiée avec un autre contenu : une version publiée ne change plus. Publiez la version suivante.' },
    ])
    // « Modifier le référentiel » now starts the version after the latest.
    expect(await draftNextVersion(client, seedReferential.id)).toMatchObject({ version: 3, basedOn: seedReferential.id })
  })
})

describe('a second title from France Compétences’ open data', { timeout: 60_000 }, () => {
  let sessionId = ''

  it('gets a draft with its title, RNCP code, level and blocs, which « Vérifier » says to complete', async () => {
    installFakeExcel(host)
    const written = await draftFromOpenData(openDataFiles, '39999')
    expect(written).toMatchObject({ title: 'Responsable du développement commercial', rowCount: 4, warnings: [] })
    const check = await checkWorkbookDraft()
    expect(check.ok).toBe(false)
    if (check.ok) return
    expect(check.issues).toEqual(
      expect.arrayContaining([
        { address: 'B14', message: 'Bloc BC01, compétences : la liste est vide : au moins un élément attendu.' },
        { address: 'B17', message: 'Bloc BC04, critères : la liste est vide : au moins un élément attendu.' },
      ]),
    )
    expect(host.sheet(DRAFT_SHEET_NAME).cellAt('B4')?.value).toBe(SECOND_TITLE_LINEAGE)
    expect(host.sheet(DRAFT_SHEET_NAME).cellAt('B8')?.value).toBe('RNCP39999')
  })

  it('is completed in the sheet (compétences, critères, scores, floors, weights, a required mémoire, an option group) and published', async () => {
    installFakeExcel(host)
    const target = { ...draftFromReferential(parsed(secondTitle), SECOND_TITLE_LINEAGE), version: 1, basedOn: null }
    await editDraftInto(target)
    const check = await checkWorkbookDraft()
    if (!check.ok) throw new Error(JSON.stringify(check.issues))
    expect(check.referential).toEqual(parsed(secondTitle))
    const preview = await previewPublication(client, check.referential, check.publication.lineage)
    expect(preview).toMatchObject({ previous: null, changes: [] })
    expect(await publishDraft(client, check.referential)).toMatchObject({ created: true, referential: { id: secondTitle.id, lineage: SECOND_TITLE_LINEAGE } })
  })

  it('grades a session on it in its own grid: « — » on the option not chosen, results agreeing with the Worker', async () => {
    installFakeExcel(host)
    const { session } = await worker.api<{ session: { id: string } }>('/sessions', { method: 'POST', body: JSON.stringify({ referentialId: secondTitle.id, name: 'Commerciaux — juin 2026', juryDate: '2026-06-30' }) })
    sessionId = session.id
    const people = [
      ['RDC-01', 'Martin', 'BC04-A'],
      ['RDC-02', 'Nguyen', 'BC04-B'],
      ['RDC-03', 'Diallo', 'BC04-A'],
    ] as const
    await worker.api(`/sessions/${sessionId}/candidates/bulk`, {
      method: 'POST',
      body: JSON.stringify({ candidates: people.map(([schoolId, birthName, optionCode]) => ({ schoolId, birthName, firstNames: ['Camille'], sex: 'F', birthDate: '2000-02-01', optionCode })) }),
    })

    await pullGrid(client, sessionId)
    const grading = gradingRulesOf(parsed(secondTitle))
    const column = (critere: string) => grading.layout.columns.find((candidate) => candidate.critereCode === critere)!
    const marks: Record<string, Record<string, string | number>> = {
      'RDC-01': { 'CR1.1': 12, 'CR1.2': 14, 'CR1.3': 10, 'CR2.1': 11, 'CR2.2': 12, 'CR2.3': 8, 'CR3.1': 'ACQ', 'CR3.2': 'acq', 'CR3.3': 'PACQ', 'CR3.4': 'ACQ', 'CR4A.1': 'ACQ', 'CR4A.2': 'ACQ' },
      'RDC-02': { 'CR1.1': 18, 'CR1.2': 7, 'CR1.3': 18, 'CR2.1': 20, 'CR2.2': 9.5, 'CR2.3': 10, 'CR3.1': 'ACQ', 'CR3.2': 'PACQ', 'CR3.3': 'PACQ', 'CR3.4': 'ACQ', 'CR4B.1': 12, 'CR4B.2': 9 },
      'RDC-03': { 'CR1.1': 9.99, 'CR1.2': 10, 'CR1.3': 10, 'CR2.1': 15, 'CR2.2': 'EXC', 'CR2.3': 5, 'CR3.1': 'ACQ', 'CR3.2': 'ACQ', 'CR3.3': 'ACQ', 'CR3.4': 'NACQ' },
    }
    const schoolIdColumn = grading.layout.columns.find((candidate) => candidate.kind === 'schoolId')!.index
    sheetRows(host, grading).forEach((cells, rowIndex) => {
      for (const [critere, value] of Object.entries(marks[String(cells[schoolIdColumn])]!)) host.typeInto(GRADE, addressOf(rowIndex, column(critere)), value)
    })

    const verified = await verifyWorkbook(client)
    expect(verified.report.problems).toEqual([])
    expect(await sendResults(client)).toMatchObject({ kind: 'sent' })

    const rows = sheetRows(host, grading)
    const shown = Object.fromEntries(rows.map((cells) => [String(cells[schoolIdColumn]), sheetCodes(cells, grading)]))
    for (const cells of rows) expect(sheetCodes(cells, grading)).toEqual(engineCodes(cells, grading))
    expect(shown['RDC-01']).toEqual({ blocs: { BC01: 'ADM', BC02: 'ADM', BC03: 'ADM', 'BC04-A': 'ADM', 'BC04-B': '—' }, decision: 'CERTIFIÉ' })
    expect(shown['RDC-02']).toEqual({ blocs: { BC01: 'AJ', BC02: 'AJ', BC03: 'AJ', 'BC04-A': '—', 'BC04-B': 'ADM' }, decision: 'PARTIELLE' })
    expect(shown['RDC-03']).toEqual({ blocs: { BC01: 'ADM', BC02: 'ATT', BC03: 'AJ', 'BC04-A': 'ATT', 'BC04-B': '—' }, decision: 'EN ATTENTE' })
    // « — » is neutral (white), not the grey of a bloc awaiting marks.
    const resultOf = (blocCode: string) => grading.layout.columns.find((candidate) => candidate.kind === 'blocResult' && candidate.blocCode === blocCode)!
    const first = rows.findIndex((cells) => cells[schoolIdColumn] === 'RDC-01')
    const third = rows.findIndex((cells) => cells[schoolIdColumn] === 'RDC-03')
    expect(host.conditionalFillAt(GRADE, addressOf(first, resultOf('BC04-B')))).toBe('#FFFFFF')
    expect(host.conditionalFillAt(GRADE, addressOf(third, resultOf('BC04-A')))).toBe('#EDEDED')

    const { results } = await worker.api<{ results: Array<{ schoolId: string; decision: string; blocs: Record<string, { code: string }> }> }>(`/sessions/${sessionId}/results`)
    for (const result of results) {
      expect(result.decision).toBe(shown[result.schoolId]!.decision)
      for (const [blocCode, outcome] of Object.entries(result.blocs)) expect(outcome.code).toBe(shown[result.schoolId]!.blocs[blocCode])
    }
    // The synthesis counts each option among the candidates who chose it.
    const synthesis = host.sheet('Synthèse').usedValues()
    const bc04b = synthesis.find((row) => row[0] === 'BC04-B')!
    expect(bc04b.slice(1, 6)).toEqual([1, 1, 1, 0, 0])
  })

  it('gives jury sheets and a PV with the title’s own blocs, RNCP code and level', async () => {
    const sheets = await worker.fetch(`http://certibloc.test/api/v1/sessions/${sessionId}/jury-sheets.xlsx?panel=all`, { headers: { Authorization: `Bearer ${LOCAL_ADMIN_TOKEN}` } })
    expect(sheets.status).toBe(200)
    const loaded = await loadJuryWorkbook(new Uint8Array(await sheets.arrayBuffer()))
    expect([...new Set(loaded.entries.map((entry) => entry.meta.blocCode))].sort()).toEqual(['BC01', 'BC02', 'BC03', 'BC04-A', 'BC04-B'])
    const tabs = loaded.workbook.worksheets.map((sheet) => sheet.name)
    expect(tabs.some((name) => name.startsWith('BC04-B'))).toBe(true)

    await worker.api(`/sessions/${sessionId}/jury`, {
      method: 'PUT',
      body: JSON.stringify({ members: [{ name: 'Mme Dumas', quality: 'Directrice commerciale', external: true, president: true }, { name: 'M. Petit', quality: 'Formateur', external: false, president: false }] }),
    })
    await worker.api(`/sessions/${sessionId}/finalise`, { method: 'POST', body: '{}' })
    const pv = await worker.fetch(`http://certibloc.test/api/v1/sessions/${sessionId}/pv/1.pdf`, { headers: { Authorization: `Bearer ${LOCAL_ADMIN_TOKEN}` } })
    expect(pv.status).toBe(200)
    const text = flatText(pdfText(new Uint8Array(await pv.arrayBuffer())))
    expect(text).toContain('« Responsable du développement commercial » — RNCP39999')
    expect(text).toContain('niveau 6')
    // Its columns are the title's blocs, its options named by their own titles (whatever the layout).
    expect(text).toMatch(/BC01 BC02 BC03 BC04/)
    expect(text).toMatch(/A : Commerce international/)
    expect(text).toMatch(/B : Grands comptes/)
    expect(text).not.toContain('BC05')
    expect(text).toMatch(/RDC-01.{0,120}CERTIFIÉ/)
  })
})

describe('the draft sheet is the school’s: a parameter on the wrong row is reported, not ignored', () => {
  it('refuses a threshold typed on an outcome bloc', async () => {
    installFakeExcel(host)
    await draftNextVersion(client, secondTitle.id)
    const values = (await readDraftSheetValues())!
    const bc03 = values.findIndex((row) => row[DRAFT_COLUMNS.code] === 'BC03')
    host.typeInto(DRAFT_SHEET_NAME, `N${bc03 + 1}`, 12)
    const check = await checkWorkbookDraft()
    expect(check.ok ? [] : check.issues).toEqual([
      { address: `N${bc03 + 1}`, message: '« Seuil sur 20 » ne s’applique pas à une ligne « Bloc » (paramètres de la règle « Moyenne sur 20 ») : videz la cellule.' },
    ])
  })
})
