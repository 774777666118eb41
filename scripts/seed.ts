/**
 * `npm run db:seed`: loads the seed's référentiel and a demo session into the local D1 (the one
 * `wrangler dev` uses), through the Worker's own db layer. Idempotent: publishing the same content again changes nothing.
 * Run `npm run db:migrate` first (npm start does both).
 */
import { getPlatformProxy } from 'wrangler'
import type { D1Database } from '@cloudflare/workers-types'
import { contentHash } from '../shared/contentHash'
import { seedReferential } from '../shared/referential'
import { seedDemoSession } from '../worker/db/demo'
import { publishReferential } from '../worker/db/referentials'

const proxy = await getPlatformProxy<{ DB: D1Database }>({ configPath: 'wrangler.jsonc', persist: true })
try {
  const result = await publishReferential(proxy.env.DB, seedReferential, await contentHash(seedReferential))
  switch (result.outcome) {
    case 'created':
      console.log(`Référentiel « ${seedReferential.id} » publié dans la base locale.`)
      break
    case 'unchanged':
      console.log(`Référentiel « ${seedReferential.id} » déjà présent, inchangé.`)
      break
    case 'conflict':
      console.error(
        `Le référentiel « ${seedReferential.id} » publié en base diffère du fichier : une version publiée est immuable. ` +
          'Créez une nouvelle version (nouvel identifiant) ou supprimez .wrangler/state pour repartir de zéro.',
      )
      process.exitCode = 1
  }
  if (result.outcome !== 'conflict') {
    const demo = await seedDemoSession(proxy.env.DB, seedReferential)
    console.log(demo === 'created' ? 'Session de démonstration créée (30 candidats fictifs).' : 'Session de démonstration déjà présente.')
  }
} finally {
  await proxy.dispose()
}
