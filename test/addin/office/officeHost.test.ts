import { describe, expect, it } from 'vitest'
import { waitForExcelHost, type OfficeReadyApi } from '../../../addin/src/office/officeHost'

/** office.js names hosts with strings at run time, although its typings say numeric enum. */
function fakeOffice(onReady: OfficeReadyApi['onReady']): OfficeReadyApi {
  return { onReady, HostType: { Excel: 'Excel' as unknown as Office.HostType } }
}

const readyIn = (host: string | null) => fakeOffice(async () => ({ host: host as Office.HostType | null, platform: null }))

describe('waitForExcelHost', () => {
  it('reports Excel when Office is ready in Excel', async () => {
    await expect(waitForExcelHost(readyIn('Excel'))).resolves.toEqual({ kind: 'excel' })
  })

  it('reports the other host when opened outside Excel', async () => {
    await expect(waitForExcelHost(readyIn('Word'))).resolves.toEqual({ kind: 'otherHost', host: 'Word' })
    await expect(waitForExcelHost(readyIn(null))).resolves.toEqual({ kind: 'otherHost', host: null })
  })

  it('reports that office.js is missing (offline, blocked)', async () => {
    await expect(waitForExcelHost(undefined)).resolves.toEqual({ kind: 'noOffice' })
  })

  it('gives up after the timeout when Office never becomes ready', async () => {
    const never = fakeOffice(() => new Promise(() => {}))
    await expect(waitForExcelHost(never, 20)).resolves.toEqual({ kind: 'timeout' })
  })
})
