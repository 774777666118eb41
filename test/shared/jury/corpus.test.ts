import { beforeAll, describe, expect, it } from 'vitest'
import type { JuryIssue } from '../../../shared/jury/issues'
import { parseJuryFile } from '../../../shared/jury/parseJurySheets'
import { planJuryImport, type ImportState } from '../../../shared/jury/planImport'
import { BASE_MARKS, buildBadFileCorpus, type BadVariant, type CorpusFile } from './corpus'
import { candidate, juryReferential, testSigner } from './fixtures'

const SESSION = 'session-corpus'
const main = candidate('cand-main', 'E100')
const optionB = candidate('cand-b', 'E200', { optionCode: 'BC03-B' })
const capitalised = candidate('cand-cap', 'E300', { capitalisedBlocs: [{ blocCode: 'BC01' }] })

const state: ImportState = {
  candidates: new Map(
    [main, optionB, capitalised].map((c, i) => [
      c.id,
      { id: c.id, schoolId: c.schoolId, optionCode: c.optionCode, capitalisedBlocCodes: c.capitalisedBlocs.map((b) => b.blocCode), rowVersion: i + 1 },
    ]),
  ),
  marks: new Map(),
  blocOverrides: new Map(),
  certificationDecisions: new Map(),
  importedFiles: new Map(),
}

let corpus: { base: CorpusFile; variants: BadVariant[] }

async function plan(files: CorpusFile[]) {
  const signer = await testSigner()
  const parsed = []
  for (const f of files) parsed.push({ parsed: await parseJuryFile(f.bytes, f.name, { sessionId: SESSION, referential: juryReferential, signer }) })
  return planJuryImport(parsed, state, juryReferential)
}

/** The error the variant is about: its code, in the expected file, sheet and cell. */
export function matchingError(errors: readonly JuryIssue[], expected: BadVariant['expected']): JuryIssue | undefined {
  return errors.find(
    (e) =>
      e.code === expected.code &&
      e.file === expected.file &&
      (expected.sheet === undefined || e.sheet === expected.sheet) &&
      (expected.cell === undefined || e.cell === expected.cell) &&
      (expected.critereCode === undefined || e.critereCode === expected.critereCode),
  )
}

beforeAll(async () => {
  corpus = await buildBadFileCorpus({ sessionId: SESSION, referential: juryReferential, signer: await testSigner(), main, optionB, capitalised })
}, 120_000)

describe('the bad-file corpus', () => {
  it('starts from a valid file that imports cleanly', async () => {
    const result = await plan([corpus.base])
    expect(result.errors).toEqual([])
    expect(result).toMatchObject({ committable: true, totals: { new: 8 } })
    expect(result.writes).toEqual([{ candidateId: main.id, rowVersion: 1, marks: BASE_MARKS, comments: { 'CR1.1': 'Analyse solide' } }])
  })

  it('holds more than 200 variants, with distinct file names', () => {
    expect(corpus.variants.length).toBeGreaterThanOrEqual(200)
    const names = corpus.variants.flatMap((v) => v.files.map((f) => f.name)).filter((n) => n !== corpus.base.name)
    expect(new Set(names).size).toBe(names.length)
  })

  it('refuses every variant with a French error that names the file, and the sheet and cell where one is concerned', async () => {
    const failures: string[] = []
    for (const variant of corpus.variants) {
      const result = await plan(variant.files)
      const error = matchingError(result.errors, variant.expected)
      if (result.committable || result.writes.length > 0) failures.push(`${variant.title}: would be committed`)
      if (!error) {
        failures.push(`${variant.title}: expected ${JSON.stringify(variant.expected)}, got ${JSON.stringify(result.errors.map((e) => [e.code, e.sheet, e.cell]))}`)
        continue
      }
      const where = [variant.expected.file, variant.expected.sheet && `feuille « ${variant.expected.sheet} »`, variant.expected.cell?.split(':')[0]]
      for (const part of where) if (part && !error.message.includes(part)) failures.push(`${variant.title}: « ${error.message} » lacks ${part}`)
    }
    expect(failures).toEqual([])
  }, 120_000)
})
