/**
 * Builds the task pane and the function file from addin/ into dist/ at the project root, which the
 * Worker serves as static assets (dist/taskpane.html, dist/commands.html, dist/assets/*).
 */
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { defineConfig, type Plugin } from 'vite'
import { copyOfficeJs, LOCAL_OFFICE_JS_PATH, OFFICE_JS_CDN } from './scripts/lib/officeJs.mjs'

const fromRoot = (path: string) => fileURLToPath(new URL(path, import.meta.url))

/** Never shipped: HyperFormula is GPL and dev-only, and test code (fakes included) stays out. */
const testDir = fromRoot('./test/')
const isForbiddenInBundle = (id: string) =>
  id.startsWith(testDir) || /[\\/]node_modules[\\/]hyperformula[\\/]/.test(id) || /\.test\.tsx?$/.test(id)

/**
 * `CERTIBLOC_OFFICE_JS=local` (set by `npm start`): the pages load office.js from the
 * `@microsoft/office-js` package copied into dist/office-js/, so the development server works
 * offline. Every other build keeps Microsoft's CDN, which Office requires of deployed add-ins.
 */
const localOfficeJs: Plugin = {
  name: 'certibloc:local-office-js',
  apply: () => process.env.CERTIBLOC_OFFICE_JS === 'local',
  transformIndexHtml: (html) => html.replaceAll(`${OFFICE_JS_CDN}office.js`, `${LOCAL_OFFICE_JS_PATH}office.js`),
  writeBundle: (options) => copyOfficeJs(join(options.dir ?? fromRoot('./dist'), LOCAL_OFFICE_JS_PATH)),
}

export default defineConfig({
  root: fromRoot('./addin'),
  publicDir: fromRoot('./addin/public'),
  base: '/',
  // Vite 8 transforms TSX with oxc; the automatic runtime means no `import React` in components.
  oxc: { jsx: { runtime: 'automatic', importSource: 'react' } },
  build: {
    outDir: fromRoot('./dist'),
    emptyOutDir: true,
    sourcemap: false,
    // WebView2 (Windows) and WKWebView (Mac) are evergreen; Safari 16 covers older supported Macs.
    target: ['es2022', 'chrome120', 'safari16'],
    // Vite's generic 500 kB (minified) warning is not our budget: the start-up JS is held to 200 KB
    // gzipped by `npm run bench` (task pane section). The entry chunk is ≈ 530 kB minified.
    chunkSizeWarningLimit: 800,
    rolldownOptions: {
      input: {
        taskpane: fromRoot('./addin/taskpane.html'),
        commands: fromRoot('./addin/commands.html'),
      },
      onLog(level, log, handler) {
        // Fluent UI marks its modules "use client" for React Server Components; meaningless here.
        if (log.code === 'MODULE_LEVEL_DIRECTIVE') return
        handler(level, log)
      },
    },
  },
  plugins: [
    localOfficeJs,
    {
      name: 'certibloc:forbid-dev-only-modules',
      apply: 'build',
      load(id) {
        if (isForbiddenInBundle(id)) throw new Error(`Dev-only module imported by the add-in bundle: ${id}`)
        return null
      },
    },
  ],
})
