/**
 * The administration panels in a real browser (Debian's Chromium, headless), the production bundle
 * on the same origin as the real Worker app (local D1, demo session), Office replaced by the fake
 * host: the jury composition editor and its live check, the finalisation that names the failing
 * rules and asks for a motivated override, documents disabled with their reason then downloaded,
 * certifier settings with French validation, an invitation, an API token created, copied and
 * revoked, and the Journal newest first. Screenshots of each step in test/artifacts/.
 */
import { execFile } from 'node:child_process'
import { mkdir } from 'node:fs/promises'
import { promisify } from 'node:util'
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core'
import { afterAll, describe, expect, it } from 'vitest'
import { fr } from '../../addin/src/i18n/fr'
import { DEMO_SESSION_ID, LOCAL_ADMIN_TOKEN, LOCAL_CERTIFIER_VARS } from '../addin/support/localWorker'
import { launchChromium } from './support/chromium'
import './support/fakeHostGlobal'
import { servePane } from './support/servedPane'

const ARTIFACTS = 'test/artifacts'
const PANE = { width: 350, height: 720 }
const NBSP = '\u00a0'

let browser: Browser
let context: BrowserContext
let page: Page

const pane = servePane({ vars: LOCAL_CERTIFIER_VARS })

afterAll(async () => {
  await browser?.close()
})

const shot = (name: string) => page.screenshot({ path: `${ARTIFACTS}/admin-${name}.png`, fullPage: true })

/** Opens (or closes) a section of the pane by its title. */
const section = (title: string) => page.locator('summary', { hasText: new RegExp(`^${title}$`) })
const member = (index: number): Locator => page.getByRole('group', { name: `Membre ${index}` })

describe('the administration panels in Chromium', { timeout: 90_000 }, () => {
  it('edits the jury with the composition checked live, and saves it', async () => {
    // In the first test, not in a hook: a missing Chromium must fail a test, never skip one.
    browser = await launchChromium()
    context = await browser.newContext({ viewport: PANE, locale: 'fr-FR', acceptDownloads: true })
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: pane.server.origin })
    page = await context.newPage()
    await page.route('https://appsforoffice.microsoft.com/**', (route) => route.fulfill({ contentType: 'text/javascript', body: '' }))
    await page.addInitScript({ content: pane.fakeHost })
    await mkdir(ARTIFACTS, { recursive: true })
    await page.goto(`${pane.server.origin}/taskpane.html`)
    await page.getByLabel('Jeton d’accès').fill(LOCAL_ADMIN_TOKEN)
    await page.getByRole('button', { name: 'Se connecter', exact: true }).click()
    await page.getByRole('combobox', { name: 'Session' }).waitFor()

    await section('Composition du jury').click()
    const check = page.getByTestId('jury-check')
    await check.getByText('Composition conforme', { exact: false }).waitFor()
    expect(await check.textContent()).toContain('3 membres, dont 2 extérieurs')

    // Live: the president steps down, then a new member is internal; nothing sent yet.
    await member(1).getByRole('checkbox', { name: 'Président du jury' }).uncheck()
    await check.getByText('Aucun président du jury n’est désigné.').waitFor()
    await page.getByRole('button', { name: 'Ajouter un membre' }).click()
    await member(4).getByRole('checkbox', { name: /Professionnel extérieur/ }).uncheck()
    await expect.poll(() => check.textContent()).toContain('4 membres, dont 2 extérieurs')
    expect(await check.textContent()).not.toContain('Seulement')
    await member(4).getByRole('checkbox', { name: /Professionnel extérieur/ }).check()
    await member(2).getByRole('checkbox', { name: /Professionnel extérieur/ }).uncheck()
    await member(1).getByRole('checkbox', { name: /Professionnel extérieur/ }).uncheck()
    await check.getByText('Seulement 1 membre(s) extérieur(s) sur 4', { exact: false }).waitFor()

    // An incomplete row is named before anything is sent.
    await page.getByRole('button', { name: 'Enregistrer le jury' }).click()
    await page.getByText(`Membre 4, nom${NBSP}: champ obligatoire`).waitFor()
    await member(4).getByRole('combobox', { name: 'Civilité' }).selectOption('M.')
    await member(4).getByLabel('Prénom et nom').fill('Karim Benali')
    await member(4).getByLabel('Qualité et organisme').fill('Architecte logiciel, Société Gamma (fictive)')
    await page.getByRole('button', { name: 'Enregistrer le jury' }).click()
    // The outcome shows right under the button that started it.
    const saved = page.getByTestId('feedback-save')
    await saved.getByText('Jury enregistré', { exact: false }).waitFor()
    const button = await page.getByRole('button', { name: 'Enregistrer le jury' }).boundingBox()
    const message = await saved.boundingBox()
    expect(message!.y - (button!.y + button!.height)).toBeLessThan(40)
    await shot('jury-editor')

    const jury = await pane.worker.api<{ members: Array<{ name: string; civility: string | null; external: boolean; president: boolean }>; check: { ok: boolean } }>(
      `/sessions/${DEMO_SESSION_ID}/jury`,
    )
    expect(jury.members).toHaveLength(4)
    expect(jury.members[3]).toMatchObject({ name: 'Karim Benali', civility: 'M.', external: true, president: false })
    expect(jury.check.ok).toBe(false)
  })

  it('shows a document that cannot be produced yet as disabled, with the reason', async () => {
    await section('Documents').click()
    const pv = page.getByTestId('document-pv')
    await pv.getByText('La session n’est pas encore délibérée', { exact: false }).waitFor()
    expect(await pv.getByRole('button').isDisabled()).toBe(true)
    expect(await page.getByTestId('document-attestations').getByRole('button').isDisabled()).toBe(true)
    // The summaries exist from the start (provisional).
    expect(await page.getByTestId('document-summaryCsv').getByRole('button').isDisabled()).toBe(false)
    await page.getByTestId('document-summaryCsv').getByRole('button').click()
    await page.getByTestId('feedback-summaryCsv').getByText(/^Fichier\s«\ssynthese-.*\.csv\s»\stéléchargé\.$/).waitFor()
    await shot('documents-before')
    await section('Documents').click()
  })

  it('finalises an irregular jury only with a motivated override, named in the dialog before anything is locked', async () => {
    await page.getByRole('button', { name: 'Récupérer la grille' }).click()
    await page.getByText('écrite : 30 candidats', { exact: false }).waitFor()
    await page.getByRole('checkbox', { name: /Délibération définitive/ }).check()
    await page.getByRole('button', { name: 'Envoyer les résultats' }).click()

    const dialog = page.getByRole('alertdialog')
    const failures = dialog.getByTestId('jury-override-failures')
    await failures.getByText('Aucun président du jury n’est désigné.').waitFor()
    await failures.getByText('Seulement 1 membre(s) extérieur(s) sur 4', { exact: false }).waitFor()
    expect(await failures.textContent()).toContain('Rien n’a encore été envoyé ni verrouillé')
    const confirm = dialog.getByRole('button', { name: 'Finaliser avec dérogation' })
    expect(await confirm.isDisabled()).toBe(true)
    await dialog.getByLabel('Motif de la dérogation', { exact: false }).fill('Président empêché le jour du jury ; composition validée par la direction.')
    await shot('finalise-override')
    expect(await pane.worker.api<{ session: { status: string } }>(`/sessions/${DEMO_SESSION_ID}`)).toMatchObject({ session: { status: 'open' } })
    await confirm.click()
    await page.getByText('Délibération finalisée : PV version 1 émis', { exact: false }).waitFor()

    const audit = await pane.worker.api<{ events: Array<{ action: string; details: { reason?: string } }> }>(`/sessions/${DEMO_SESSION_ID}/audit?order=newest&limit=20`)
    expect(audit.events.find((e) => e.action === 'jury.compositionOverride')?.details.reason).toBe(
      'Président empêché le jour du jury ; composition validée par la direction.',
    )
  })

  it('fills the certifier settings with French validation, which makes the attestations available', async () => {
    await section('Paramètres du certificateur').click()
    const settings = page.getByTestId('certifier-settings')
    await settings.getByLabel('SIRET du certificateur').fill('123 456 789 00012')
    await settings.getByRole('button', { name: 'Enregistrer les paramètres' }).click()
    await settings.getByText('14 chiffres d’un SIRET valide attendu').waitFor()
    await settings.getByLabel('SIRET du certificateur').fill('732 829 320 00074')
    await settings.getByLabel('Date d’enregistrement au RNCP', { exact: false }).fill('2024-03-28')
    await settings.getByLabel('Signataire des attestations').fill('Jeanne Martin, directrice générale')
    await settings.getByRole('button', { name: 'Enregistrer les paramètres' }).click()
    await settings.getByTestId('feedback-save').getByText('Paramètres du certificateur enregistrés.').waitFor()
    await shot('certifier-settings')
    const stored = await pane.worker.api<{ stored: Record<string, string | null> }>('/certifier-settings')
    expect(stored.stored).toMatchObject({ siret: '73282932000074', rncpRegistrationDate: '2024-03-28', signatory: 'Jeanne Martin, directrice générale' })
    await section('Paramètres du certificateur').click()
  })

  it('downloads all the attestations as one PDF and confirms it under the button', async () => {
    await section('Documents').click()
    const all = page.getByTestId('document-attestations').getByRole('button')
    await expect.poll(() => all.isDisabled()).toBe(false)
    const label = await all.textContent()
    const holders = Number(/\((\d+)\)/.exec(label ?? '')?.[1])
    expect(holders).toBeGreaterThan(0)
    // Without the CDC identifiers the Caisse des Dépôts file says why it waits.
    await page.getByTestId('document-cdc').getByText('Paramètres du certificateur manquants', { exact: false }).waitFor()

    const [download] = await Promise.all([page.waitForEvent('download'), all.click()])
    await page.getByTestId('feedback-attestations').getByText(/^Fichier\s«\sattestations-blocs-Session-de-démonstration-2026-v1\.pdf\s»\stéléchargé\.$/).waitFor()
    const path = `${ARTIFACTS}/admin-attestations.pdf`
    await download.saveAs(path)
    // One attestation per holder: at least one page each (a long identity may take more).
    const { stdout: info } = await promisify(execFile)('pdfinfo', [path])
    expect(Number(/^Pages:\s+(\d+)$/m.exec(info)?.[1])).toBeGreaterThanOrEqual(holders)
    // The first page, to look at as the school will.
    await promisify(execFile)('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', '-singlefile', path, `${ARTIFACTS}/admin-attestations-page1`])

    // A candidate's own attestation from the list.
    const list = page.getByTestId('attestation-list')
    const first = list.getByRole('button', { name: /^Attestation / }).and(page.locator(':not([disabled])')).first()
    const [single] = await Promise.all([page.waitForEvent('download'), first.click()])
    expect(single.suggestedFilename()).toMatch(/^attestation-blocs-DEMO-\d{3}\.pdf$/)
    await list.getByText(/^Fichier\s«\sattestation-blocs-DEMO-\d{3}\.pdf\s»\stéléchargé\.$/).waitFor()
    await shot('documents-after')
    await section('Documents').click()
  })

  it('invites an assessor to the session, with the problem named at the field, and revokes the role', async () => {
    await section('Personnes et accès').click()
    const people = page.getByTestId('people-panel')
    await people.getByLabel('Adresse e-mail').fill('karim.benali@')
    await people.getByRole('button', { name: 'Inviter' }).click()
    await people.getByText(`Adresse e-mail invalide${NBSP}: saisissez une adresse comme prenom.nom@ecole.fr.`).waitFor()
    await people.getByLabel('Adresse e-mail').fill('Karim.Benali@ecole.example')
    await people.getByLabel('Nom affiché (facultatif)').fill('Karim Benali')
    await people.getByRole('button', { name: 'Inviter' }).click()
    await people.getByTestId('feedback-invite').getByText('karim.benali@ecole.example invité(e)', { exact: false }).waitFor()
    const listed = people.getByTestId('session-people').getByRole('listitem').filter({ hasText: 'Karim Benali' })
    await listed.getByText('évaluateur sur la session', { exact: false }).waitFor()
    await shot('people-invite')

    const user = (await pane.worker.api<{ users: Array<{ email: string; sessionRoles: Record<string, string> }> }>('/users')).users.find(
      (u) => u.email === 'karim.benali@ecole.example',
    )
    expect(user?.sessionRoles).toEqual({ [DEMO_SESSION_ID]: 'assessor' })

    await listed.getByRole('button', { name: 'Retirer karim.benali@ecole.example' }).click()
    await people.getByText('Rôle de Karim Benali sur la session retiré.').waitFor()
  })

  it('creates an API token shown once with a copy button, then revokes it: the Worker refuses it', async () => {
    const people = page.getByTestId('people-panel')
    await people.getByLabel('Nom du jeton').fill('Import nocturne')
    await people.getByRole('button', { name: 'Créer le jeton' }).click()
    const secretBox = people.getByTestId('token-secret')
    await secretBox.waitFor()
    const secret = await secretBox.getByLabel('Secret du jeton').inputValue()
    expect(secret).toMatch(/^cbt_/)
    await secretBox.getByRole('button', { name: 'Copier' }).click()
    await secretBox.getByText('Jeton copié dans le presse-papiers.').waitFor()
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(secret)
    await shot('token-created')

    const call = () => pane.worker.fetch(`${pane.server.origin}/api/v1/sessions/${DEMO_SESSION_ID}/grid`, { headers: { Authorization: `Bearer ${secret}` } })
    expect((await call()).status).toBe(200)
    const row = people.getByTestId('token-list').getByRole('listitem').filter({ hasText: 'Import nocturne' })
    await row.getByRole('button', { name: 'Révoquer Import nocturne' }).click()
    await people.getByText('Jeton « Import nocturne » révoqué', { exact: false }).waitFor()
    await row.getByText('révoqué', { exact: false }).first().waitFor()
    expect((await call()).status).toBe(401)
    // The secret was shown once: gone once the user says so, never listed.
    await secretBox.getByRole('button', { name: 'J’ai copié le jeton' }).click()
    expect(await people.getByText(secret).count()).toBe(0)
    await shot('token-revoked')
    await section('Personnes et accès').click()
  })

  it('lists the Journal newest first', async () => {
    await section('Journal').click()
    const journal = page.getByRole('list', { name: 'Journal' })
    await journal.waitFor()
    const { events } = await pane.worker.api<{ events: Array<{ action: string }> }>(`/sessions/${DEMO_SESSION_ID}/audit?order=newest&limit=1`)
    // The token was for this session: its revocation is the session's newest event.
    expect(events[0]?.action).toBe('token.revoke')
    expect(await journal.getByRole('listitem').first().textContent()).toContain(fr.audit.actions['token.revoke'])
    await shot('journal')
    await section('Journal').click()
  })

  it('discards a refused token and says « jeton refusé » in plain French', async () => {
    await page.getByRole('button', { name: 'Modifier' }).click()
    await page.getByLabel('Jeton d’accès').fill('jeton-revoque-ou-faux')
    await page.getByRole('button', { name: 'Se connecter', exact: true }).click()
    const alert = page.getByRole('alert')
    await alert.getByText(`Jeton refusé${NBSP}:`, { exact: false }).waitFor()
    expect(await alert.textContent()).not.toMatch(/Authorization|Bearer/)
    expect(await page.getByLabel('Jeton d’accès').inputValue()).toBe('')
    const stored = await page.evaluate(() => JSON.stringify(Object.entries(localStorage)))
    expect(stored).not.toContain('jeton-revoque-ou-faux')
    await shot('token-refused')
  })
})
