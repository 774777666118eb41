/**
 * The production task pane boots on the real office.js (the `@microsoft/office-js` package, the
 * build Microsoft's CDN serves), in Chromium and outside any Office host: the library loads, its
 * `Office.onReady` answers that there is no host, and the pane explains in French how to add
 * Certibloc to Excel (the manifest, « Charger mon complément ») — with no script error on the way. The grading E2E (taskpane.test.ts) replaces
 * Office with a fake host instead, which a real library would overwrite.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser } from 'playwright-core'
import { launchChromium } from './support/chromium'
import { serveRealOfficeJs } from './support/officeJs'
import { buildTaskpane, type TaskpaneBuild } from './support/taskpaneBuild'
import { serveTaskpane, type TaskpaneServer } from './support/taskpaneServer'

let taskpane: TaskpaneBuild
let server: TaskpaneServer
let browser: Browser | undefined

beforeAll(async () => {
  taskpane = await buildTaskpane()
  server = await serveTaskpane(taskpane.directory, null)
}, 90_000)

afterAll(async () => {
  await browser?.close()
  await server?.close()
  await taskpane?.dispose()
})

describe('the task pane on the real office.js', { timeout: 60_000 }, () => {
  it('loads the library from the package and, outside Office, says how to open Certibloc in Excel', async () => {
    browser = await launchChromium()
    const page = await browser.newPage({ viewport: { width: 350, height: 720 }, locale: 'fr-FR' })
    const errors: string[] = []
    page.on('pageerror', (error) => errors.push(error.message))
    const served = await serveRealOfficeJs(page)

    await page.goto(`${server.origin}/taskpane.html`)
    const hint = page.getByTestId('sideload-hint')
    await hint.waitFor({ timeout: 30_000 })

    expect(served[0]).toBe('https://appsforoffice.microsoft.com/lib/1/hosted/office.js')
    // office.js itself reported the host: the pane did not fall back to "office.js did not load".
    expect(await page.evaluate(() => typeof (globalThis as { Office?: { onReady?: unknown } }).Office?.onReady)).toBe('function')
    const text = await hint.innerText()
    expect(text).toContain('hors d’Office')
    // How a school adds Certibloc to Excel, in French; no developer command.
    expect(text).toContain('Certibloc est un complément d’Excel')
    expect(text).toContain('Accueil › Compléments › Plus de paramètres › Charger mon complément')
    expect(text).toContain('Insérer › Compléments › Mes compléments › Charger mon complément')
    expect(text).toContain('manifest.xml')
    expect(text).not.toContain('npm')
    expect(await hint.getByRole('link', { name: 'Aide de Certibloc' }).getAttribute('href')).toBe('aide.html')
    expect(errors).toEqual([])
    await page.screenshot({ path: 'test/artifacts/taskpane-outside-office.png' })
  })
})
