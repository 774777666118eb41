/**
 * The one way the project imports zod (`import * as z from '…/shared/zod'`). Re-exporting the
 * module's bindings keeps zod tree-shakeable, and only the French locale is bundled
 * (`z.locales.fr()` from the root `z` object pulls all 64 locales into the Worker). Importing this
 * module also makes French the locale of every message zod writes, so no schema can answer a user
 * in English.
 */
import { config } from 'zod'
import { fr } from 'zod/locales'

config(fr())

export * from 'zod'

/** zod's French messages, for a parse that must not depend on the global configuration. */
export const frenchErrors = fr().localeError
