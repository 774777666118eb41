/**
 * Sign-in with Microsoft in the account module: nested app authentication through MSAL (silent,
 * then popup), the Office dialog when NAA or popups are unavailable, French errors, and MSAL
 * loaded only when Microsoft sign-in is used. MSAL and Office are faked.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import {
  authorizationHeader,
  forgetToken,
  hasCredentials,
  loadAccount,
  saveAccount,
  SignInError,
  signInConfig,
  signInWithMicrosoft,
} from '../../../addin/src/account/account'
import { resetMicrosoftSignIn } from '../../../addin/src/account/microsoftSignIn'

const msal = vi.hoisted(() => ({
  loaded: false,
  configs: [] as unknown[],
  silent: vi.fn<(request: { scopes: string[] }) => Promise<{ accessToken: string }>>(),
  popup: vi.fn<(request: { scopes: string[] }) => Promise<{ accessToken: string }>>(),
}))

vi.mock('@azure/msal-browser', () => {
  msal.loaded = true
  return {
    createNestablePublicClientApplication: async (config: unknown) => {
      msal.configs.push(config)
      return { acquireTokenSilent: msal.silent, acquireTokenPopup: msal.popup }
    },
  }
})

const ORIGIN = 'https://certibloc.ecole.fr'
const CONFIG = {
  enabled: true,
  clientId: 'client-id-du-complement',
  authority: 'https://login.microsoftonline.com/tenant-id',
  tenantIds: ['tenant-id'],
  scopes: ['api://api-id/Certibloc.Access'],
}

/** What the fake Office dialog does once opened. */
type DialogScript = Array<{ message: string; origin?: string } | { error: number }>

interface FakeOffice {
  dialogUrls: string[]
  closed: number
}

function stubOffice(options: { naa: boolean; dialog?: DialogScript; dialogFails?: boolean }): FakeOffice {
  const fake: FakeOffice = { dialogUrls: [], closed: 0 }
  vi.stubGlobal('Office', {
    AsyncResultStatus: { Succeeded: 'succeeded', Failed: 'failed' },
    EventType: { DialogMessageReceived: 'message', DialogEventReceived: 'event' },
    context: {
      requirements: { isSetSupported: (name: string, version: string) => name === 'NestedAppAuth' && version === '1.1' && options.naa },
      ui: {
        displayDialogAsync(url: string, _options: unknown, callback: (result: unknown) => void) {
          fake.dialogUrls.push(url)
          if (options.dialogFails) return callback({ status: 'failed', error: { message: 'bloqué' } })
          const handlers: Record<string, (arg: unknown) => void> = {}
          callback({
            status: 'succeeded',
            value: {
              addEventHandler: (type: string, handler: (arg: unknown) => void) => (handlers[type] = handler),
              close: () => fake.closed++,
            },
          })
          queueMicrotask(() => {
            for (const event of options.dialog ?? []) {
              if ('error' in event) handlers.event?.(event)
              else handlers.message?.({ message: event.message, origin: event.origin ?? ORIGIN })
            }
          })
        },
      },
    },
  })
  return fake
}

let configAnswer: unknown = CONFIG

beforeEach(() => {
  const entries = new Map<string, string>()
  vi.stubGlobal('localStorage', {
    getItem: (key: string) => entries.get(key) ?? null,
    setItem: (key: string, value: string) => void entries.set(key, value),
  })
  vi.stubGlobal('location', { origin: ORIGIN })
  vi.stubGlobal('fetch', async (url: string) => {
    if (url === `${ORIGIN}/api/v1/auth/config`) return Response.json(configAnswer)
    return new Response('inattendu', { status: 500 })
  })
  configAnswer = CONFIG
  msal.silent.mockReset()
  msal.popup.mockReset()
  msal.configs.length = 0
  resetMicrosoftSignIn()
})

afterEach(() => {
  vi.unstubAllGlobals()
})

const microsoftAccount = { apiBaseUrl: ORIGIN, token: '', method: 'microsoft' as const }
const tokenMessage = (accessToken: string) => JSON.stringify({ type: 'token', accessToken, expiresIn: 3600 })

describe('the token login', () => {
  it('works as before and never loads MSAL', async () => {
    stubOffice({ naa: true })
    const account = { apiBaseUrl: ORIGIN, token: 'cbt_secret' }
    expect(hasCredentials(account)).toBe(true)
    await expect(authorizationHeader(account)).resolves.toBe('Bearer cbt_secret')
    expect(msal.loaded).toBe(false)
  })
})

describe('sign-in with Microsoft', () => {
  it('is remembered without any token stored, and forgotten on sign-out', () => {
    saveAccount(microsoftAccount)
    expect(loadAccount()).toEqual(microsoftAccount)
    expect(hasCredentials(loadAccount())).toBe(true)
    expect(forgetToken(microsoftAccount)).toEqual({ apiBaseUrl: ORIGIN, token: '' })
    expect(hasCredentials(loadAccount())).toBe(false)
  })

  it('reads the server’s settings, and says so when the server does not offer it', async () => {
    await expect(signInConfig(ORIGIN)).resolves.toEqual(CONFIG)
    resetMicrosoftSignIn()
    configAnswer = { enabled: false }
    stubOffice({ naa: true })
    const error = await signInWithMicrosoft(ORIGIN).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(SignInError)
    expect(error).toMatchObject({ reason: 'disabled', message: 'La connexion avec Microsoft n’est pas configurée sur ce serveur : utilisez un jeton d’API.' })
  })

  it('gets each request’s token silently through nested app authentication', async () => {
    stubOffice({ naa: true })
    msal.silent.mockResolvedValue({ accessToken: 'jeton-naa' })
    await expect(authorizationHeader(microsoftAccount)).resolves.toBe('Bearer jeton-naa')
    expect(msal.configs).toEqual([{ auth: { clientId: CONFIG.clientId, authority: CONFIG.authority } }])
    expect(msal.silent).toHaveBeenCalledWith({ scopes: CONFIG.scopes })
  })

  it('never opens a window before a request: it asks the user to sign in again', async () => {
    stubOffice({ naa: true })
    msal.silent.mockRejectedValue(Object.assign(new Error('interaction_required'), { errorCode: 'interaction_required' }))
    await expect(authorizationHeader(microsoftAccount)).rejects.toMatchObject({
      reason: 'required',
      message: 'Votre session Microsoft a expiré : reconnectez-vous avec Microsoft.',
    })
    expect(msal.popup).not.toHaveBeenCalled()
  })

  it('signs in interactively with a popup when the silent attempt fails', async () => {
    const office = stubOffice({ naa: true })
    msal.silent.mockRejectedValue(new Error('interaction_required'))
    msal.popup.mockResolvedValue({ accessToken: 'jeton-popup' })
    await expect(signInWithMicrosoft(ORIGIN)).resolves.toEqual(microsoftAccount)
    expect(msal.popup).toHaveBeenCalledWith({ scopes: CONFIG.scopes })
    expect(office.dialogUrls).toEqual([])
  })

  it('falls back to the Office dialog when the popup cannot open, then reuses its token', async () => {
    const office = stubOffice({ naa: true, dialog: [{ message: tokenMessage('jeton-dialogue') }] })
    msal.silent.mockRejectedValue(new Error('interaction_required'))
    msal.popup.mockRejectedValue(Object.assign(new Error('popup'), { errorCode: 'popup_window_error' }))
    await signInWithMicrosoft(ORIGIN)
    expect(office.dialogUrls).toEqual([`${ORIGIN}/auth-dialog.html`])
    expect(office.closed).toBe(1)
    msal.silent.mockClear()
    await expect(authorizationHeader(microsoftAccount)).resolves.toBe('Bearer jeton-dialogue')
    expect(msal.silent).not.toHaveBeenCalled()
  })

  it('uses the Office dialog directly where nested app authentication is not supported', async () => {
    const office = stubOffice({ naa: false, dialog: [{ message: tokenMessage('jeton-sans-naa') }] })
    await signInWithMicrosoft(ORIGIN)
    expect(office.dialogUrls).toHaveLength(1)
    await expect(authorizationHeader(microsoftAccount)).resolves.toBe('Bearer jeton-sans-naa')
    expect(msal.configs).toEqual([])
  })

  it('ignores messages that do not come from its own page', async () => {
    stubOffice({
      naa: false,
      dialog: [{ message: tokenMessage('jeton-pirate'), origin: 'https://ailleurs.example' }, { message: tokenMessage('jeton-legitime') }],
    })
    await signInWithMicrosoft(ORIGIN)
    await expect(authorizationHeader(microsoftAccount)).resolves.toBe('Bearer jeton-legitime')
  })

  it('reports a dialog closed by the user, an error from the dialog, and a dialog that cannot open, in French', async () => {
    stubOffice({ naa: false, dialog: [{ error: 12006 }] })
    await expect(signInWithMicrosoft(ORIGIN)).rejects.toMatchObject({ reason: 'cancelled', message: 'Connexion annulée.' })
    stubOffice({ naa: false, dialog: [{ message: JSON.stringify({ type: 'error', message: 'compte désactivé' }) }] })
    await expect(signInWithMicrosoft(ORIGIN)).rejects.toMatchObject({
      reason: 'failed',
      message: 'La connexion avec Microsoft a échoué : compte désactivé',
    })
    stubOffice({ naa: false, dialogFails: true })
    await expect(signInWithMicrosoft(ORIGIN)).rejects.toMatchObject({
      message: 'La fenêtre de connexion n’a pas pu s’ouvrir : autorisez les fenêtres de Certibloc puis recommencez.',
    })
  })
})
