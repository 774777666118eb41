#!/usr/bin/env node
/**
 * Writes the production Office manifest from manifest.xml.
 *
 *   npm run manifest:prod -- https://certibloc.mon-ecole.fr [--out dist/manifest.prod.xml] [--version 1.0.1.0]
 *
 * Every https://localhost:8787 URL becomes the given base URL (https only, optional base path).
 * Id and Version are kept unless --version is given. Relative paths are resolved from the project
 * root. Prints the path written; on bad input prints a French message and exits with code 1.
 * Run it after `npm run build` when writing into dist/, since the build empties that folder.
 */
import { isAbsolute, join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { ManifestError, USAGE, parseCliArgs, writeProdManifest } from './lib/manifest.mjs'

const root = join(fileURLToPath(new URL('.', import.meta.url)), '..')

try {
  const options = parseCliArgs(process.argv.slice(2))
  if (options.help) {
    console.log(USAGE)
  } else {
    const outPath = isAbsolute(options.out) ? options.out : resolve(root, options.out)
    await writeProdManifest({
      manifestPath: join(root, 'manifest.xml'),
      outPath,
      baseUrl: options.baseUrl,
      version: options.version,
    })
    const shown = relative(process.cwd(), outPath)
    console.log(shown === '' || shown.startsWith('..') || isAbsolute(shown) ? outPath : shown)
  }
} catch (error) {
  if (!(error instanceof ManifestError)) throw error
  console.error(`manifest:prod : ${error.message}`)
  process.exitCode = 1
}
