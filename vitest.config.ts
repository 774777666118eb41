import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-plugin'
import { readFileSync } from 'node:fs'
import { defineConfig } from 'vitest/config'

/**
 * The PDF fonts the Worker reads from its static assets (dist/fonts/, copied from
 * addin/public/fonts/ by the pane's build): the tests do not build the pane, so the files are
 * handed to workerd as base64 bindings and served by the harness's ASSETS stand-in.
 */
const testPdfFonts = Object.fromEntries(
  ['Regular', 'Bold'].map((style) => [`/fonts/NotoSans-${style}.subset.ttf`, readFileSync(`addin/public/fonts/NotoSans-${style}.subset.ttf`).toString('base64')]),
)

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
                bindings: { TEST_MIGRATIONS: migrations, TEST_PDF_FONTS: testPdfFonts, ADMIN_TOKEN: 'test-admin-token', JURY_SHEET_SECRET: 'test-jury-sheet-secret' },
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
