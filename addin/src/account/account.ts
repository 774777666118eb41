/**
 * Who the add-in talks to and with which credentials. Today: an API base URL and a bearer token
 * typed by the user and remembered in localStorage. This is the only module that knows where
 * credentials come from, so sign-in with Microsoft (NAA) can replace it without touching the UI.
 */

export interface Account {
  /** Origin (and optional path) of the Certibloc API, without a trailing slash. */
  apiBaseUrl: string
  token: string
}

const STORAGE_KEY = 'certibloc.account.v1'

/**
 * Office gives each add-in instance a partition key on platforms where storage is shared between
 * add-ins (Excel on the web); keying with it keeps our token out of other add-ins' reach.
 */
function storageKey(): string {
  const partitionKey = typeof Office !== 'undefined' ? Office.context?.partitionKey : undefined
  return partitionKey ? `${partitionKey}/${STORAGE_KEY}` : STORAGE_KEY
}

/** localStorage can be missing or throw (blocked third-party storage); the add-in then forgets. */
function storage(): Storage | undefined {
  try {
    return globalThis.localStorage ?? undefined
  } catch {
    return undefined
  }
}

export function defaultApiBaseUrl(): string {
  // The Worker serves the task pane and the API on the same origin.
  return typeof location !== 'undefined' ? location.origin : ''
}

/** Trims and drops trailing slashes so that paths join cleanly; null when it is not an http(s) URL. */
export function normalizeApiBaseUrl(input: string): string | null {
  const trimmed = input.trim().replace(/\/+$/, '')
  try {
    const url = new URL(trimmed)
    return url.protocol === 'https:' || url.protocol === 'http:' ? trimmed : null
  } catch {
    return null
  }
}

export function loadAccount(): Account {
  const fallback: Account = { apiBaseUrl: defaultApiBaseUrl(), token: '' }
  try {
    const raw = storage()?.getItem(storageKey())
    if (!raw) return fallback
    const stored: unknown = JSON.parse(raw)
    if (typeof stored !== 'object' || stored === null) return fallback
    const { apiBaseUrl, token } = stored as Partial<Record<keyof Account, unknown>>
    return {
      apiBaseUrl: typeof apiBaseUrl === 'string' && apiBaseUrl ? apiBaseUrl : fallback.apiBaseUrl,
      token: typeof token === 'string' ? token : '',
    }
  } catch {
    return fallback
  }
}

export function saveAccount(account: Account): void {
  try {
    storage()?.setItem(storageKey(), JSON.stringify(account))
  } catch {
    // Quota or blocked storage: the account still works for this session.
  }
}

export function forgetToken(account: Account): Account {
  const signedOut = { ...account, token: '' }
  saveAccount(signedOut)
  return signedOut
}

export function hasCredentials(account: Account): boolean {
  return account.token.trim() !== ''
}

/**
 * Value of the Authorization header. Async on purpose: with Microsoft sign-in the token is
 * acquired (silently) for every request instead of being stored.
 */
export async function authorizationHeader(account: Account): Promise<string> {
  return `Bearer ${account.token.trim()}`
}
