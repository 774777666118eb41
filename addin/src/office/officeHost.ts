/**
 * Decides whether the task pane runs inside Excel. office.js is a classic script loaded before our
 * module, so by the time this runs `Office` is either there or failed to load (offline, blocked).
 * `Office.onReady` never settles in some broken hosts, hence the timeout.
 */

export type HostStatus =
  | { kind: 'excel' }
  /** office.js did not load: no `Office` global. */
  | { kind: 'noOffice' }
  /** Opened in a browser (host null) or in another Office application. */
  | { kind: 'otherHost'; host: string | null }
  | { kind: 'timeout' }

/** The part of the `Office` namespace this module reads. */
export interface OfficeReadyApi {
  onReady(): Promise<{ host: Office.HostType | null; platform: Office.PlatformType | null }>
  HostType: { Excel: Office.HostType }
}

export const OFFICE_READY_TIMEOUT_MS = 15_000

export function currentOffice(): OfficeReadyApi | undefined {
  return (globalThis as { Office?: OfficeReadyApi }).Office
}

export async function waitForExcelHost(
  office: OfficeReadyApi | undefined = currentOffice(),
  timeoutMs = OFFICE_READY_TIMEOUT_MS,
): Promise<HostStatus> {
  if (!office || typeof office.onReady !== 'function') return { kind: 'noOffice' }

  let timer: ReturnType<typeof setTimeout> | undefined
  const timeout = new Promise<HostStatus>((resolve) => {
    timer = setTimeout(() => resolve({ kind: 'timeout' }), timeoutMs)
  })
  const ready = office.onReady().then(
    (info): HostStatus =>
      info.host === office.HostType.Excel
        ? { kind: 'excel' }
        : // Typed as a numeric enum, but office.js sets names such as "Word" at run time.
          { kind: 'otherHost', host: info.host === null || info.host === undefined ? null : String(info.host) },
    (): HostStatus => ({ kind: 'noOffice' }),
  )
  try {
    return await Promise.race([ready, timeout])
  } finally {
    clearTimeout(timer)
  }
}
