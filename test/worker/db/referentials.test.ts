import { describe, expect, it } from 'vitest'
import { contentHash } from '../../../shared/contentHash'
import { seedReferential } from '../../../shared/referential'
import { getReferential, listReferentials, publishReferential } from '../../../worker/db/referentials'
import { testEnv } from '../harness'

const db = testEnv.DB

describe('publishReferential', () => {
  it('creates the version once and is a no-op when the same content is published again', async () => {
    const hash = await contentHash(seedReferential)
    expect(await publishReferential(db, seedReferential, hash)).toEqual({ outcome: 'created' })
    expect(await publishReferential(db, seedReferential, hash)).toEqual({ outcome: 'unchanged' })
    expect(await listReferentials(db)).toHaveLength(1)
  })

  it('reports a conflict instead of changing a published version', async () => {
    const changed = { ...seedReferential, title: `${seedReferential.title} (modifié)` }
    const result = await publishReferential(db, changed, await contentHash(changed))
    expect(result.outcome).toBe('conflict')
    expect((await getReferential(db, seedReferential.id))?.referential.title).toBe(seedReferential.title)
  })

  it('stores a tree that reads back equal to the document, with its hash', async () => {
    const stored = await getReferential(db, seedReferential.id)
    expect(stored?.referential).toEqual(seedReferential)
    expect(stored?.contentHash).toBe(await contentHash(seedReferential))
  })
})

describe('immutability of a published version (enforced by the database)', () => {
  it.each([
    ['updating the version row', `UPDATE referential SET title = 'x' WHERE id = ?1`],
    ['deleting the version row', `DELETE FROM referential WHERE id = ?1`],
    ['renaming a critère', `UPDATE referential_item SET label = 'x' WHERE referential_id = ?1 AND code = 'CR1.1'`],
    ['deleting a bloc', `DELETE FROM referential_bloc WHERE referential_id = ?1 AND code = 'BC01'`],
    [
      'adding a critère',
      `INSERT INTO referential_item (referential_id, bloc_code, item_type, code, label, position, assessment_json)
       VALUES (?1, 'BC01', 'critere', 'CR1.99', 'x', 99, '{}')`,
    ],
  ])('refuses %s', async (_, sql) => {
    await expect(db.prepare(sql).bind(seedReferential.id).run()).rejects.toThrow(/referential_published_immutable/)
  })
})
