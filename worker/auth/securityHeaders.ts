/**
 * Security headers of API responses (the task pane's own are in addin/public/_headers): JSON and
 * files are never rendered as pages nor framed, and are not sniffed into another type.
 */
import { secureHeaders } from 'hono/secure-headers'

export const apiSecurityHeaders = secureHeaders({
  contentSecurityPolicy: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] },
  xFrameOptions: 'DENY',
  referrerPolicy: 'no-referrer',
  strictTransportSecurity: 'max-age=31536000; includeSubDomains',
  crossOriginResourcePolicy: 'same-origin',
})
