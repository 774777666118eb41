import { beforeAll, describe, expect, it } from 'vitest'
import type { JuryIssue } from '../../../shared/jury/issues'
import { buildBadFileCorpus, type BadVariant, type CorpusFile } from '../../shared/jury/corpus'
import { juryReferential } from '../../shared/jury/fixtures'
import { databaseSnapshot, sendJuryExtracts, uploadJuryFiles } from './juryApp'
import { serverSigner, setUpJurySession, type JurySession } from './setup'

let s: JurySession
let corpus: { base: CorpusFile; variants: BadVariant[] }

beforeAll(async () => {
  s = await setUpJurySession(0)
  corpus = await buildBadFileCorpus({
    sessionId: s.sessionId,
    referential: juryReferential,
    signer: await serverSigner(),
    main: s.candidates.get('E100')!,
    optionB: s.candidates.get('E200')!,
    capitalised: s.candidates.get('E300')!,
  })
}, 300_000)

describe('the bad-file corpus through the import route', () => {
  it('holds more than 200 variants built from a file the route accepts', async () => {
    expect(corpus.variants.length).toBeGreaterThanOrEqual(200)
    const res = await uploadJuryFiles(s.sessionId, [corpus.base])
    const body = await res.json<{ plan: { committable: boolean; totals: { new: number } } }>()
    expect(body.plan).toMatchObject({ committable: true, totals: { new: 8 } })
  })

  it('refuses to commit each variant with a located French error, and writes nothing', async () => {
    await expectEveryVariantRefused(uploadJuryFiles)
  }, 300_000)

  it('refuses each variant the same way when the file is read where it is and its extract sent as JSON', async () => {
    await expectEveryVariantRefused(sendJuryExtracts)
  }, 300_000)
})

/** Each variant committed through `send` is refused (400) with its located error; nothing is written. */
async function expectEveryVariantRefused(send: typeof uploadJuryFiles): Promise<void> {
  const before = await databaseSnapshot()
  const failures: string[] = []
  for (const variant of corpus.variants) {
    const res = await send(s.sessionId, variant.files, 'dryRun=false')
    const body = await res.json<{ error?: { code: string; details: { plan?: { errors: JuryIssue[] } } } }>()
    if (res.status !== 400 || body.error?.code !== 'VALIDATION_FAILED' || body.error.details.plan === undefined) {
      failures.push(`${variant.title}: answered ${res.status} ${JSON.stringify(body).slice(0, 200)}`)
      continue
    }
    const { expected } = variant
    const errors = body.error.details.plan.errors
    const error = errors.find(
      (e) =>
        e.code === expected.code &&
        e.file === expected.file &&
        (expected.sheet === undefined || e.sheet === expected.sheet) &&
        (expected.cell === undefined || e.cell === expected.cell),
    )
    if (!error) failures.push(`${variant.title}: no ${JSON.stringify(expected)} in ${JSON.stringify(errors.map((e) => e.message))}`)
    else if (!error.message.startsWith(expected.file)) failures.push(`${variant.title}: « ${error.message} » does not start with the file`)
    if ((await databaseSnapshot()) !== before) failures.push(`${variant.title}: the database changed`)
  }
  expect(failures).toEqual([])
  expect(await databaseSnapshot()).toBe(before)
}
