/**
 * Builds what the browser loads, into temporary directories (never dist/, which `npm start`
 * serves): the task pane with the project's own Vite config, and the fake Excel host as one
 * classic script (an IIFE) to inject before the page's scripts.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { build } from 'vite'

const root = fileURLToPath(new URL('../../../', import.meta.url))

export interface TaskpaneBuild {
  directory: string
  dispose(): Promise<void>
}

/** The production build of the task pane, in a temporary directory removed by `dispose`. */
export async function buildTaskpane(): Promise<TaskpaneBuild> {
  const directory = await mkdtemp(join(tmpdir(), 'certibloc-taskpane-'))
  await build({ configFile: join(root, 'vite.config.ts'), logLevel: 'error', build: { outDir: directory, emptyOutDir: true } })
  return { directory, dispose: () => rm(directory, { recursive: true, force: true }) }
}

/** The fake host of test/e2e/fakeHostPage.ts as the text of a classic script. */
export async function buildFakeHostScript(): Promise<string> {
  const outDir = await mkdtemp(join(tmpdir(), 'certibloc-fakehost-'))
  await build({
    configFile: false,
    logLevel: 'error',
    root,
    define: { 'process.env.NODE_ENV': '"production"' },
    build: {
      outDir,
      emptyOutDir: true,
      minify: false,
      lib: { entry: join(root, 'test/e2e/fakeHostPage.ts'), formats: ['iife'], name: 'certiblocFakeHost', fileName: () => 'fake-host.js' },
    },
  })
  try {
    return await readFile(join(outDir, 'fake-host.js'), 'utf8')
  } finally {
    await rm(outDir, { recursive: true, force: true })
  }
}
