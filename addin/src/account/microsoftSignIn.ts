/**
 * Sign-in with Microsoft Entra ID, loaded only when used (account.ts imports this module
 * dynamically, and this module imports MSAL dynamically, so the pane's initial JavaScript does
 * not carry them).
 *
 * Flow (docs/security.md): nested app authentication (NAA) through the Office host with MSAL,
 * `acquireTokenSilent` then `acquireTokenPopup`; when NAA is not supported or the popup cannot
 * open, the Office dialog (`auth-dialog.html`, same origin as the pane) signs in with the
 * authorization code flow and PKCE and sends the access token back with `messageParent`.
 * Access tokens are never stored: MSAL keeps its own cache, a dialog token lives in memory until
 * it expires.
 */
import type { IPublicClientApplication } from '@azure/msal-browser'
import { accountMessages } from './messages'
import { SignInError } from './signInError'

export interface MicrosoftSignInConfig {
  enabled: true
  clientId: string
  authority: string
  tenantIds: string[]
  scopes: string[]
}
export type SignInConfig = { enabled: false } | MicrosoftSignInConfig

export const AUTH_DIALOG_PATH = '/auth-dialog.html'
/** A token this close to expiry is not used again. */
const EXPIRY_MARGIN_MS = 5 * 60 * 1000

const configs = new Map<string, Promise<SignInConfig>>()
const applications = new Map<string, Promise<IPublicClientApplication>>()
const dialogTokens = new Map<string, { accessToken: string; expiresOn: number }>()

function isConfig(value: unknown): value is SignInConfig {
  if (typeof value !== 'object' || value === null) return false
  const v = value as Record<string, unknown>
  if (v.enabled === false) return true
  return (
    v.enabled === true &&
    typeof v.clientId === 'string' &&
    typeof v.authority === 'string' &&
    Array.isArray(v.scopes) &&
    v.scopes.every((s) => typeof s === 'string') &&
    Array.isArray(v.tenantIds)
  )
}

/** The server's sign-in settings (GET /api/v1/auth/config), read once per server. */
export function signInConfig(apiBaseUrl: string): Promise<SignInConfig> {
  let config = configs.get(apiBaseUrl)
  if (!config) {
    config = (async () => {
      let res: Response
      try {
        res = await fetch(`${apiBaseUrl}/api/v1/auth/config`)
      } catch {
        throw new SignInError('failed', accountMessages.configUnreadable('réseau'))
      }
      if (!res.ok) throw new SignInError('failed', accountMessages.configUnreadable(res.status))
      const body: unknown = await res.json().catch(() => null)
      if (!isConfig(body)) throw new SignInError('failed', accountMessages.configUnreadable('réponse illisible'))
      return body
    })()
    configs.set(apiBaseUrl, config)
    // A failure is not remembered: the next attempt asks again.
    config.catch(() => configs.delete(apiBaseUrl))
  }
  return config
}

async function enabledConfig(apiBaseUrl: string): Promise<MicrosoftSignInConfig> {
  const config = await signInConfig(apiBaseUrl)
  if (!config.enabled) throw new SignInError('disabled', accountMessages.signInDisabled)
  return config
}

function nestedAppAuthSupported(): boolean {
  try {
    return typeof Office !== 'undefined' && Office.context?.requirements?.isSetSupported('NestedAppAuth', '1.1') === true
  } catch {
    return false
  }
}

function application(config: MicrosoftSignInConfig): Promise<IPublicClientApplication> {
  const key = `${config.clientId} ${config.authority}`
  let app = applications.get(key)
  if (!app) {
    app = import('@azure/msal-browser').then((msal) =>
      msal.createNestablePublicClientApplication({ auth: { clientId: config.clientId, authority: config.authority } }),
    )
    applications.set(key, app)
    app.catch(() => applications.delete(key))
  }
  return app
}

const errorCode = (error: unknown) => {
  const code = typeof error === 'object' && error !== null ? (error as { errorCode?: unknown }).errorCode : undefined
  return typeof code === 'string' ? code : ''
}
const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error))

/** Popup errors after which the Office dialog is tried instead. */
const POPUP_UNAVAILABLE = new Set(['popup_window_error', 'empty_window_error', 'block_nested_popups', 'monitor_window_timeout'])

interface DialogAnswer {
  type: 'token' | 'error'
  accessToken?: string
  expiresIn?: number
  message?: string
}

/** Signs in through the Office dialog; resolves with the access token it sends back. */
export function tokenFromDialog(origin: string = location.origin): Promise<{ accessToken: string; expiresOn: number }> {
  return new Promise((resolve, reject) => {
    Office.context.ui.displayDialogAsync(`${origin}${AUTH_DIALOG_PATH}`, { height: 60, width: 30, promptBeforeOpen: false }, (result) => {
      if (result.status !== Office.AsyncResultStatus.Succeeded) {
        reject(new SignInError('failed', accountMessages.dialogUnavailable))
        return
      }
      const dialog = result.value
      dialog.addEventHandler(Office.EventType.DialogMessageReceived, (arg) => {
        if (!('message' in arg)) return
        // Only our own page may answer (DialogOrigin 1.1 gives the sender's origin).
        if (arg.origin !== undefined && arg.origin !== origin) return
        dialog.close()
        let answer: DialogAnswer | null
        try {
          answer = JSON.parse(String(arg.message)) as DialogAnswer
        } catch {
          answer = null
        }
        if (answer?.type === 'token' && typeof answer.accessToken === 'string' && answer.accessToken !== '') {
          resolve({ accessToken: answer.accessToken, expiresOn: Date.now() + (answer.expiresIn ?? 3600) * 1000 })
        } else {
          reject(new SignInError('failed', accountMessages.signInFailed(answer?.message ?? 'réponse illisible de la fenêtre de connexion')))
        }
      })
      dialog.addEventHandler(Office.EventType.DialogEventReceived, (arg) => {
        // 12006: the user closed the dialog.
        const code = 'error' in arg ? arg.error : 0
        reject(code === 12006 ? new SignInError('cancelled', accountMessages.signInCancelled) : new SignInError('failed', accountMessages.signInFailed(`erreur ${code}`)))
      })
    })
  })
}

/**
 * An access token for the Certibloc API. `interactive: false` (before each request) never opens
 * a window and throws SignInError('required') when the user must sign in again;
 * `interactive: true` (the « Se connecter avec Microsoft » button) may open one.
 */
export async function acquireMicrosoftToken(apiBaseUrl: string, options: { interactive: boolean }): Promise<string> {
  const config = await enabledConfig(apiBaseUrl)
  const key = `${apiBaseUrl} ${config.clientId}`
  const cached = dialogTokens.get(key)
  if (cached && cached.expiresOn - EXPIRY_MARGIN_MS > Date.now()) return cached.accessToken

  if (nestedAppAuthSupported()) {
    const request = { scopes: config.scopes }
    const app = await application(config)
    try {
      return (await app.acquireTokenSilent(request)).accessToken
    } catch {
      if (!options.interactive) throw new SignInError('required', accountMessages.signInRequired)
      try {
        return (await app.acquireTokenPopup(request)).accessToken
      } catch (popupError) {
        if (errorCode(popupError) === 'user_cancelled') throw new SignInError('cancelled', accountMessages.signInCancelled)
        if (!POPUP_UNAVAILABLE.has(errorCode(popupError))) throw new SignInError('failed', accountMessages.signInFailed(errorText(popupError)))
        // Popups blocked (Excel on the web): the Office dialog below.
      }
    }
  } else if (!options.interactive) {
    throw new SignInError('required', accountMessages.signInRequired)
  }
  const token = await tokenFromDialog()
  dialogTokens.set(key, token)
  return token.accessToken
}

/** Forgets the tokens obtained through the dialog (sign-out; NAA has no sign-out of its own). */
export function forgetMicrosoftTokens(): void {
  dialogTokens.clear()
}

/** Test support: forget cached configurations and MSAL applications. */
export function resetMicrosoftSignIn(): void {
  configs.clear()
  applications.clear()
  dialogTokens.clear()
}
