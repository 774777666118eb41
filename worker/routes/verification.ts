/**
 * The public verification page `/verifier/<code>` (no sign-in): what an employer reaches by
 * scanning the QR code of an attestation or a PV. It says in French whether the document is
 * authentic and still current (superseded by an amendment: by which PV version), and shows only
 * what the document itself prints. An unknown code gets a clear page and 404. Requests are
 * counted per client address in D1 (worker/db/verification.ts), so the limit holds across
 * isolates; past it the page answers 429 for the rest of the minute.
 */
import { Hono } from 'hono'
import { secureHeaders } from 'hono/secure-headers'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import { frenchLongDate } from '../../shared/frenchDates'
import { clientAddress } from '../auth/rateLimit'
import { countVerificationHit, findVerification, VERIFICATION_CODE, type VerificationRecord } from '../db/verification'
import type { AppEnv } from '../env'
import { verificationPageFr as t } from '../i18n/fr'

/** Page views allowed per client address and minute. */
export const VERIFICATION_LIMIT_PER_MINUTE = 30

const escape = (text: string) => text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`)

function page(title: string, verdict: { tone: 'ok' | 'warn' | 'bad'; text: string }, body: string): string {
  const colours = { ok: '#0b6e3d', warn: '#8a5a00', bad: '#a4262c' }
  return `<!doctype html>
<html lang="fr"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex"><title>${escape(title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;color:#222;line-height:1.5}
.verdict{border-left:.4rem solid ${colours[verdict.tone]};padding:.5rem 1rem;background:#f6f6f6;font-weight:600}
dt{font-weight:600;margin-top:.6rem}dd{margin:0}footer{margin-top:2rem;font-size:.85rem;color:#555}</style></head>
<body><h1>${escape(title)}</h1><p class="verdict" role="status">${escape(verdict.text)}</p>${body}<footer>${escape(t.footer)}</footer></body></html>`
}

function field(label: string, value: string): string {
  return `<dt>${escape(label)}</dt><dd>${escape(value)}</dd>`
}

/** The verdict and the facts of a known document. */
export function describeDocument(record: VerificationRecord): { tone: 'ok' | 'warn'; verdict: string; html: string } {
  const superseded = record.latestVersion > record.pvVersion
  const amending = !superseded && record.sessionStatus === 'open'
  const verdict = superseded
    ? t.superseded(record.pvVersion, record.latestVersion, frenchLongDate(record.latestCreatedAt))
    : amending
      ? t.beingAmended(record.pvVersion)
      : t.current(record.pvVersion)
  const facts = [
    field(t.labels.document, record.kind === 'pv' ? t.kinds.pv : t.kinds.attestation),
    record.holderName !== null ? field(t.labels.holder, record.holderName) : '',
    field(t.labels.title, record.title),
    record.blocs.length > 0 ? `<dt>${escape(t.labels.blocs)}</dt><dd><ul>${record.blocs.map((b) => `<li>${escape(b)}</li>`).join('')}</ul></dd>` : '',
    field(record.kind === 'pv' ? t.labels.deliberatedOn : t.labels.issuedOn, frenchLongDate(record.issuedOn)),
    field(t.labels.pvVersion, String(record.pvVersion)),
    field(t.labels.reference, record.code),
  ].join('')
  return { tone: superseded || amending ? 'warn' : 'ok', verdict, html: `<dl>${facts}</dl>` }
}

async function clientHash(address: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(`verifier:${address}`)))
  return [...digest.subarray(0, 16)].map((b) => b.toString(16).padStart(2, '0')).join('')
}

const headers = secureHeaders({
  contentSecurityPolicy: { defaultSrc: ["'none'"], styleSrc: ["'unsafe-inline'"], frameAncestors: ["'none'"] },
  xFrameOptions: 'DENY',
  referrerPolicy: 'no-referrer',
  strictTransportSecurity: 'max-age=31536000; includeSubDomains',
})

export const verificationApp = new Hono<AppEnv>().use('*', headers)

verificationApp.get('/verifier/:code', async (c) => {
  const html = (status: ContentfulStatusCode, body: string, extra: Record<string, string> = {}) =>
    c.html(body, status, { 'Cache-Control': 'no-store', ...extra })
  const minute = Math.floor(Date.now() / 60_000)
  const hits = await countVerificationHit(c.env.DB, await clientHash(clientAddress(c.req.raw.headers)), minute)
  if (hits > VERIFICATION_LIMIT_PER_MINUTE) {
    const retryAfter = String(60 - Math.floor((Date.now() / 1000) % 60))
    return html(429, page(t.title, { tone: 'bad', text: t.tooMany }, ''), { 'Retry-After': retryAfter })
  }
  const code = c.req.param('code').trim().toUpperCase()
  const record = VERIFICATION_CODE.test(code) ? await findVerification(c.env.DB, code) : null
  if (!record) return html(404, page(t.title, { tone: 'bad', text: t.unknown }, `<p>${escape(t.unknownHelp)}</p>`))
  const { tone, verdict, html: facts } = describeDocument(record)
  return html(200, page(t.title, { tone, text: verdict }, facts))
})

verificationApp.notFound((c) => c.html(page(t.title, { tone: 'bad', text: t.unknown }, `<p>${escape(t.unknownHelp)}</p>`), 404))

verificationApp.onError((error, c) => {
  console.error(error)
  return c.html(page(t.title, { tone: 'bad', text: t.unavailable }, ''), 500, { 'Cache-Control': 'no-store' })
})
