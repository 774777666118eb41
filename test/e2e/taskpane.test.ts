/**
 * The task pane in a real browser (Debian's Chromium, headless): the production bundle served with
 * the real Worker app on the same origin (local D1 with the demo session), Office and Excel replaced
 * by the fake host injected before any script. Clicks through pull → grade → verify → send, checks
 * the server's results against the workbook, and saves a screenshot of the pane.
 */
import { mkdir } from 'node:fs/promises'
import { afterAll, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { cellAddress, FIRST_DATA_ROW } from '../../shared/workbook/gradeSheetLayout'
import { engineCodes, GRADE, seedGrading, sheetCodes } from '../addin/support/gradeSheet'
import { DEMO_SESSION_ID, LOCAL_ADMIN_TOKEN, LOCAL_CERTIFIER_VARS } from '../addin/support/localWorker'
import { day, fillJurySheets, loadJuryWorkbook } from '../shared/jury/fixtures'
import { launchChromium } from './support/chromium'
import './support/fakeHostGlobal'
import { servePane } from './support/servedPane'


const SCREENSHOT = 'test/artifacts/taskpane-loop.png'
const VERIFY_SCREENSHOT = 'test/artifacts/taskpane-verify.png'
const CONFLICT_SCREENSHOT = 'test/artifacts/taskpane-conflict.png'
const JURY_SCREENSHOT = 'test/artifacts/taskpane-jury-import.png'
const JOURNAL_SCREENSHOT = 'test/artifacts/taskpane-journal.png'
/** The default task pane width in Excel. */
const PANE = { width: 350, height: 720 }

let browser: Browser
let page: Page


// The certifier settings let the last test finalise the deliberation.
const pane = servePane({ vars: LOCAL_CERTIFIER_VARS })

/** In the first test, not in a hook: a missing Chromium must fail a test, never skip one. */
async function openPane(): Promise<void> {
  browser = await launchChromium()
  page = await browser.newPage({ viewport: PANE, locale: 'fr-FR' })
  // No network: office.js from the CDN is answered with an empty script, the fake stands in for it.
  await page.route('https://appsforoffice.microsoft.com/**', (route) => route.fulfill({ contentType: 'text/javascript', body: '' }))
  await page.addInitScript({ content: pane.fakeHost })
}

afterAll(async () => {
  await browser?.close()
})

const rowsInPage = () =>
  page.evaluate(
    ([sheet, first, width]) => globalThis.certiblocFake.rows(sheet, first, width),
    [GRADE, FIRST_DATA_ROW, seedGrading.layout.columns.length] as const,
  ) as Promise<Array<Array<string | number | boolean>>>

describe('the task pane in Chromium', { timeout: 60_000 }, () => {
  it('connects, pulls, grades, verifies and sends; the server then agrees with the workbook', async () => {
    await openPane()
    await page.goto(`${pane.server.origin}/taskpane.html`)

    // Connection: the API address defaults to the origin that served the pane.
    await expect.poll(() => page.getByLabel('Adresse de l’API').inputValue()).toBe(pane.server.origin)
    await page.getByLabel('Jeton d’accès').fill(LOCAL_ADMIN_TOKEN)
    await page.getByRole('button', { name: 'Se connecter', exact: true }).click()
    await page.getByRole('combobox', { name: 'Session' }).waitFor()
    expect(await page.getByRole('combobox', { name: 'Session' }).inputValue()).toBe(DEMO_SESSION_ID)

    await page.getByRole('button', { name: 'Récupérer la grille' }).click()
    await page.getByText('Grille « Session de démonstration 2026 » écrite : 30 candidats', { exact: false }).waitFor()
    expect(await page.evaluate(() => globalThis.certiblocFake.sheetNames())).toEqual(['Feuil1', 'Référentiel', 'Grille', 'Certibloc_Synchro', 'Synthèse'])

    // The user grades: every blank critère of the candidates' own blocs becomes ACQ.
    const pulled = await rowsInPage()
    const option = seedGrading.layout.formulaLayout.optionColumn!
    const blanks = pulled.flatMap((cells, rowIndex) =>
      seedGrading.layout.formulaLayout.blocs
        .filter((bloc) => (!bloc.blocCode.startsWith('BC05') || bloc.blocCode === cells[option]) && cells[bloc.capitalisedColumn!] !== 'OUI')
        .flatMap((bloc) => Object.values(bloc.critereColumns))
        .filter((column) => cells[column] === '')
        .map((column) => cellAddress(FIRST_DATA_ROW + rowIndex, column)),
    )
    expect(blanks.length).toBeGreaterThan(0)
    await page.evaluate(
      ([sheet, addresses]) => addresses.forEach((address) => globalThis.certiblocFake.typeInto(sheet, address, 'ACQ')),
      [GRADE, blanks] as const,
    )

    // A typo is caught by "Vérifier", located by its cell, and blocks sending until corrected.
    const typo = blanks[0]!
    await page.evaluate(([sheet, address]) => globalThis.certiblocFake.typeInto(sheet, address, 'AQC'), [GRADE, typo] as const)
    await page.getByRole('button', { name: 'Vérifier' }).click()
    const problems = page.getByTestId('verification-problems')
    await problems.getByText(typo, { exact: true }).waitFor()
    await expect.poll(() => problems.textContent()).toContain('« AQC » n’est pas un code valide')
    expect(await page.getByRole('button', { name: 'Envoyer les résultats' }).isDisabled()).toBe(true)
    await mkdir('test/artifacts', { recursive: true })
    await page.screenshot({ path: VERIFY_SCREENSHOT, fullPage: true })

    await page.evaluate(([sheet, address]) => globalThis.certiblocFake.typeInto(sheet, address, 'ACQ'), [GRADE, typo] as const)
    await page.getByRole('button', { name: 'Vérifier' }).click()
    await page.getByText(`Aucune anomalie sur 30 candidats. ${blanks.length} saisies prêtes à envoyer.`).waitFor()

    await page.getByRole('button', { name: 'Envoyer les résultats' }).click()
    await page.getByText(`${blanks.length} saisies envoyées`, { exact: false }).waitFor()

    const rows = await rowsInPage()
    const { results } = await pane.worker.api<{ results: Array<{ candidateId: string; decision: string; blocs: Record<string, { code: string }> }> }>(
      `/sessions/${DEMO_SESSION_ID}/results`,
    )
    for (const cells of rows) {
      const shown = sheetCodes(cells)
      expect(shown).toEqual(engineCodes(cells))
      const serverResult = results.find((result) => result.candidateId === cells[0])!
      expect(serverResult.decision).toBe(shown.decision)
      for (const [blocCode, outcome] of Object.entries(serverResult.blocs)) expect(outcome.code).toBe(shown.blocs[blocCode])
    }

    // The pane fits Excel's default width: nothing scrolls sideways.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PANE.width)
    await page.screenshot({ path: SCREENSHOT, fullPage: true })
  })

  it('on a conflict, lists the cell with both values and applies the server’s value when chosen', async () => {
    const rows = await rowsInPage()
    const cr11 = seedGrading.layout.columns.find((column) => column.critereCode === 'CR1.1')!.index
    const rowIndex = rows.findIndex((cells) => cells[cr11] === 'ACQ')
    const [id, version] = [String(rows[rowIndex]![0]), Number(rows[rowIndex]![1])]
    const address = cellAddress(FIRST_DATA_ROW + rowIndex, cr11)
    // Another user changes the cell on the server; this user changes it too in the workbook.
    await pane.worker.api(`/sessions/${DEMO_SESSION_ID}/grades`, {
      method: 'PUT',
      body: JSON.stringify({ rows: [{ candidateId: id, rowVersion: version, marks: { 'CR1.1': 'PACQ' } }] }),
    })
    await page.evaluate(([sheet, cell]) => globalThis.certiblocFake.typeInto(sheet, cell, 'NACQ'), [GRADE, address] as const)

    await page.getByRole('button', { name: 'Envoyer les résultats' }).click()
    const conflicts = page.getByTestId('conflicts')
    await conflicts.getByText(address, { exact: true }).waitFor()
    expect(await conflicts.textContent()).toContain('Vous\u00a0: NACQServeur\u00a0: PACQ')
    await conflicts.getByRole('radio', { name: 'Prendre celle du serveur' }).check()
    await page.screenshot({ path: CONFLICT_SCREENSHOT, fullPage: true })
    await page.getByRole('button', { name: 'Appliquer mes choix' }).click()
    await page.getByText('Vos choix sont appliqués', { exact: false }).waitFor()

    expect(await page.evaluate(([sheet, cell]) => globalThis.certiblocFake.valueAt(sheet, cell), [GRADE, address] as const)).toBe('PACQ')
    await page.getByRole('button', { name: 'Envoyer les résultats' }).click()
    await page.getByText('Rien à envoyer', { exact: false }).waitFor()
  })
  it('imports a filled jury sheet over marks of the grid only when told to, and undoes the import', async () => {
    // A jury sheet of the first demo candidate, its first two critères filled against the grid.
    const rows = await rowsInPage()
    const candidateId = String(rows[0]![0])
    const blank = await pane.worker.fetch(`${pane.server.origin}/api/v1/sessions/${DEMO_SESSION_ID}/jury-sheets.xlsx?candidateId=${candidateId}`, {
      headers: { Authorization: `Bearer ${LOCAL_ADMIN_TOKEN}` },
    })
    const bytes = new Uint8Array(await blank.arrayBuffer())
    const meta = (await loadJuryWorkbook(bytes)).entries[0]!.meta
    const codes = meta.layout.criteres.slice(0, 2).map((critere) => critere.code)
    const column = (code: string) => seedGrading.layout.columns.find((c) => c.critereCode === code)!.index
    const before = Object.fromEntries(codes.map((code) => [code, rows[0]![column(code)]]))
    const typed = Object.fromEntries(codes.map((code) => [code, before[code] === 'NACQ' ? 'PACQ' : 'NACQ']))
    const filled = await fillJurySheets(bytes, [
      { candidateId, blocCode: meta.blocCode, marks: typed, members: ['Mme Durand, présidente du jury'], date: day('2026-06-12') },
    ])
    const serverMarks = async () => {
      const { grid } = await pane.worker.api<{ grid: { criteres: Array<{ code: string }>; candidates: { ids: string[] }; marks: unknown[][] } }>(
        `/sessions/${DEMO_SESSION_ID}/grid`,
      )
      const row = grid.marks[grid.candidates.ids.indexOf(candidateId)]!
      return Object.fromEntries(codes.map((code) => [code, row[grid.criteres.findIndex((k) => k.code === code)]]))
    }
    expect(await serverMarks()).toEqual(before)

    await page.getByText('Fiches du jury', { exact: true }).click()
    await page.getByLabel('Choisir les fichiers').setInputFiles({
      name: 'fiche-jury.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: Buffer.from(filled),
    })
    await page.getByRole('button', { name: 'Aperçu', exact: true }).click()
    // The grid's marks differ: nothing can be imported until the user chooses.
    await page.getByText('2 notes de la grille en conflit avec les fiches').waitFor()
    expect(await page.getByRole('button', { name: 'Importer', exact: true }).isDisabled()).toBe(true)
    await page.getByRole('radio', { name: 'Remplacer par les fiches' }).check()
    await expect.poll(() => page.getByRole('button', { name: 'Importer', exact: true }).isDisabled()).toBe(false)
    await page.screenshot({ path: JURY_SCREENSHOT, fullPage: true })
    await page.getByRole('button', { name: 'Importer', exact: true }).click()
    await page.getByText('notes importées depuis 1 fichier', { exact: false }).waitFor()
    expect(await serverMarks()).toEqual(typed)
    await page.getByText('la grille du classeur n’est plus à jour', { exact: false }).waitFor()

    await page.getByRole('button', { name: 'Annuler cet import' }).click()
    await page.getByRole('dialog').getByRole('button', { name: 'Annuler l’import' }).click()
    await expect.poll(serverMarks).toEqual(before)
  })

  it('finalises the deliberation from « Envoyer les résultats », and the Journal shows every step', async () => {
    // The import and its undo moved the server on: the workbook takes the grid again first.
    await page.getByRole('button', { name: 'Récupérer la grille' }).click()
    await page.getByText('Grille « Session de démonstration 2026 » écrite : 30 candidats', { exact: false }).waitFor()
    // The synthesis counts the 30 candidates of the grid.
    expect(await page.evaluate(() => globalThis.certiblocFake.valueAt('Synthèse', 'B2'))).toBe(30)

    await page.getByRole('checkbox', { name: 'Délibération définitive : finaliser la session' }).check()
    await page.getByRole('button', { name: 'Envoyer les résultats' }).click()
    // An alert dialog: finalising locks the session.
    const confirmation = page.getByRole('alertdialog')
    await confirmation.getByText('le PV version 1', { exact: false }).waitFor()
    await confirmation.getByRole('button', { name: 'Finaliser', exact: true }).click()
    await page.getByText('Délibération finalisée : PV version 1 émis', { exact: false }).waitFor()

    const { session } = await pane.worker.api<{ session: { status: string } }>(`/sessions/${DEMO_SESSION_ID}`)
    expect(session.status).toBe('deliberated')
    const { results } = await pane.worker.api<{ results: Array<{ candidateId: string; decision: string }> }>(`/sessions/${DEMO_SESSION_ID}/results`)
    for (const cells of await rowsInPage()) expect(results.find((r) => r.candidateId === cells[0])!.decision).toBe(sheetCodes(cells).decision)

    await page.getByText('Journal', { exact: true }).click()
    const journal = page.getByRole('list', { name: 'Journal' })
    await journal.waitFor()
    for (const action of ['Fiches du jury importées', 'Import de fiches annulé']) await journal.getByText(action, { exact: false }).first().waitFor()
    // Oldest first: the finalisation, the newest event, may be a page further.
    while (!(await journal.getByText('Délibération finalisée', { exact: false }).count())) {
      await page.getByRole('button', { name: 'Afficher plus' }).click()
      await page.waitForTimeout(200)
    }
    await page.screenshot({ path: JOURNAL_SCREENSHOT, fullPage: true })
  })
})
