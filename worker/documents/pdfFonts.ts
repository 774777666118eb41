/**
 * The fonts of the PDF documents, read from the Worker's static assets (addin/public/fonts/, built
 * into dist/fonts/) rather than bundled: 160 KB of font files stay out of the script, which keeps
 * cold starts fast and the bundle under its goal. Parsed once per isolate.
 */
import { parseTrueType } from '../../shared/documents/pdf/trueType'
import type { DocumentFonts } from '../../shared/documents/pdfLayout'
import type { Env } from '../env'
import { ApiError, ErrorCode } from '../errors'
import { messages } from '../i18n/fr'

export const FONT_PATHS = { regular: '/fonts/NotoSans-Regular.subset.ttf', bold: '/fonts/NotoSans-Bold.subset.ttf' } as const

let cached: Promise<DocumentFonts> | null = null

async function fetchFont(env: Env, path: string) {
  // The host is irrelevant to the assets binding; the path is what it serves.
  const response = await env.ASSETS.fetch(`https://assets.invalid${path}`)
  if (!response.ok) throw new ApiError(ErrorCode.SERVER_MISCONFIGURED, messages.pdfFontMissing(path), { path, status: response.status })
  return parseTrueType(new Uint8Array(await response.arrayBuffer()))
}

export function documentFonts(env: Env): Promise<DocumentFonts> {
  cached ??= Promise.all([fetchFont(env, FONT_PATHS.regular), fetchFont(env, FONT_PATHS.bold)]).then(([regular, bold]) => ({ regular, bold }))
  // A failure is not cached: the next request tries again.
  cached.catch(() => {
    cached = null
  })
  return cached
}
