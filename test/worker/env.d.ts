// Bindings only the Worker tests have (vitest.config.ts hands them to workerd); the Worker's own
// come from the generated worker/worker-configuration.d.ts.
import type { D1Migration } from '@cloudflare/vitest-plugin'

declare global {
  namespace Cloudflare {
    interface Env {
      ADMIN_TOKEN: string
      RESTORE_DB: D1Database
      TEST_MIGRATIONS: D1Migration[]
      /** Font files by asset path, base64 (vitest.config.ts). */
      TEST_PDF_FONTS: Record<string, string>
    }
  }
}
