/**
 * `npm run typography [-- files…]`: rewrites the user-facing string literals of worker/, shared/
 * and addin/src/i18n (or of the files given) to French typography (scripts/typography/fix.ts).
 * The typography test (test/shared/typography.test.ts) fails on what this would change; run this
 * after a merge brings new texts, then review the diff.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { frenchRaw } from './typography/fix'
import { literalsOf, ROOT, scannedFiles } from './typography/literals'

const files = process.argv.slice(2).length > 0 ? process.argv.slice(2) : scannedFiles()
let changed = 0
for (const file of files) {
  const path = join(ROOT, file)
  const text = readFileSync(path, 'utf8')
  // From the end, so that earlier offsets stay valid.
  const literals = literalsOf(file, text).sort((a, b) => b.start - a.start)
  let out = text
  for (const literal of literals) {
    const raw = out.slice(literal.start, literal.end)
    const fixed = frenchRaw(raw)
    if (fixed !== raw) out = out.slice(0, literal.start) + fixed + out.slice(literal.end)
  }
  if (out !== text) {
    writeFileSync(path, out)
    changed++
    console.log(`corrigé : ${file}`)
  }
}
console.log(`${changed} fichier(s) corrigé(s).`)
