/**
 * The one way the project imports zod (`import * as z from '…/shared/zod'`). Re-exporting the
 * module's bindings keeps zod tree-shakeable, and only the French locale is bundled
 * (`z.locales.fr()` from the root `z` object pulls all 64 locales into the Worker). Importing this
 * module also makes French the locale of every message zod writes, so no schema can answer a user
 * in English.
 */
import { config, string } from 'zod'
import { fr } from 'zod/locales'

config(fr())

export * from 'zod'

/** zod's French messages, for a parse that must not depend on the global configuration. */
export const frenchErrors = fr().localeError

/**
 * Characters no text field takes: C0 controls but tab and line breaks, DEL, C1 controls, and
 * unpaired UTF-16 surrogates (not text at all). Tab and line breaks are refused by
 * `singleLineText` only: multi-line comments and reasons keep them.
 */
// eslint-disable-next-line no-control-regex -- finding control characters is this pattern's purpose
const CONTROL_CHARACTER = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/
const LINE_BREAK_OR_TAB = /[\t\n\r\u2028\u2029]/
// eslint-disable-next-line no-control-regex -- the characters either pattern above can find
const SUSPECT = /[\u0000-\u001F\u007F-\u009F\u2028\u2029\uD800-\uDFFF]/

function codePoint(char: string): string {
  return `U+${(char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`
}

/** Why `text` cannot be stored, in French, or null: the first forbidden character and its position. */
export function forbiddenCharacter(text: string, multiLine = true): string | null {
  // Most text has no character below U+0020, in U+007F–U+009F or a surrogate: one cheap test.
  if (!SUSPECT.test(text)) return null
  const found = CONTROL_CHARACTER.exec(text) ?? (multiLine ? null : LINE_BREAK_OR_TAB.exec(text))
  if (!found) return null
  const what = /[\uD800-\uDFFF]/.test(found[0]) ? 'caractère invalide' : LINE_BREAK_OR_TAB.test(found[0]) ? 'saut de ligne ou tabulation interdit' : 'caractère de contrôle interdit'
  return `${what} (${codePoint(found[0])}, position ${found.index + 1})`
}

/**
 * A one-line name or label: trimmed, 1 to `max` characters, no control character, tab or line
 * break (so the database's own checks are never the first to refuse it).
 */
export function singleLineText(max: number, required = 'champ obligatoire') {
  return string()
    .superRefine((text, ctx) => {
      const problem = forbiddenCharacter(text, false)
      if (problem) ctx.addIssue({ code: 'custom', message: problem })
    })
    .trim()
    .min(1, { message: required })
    .max(max, { message: `${max} caractères au plus` })
}
