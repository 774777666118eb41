/**
 * How the local-database scripts (backup, restore) read `--persist-to <dir>`, one way for all:
 * as wrangler's CLI does (`wrangler d1 … --local --persist-to <dir>` and `wrangler dev
 * --persist-to <dir>` keep their state under `<dir>/v3`), so a backup reads what a restore (or
 * `wrangler dev`) wrote in the same folder. getPlatformProxy takes the state folder itself.
 */
import { join } from 'node:path'
import { parseArgs } from 'node:util'

/** wrangler CLI flags selecting the same local state as `platformPersist`. */
export function wranglerPersistFlags(persistTo: string | undefined): string[] {
  return persistTo ? ['--persist-to', persistTo] : []
}

/** getPlatformProxy's `persist` option for `--persist-to <dir>` (default: wrangler's .wrangler/state). */
export function platformPersist(persistTo: string | undefined): true | { path: string } {
  return persistTo ? { path: join(persistTo, 'v3') } : true
}

/** The options and positionals of a local-database script, `--persist-to` read the same way everywhere. */
export function localDatabaseArgs<Extra extends Record<string, { type: 'string' }>>(args: string[], extra: Extra = {} as Extra) {
  const { values, positionals } = parseArgs({ args, options: { ...extra, 'persist-to': { type: 'string' } }, allowPositionals: true })
  return { values: values as Partial<Record<keyof Extra | 'persist-to', string>>, positionals, persistTo: values['persist-to'] as string | undefined }
}
