/**
 * Microsoft's CDN answered from the `@microsoft/office-js` package: the same office.js build,
 * served to the page without any network (scripts/lib/officeJs.mjs maps the URLs).
 */
import { readFile } from 'node:fs/promises'
import type { Page } from 'playwright-core'
import { OFFICE_JS_CDN, officeJsFileFor } from '../../../scripts/lib/officeJs.mjs'

/** Answers every CDN request of `page` from the package; returns the URLs it served. */
export async function serveRealOfficeJs(page: Page): Promise<string[]> {
  const served: string[] = []
  await page.route(`${OFFICE_JS_CDN}**`, async (route) => {
    const url = route.request().url()
    const file = officeJsFileFor(url)
    if (!file) return route.fulfill({ status: 404, contentType: 'text/plain', body: 'absent du paquet @microsoft/office-js' })
    served.push(url)
    return route.fulfill({ contentType: 'text/javascript; charset=utf-8', body: await readFile(file) })
  })
  return served
}
