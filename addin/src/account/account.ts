/**
 * Who the add-in talks to and with which credentials: an API base URL, and either an API token
 * typed by the user (remembered in localStorage) or sign-in with Microsoft (Entra ID through
 * nested app authentication, the Office dialog as fallback), whose access tokens are acquired
 * for each request and never stored. This is the only module that knows where credentials come
 * from; the Microsoft part (and MSAL) is loaded only when used.
 */
import type { SignInConfig } from './microsoftSignIn'

export interface Account {
  /** Origin (and optional path) of the Certibloc API, without a trailing slash. */
  apiBaseUrl: string
  /** API token (token login); empty with Microsoft sign-in. */
  token: string
  /** Set when the user signed in with Microsoft instead of typing a token. */
  method?: 'microsoft'
}

export type { SignInConfig }
export { SignInError } from './signInError'

/** The Microsoft sign-in module, loaded on first use. */
const microsoft = () => import('./microsoftSignIn')

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
    const { apiBaseUrl, token, method } = stored as Partial<Record<keyof Account, unknown>>
    return {
      apiBaseUrl: typeof apiBaseUrl === 'string' && apiBaseUrl ? apiBaseUrl : fallback.apiBaseUrl,
      token: typeof token === 'string' ? token : '',
      ...(method === 'microsoft' ? { method } : {}),
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

/** Signs out: forgets the API token, or the Microsoft sign-in; keeps the address. */
export function forgetToken(account: Account): Account {
  const signedOut: Account = { apiBaseUrl: account.apiBaseUrl, token: '' }
  saveAccount(signedOut)
  if (account.method === 'microsoft') void microsoft().then((m) => m.forgetMicrosoftTokens())
  return signedOut
}

export function hasCredentials(account: Account): boolean {
  return account.method === 'microsoft' || account.token.trim() !== ''
}

/**
 * Value of the Authorization header. Async on purpose: with Microsoft sign-in the token is
 * acquired (silently) for every request instead of being stored; when Microsoft wants the user
 * to sign in again it throws a SignInError whose message says so.
 */
export async function authorizationHeader(account: Account): Promise<string> {
  if (account.method === 'microsoft') {
    const { acquireMicrosoftToken } = await microsoft()
    return `Bearer ${await acquireMicrosoftToken(account.apiBaseUrl, { interactive: false })}`
  }
  return `Bearer ${account.token.trim()}`
}

/** The server's sign-in settings: whether to offer « Se connecter avec Microsoft ». */
export async function signInConfig(apiBaseUrl: string): Promise<SignInConfig> {
  return (await microsoft()).signInConfig(apiBaseUrl)
}

/**
 * Interactive sign-in with Microsoft (may open a popup or the Office dialog). Resolves with the
 * account to save; rejects with a SignInError (disabled, cancelled, failed) in French.
 */
export async function signInWithMicrosoft(apiBaseUrl: string): Promise<Account> {
  const { acquireMicrosoftToken } = await microsoft()
  await acquireMicrosoftToken(apiBaseUrl, { interactive: true })
  return { apiBaseUrl, token: '', method: 'microsoft' }
}
