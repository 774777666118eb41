/**
 * The sign-in dialog (auth-dialog.html): authorization code flow with PKCE against Microsoft
 * Entra ID, for hosts without nested app authentication or where popups are blocked. Plain
 * JavaScript served as is (no bundler), tested by test/addin/account/authDialog.test.ts.
 *
 * 1. Without `code` in the address: reads the server's sign-in settings (/api/v1/auth/config),
 *    keeps a random state and PKCE verifier in sessionStorage, and goes to Microsoft.
 * 2. Back with `code`: checks the state, redeems the code for an access token (Entra allows it
 *    from the browser for single-page-application redirect URIs), and sends
 *    `{ type: 'token', accessToken, expiresIn }` to the task pane with messageParent; any
 *    problem is sent as `{ type: 'error', message }` in French.
 */

const STATE_KEY = 'certibloc.signIn.state'
const VERIFIER_KEY = 'certibloc.signIn.verifier'

export function base64url(bytes) {
  let binary = ''
  for (const byte of bytes) binary += String.fromCharCode(byte)
  return btoa(binary).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '')
}

export function randomString(byteCount = 32) {
  return base64url(crypto.getRandomValues(new Uint8Array(byteCount)))
}

/** RFC 7636: the verifier and its S256 challenge. */
export async function pkcePair() {
  const verifier = randomString(32)
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier))
  return { verifier, challenge: base64url(new Uint8Array(digest)) }
}

/** The address of this page, where Microsoft sends the user back (an SPA redirect URI of the app registration). */
export function redirectUriOf(location) {
  return `${location.origin}${location.pathname}`
}

export function authorizeUrl(config, { redirectUri, state, challenge }) {
  const url = new URL(`${config.authority}/oauth2/v2.0/authorize`)
  url.search = new URLSearchParams({
    client_id: config.clientId,
    response_type: 'code',
    redirect_uri: redirectUri,
    response_mode: 'query',
    scope: [...config.scopes, 'openid', 'profile', 'offline_access'].join(' '),
    state,
    code_challenge: challenge,
    code_challenge_method: 'S256',
    prompt: 'select_account',
  }).toString()
  return url.toString()
}

export async function redeemCode(config, { code, verifier, redirectUri }, fetchImpl = fetch) {
  const res = await fetchImpl(`${config.authority}/oauth2/v2.0/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      client_id: config.clientId,
      grant_type: 'authorization_code',
      code,
      redirect_uri: redirectUri,
      code_verifier: verifier,
      scope: config.scopes.join(' '),
    }).toString(),
  })
  const body = await res.json().catch(() => ({}))
  if (!res.ok || typeof body.access_token !== 'string') {
    throw new Error(body.error_description ? String(body.error_description).split('\n')[0] : `Microsoft a répondu ${res.status}`)
  }
  return { accessToken: body.access_token, expiresIn: Number(body.expires_in) || 3600 }
}

/**
 * One step of the dialog. `page` gives what it needs from the browser (so that tests can pass
 * their own): location, sessionStorage, fetch, navigate(url) and send(message).
 */
export async function step(page) {
  const params = new URLSearchParams(page.location.search)
  const fail = (message) => page.send({ type: 'error', message })
  if (params.has('error')) {
    return fail((params.get('error_description') ?? params.get('error') ?? '').split('\n')[0] || 'connexion refusée')
  }
  const configRes = await page.fetch(`${page.location.origin}/api/v1/auth/config`).catch(() => null)
  const config = configRes?.ok ? await configRes.json().catch(() => null) : null
  if (!config?.enabled) return fail('la connexion avec Microsoft n’est pas configurée sur ce serveur')
  const redirectUri = redirectUriOf(page.location)

  if (!params.has('code')) {
    const state = randomString(16)
    const { verifier, challenge } = await pkcePair()
    page.storage.setItem(STATE_KEY, state)
    page.storage.setItem(VERIFIER_KEY, verifier)
    return page.navigate(authorizeUrl(config, { redirectUri, state, challenge }))
  }
  const expectedState = page.storage.getItem(STATE_KEY)
  const verifier = page.storage.getItem(VERIFIER_KEY)
  page.storage.removeItem(STATE_KEY)
  page.storage.removeItem(VERIFIER_KEY)
  if (!expectedState || params.get('state') !== expectedState || !verifier) {
    return fail('réponse de Microsoft inattendue (état de connexion différent) : recommencez')
  }
  try {
    const token = await redeemCode(config, { code: params.get('code'), verifier, redirectUri }, page.fetch)
    return page.send({ type: 'token', ...token })
  } catch (error) {
    return fail(error instanceof Error ? error.message : String(error))
  }
}

function send(message) {
  const text = JSON.stringify(message)
  const status = document.getElementById('status')
  if (status) status.textContent = message.type === 'token' ? 'Connecté. Cette fenêtre va se fermer.' : `Échec de la connexion : ${message.message}`
  if (Office.context.requirements.isSetSupported('DialogOrigin', '1.1')) {
    Office.context.ui.messageParent(text, { targetOrigin: window.location.origin })
  } else {
    Office.context.ui.messageParent(text)
  }
}

if (typeof window !== 'undefined' && typeof Office !== 'undefined') {
  Office.onReady(() =>
    step({
      location: window.location,
      storage: window.sessionStorage,
      fetch: (...args) => window.fetch(...args),
      navigate: (url) => window.location.assign(url),
      send,
    }),
  )
}
