/**
 * Entry point of the référentiel: parse a document (schema + cross-references), the seed
 * référentiel shipped with the app, and the few traversals the rules engine and add-in share.
 */
import data from './data/expert-ingenierie-informatique-n7.v1.json'
import { parseReferential } from './parse'
import type { Referential } from './schema'

export * from './schema'
export * from './parse'
export * from './tree'

function loadSeed(): Referential {
  const result = parseReferential(data)
  if (!result.ok) {
    const detail = result.issues.map((i) => `${i.path} : ${i.message}`).join('\n')
    throw new Error(`Référentiel de référence invalide :\n${detail}`)
  }
  return result.referential
}

/** The référentiel encoded from the seed (see docs/referentiel.md). */
export const seedReferential: Referential = loadSeed()
