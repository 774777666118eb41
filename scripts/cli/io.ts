/**
 * What the CLI needs from the outside world, injectable so that tests run it without network,
 * real files or process exit: fetch, environment, output, and the file system.
 */
import { readdir, readFile, stat } from 'node:fs/promises'

export interface CliIo {
  fetch: typeof fetch
  env: Readonly<Record<string, string | undefined>>
  /** Directory relative paths are shown from. */
  cwd: string
  out(line: string): void
  err(line: string): void
  readFile(path: string): Promise<Uint8Array>
  stat(path: string): Promise<{ isDirectory: boolean; size: number } | null>
  readdir(path: string): Promise<string[]>
}

export function nodeIo(): CliIo {
  return {
    fetch: globalThis.fetch,
    env: process.env,
    cwd: process.cwd(),
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
    readFile: async (path) => new Uint8Array(await readFile(path)),
    stat: async (path) => {
      try {
        const s = await stat(path)
        return { isDirectory: s.isDirectory(), size: s.size }
      } catch {
        return null
      }
    },
    readdir: (path) => readdir(path),
  }
}
