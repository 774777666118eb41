/**
 * Référentiels authored from the task pane in a real browser (Debian's Chromium): a second title
 * imported from France Compétences' open data, completed in the « Brouillon référentiel » sheet,
 * checked by cell and published after a confirmation; then a session on it pulled, graded,
 * verified and sent, its results agreeing with the Worker; and the seed's next version, whose
 * confirmation lists its two changes. Screenshots under test/artifacts/.
 */
import { readFileSync } from 'node:fs'
import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, describe, expect, it } from 'vitest'
import { gradingRulesOf } from '../../addin/src/sync/gradingRules'
import { parseReferential, seedReferential } from '../../shared/referential'
import type { Referential } from '../../shared/referential/schema'
import { cellAddress, FIRST_DATA_ROW } from '../../shared/workbook/gradeSheetLayout'
import { buildDraftSheet, DRAFT_SHEET_TEXT, draftFromReferential, type DraftSource } from '../../shared/workbook/referentialDraftSheet'
import { draftEdits } from '../addin/support/draftSheet'
import { engineCodes, GRADE, sheetCodes } from '../addin/support/gradeSheet'
import { LOCAL_ADMIN_TOKEN, LOCAL_CERTIFIER_VARS } from '../addin/support/localWorker'
import { secondTitle, SECOND_TITLE_LINEAGE } from '../shared/referential/secondTitle'
import { launchChromium } from './support/chromium'
import './support/fakeHostGlobal'
import { servePane } from './support/servedPane'

const ARTIFACTS = 'test/artifacts'
const PANE = { width: 350, height: 720 }
const DRAFT = DRAFT_SHEET_TEXT.sheetName
const OPEN_DATA = join(import.meta.dirname, '../shared/referential/fixtures/openData')
const OPEN_DATA_FILES = [
  'export_fiches_CSV_Standard_2026_06_01.csv',
  'export_fiches_CSV_Blocs_De_Competences_2026_06_01.csv',
  'export_fiches_CSV_Blocs_De_Competences_2026_06_01_suite.csv',
]

let browser: Browser
let page: Page

const pane = servePane({ demo: false, vars: LOCAL_CERTIFIER_VARS })

afterAll(async () => {
  await browser?.close()
})

const parsed = (input: unknown): Referential => {
  const result = parseReferential(input)
  if (!result.ok) throw new Error(JSON.stringify(result.issues))
  return result.referential
}

/** A fresh page on the pane, connected as the local administrator. */
async function openPane(): Promise<void> {
  browser ??= await launchChromium()
  await page?.close()
  page = await browser.newPage({ viewport: PANE, locale: 'fr-FR' })
  await page.route('https://appsforoffice.microsoft.com/**', (route) => route.fulfill({ contentType: 'text/javascript', body: '' }))
  await page.addInitScript({ content: pane.fakeHost })
  await page.goto(`${pane.server.origin}/taskpane.html`)
  await page.getByLabel('Jeton d’accès').fill(LOCAL_ADMIN_TOKEN)
  await page.getByRole('button', { name: 'Se connecter', exact: true }).click()
  await page.getByText('Référentiels', { exact: true }).waitFor()
}

/** Types into the draft sheet, as the school, what makes it hold `target`. */
async function editDraftInto(target: DraftSource): Promise<number> {
  const current = await page.evaluate((sheet) => globalThis.certiblocFake.usedValues(sheet), DRAFT)
  const edits = draftEdits(current, buildDraftSheet(target).cells)
  await page.evaluate(
    ([sheet, list]) => list.forEach((edit) => globalThis.certiblocFake.typeInto(sheet, edit.address, edit.value)),
    [DRAFT, edits] as const,
  )
  return edits.length
}

describe('référentiels from the task pane, in Chromium', { timeout: 90_000 }, () => {
  it('imports a second title from the open data, completes it in the draft sheet, checks it by cell and publishes it', async () => {
    await openPane()
    await mkdir(ARTIFACTS, { recursive: true })
    await page.getByText('Référentiels', { exact: true }).click()
    await page.getByLabel('Choisir les fichiers de l’export').setInputFiles(
      OPEN_DATA_FILES.map((name) => ({ name, mimeType: 'text/csv', buffer: readFileSync(join(OPEN_DATA, name)) })),
    )
    await page.getByLabel('N° de fiche RNCP').fill('RNCP39999')
    await page.getByRole('button', { name: 'Créer le brouillon' }).click()
    await page.getByText('Brouillon « Responsable du développement commercial » écrit (4 blocs)', { exact: false }).waitFor()
    expect(await page.evaluate(() => globalThis.certiblocFake.sheetNames())).toEqual(['Feuil1', DRAFT])

    // Straight from the open data, the blocs have neither compétences nor critères: said by cell.
    await page.getByRole('button', { name: 'Vérifier le brouillon' }).click()
    const problems = page.getByTestId('draft-problems')
    await problems.getByText('B14', { exact: true }).first().waitFor()
    await expect.poll(() => problems.textContent()).toContain('Bloc BC01, compétences : la liste est vide')
    await page.screenshot({ path: `${ARTIFACTS}/referential-draft-problems.png`, fullPage: true })

    // The school writes compétences, critères and rules in the sheet.
    expect(await editDraftInto({ ...draftFromReferential(parsed(secondTitle), SECOND_TITLE_LINEAGE), version: 1, basedOn: null })).toBeGreaterThan(50)
    await page.getByRole('button', { name: 'Vérifier le brouillon' }).click()
    await page.getByText(`Brouillon valide : « ${secondTitle.id} », 5 blocs et 14 critères.`, { exact: false }).waitFor()

    await page.getByRole('button', { name: 'Publier', exact: true }).click()
    const confirmation = page.getByRole('alertdialog')
    await confirmation.getByText('Nouveau référentiel : 5 blocs, 14 critères.', { exact: false }).waitFor()
    await page.screenshot({ path: `${ARTIFACTS}/referential-publish-new.png`, fullPage: true })
    await confirmation.getByRole('button', { name: 'Publier cette version' }).click()
    await page.getByText(`Version « ${secondTitle.id} » publiée`, { exact: false }).waitFor()

    const { referential } = await pane.worker.api<{ referential: Referential }>(`/referentials/${secondTitle.id}`)
    expect(referential).toEqual(parsed(secondTitle))
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PANE.width)
  })

  it('pulls, grades, verifies and sends a session on that title; the Worker agrees with the workbook', async () => {
    const { session } = await pane.worker.api<{ session: { id: string } }>('/sessions', {
      method: 'POST',
      body: JSON.stringify({ referentialId: secondTitle.id, name: 'Commerciaux — juin 2026' }),
    })
    await pane.worker.api(`/sessions/${session.id}/candidates/bulk`, {
      method: 'POST',
      body: JSON.stringify({
        candidates: [
          { schoolId: 'RDC-01', birthName: 'Martin', firstNames: ['Camille'], sex: 'F', birthDate: '2000-02-01', optionCode: 'BC04-A' },
          { schoolId: 'RDC-02', birthName: 'Nguyen', firstNames: ['Hugo'], sex: 'M', birthDate: '2001-03-04', optionCode: 'BC04-B' },
        ],
      }),
    })
    // The new session is listed once the pane connects again.
    await openPane()
    await page.getByRole('combobox', { name: 'Session' }).waitFor()
    expect(await page.getByRole('combobox', { name: 'Session' }).inputValue()).toBe(session.id)
    await page.getByRole('button', { name: 'Récupérer la grille' }).click()
    await page.getByText('Grille « Commerciaux — juin 2026 » écrite : 2 candidats', { exact: false }).waitFor()

    const grading = gradingRulesOf(parsed(secondTitle))
    const columnOf = (code: string) => grading.layout.columns.find((column) => column.critereCode === code)!.index
    const rows = () =>
      page.evaluate(([sheet, first, width]) => globalThis.certiblocFake.rows(sheet, first, width), [GRADE, FIRST_DATA_ROW, grading.layout.columns.length] as const) as Promise<
        Array<Array<string | number | boolean>>
      >
    const schoolId = grading.layout.columns.find((column) => column.kind === 'schoolId')!.index
    const marks: Record<string, Record<string, string | number>> = {
      'RDC-01': { 'CR1.1': 12, 'CR1.2': 14, 'CR1.3': 10, 'CR2.1': 11, 'CR2.2': 12, 'CR2.3': 8, 'CR3.1': 'ACQ', 'CR3.2': 'ACQ', 'CR3.3': 'PACQ', 'CR3.4': 'ACQ', 'CR4A.1': 'ACQ', 'CR4A.2': 'ACQ' },
      'RDC-02': { 'CR1.1': 18, 'CR1.2': 7, 'CR1.3': 18, 'CR2.1': 20, 'CR2.2': 9.5, 'CR2.3': 10, 'CR3.1': 'ACQ', 'CR3.2': 'PACQ', 'CR3.3': 'PACQ', 'CR3.4': 'ACQ', 'CR4B.1': 12, 'CR4B.2': 9 },
    }
    const typing = (await rows()).flatMap((cells, rowIndex) =>
      Object.entries(marks[String(cells[schoolId])]!).map(([code, value]) => ({ address: cellAddress(FIRST_DATA_ROW + rowIndex, columnOf(code)), value })),
    )
    await page.evaluate(([sheet, list]) => list.forEach((edit) => globalThis.certiblocFake.typeInto(sheet, edit.address, edit.value)), [GRADE, typing] as const)

    await page.getByRole('button', { name: 'Vérifier' }).click()
    await page.getByText(`Aucune anomalie sur 2 candidats. ${typing.length} saisies prêtes à envoyer.`).waitFor()
    await page.getByRole('button', { name: 'Envoyer les résultats' }).click()
    await page.getByText(`${typing.length} saisies envoyées`, { exact: false }).waitFor()
    await page.screenshot({ path: `${ARTIFACTS}/referential-second-title-grid.png`, fullPage: true })

    const { results } = await pane.worker.api<{ results: Array<{ candidateId: string; decision: string; blocs: Record<string, { code: string }> }> }>(`/sessions/${session.id}/results`)
    const shown = await rows()
    for (const cells of shown) {
      const sheet = sheetCodes(cells, grading)
      expect(sheet).toEqual(engineCodes(cells, grading))
      const serverResult = results.find((result) => result.candidateId === cells[0])!
      expect(serverResult.decision).toBe(sheet.decision)
      for (const [blocCode, outcome] of Object.entries(serverResult.blocs)) expect(outcome.code).toBe(sheet.blocs[blocCode])
    }
    const first = shown.find((cells) => cells[schoolId] === 'RDC-01')!
    expect(sheetCodes(first, grading)).toEqual({ blocs: { BC01: 'ADM', BC02: 'ADM', BC03: 'ADM', 'BC04-A': 'ADM', 'BC04-B': '—' }, decision: 'CERTIFIÉ' })
  })

  it('publishes the seed’s next version from « Modifier le référentiel », after a confirmation listing its two changes', async () => {
    await page.getByText('Référentiels', { exact: true }).click()
    const picker = page.getByRole('combobox', { name: 'Référentiel publié' })
    await picker.waitFor()
    await picker.selectOption(seedReferential.id)
    await page.getByRole('button', { name: 'Modifier le référentiel' }).click()
    await page.getByText('Feuille « Brouillon référentiel » écrite : version 2', { exact: false }).waitFor()

    const target = draftFromReferential(seedReferential, 'expert-ingenierie-informatique-n7')
    const [bc01, bc02] = target.blocs
    if (bc01?.kind !== 'mandatory' || bc02?.kind !== 'mandatory') throw new Error('seed shape')
    bc01.criteres = [...bc01.criteres, { code: 'CR1.6', label: 'Qualité de la veille technologique présentée', fromCompetence: null, assessment: { scale: { kind: 'outcome' }, weight: 1, floor: null } }]
    bc02.rule = { kind: 'outcome', minAcqShare: 0.8, allowNacq: false, maxPacq: 1 }
    await editDraftInto(target)

    await page.getByRole('button', { name: 'Publier', exact: true }).click()
    const confirmation = page.getByRole('alertdialog')
    await confirmation.getByText(`2 changements par rapport à « ${seedReferential.id} »`, { exact: false }).waitFor()
    const listed = confirmation.getByTestId('publication-changes')
    expect(await listed.getByRole('listitem').allTextContents()).toEqual([
      'Critère CR1.6 ajouté au bloc BC01 : « Qualité de la veille technologique présentée », ACQ / PACQ / NACQ.',
      'Bloc BC02 : règle modifiée (tous les critères ACQ → au moins 80 % de critères ACQ, aucun NACQ, 1 PACQ au plus).',
    ])
    await page.screenshot({ path: `${ARTIFACTS}/referential-publish-diff.png`, fullPage: true })
    await confirmation.getByRole('button', { name: 'Publier cette version' }).click()
    await page.getByText('Version « expert-ingenierie-informatique-n7-v2 » publiée', { exact: false }).waitFor()
    const { changes } = await pane.worker.api<{ changes: unknown[] }>('/referentials/expert-ingenierie-informatique-n7-v2/diff')
    expect(changes).toHaveLength(2)
  })
})
