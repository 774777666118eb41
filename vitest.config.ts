import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-plugin'
import { defineConfig } from 'vitest/config'

/**
 * One `vitest run` holds two projects: domain, add-in and tooling tests in Node, and the Worker's
 * tests inside workerd with the real D1 migrations applied once per test file.
 */
export default defineConfig(async () => {
  const migrations = await readD1Migrations('worker/migrations')
  return {
    test: {
      projects: [
        {
          test: {
            name: 'node',
            environment: 'node',
            include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
            exclude: ['test/worker/**'],
          },
        },
        {
          plugins: [
            cloudflareTest({
              wrangler: { configPath: './wrangler.jsonc' },
              miniflare: {
                bindings: { TEST_MIGRATIONS: migrations, ADMIN_TOKEN: 'test-admin-token', JURY_SHEET_SECRET: 'test-jury-sheet-secret' },
                // A second, empty database: backup tests restore into it.
                d1Databases: { RESTORE_DB: 'certibloc-restore-test' },
              },
            }),
          ],
          test: {
            name: 'worker',
            include: ['test/worker/**/*.test.ts'],
            setupFiles: ['test/worker/applyMigrations.ts'],
          },
        },
      ],
    },
  }
})
