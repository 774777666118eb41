/**
 * An expired Microsoft sign-in stops a request before it is sent: the pane must say « reconnectez-
 * vous », not that the server cannot be reached.
 */
import { describe, expect, it, vi } from 'vitest'
import { SignInError } from '../../../addin/src/account/account'
import { accountMessages } from '../../../addin/src/account/messages'
import { createApiClient } from '../../../addin/src/api/client'
import { listSessions } from '../../../addin/src/api/sessions'
import { toDisplayedError } from '../../../addin/src/taskpane/displayedError'

describe('a Microsoft sign-in to renew', () => {
  it('reaches the pane as its own French message, and nothing is sent', async () => {
    const fetchSpy = vi.fn<typeof fetch>(async () => Response.json({ sessions: [] }))
    const client = createApiClient(
      'https://certibloc.test',
      async () => {
        throw new SignInError('required', accountMessages.signInRequired)
      },
      { fetch: fetchSpy },
    )

    const failure = await listSessions(client).catch((reason: unknown) => reason)

    expect(failure).toBeInstanceOf(SignInError)
    expect(toDisplayedError(failure)).toEqual({
      message: 'Votre session Microsoft a expiré : reconnectez-vous avec Microsoft.',
      details: null,
    })
    expect(fetchSpy).not.toHaveBeenCalled()
  })
})
