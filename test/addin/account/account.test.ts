import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import {
  authorizationHeader,
  forgetToken,
  hasCredentials,
  loadAccount,
  normalizeApiBaseUrl,
  saveAccount,
} from '../../../addin/src/account/account'

/** An in-memory Storage, enough for localStorage.getItem / setItem. */
function memoryStorage(): Storage & { entries: Map<string, string> } {
  const entries = new Map<string, string>()
  return {
    entries,
    get length() {
      return entries.size
    },
    clear: () => entries.clear(),
    getItem: (key) => entries.get(key) ?? null,
    key: (index) => [...entries.keys()][index] ?? null,
    removeItem: (key) => void entries.delete(key),
    setItem: (key, value) => void entries.set(key, value),
  }
}

let storage: ReturnType<typeof memoryStorage>

beforeEach(() => {
  storage = memoryStorage()
  vi.stubGlobal('localStorage', storage)
  vi.stubGlobal('location', { origin: 'https://localhost:8787' })
})

afterEach(() => {
  vi.unstubAllGlobals()
})

describe('account', () => {
  it('defaults to the origin serving the task pane and no token', () => {
    expect(loadAccount()).toEqual({ apiBaseUrl: 'https://localhost:8787', token: '' })
    expect(hasCredentials(loadAccount())).toBe(false)
  })

  it('remembers the API address and token', () => {
    saveAccount({ apiBaseUrl: 'https://api.ecole.fr', token: 'secret' })
    expect(loadAccount()).toEqual({ apiBaseUrl: 'https://api.ecole.fr', token: 'secret' })
  })

  it('keys the storage with Office’s partition key when there is one', () => {
    vi.stubGlobal('Office', { context: { partitionKey: 'partition-42' } })
    saveAccount({ apiBaseUrl: 'https://api.ecole.fr', token: 'secret' })
    expect([...storage.entries.keys()]).toEqual(['partition-42/certibloc.account.v1'])
  })

  it('falls back to the defaults on unreadable storage', () => {
    storage.setItem('certibloc.account.v1', '{pas du json')
    expect(loadAccount()).toEqual({ apiBaseUrl: 'https://localhost:8787', token: '' })
  })

  it('forgets the token but keeps the address', () => {
    const account = forgetToken({ apiBaseUrl: 'https://api.ecole.fr', token: 'secret' })
    expect(account).toEqual({ apiBaseUrl: 'https://api.ecole.fr', token: '' })
    expect(loadAccount()).toEqual(account)
  })

  it('builds a bearer Authorization header', async () => {
    await expect(authorizationHeader({ apiBaseUrl: 'https://x.fr', token: ' abc ' })).resolves.toBe('Bearer abc')
  })

  it('accepts http(s) addresses without trailing slashes and rejects the rest', () => {
    expect(normalizeApiBaseUrl(' https://api.ecole.fr/ ')).toBe('https://api.ecole.fr')
    expect(normalizeApiBaseUrl('http://localhost:8787')).toBe('http://localhost:8787')
    expect(normalizeApiBaseUrl('api.ecole.fr')).toBeNull()
    expect(normalizeApiBaseUrl('ftp://api.ecole.fr')).toBeNull()
  })
})
