/**
 * The connection form's « Se connecter avec Microsoft »: whether to offer it for an address, and
 * what to say when it fails. Kept out of the component so that both are tested without a browser.
 */
import { SignInError, signInConfig, type SignInConfig } from '../account/account'
import { fr } from '../i18n/fr'

/**
 * True only when the server at `apiBaseUrl` says Microsoft sign-in is configured. No address, an
 * unreachable server, an error status or an unreadable answer all hide the button: the token
 * login still works, and the form has nothing useful to say about a server it cannot read yet.
 */
export async function offersMicrosoftSignIn(
  apiBaseUrl: string | null,
  readConfig: (apiBaseUrl: string) => Promise<SignInConfig> = signInConfig,
): Promise<boolean> {
  if (apiBaseUrl === null) return false
  try {
    return (await readConfig(apiBaseUrl)).enabled
  } catch {
    return false
  }
}

export interface SignInNotice {
  /** A cancelled sign-in is the user's choice, not a failure. */
  intent: 'warning' | 'error'
  text: string
}

/** What the form shows when signing in with Microsoft fails, in French. */
export function signInNotice(error: unknown): SignInNotice {
  if (error instanceof SignInError) return { intent: error.reason === 'cancelled' ? 'warning' : 'error', text: error.message }
  return { intent: 'error', text: fr.connection.microsoftFailed }
}
