/**
 * How the local-database scripts (backup, restore) read `--persist-to <dir>`, one way for all:
 * as wrangler's CLI does (`wrangler d1 … --local --persist-to <dir>` and `wrangler dev
 * --persist-to <dir>` keep their state under `<dir>/v3`), so a backup reads what a restore (or
 * `wrangler dev`) wrote in the same folder. getPlatformProxy takes the state folder itself.
 */
import { join } from 'node:path'

/** wrangler CLI flags selecting the same local state as `platformPersist`. */
export function wranglerPersistFlags(persistTo: string | undefined): string[] {
  return persistTo ? ['--persist-to', persistTo] : []
}

/** getPlatformProxy's `persist` option for `--persist-to <dir>` (default: wrangler's .wrangler/state). */
export function platformPersist(persistTo: string | undefined): true | { path: string } {
  return persistTo ? { path: join(persistTo, 'v3') } : true
}

/** The `--persist-to <dir>` option, for each script's parseArgs. */
export const PERSIST_TO_OPTION = { 'persist-to': { type: 'string' } } as const
