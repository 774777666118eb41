/**
 * A school sets up and runs a session from the task pane alone, in a real browser (Debian's
 * Chromium), starting from an empty database (the seed référentiel published, no session): a new
 * administrator creates the session, fills the « Candidats » sheet with 25 candidates (two with
 * errors, fixed after the dry run), imports them, composes the jury, invites an assessor, pulls
 * the grid, grades, finalises, and creates the rattrapage session, whose grid shows CAP for every
 * bloc validated in the first one. The pane actions (clicks and submits) from the empty database
 * to the first pulled grid are counted. Screenshots of each step under test/artifacts/.
 */
import { execFile } from 'node:child_process'
import { mkdir, readdir, rm } from 'node:fs/promises'
import { promisify } from 'node:util'
import type { Browser, Locator, Page } from 'playwright-core'
import { afterAll, describe, expect, it } from 'vitest'
import { fr } from '../../addin/src/i18n/fr'
import { seedReferential } from '../../shared/referential'
import { BLOC_ADJ, BLOC_ADM, BLOC_CAP, CERTIFIED } from '../../shared/rules/codes'
import { buildCandidateSheet, CANDIDATE_SHEET_NAME, isoDateToSerial } from '../../shared/workbook/candidateSheet'
import { cellAddress, FIRST_DATA_ROW } from '../../shared/workbook/gradeSheetLayout'
import { GRADE, seedGrading, sheetCodes } from '../addin/support/gradeSheet'
import { LOCAL_ADMIN_TOKEN, LOCAL_CERTIFIER_VARS } from '../addin/support/localWorker'
import { launchChromium } from './support/chromium'
import './support/fakeHostGlobal'
import { servePane } from './support/servedPane'

const ARTIFACTS = 'test/artifacts'
const PANE = { width: 350, height: 720 }
/** The goal of issue 15: from an empty database to the first pulled grid. */
const ACTION_GOAL = 12
const CANDIDATE_COUNT = 25

let browser: Browser
let page: Page
/** Clicks and submits in the pane, counted by `act`. */
let actions = 0
let step = 0

const pane = servePane({ demo: false, vars: LOCAL_CERTIFIER_VARS })

afterAll(async () => {
  await browser?.close()
})

/** One action of the user in the pane. */
async function act(target: Locator, how: 'click' | 'check' = 'click'): Promise<void> {
  actions++
  await (how === 'click' ? target.click() : target.check())
}

async function shot(name: string): Promise<void> {
  step++
  await page.screenshot({ path: `${ARTIFACTS}/administration-${String(step).padStart(2, '0')}-${name}.png`, fullPage: true })
}

const headers = buildCandidateSheet(seedReferential, []).values[0]! as string[]
const columnOf = (header: string) => {
  const index = headers.indexOf(header)
  if (index < 0) throw new Error(`no column « ${header} »`)
  return index
}
const address = (header: string, sheetRow: number) => cellAddress(sheetRow - 1, columnOf(header))

const OPTIONS = ['BC05-A Cybersécurité', 'BC05-B Réseaux et architecture', 'BC05-C Ingénierie des logiciels et systèmes', 'BC05-D Intelligence artificielle et gestion des données']
const ROUTES = ['Apprentissage', 'Formation initiale hors apprentissage', 'Contrat de professionnalisation', 'Formation continue']
const BIRTH_NAMES = ['Martin', 'Bernard', 'Thomas', 'Petit', 'Robert', 'Richard', 'Durand', 'Dubois', 'Moreau', 'Laurent', 'Simon', 'Michel', 'Lefebvre', 'Leroy', 'Roux', 'David', 'Bertrand', 'Morel', 'Fournier', 'Girard', 'Bonnet', 'Dupont', 'Lambert', 'Fontaine', 'Rousseau']
const FIRST_NAMES = ['Léa', 'Hugo', 'Chloé', 'Lucas', 'Emma', 'Louis', 'Manon', 'Nathan', 'Camille', 'Jules']

/** What the school types in the sheet for candidate `i` (0-based): one cell per column it fills. */
function candidateCells(i: number): Array<[string, string | number]> {
  const sheetRow = i + 2
  const cells: Array<[string, string | number]> = [
    ['Identifiant', `E26-${String(i + 1).padStart(3, '0')}`],
    ['Nom de naissance', BIRTH_NAMES[i]!],
    ['Prénoms', FIRST_NAMES[i % FIRST_NAMES.length]!],
    ['Sexe', i % 2 === 0 ? 'F' : 'M'],
    // Excel keeps a typed date as its serial number.
    ['Date de naissance', isoDateToSerial(`${1998 + (i % 5)}-0${1 + (i % 9)}-${String(10 + i).padStart(2, '0')}`)],
    ['Code INSEE commune de naissance', '69123'],
    ['Commune de naissance', 'Lyon'],
    ['Code pays de naissance', '99100'],
    ['Pays de naissance', 'France'],
    ['Courriel', `candidat${i + 1}@example.fr`],
    ['Option', OPTIONS[i % OPTIONS.length]!],
    ['Voie d’accès', ROUTES[i % ROUTES.length]!],
  ]
  // One candidate brings BC01 acquired by VAE.
  if (i === 2) cells.push(['Capitalisé BC01', 'VAE'], ['Date capitalisation BC01', isoDateToSerial('2025-06-30')])
  return cells.map(([header, value]) => [address(header, sheetRow), value])
}

const typeCells = (cells: Array<[string, string | number | null]>) =>
  page.evaluate(([sheet, list]) => list.forEach(([cell, value]) => globalThis.certiblocFake.typeInto(sheet, cell, value)), [CANDIDATE_SHEET_NAME, cells] as const)

const gradeRows = () =>
  page.evaluate(
    ([sheet, first, width]) => globalThis.certiblocFake.rows(sheet, first, width),
    [GRADE, FIRST_DATA_ROW, seedGrading.layout.columns.length] as const,
  ) as Promise<Array<Array<string | number | boolean>>>

const sessionPicker = () => page.getByRole('combobox', { name: fr.sessions.pickerLabel })
const selectedSessionText = () => sessionPicker().evaluate((select: HTMLSelectElement) => select.selectedOptions[0]?.textContent ?? '')

interface Results {
  results: Array<{ candidateId: string; decision: string; blocs: Record<string, { code: string }> }>
}

describe('setting a session up from the task pane, from an empty database', { timeout: 120_000 }, () => {
  let sessionId = ''
  let firstResults: Results['results'] = []
  /** School id of each candidate of the first session, by candidate id. */
  const schoolIds = new Map<string, string>()

  it('creates the session, fills and imports the « Candidats » sheet, and pulls the grid in at most 12 actions', async () => {
    await mkdir(ARTIFACTS, { recursive: true })
    // Screenshots of an earlier run would mix with this one's steps.
    for (const name of await readdir(ARTIFACTS)) if (name.startsWith('administration-')) await rm(`${ARTIFACTS}/${name}`)
    browser = await launchChromium()
    page = await browser.newPage({ viewport: PANE, locale: 'fr-FR' })
    await page.route('https://appsforoffice.microsoft.com/**', (route) => route.fulfill({ contentType: 'text/javascript', body: '' }))
    await page.addInitScript({ content: pane.fakeHost })
    await page.goto(`${pane.server.origin}/taskpane.html`)

    await page.getByLabel('Jeton d’accès').fill(LOCAL_ADMIN_TOKEN)
    await act(page.getByRole('button', { name: 'Se connecter', exact: true }))
    // The empty state offers to create a session, not an API call.
    const empty = page.getByTestId('no-session')
    await empty.getByText(fr.setup.empty).waitFor()
    expect(await empty.textContent()).not.toContain('API')
    await shot('empty-database')

    await act(empty.getByRole('button', { name: fr.setup.create }))
    const form = page.getByRole('form', { name: fr.setup.formTitleCreate })
    await expect.poll(() => form.getByRole('combobox', { name: fr.setup.fields.referential }).inputValue()).toBe(seedReferential.id)
    await form.getByLabel(fr.setup.fields.name).fill('Promo 2026 — Lyon')
    await form.getByLabel(fr.setup.fields.campus).fill('Campus de Lyon')
    await form.getByLabel(fr.setup.fields.startsOn, { exact: true }).fill('2025-09-01')
    await form.getByLabel(fr.setup.fields.endsOn, { exact: true }).fill('2026-06-30')
    await form.getByLabel(fr.setup.fields.juryDate).fill('2026-11-27')
    await form.getByLabel(fr.setup.fields.deliberationPlace).fill('Lyon, salle du conseil')
    await shot('session-form')
    await act(form.getByRole('button', { name: fr.setup.submitCreate }))
    await page.getByText(fr.setup.created('Promo 2026 — Lyon')).waitFor()
    expect(await selectedSessionText()).toBe(fr.setup.option('Promo 2026 — Lyon', 0, 'open'))
    const { sessions } = await pane.worker.api<{ sessions: Array<{ id: string; name: string; juryDate: string; deliberationPlace: string; campus: string }> }>('/sessions')
    expect(sessions).toHaveLength(1)
    expect(sessions[0]).toMatchObject({ campus: 'Campus de Lyon', juryDate: '2026-11-27', deliberationPlace: 'Lyon, salle du conseil' })
    sessionId = sessions[0]!.id

    // The « Candidats » section is open for the new session, and its sheet is written at once.
    const candidates = page.getByTestId('candidates-panel')
    await candidates.getByText(fr.candidates.written(0)).waitFor()
    expect(await page.evaluate((sheet) => globalThis.certiblocFake.usedValues(sheet), CANDIDATE_SHEET_NAME)).toEqual([headers])
    await shot('candidates-sheet-written')

    // The school fills the sheet in Excel: 25 candidates, two of them with a mistake.
    const cells = Array.from({ length: CANDIDATE_COUNT }, (_, i) => candidateCells(i)).flat()
    const badDate = address('Date de naissance', 9)
    const badOption = address('Option', 20)
    await typeCells(cells)
    await typeCells([
      [badDate, '31/02/2001'],
      [badOption, 'BC05-Z Robotique'],
    ])

    await act(candidates.getByRole('button', { name: fr.candidates.checkSheet }))
    const preview = page.getByTestId('candidate-preview')
    await preview.getByText(fr.candidates.errorsTitle(2), { exact: true }).waitFor()
    const errors = preview.getByRole('list', { name: fr.candidates.errorsTitle(2) })
    // Compared with plain spaces: the messages use non-breaking ones where French typography wants them.
    const errorTexts = (await errors.getByRole('listitem').allTextContents()).map((text) => text.replace(/\u00a0/g, ' '))
    expect(errorTexts).toHaveLength(2)
    // Each error is located by sheet, cell and column.
    expect(errorTexts[0]).toContain(`feuille « ${CANDIDATE_SHEET_NAME} », cellule ${badDate} (colonne « Date de naissance »)`)
    expect(errorTexts[1]).toContain(`cellule ${badOption} (colonne « Option »)`)
    expect(await preview.getByRole('button', { name: fr.candidates.commit }).count()).toBe(0)
    await shot('dry-run-errors')
    // The README's picture: the « Candidats » section alone.
    await candidates.screenshot({ path: `${ARTIFACTS}/administration-candidates-dry-run.png` })

    // Fixed in the sheet, checked again: 25 new candidates, and one commit.
    await typeCells([
      [badDate, isoDateToSerial('2001-02-28')],
      [badOption, OPTIONS[3]!],
    ])
    await act(candidates.getByRole('button', { name: fr.candidates.checkSheet }))
    await preview.getByText(fr.candidates.counts({ created: 25, updated: 0, unchanged: 0, withdrawn: 0, reinstated: 0, errors: 0 })).waitFor()
    await shot('dry-run-clean')
    await act(preview.getByRole('button', { name: fr.candidates.commit }))
    await candidates.getByText(fr.candidates.committed({ created: 25, updated: 0, withdrawn: 0, reinstated: 0 })).waitFor()
    // The list follows: 25 candidates, without a reload.
    await expect.poll(selectedSessionText).toBe(fr.setup.option('Promo 2026 — Lyon', 25, 'open'))
    const stored = await pane.worker.api<{ candidates: Array<{ schoolId: string; birthDate: string; optionCode: string; capitalisedBlocs: unknown[] }> }>(
      `/sessions/${sessionId}/candidates`,
    )
    expect(stored.candidates).toHaveLength(CANDIDATE_COUNT)
    expect(stored.candidates.find((c) => c.schoolId === 'E26-008')).toMatchObject({ birthDate: '2001-02-28' })
    expect(stored.candidates.find((c) => c.schoolId === 'E26-003')?.capitalisedBlocs).toEqual([{ blocCode: 'BC01', acquiredOn: '2025-06-30', source: 'vae' }])
    await shot('candidates-imported')

    // The jury: an empty one opens on two external members, the first presiding, to fill in.
    await act(page.getByText(fr.juryEditor.title, { exact: true }))
    const member = (index: number) => page.getByRole('group', { name: fr.juryEditor.member(index - 1) })
    await member(1).getByLabel(fr.juryEditor.name).fill('Claire Dumas')
    await member(1).getByLabel(fr.juryEditor.quality).fill('Directrice des systèmes d’information, Société Alpha (fictive)')
    await member(2).getByLabel(fr.juryEditor.name).fill('Paul Nguyen')
    await member(2).getByLabel(fr.juryEditor.quality).fill('Architecte logiciel, Société Bêta (fictive)')
    await page.getByTestId('jury-check').getByText(fr.juryEditor.checkOk).waitFor()
    await act(page.getByRole('button', { name: fr.juryEditor.save }))
    await page.getByTestId('feedback-save').getByText(fr.juryEditor.saved(2)).waitFor()
    const { members } = await pane.worker.api<{ members: Array<{ name: string; external: boolean; president: boolean }> }>(`/sessions/${sessionId}/jury`)
    expect(members.map((m) => [m.name, m.external, m.president])).toEqual([['Claire Dumas', true, true], ['Paul Nguyen', true, false]])
    await shot('jury-composed')

    // An assessor, invited on this session.
    await act(page.getByText(fr.people.title, { exact: true }))
    const people = page.getByTestId('people-panel')
    await people.getByLabel(fr.people.email).fill('karim.benali@ecole.example')
    await people.getByLabel(fr.people.displayName).fill('Karim Benali')
    await act(people.getByRole('button', { name: fr.people.invite }))
    await people.getByTestId('feedback-invite').getByText('karim.benali@ecole.example invité(e)', { exact: false }).waitFor()
    await people.getByTestId('session-people').getByRole('listitem').filter({ hasText: 'Karim Benali' }).getByText('évaluateur sur la session', { exact: false }).waitFor()
    await shot('assessor-invited')

    await act(page.getByRole('button', { name: fr.actions.pull }))
    await page.getByText(fr.pull.done('Promo 2026 — Lyon', CANDIDATE_COUNT)).waitFor()
    expect((await gradeRows()).length).toBe(CANDIDATE_COUNT)
    await shot('grid-pulled')
    console.log(`Actions du volet, de la base vide à la première grille : ${actions}`)
    expect(actions).toBeLessThanOrEqual(ACTION_GOAL)
  })

  it('corrects one candidate, withdraws and reinstates another, previews a CSV file, and deletes an empty session', async () => {
    const candidates = page.getByTestId('candidates-panel')
    const picker = candidates.getByRole('combobox', { name: fr.candidates.pick })
    const option = async (schoolId: string) => (await picker.locator('option').allTextContents()).find((text) => text.startsWith(schoolId))!
    const stored = async (schoolId: string) =>
      (await pane.worker.api<{ candidates: Array<{ schoolId: string; usageName: string | null; status: string; email: string }> }>(`/sessions/${sessionId}/candidates`)).candidates.find(
        (c) => c.schoolId === schoolId,
      )!

    await picker.selectOption({ label: await option('E26-004') })
    await candidates.getByLabel(fr.candidates.editFields.usageName).fill('Lemoine')
    await candidates.getByRole('button', { name: fr.candidates.save }).click()
    await candidates.getByText(fr.candidates.saved('E26-004 · Lemoine (Petit) Lucas')).waitFor()
    expect((await stored('E26-004')).usageName).toBe('Lemoine')

    await picker.selectOption({ label: await option('E26-005') })
    await candidates.getByLabel(fr.candidates.withdrawReason).fill('Abandon de la formation')
    await candidates.getByRole('button', { name: fr.candidates.withdrawSubmit }).click()
    await candidates.getByText(fr.candidates.withdrawn('E26-005 · Robert Emma')).waitFor()
    await expect.poll(selectedSessionText).toBe(fr.setup.option('Promo 2026 — Lyon', CANDIDATE_COUNT - 1, 'open'))
    expect((await stored('E26-005')).status).toBe('withdrawn')
    await shot('candidate-withdrawn')
    await candidates.getByRole('button', { name: fr.candidates.reinstate }).click()
    await candidates.getByText(fr.candidates.reinstated('E26-005 · Robert Emma')).waitFor()
    expect((await stored('E26-005')).status).toBe('enrolled')
    await expect.poll(selectedSessionText).toBe(fr.setup.option('Promo 2026 — Lyon', CANDIDATE_COUNT, 'open'))

    // A school's own export, as a CSV file: the preview says what it would do, nothing is written.
    const csv = `\uFEFFIdentifiant;Nom de naissance;Prénoms;Courriel\r\nE26-001;Martin;Léa;lea.martin@ecole.example.fr\r\n`
    await candidates.getByLabel(fr.candidates.chooseFile).setInputFiles({ name: 'export-scolarite.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) })
    await candidates.getByRole('button', { name: fr.candidates.checkFile }).click()
    const preview = page.getByTestId('candidate-preview')
    await preview.getByText(fr.candidates.counts({ created: 0, updated: 1, unchanged: 0, withdrawn: CANDIDATE_COUNT - 1, reinstated: 0, errors: 0 })).waitFor()
    expect(await preview.textContent()).toContain(fr.candidates.changes(['email']))
    await shot('file-preview')
    expect((await stored('E26-001')).email).toBe('candidat1@example.fr')

    // A session created by mistake is deleted; the first one stays selected afterwards.
    await page.getByRole('button', { name: fr.setup.newSession }).click()
    const form = page.getByRole('form', { name: fr.setup.formTitleCreate })
    await form.getByLabel(fr.setup.fields.name).fill('Session d’essai')
    await form.getByRole('button', { name: fr.setup.submitCreate }).click()
    await page.getByText(fr.setup.created('Session d’essai')).waitFor()
    const admin = page.getByTestId('session-admin')
    await admin.getByRole('button', { name: fr.setup.delete }).click()
    await page.getByRole('alertdialog').getByRole('button', { name: fr.setup.deleteSubmit }).click()
    await page.getByRole('alertdialog').waitFor({ state: 'hidden' })
    await admin.getByText(fr.setup.deleted('Session d’essai')).waitFor()
    await shot('session-deleted')
    expect((await pane.worker.api<{ sessions: unknown[] }>('/sessions')).sessions).toHaveLength(1)
    await expect.poll(selectedSessionText).toBe(fr.setup.option('Promo 2026 — Lyon', CANDIDATE_COUNT, 'open'))
    // The edits moved the candidates' rows on: the grid is taken again.
    await page.getByRole('button', { name: fr.actions.pull }).click()
    await page.getByText(fr.pull.done('Promo 2026 — Lyon', CANDIDATE_COUNT)).waitFor()
  })

  it('grades, finalises, and the session list says « délibérée » without a reload', async () => {
    const rows = await gradeRows()
    const placed = seedGrading.layout.formulaLayout
    // Every fifth candidate fails BC03; everyone else passes every bloc of theirs.
    const inputs: Array<[string, string]> = []
    rows.forEach((cells, rowIndex) => {
      for (const bloc of placed.blocs) {
        if (bloc.blocCode.startsWith('BC05') && bloc.blocCode !== cells[placed.optionColumn!]) continue
        if (cells[bloc.capitalisedColumn!] === 'OUI') continue
        const mark = rowIndex % 5 === 0 && bloc.blocCode === 'BC03' ? 'NACQ' : 'ACQ'
        for (const column of Object.values(bloc.critereColumns)) inputs.push([cellAddress(FIRST_DATA_ROW + rowIndex, column), mark])
      }
    })
    await page.evaluate(([sheet, list]) => list.forEach(([cell, value]) => globalThis.certiblocFake.typeInto(sheet, cell, value)), [GRADE, inputs] as const)

    await page.getByRole('button', { name: fr.actions.send }).click()
    await page.getByText('saisies envoyées', { exact: false }).waitFor()
    // A session that holds marks cannot be deleted: the Worker says why, in French.
    const admin = page.getByTestId('session-admin')
    await admin.getByRole('button', { name: fr.setup.delete }).click()
    await page.getByRole('alertdialog').getByRole('button', { name: fr.setup.deleteSubmit }).click()
    await page.getByRole('alertdialog').waitFor({ state: 'hidden' })
    await admin.getByText('elle contient des notes', { exact: false }).waitFor()
    await shot('delete-refused')

    await act(page.getByRole('checkbox', { name: fr.actions.finalDeliberation }), 'check')
    await act(page.getByRole('button', { name: fr.actions.send }))
    const confirmation = page.getByRole('alertdialog')
    await confirmation.getByText('le PV version 1', { exact: false }).waitFor()
    await act(confirmation.getByRole('button', { name: fr.finalise.submit, exact: true }))
    await page.getByText('Délibération finalisée : PV version 1 émis', { exact: false }).waitFor()
    await expect.poll(selectedSessionText).toBe(fr.setup.option('Promo 2026 — Lyon', CANDIDATE_COUNT, 'deliberated'))
    await shot('finalised')

    // The attestations print the certifier's SIRET, RNCP registration date and signatory: stored from the pane.
    await page.getByText(fr.certifier.title, { exact: true }).click()
    const settings = page.getByTestId('certifier-settings')
    await settings.getByLabel('SIRET du certificateur').fill('732 829 320 00074')
    await settings.getByLabel('Date d’enregistrement au RNCP', { exact: false }).fill('2024-03-28')
    await settings.getByLabel('Signataire des attestations').fill('Jeanne Martin, directrice générale')
    await settings.getByRole('button', { name: fr.certifier.save }).click()
    await settings.getByTestId('feedback-save').getByText(fr.certifier.saved).waitFor()

    // All the attestations, as one PDF, confirmed under the button.
    await page.getByText(fr.sections.documents, { exact: true }).click()
    const all = page.getByTestId('document-attestations').getByRole('button')
    await expect.poll(() => all.first().isDisabled()).toBe(false)
    expect(await all.first().textContent()).toContain(`(${CANDIDATE_COUNT})`)
    await shot('attestations-available')
    const [download] = await Promise.all([page.waitForEvent('download'), all.first().click()])
    await page.getByTestId('feedback-attestations').getByText(/^Fichier\s«\sattestations-blocs-.+\.pdf\s»\stéléchargé\.$/).waitFor()
    const pdfPath = `${ARTIFACTS}/administration-attestations.pdf`
    await download.saveAs(pdfPath)
    // One attestation per holder, each on its own pages; the first candidate's name is in it.
    const { stdout: info } = await promisify(execFile)('pdfinfo', [pdfPath])
    expect(Number(/^Pages:\s+(\d+)$/m.exec(info)?.[1])).toBeGreaterThanOrEqual(CANDIDATE_COUNT)
    const { stdout: text } = await promisify(execFile)('pdftotext', [pdfPath, '-'])
    expect(text).toContain('Attestation')
    await promisify(execFile)('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', '-singlefile', pdfPath, `${ARTIFACTS}/administration-attestations-page1`])
    await shot('attestations-downloaded')

    firstResults = (await pane.worker.api<Results>(`/sessions/${sessionId}/results`)).results
    const { candidates } = await pane.worker.api<{ candidates: Array<{ id: string; schoolId: string }> }>(`/sessions/${sessionId}/candidates`)
    for (const candidate of candidates) schoolIds.set(candidate.id, candidate.schoolId)
    const failed = firstResults.filter((result) => result.decision !== CERTIFIED)
    expect(failed).toHaveLength(5)
  })

  it('creates the rattrapage session, selected, whose grid shows CAP for every bloc validated in the first', async () => {
    const admin = page.getByTestId('session-admin')
    // Still open since the session was created; opened again if the user closed it.
    if (!(await admin.isVisible())) await page.getByText(fr.setup.section, { exact: true }).click()
    await admin.getByText(fr.setup.summary('délibérée', CANDIDATE_COUNT, 0)).waitFor()
    await act(admin.getByRole('button', { name: fr.setup.rattrapage }))
    const form = page.getByRole('form', { name: fr.setup.rattrapage })
    expect(await form.getByLabel(fr.setup.fields.name).inputValue()).toBe(fr.setup.rattrapageName('Promo 2026 — Lyon'))
    await form.getByLabel(fr.setup.fields.juryDate).fill('2026-12-01')
    await act(form.getByRole('button', { name: fr.setup.rattrapageSubmit }))
    const failed = firstResults.filter((result) => result.decision !== CERTIFIED)
    const carried = failed.reduce((sum, result) => sum + Object.values(result.blocs).filter((b) => b.code === BLOC_ADM || b.code === BLOC_ADJ).length, 0)
    await admin.getByText(fr.setup.rattrapageCreated('Promo 2026 — Lyon — rattrapage', failed.length, carried)).waitFor()
    await expect.poll(selectedSessionText).toBe(fr.setup.option('Promo 2026 — Lyon — rattrapage', failed.length, 'open'))
    await shot('rattrapage-created')

    await page.getByRole('button', { name: fr.actions.pull }).click()
    await page.getByText(fr.pull.done('Promo 2026 — Lyon — rattrapage', failed.length)).waitFor()
    const rows = await gradeRows()
    expect(rows).toHaveLength(failed.length)
    const schoolIdColumn = seedGrading.layout.columns.find((column) => column.kind === 'schoolId')!.index
    for (const cells of rows) {
      const before = failed.find((result) => schoolIds.get(result.candidateId) === cells[schoolIdColumn])!
      const shown = sheetCodes(cells)
      for (const [blocCode, outcome] of Object.entries(before.blocs)) {
        if (outcome.code === BLOC_ADM || outcome.code === BLOC_ADJ || outcome.code === BLOC_CAP) expect(shown.blocs[blocCode], `${String(cells[schoolIdColumn])} ${blocCode}`).toBe(BLOC_CAP)
      }
      // Only the failed bloc is to grade again.
      expect(shown.blocs.BC03).not.toBe(BLOC_CAP)
    }
    await shot('rattrapage-grid')
  })
})
