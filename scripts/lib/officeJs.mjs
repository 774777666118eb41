/**
 * office.js from the `@microsoft/office-js` package, the same build Microsoft's CDN serves, for
 * where the CDN cannot be reached: the browser tests answer the CDN's URLs with these files, and
 * `npm start` (an offline development server) serves them beside the task pane. Deployed builds
 * keep the CDN, as Office requires.
 */
import { cpSync, existsSync, readdirSync, statSync } from 'node:fs'
import { join, normalize, sep } from 'node:path'
import { fileURLToPath } from 'node:url'

/** Where taskpane.html and commands.html load office.js from. */
export const OFFICE_JS_CDN = 'https://appsforoffice.microsoft.com/lib/1/hosted/'
/** Where a local build serves the package's files instead (`npm start`). */
export const LOCAL_OFFICE_JS_PATH = '/office-js/'

export const officeJsPackageDir = fileURLToPath(new URL('../../node_modules/@microsoft/office-js/dist/', import.meta.url))

/** The package file behind a CDN URL (`…/hosted/fr-fr/office_strings.js`), or null. */
export function officeJsFileFor(url) {
  if (!url.startsWith(OFFICE_JS_CDN)) return null
  const relative = decodeURIComponent(new URL(url).pathname.slice(new URL(OFFICE_JS_CDN).pathname.length))
  const file = normalize(join(officeJsPackageDir, relative))
  if (!file.startsWith(officeJsPackageDir) || file.includes(`${sep}..${sep}`)) return null
  return existsSync(file) && statSync(file).isFile() ? file : null
}

/** Scripts of other Office applications and debug builds: never loaded by an Excel add-in. */
const OTHER_HOSTS = /^(access|onenote|outlook|powerpoint|project|visio|word)[-_.]/
const isNeeded = (name) => !name.endsWith('.debug.js') && !OTHER_HOSTS.test(name) && name !== 'office-vsdoc.js'

/** Copies what Excel's office.js may load (every locale, Excel's host scripts) into `target`. */
export function copyOfficeJs(target) {
  for (const name of readdirSync(officeJsPackageDir)) {
    if (!isNeeded(name)) continue
    cpSync(join(officeJsPackageDir, name), join(target, name), {
      recursive: true,
      filter: (source) => isNeeded(source.split(sep).pop() ?? ''),
    })
  }
}
