/**
 * Debian's Chromium driven by playwright-core: the build machines cannot download Playwright's own
 * browsers, and `.ci/run` installs the `chromium` package. A missing browser fails the test loudly.
 */
import { existsSync } from 'node:fs'
import { chromium, type Browser } from 'playwright-core'

export const CHROMIUM_PATH = '/usr/bin/chromium'

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `Chromium est introuvable (${CHROMIUM_PATH}) : le test du volet dans un vrai navigateur en a besoin. ` +
        'Installez-le avec « apt-get install chromium » (.ci/run le fait).',
    )
  }
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-dev-shm-usage'],
  })
}
