// Bindings seen by the Worker tests: the Worker's own plus the migrations handed in by vitest.config.ts.
declare namespace Cloudflare {
  interface Env {
    DB: D1Database
    ADMIN_TOKEN: string
    RESTORE_DB: D1Database
    TEST_MIGRATIONS: import('@cloudflare/vitest-plugin').D1Migration[]
  }
}
