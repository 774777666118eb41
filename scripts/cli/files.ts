/** Finding the jury files to import from the paths given on the command line. */
import { isAbsolute, join, relative, sep } from 'node:path'
import type { CliIo } from './io'

export interface FoundFile {
  /** Absolute or as-given path, to read the file. */
  path: string
  /** Relative to the working directory, with forward slashes: the name the server reports. */
  name: string
  size: number
}

export class MissingPathError extends Error {}

/** Excel's lock files (~$name.xlsx) and hidden files are never jury sheets. */
function isCandidateFile(name: string): boolean {
  return /\.xlsx$/i.test(name) && !name.startsWith('~$') && !name.startsWith('.')
}

function displayName(io: CliIo, path: string): string {
  const rel = relative(io.cwd, path)
  return (rel === '' || rel.startsWith('..') ? path : rel).split(sep).join('/')
}

/**
 * Files named explicitly are taken whatever their extension (the server says what is wrong with
 * them); folders are walked recursively for .xlsx files, in a stable (sorted) order.
 */
export async function collectFiles(io: CliIo, paths: readonly string[]): Promise<FoundFile[]> {
  const found: FoundFile[] = []
  const seen = new Set<string>()
  const add = (path: string, size: number) => {
    const name = displayName(io, path)
    if (seen.has(name)) return
    seen.add(name)
    found.push({ path, name, size })
  }
  const walk = async (dir: string): Promise<void> => {
    for (const entry of (await io.readdir(dir)).sort()) {
      if (entry.startsWith('.')) continue
      const path = join(dir, entry)
      const info = await io.stat(path)
      if (info === null) continue
      if (info.isDirectory) await walk(path)
      else if (isCandidateFile(entry)) add(path, info.size)
    }
  }
  for (const given of paths) {
    const path = isAbsolute(given) ? given : join(io.cwd, given)
    const info = await io.stat(path)
    if (info === null) throw new MissingPathError(`« ${given} » introuvable.`)
    if (info.isDirectory) await walk(path)
    else add(path, info.size)
  }
  return found
}
