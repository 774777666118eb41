/**
 * « Se connecter avec Microsoft » in the connection form: offered only when the server's
 * GET /auth/config says sign-in is configured (any failure hides it), and its failures in French.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { SignInError } from '../../../addin/src/account/account'
import { accountMessages } from '../../../addin/src/account/messages'
import { resetMicrosoftSignIn } from '../../../addin/src/account/microsoftSignIn'
import { fr } from '../../../addin/src/i18n/fr'
import { offersMicrosoftSignIn, signInNotice } from '../../../addin/src/taskpane/microsoftSignInOffer'

const SERVER = 'https://certibloc.ecole.fr'
const ENABLED = {
  enabled: true as const,
  clientId: 'client-id-du-complement',
  authority: 'https://login.microsoftonline.com/tenant-id',
  tenantIds: ['tenant-id'],
  scopes: ['api://api-id/Certibloc.Access'],
}

describe('offersMicrosoftSignIn', () => {
  beforeEach(() => resetMicrosoftSignIn())
  afterEach(() => vi.unstubAllGlobals())

  /** The server's answer to GET /api/v1/auth/config, through the real config reader. */
  function serverAnswers(answer: () => Response) {
    const fetchSpy = vi.fn<typeof fetch>(async () => answer())
    vi.stubGlobal('fetch', fetchSpy)
    return fetchSpy
  }

  it('offers it when the server says Microsoft sign-in is configured', async () => {
    const fetchSpy = serverAnswers(() => Response.json(ENABLED))
    expect(await offersMicrosoftSignIn(SERVER)).toBe(true)
    expect(fetchSpy.mock.calls.map(([input]) => String(input))).toEqual([`${SERVER}/api/v1/auth/config`])
  })

  it('does not offer it when the server says it is off', async () => {
    serverAnswers(() => Response.json({ enabled: false }))
    expect(await offersMicrosoftSignIn(SERVER)).toBe(false)
  })

  it('hides it when the configuration cannot be read: network, error status, unreadable answer', async () => {
    serverAnswers(() => {
      throw new TypeError('Failed to fetch')
    })
    expect(await offersMicrosoftSignIn(SERVER)).toBe(false)
    serverAnswers(() => new Response('<html>502</html>', { status: 502 }))
    expect(await offersMicrosoftSignIn(SERVER)).toBe(false)
    serverAnswers(() => Response.json({ enabled: true }))
    expect(await offersMicrosoftSignIn(SERVER)).toBe(false)
  })

  it('asks again after a failure, so that a server that comes back offers it', async () => {
    serverAnswers(() => new Response('indisponible', { status: 503 }))
    expect(await offersMicrosoftSignIn(SERVER)).toBe(false)
    serverAnswers(() => Response.json(ENABLED))
    expect(await offersMicrosoftSignIn(SERVER)).toBe(true)
  })

  it('asks nothing while the address is invalid', async () => {
    const readConfig = vi.fn(async () => ENABLED)
    expect(await offersMicrosoftSignIn(null, readConfig)).toBe(false)
    expect(readConfig).not.toHaveBeenCalled()
  })
})

describe('signInNotice', () => {
  it('shows a cancelled sign-in as a warning, not an error', () => {
    expect(signInNotice(new SignInError('cancelled', accountMessages.signInCancelled))).toEqual({
      intent: 'warning',
      text: 'Connexion annulée.',
    })
  })

  it('shows a disabled or failed sign-in as an error with the account module’s French message', () => {
    expect(signInNotice(new SignInError('disabled', accountMessages.signInDisabled))).toEqual({
      intent: 'error',
      text: 'La connexion avec Microsoft n’est pas configurée sur ce serveur : utilisez un jeton d’API.',
    })
    expect(signInNotice(new SignInError('failed', accountMessages.signInFailed('AADSTS50020')))).toEqual({
      intent: 'error',
      text: 'La connexion avec Microsoft a échoué : AADSTS50020',
    })
  })

  it('words any other failure in French instead of showing a technical message', () => {
    expect(signInNotice(new TypeError('Failed to fetch dynamically imported module'))).toEqual({
      intent: 'error',
      text: fr.connection.microsoftFailed,
    })
  })
})
