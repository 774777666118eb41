/**
 * The sign-in dialog page (addin/public/auth-dialog.js): the authorization code flow with PKCE
 * against Microsoft Entra ID, whose access token goes back to the task pane.
 */
import { describe, expect, it } from 'vitest'
import { base64url, pkcePair, step, type DialogPage } from '../../../addin/public/auth-dialog.js'

const ORIGIN = 'https://certibloc.ecole.fr'
const CONFIG = {
  enabled: true,
  clientId: 'client-id-du-complement',
  authority: 'https://login.microsoftonline.com/tenant-id',
  tenantIds: ['tenant-id'],
  scopes: ['api://api-id/Certibloc.Access'],
}

interface FakePage extends DialogPage {
  entries: Map<string, string>
  navigated: string[]
  sent: unknown[]
  requests: Array<{ url: string; body: string | null }>
}

function page(search: string, entries = new Map<string, string>(), tokenAnswer: Response = Response.json({ access_token: 'jeton-api', expires_in: 3599 })): FakePage {
  const fake: FakePage = {
    entries,
    navigated: [],
    sent: [],
    requests: [],
    location: { origin: ORIGIN, pathname: '/auth-dialog.html', search },
    storage: {
      getItem: (key) => entries.get(key) ?? null,
      setItem: (key, value) => void entries.set(key, value),
      removeItem: (key) => void entries.delete(key),
    },
    fetch: (async (input: RequestInfo | URL, init?: RequestInit) => {
      const url = String(input)
      fake.requests.push({ url, body: init?.body ? String(init.body) : null })
      if (url === `${ORIGIN}/api/v1/auth/config`) return Response.json(CONFIG)
      if (url === `${CONFIG.authority}/oauth2/v2.0/token`) return tokenAnswer
      return new Response('inattendu', { status: 404 })
    }),
    navigate: (url) => void fake.navigated.push(url),
    send: (message) => void fake.sent.push(message),
  }
  return fake
}

async function sha256Base64url(text: string): Promise<string> {
  return base64url(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text))))
}

describe('the sign-in dialog', () => {
  it('makes an S256 PKCE pair', async () => {
    const { verifier, challenge } = await pkcePair()
    expect(verifier).toMatch(/^[\w-]{43}$/)
    expect(challenge).toBe(await sha256Base64url(verifier))
  })

  it('sends the user to Microsoft with the code flow, a state and the PKCE challenge, kept for the return', async () => {
    const first = page('')
    await step(first)
    expect(first.navigated).toHaveLength(1)
    const url = new URL(first.navigated[0]!)
    expect(`${url.origin}${url.pathname}`).toBe(`${CONFIG.authority}/oauth2/v2.0/authorize`)
    const params = Object.fromEntries(url.searchParams)
    expect(params).toMatchObject({
      client_id: CONFIG.clientId,
      response_type: 'code',
      redirect_uri: `${ORIGIN}/auth-dialog.html`,
      scope: 'api://api-id/Certibloc.Access openid profile offline_access',
      code_challenge_method: 'S256',
      state: first.entries.get('certibloc.signIn.state'),
    })
    expect(params.code_challenge).toBe(await sha256Base64url(first.entries.get('certibloc.signIn.verifier') ?? ''))
    expect(first.sent).toEqual([])
  })

  it('redeems the code with the verifier and hands the access token to the pane, once', async () => {
    const first = page('')
    await step(first)
    const state = first.entries.get('certibloc.signIn.state')
    const verifier = first.entries.get('certibloc.signIn.verifier')
    const back = page(`?code=le-code&state=${state}`, first.entries)
    await step(back)
    const tokenRequest = back.requests.find((r) => r.url.endsWith('/oauth2/v2.0/token'))
    expect(Object.fromEntries(new URLSearchParams(tokenRequest?.body ?? ''))).toEqual({
      client_id: CONFIG.clientId,
      grant_type: 'authorization_code',
      code: 'le-code',
      redirect_uri: `${ORIGIN}/auth-dialog.html`,
      code_verifier: verifier,
      scope: 'api://api-id/Certibloc.Access',
    })
    expect(back.sent).toEqual([{ type: 'token', accessToken: 'jeton-api', expiresIn: 3599 }])
    expect([...back.entries.keys()]).toEqual([])
  })

  it('refuses a return whose state is not the one it sent, without redeeming anything', async () => {
    const first = page('')
    await step(first)
    const forged = page('?code=vole&state=autre', first.entries)
    await step(forged)
    expect(forged.requests.some((r) => r.url.endsWith('/token'))).toBe(false)
    expect(forged.sent).toEqual([{ type: 'error', message: 'réponse de Microsoft inattendue (état de connexion différent) : recommencez' }])
  })

  it('passes Microsoft’s refusals on to the pane', async () => {
    const refused = page('?error=access_denied&error_description=AADSTS50105%3A+utilisateur+non+assign%C3%A9%0ATrace')
    await step(refused)
    expect(refused.sent).toEqual([{ type: 'error', message: 'AADSTS50105: utilisateur non assigné' }])
    const first = page('')
    await step(first)
    const failing = page(`?code=c&state=${first.entries.get('certibloc.signIn.state')}`, first.entries, Response.json({ error: 'invalid_grant', error_description: 'AADSTS70008: code expiré' }, { status: 400 }))
    await step(failing)
    expect(failing.sent).toEqual([{ type: 'error', message: 'AADSTS70008: code expiré' }])
  })
})
