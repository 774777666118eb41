import { execFileSync } from 'node:child_process'
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { parseCandidateList } from '../../shared/formats/candidateList'
import { parseJuryFile, readJuryWorkbook } from '../../shared/jury/parseJurySheets'
import { openWorkbook, XlsxReadError } from '../../shared/xlsx'
import { seedReferential } from '../../shared/referential'
import { generateJurySheets } from '../../shared/jury/sheetTemplate'
import { baseFills } from './jury/corpus'
import { candidate, fillJurySheets, juryReferential, testSigner } from './jury/fixtures'
import { LYING_PART, lyingBombWorkbook, type LyingTarget } from './jury/lyingBombs'

const root = fileURLToPath(new URL('../../', import.meta.url))
const MiB = 1024 * 1024

function sources(dir: string): string[] {
  return readdirSync(join(root, dir)).flatMap((name) => {
    const path = join(dir, name)
    if (name === 'node_modules' || name.startsWith('.')) return []
    if (statSync(join(root, path)).isDirectory()) return sources(path)
    return /\.(ts|tsx|mjs|js)$/.test(name) ? [path] : []
  })
}

describe('one door to excelts', () => {
  it('no module but shared/xlsx.ts imports excelts (sources, tests, bench, scripts, add-in)', () => {
    const importers = ['shared', 'worker', 'addin/src', 'scripts', 'bench', 'test']
      .flatMap(sources)
      .filter((path) => /['"]@cj-tech-master\/excelts[^'"]*['"]/.test(readFileSync(join(root, path), 'utf8').replace(/^\s*(\*|\/\/).*$/gm, '')))
      .map((path) => relative(root, join(root, path)))
    expect(importers).toEqual([join('shared', 'xlsx.ts')])
  })
})

describe('reading within a budget and a deadline', () => {
  const signer = testSigner()
  const ctx = async () => ({ sessionId: 's', referential: juryReferential, signer: await signer })

  for (const target of ['worksheet', 'sharedStrings'] as LyingTarget[]) {
    it(`refuses a lying bomb (${target} declared at 4 KB, 1 GiB inflated) saying which part, as a bomb`, async () => {
      const bytes = lyingBombWorkbook(target)
      expect(bytes.length).toBeLessThan(1.1 * MiB)
      const parsed = await parseJuryFile(bytes, 'bombe.xlsx', await ctx())
      expect(parsed.sheets).toEqual([])
      expect(parsed.errors.map((e) => e.code)).toEqual(['zip_bomb'])
      expect(parsed.errors[0]!.message).toBe(
        `bombe.xlsx : classeur illisible : la partie « ${LYING_PART[target]} » dépasse 16,0 Mo une fois décompressée, ` +
          'bien au-delà de ce qu’annonce l’archive ou qu’un tel fichier contient : fichier refusé par précaution (archive piégée ?).',
      )
    })
  }

  it('refuses a lying bomb in a candidate list too, in French', async () => {
    const result = await parseCandidateList(lyingBombWorkbook('worksheet'), 'liste.xlsx', seedReferential)
    expect(result.candidates).toEqual([])
    expect(result.errors.map((e) => e.message)).toEqual([
      `liste.xlsx : classeur illisible : la partie « ${LYING_PART.worksheet} » dépasse 64,0 Mo une fois décompressée, ` +
        'bien au-delà de ce qu’annonce l’archive ou qu’un tel fichier contient : fichier refusé par précaution (archive piégée ?).',
    ])
  })

  it('counts the bytes of all parts together against the file budget', async () => {
    const bytes = await fillJurySheets(
      (await generateJurySheets({ session: { id: 's', name: 'S' }, referential: juryReferential, candidates: [candidate('c', 'E1')], mode: 'candidate', signer: await signer })).bytes,
      baseFills('c'),
    )
    await expect(openWorkbook(bytes, { budget: { maxPartBytes: 1 * MiB, maxTotalBytes: 20_000, deadlineMs: 10_000 } })).rejects.toThrow(
      /classeur illisible\s: le contenu décompressé dépasse 0,0\sMo \(à la partie «\s.+\s»\)/,
    )
  })

  it('gives up at the deadline with a French message', async () => {
    const bytes = await fillJurySheets(
      (await generateJurySheets({ session: { id: 's', name: 'S' }, referential: juryReferential, candidates: [candidate('c', 'E1')], mode: 'candidate', signer: await signer })).bytes,
      baseFills('c'),
    )
    const error = await openWorkbook(bytes, { budget: { maxPartBytes: MiB, maxTotalBytes: 10 * MiB, deadlineMs: 0 } }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(XlsxReadError)
    expect((error as XlsxReadError).reason).toBe('deadline')
    expect((error as XlsxReadError).message).toMatch(/^classeur illisible\s: la lecture dépasse 0\ss/)
    const extract = await readJuryWorkbook(lyingBombWorkbook('worksheet'), 'bombe.xlsx')
    expect(extract).toMatchObject({ refusal: { code: 'zip_bomb' }, metadata: null, sheets: [] })
  })

  it('keeps peak memory under 64 MB while reading each lying bomb (measured in a fresh process)', () => {
    const child = fileURLToPath(new URL('./xlsx/bombMemory.child.ts', import.meta.url))
    const out = execFileSync(process.execPath, ['--expose-gc', '--import', 'tsx', child], { cwd: root, encoding: 'utf8', timeout: 120_000 })
    const results = JSON.parse(out.trim().split('\n').pop()!) as Array<{ target: string; peakRssDelta: number; peakHeapDelta: number; ms: number; errors: Array<{ code: string }> }>
    expect(results.map((r) => r.target)).toEqual(['worksheet', 'sharedStrings'])
    for (const r of results) {
      expect(r.errors.map((e) => e.code)).toEqual(['zip_bomb'])
      expect(r.peakRssDelta).toBeLessThan(64 * MiB)
      expect(r.peakHeapDelta).toBeLessThan(64 * MiB)
    }
    console.info(results.map((r) => `${r.target}: ${(r.peakRssDelta / MiB).toFixed(1)} MB RSS, ${(r.peakHeapDelta / MiB).toFixed(1)} MB heap+buffers, ${r.ms.toFixed(0)} ms`).join('\n'))
  }, 130_000)
})
