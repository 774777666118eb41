/**
 * Security headers: the task pane's (addin/public/_headers, applied by Workers static assets)
 * allow our own origin, Office's CDN and Microsoft sign-in and nothing broad; the API's answers
 * are never rendered as pages, framed or sniffed.
 */
import { describe, expect, it } from 'vitest'
import headersFile from '../../../addin/public/_headers?raw'
import { call } from './support'

/** Cloudflare's `_headers` format: a URL pattern line, then indented `Name: value` lines. */
function parseHeadersFile(text: string): Map<string, Map<string, string>> {
  const rules = new Map<string, Map<string, string>>()
  let current: Map<string, string> | null = null
  for (const line of text.split(/\r?\n/)) {
    if (line.trim() === '' || line.trim().startsWith('#')) continue
    if (!/^\s/.test(line)) {
      current = new Map()
      rules.set(line.trim(), current)
      continue
    }
    const match = /^\s+([\w-]+):\s*(.*)$/.exec(line)
    if (!match || !current) throw new Error(`unreadable _headers line: ${line}`)
    current.set(match[1]!.toLowerCase(), match[2]!.trim())
  }
  return rules
}

function parseCsp(value: string): Map<string, string[]> {
  return new Map(
    value
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((parts) => parts[0])
      .map(([name, ...sources]) => [name!.toLowerCase(), sources]),
  )
}

const rules = parseHeadersFile(headersFile)
const pane = rules.get('/*')
const csp = parseCsp(pane?.get('content-security-policy') ?? '')

/** Microsoft hosts that embed the task pane in Excel on the web. */
const OFFICE_HOSTS = /^https:\/\/\*\.(office\.com|officeapps\.live\.com|sharepoint\.com|microsoft\.com|cloud\.microsoft|microsoft365\.com)$/

describe('the task pane’s Content-Security-Policy', () => {
  it('applies to every page the Worker serves as a static asset', () => {
    expect([...rules.keys()]).toEqual(['/*'])
    expect(pane?.has('content-security-policy')).toBe(true)
  })

  it('loads scripts from our origin and Office’s CDN only, never inline or evaluated', () => {
    expect(csp.get('default-src')).toEqual(["'self'"])
    expect(csp.get('script-src')).toEqual(["'self'", 'https://appsforoffice.microsoft.com'])
    expect(csp.get('object-src')).toEqual(["'none'"])
    expect(csp.get('base-uri')).toEqual(["'self'"])
  })

  it('talks to our API and Microsoft sign-in only', () => {
    expect(csp.get('connect-src')).toEqual(["'self'", 'https://login.microsoftonline.com'])
  })

  it('allows inline styles (Fluent UI injects them) and data: images, nothing else unsafe', () => {
    expect(csp.get('style-src')).toEqual(["'self'", "'unsafe-inline'"])
    expect(csp.get('img-src')).toEqual(["'self'", 'data:'])
    for (const [directive, sources] of csp) {
      if (directive !== 'style-src') expect(sources, directive).not.toContain("'unsafe-inline'")
      expect(sources, directive).not.toContain("'unsafe-eval'")
    }
  })

  it('has no broad source: no bare *, no scheme-only source, wildcards only under Office hosts', () => {
    for (const [directive, sources] of csp) {
      for (const source of sources) {
        expect(['*', 'https:', 'http:', 'blob:', 'ws:', 'wss:'], `${directive} ${source}`).not.toContain(source)
        if (source.includes('*')) expect(source, directive).toMatch(OFFICE_HOSTS)
      }
    }
  })

  it('lets Excel on the web frame the task pane, and nobody else', () => {
    const ancestors = csp.get('frame-ancestors') ?? []
    expect(ancestors[0]).toBe("'self'")
    for (const source of ancestors.slice(1)) expect(source).toMatch(OFFICE_HOSTS)
    expect(ancestors).toEqual(expect.arrayContaining(['https://*.officeapps.live.com', 'https://*.sharepoint.com', 'https://*.office.com']))
    // X-Frame-Options cannot list hosts: it would stop Excel on the web from showing the pane.
    expect(pane?.has('x-frame-options')).toBe(false)
  })

  it('comes with nosniff and no referrer', () => {
    expect(pane?.get('x-content-type-options')).toBe('nosniff')
    expect(pane?.get('referrer-policy')).toBe('no-referrer')
  })
})

describe('API responses', () => {
  it.each([
    ['an answer', 'test-admin-token', 200],
    ['a refusal', null, 401],
  ])('carry the API security headers on %s', async (_, token, status) => {
    const res = await call('/sessions', { token, ip: '2001:db8:4::1' })
    expect(res.status).toBe(status)
    expect(res.headers.get('Content-Security-Policy')).toBe("default-src 'none'; frame-ancestors 'none'")
    expect(res.headers.get('X-Content-Type-Options')).toBe('nosniff')
    expect(res.headers.get('X-Frame-Options')).toBe('DENY')
    expect(res.headers.get('Referrer-Policy')).toBe('no-referrer')
    await res.body?.cancel()
  })
})
