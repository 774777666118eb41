/**
 * Worker bundle section: the script Cloudflare loads, as `wrangler deploy --dry-run` builds it from
 * wrangler.jsonc (minified), gzipped — what counts against the Workers size limit and cold starts.
 * Baseline: the same code bundled without minification, measured in the same run.
 */
import { spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { gzipSync } from 'node:zlib'
import type { BenchSection, Figure } from './report'

const root = fileURLToPath(new URL('..', import.meta.url))
const GOAL_KB = 450

/** gzip -9 size in KB (1,000 bytes, as the goal is written) of the dry-run bundle. */
function bundleKb(extraArgs: readonly string[]): number {
  // wrangler wants the static-assets folder to exist; the pane's files do not change the script.
  mkdirSync(join(root, 'dist'), { recursive: true })
  const outdir = mkdtempSync(join(tmpdir(), 'certibloc-bundle-'))
  try {
    const result = spawnSync(join(root, 'node_modules/.bin/wrangler'), ['deploy', '--dry-run', '--outdir', outdir, ...extraArgs], {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, WRANGLER_SEND_METRICS: 'false', CLOUDFLARE_CF_FETCH_ENABLED: 'false' },
    })
    if (result.status !== 0) throw new Error(`wrangler deploy --dry-run failed: ${result.stderr.slice(-500)}`)
    return gzipSync(readFileSync(join(outdir, 'index.js')), { level: 9 }).length / 1000
  } finally {
    rmSync(outdir, { recursive: true, force: true })
  }
}

export const workerBundleSection: BenchSection = {
  name: 'Worker bundle',
  run(): Figure[] {
    const minified = bundleKb([])
    const plain = bundleKb(['--minify=false'])
    return [
      {
        figure: 'Worker script, minified, gzipped (wrangler deploy --dry-run); baseline: not minified',
        value: Math.round(minified),
        baseline: Math.round(plain),
        better: 'lower',
        goal: `≤ ${GOAL_KB} KB`,
        holds: minified <= GOAL_KB,
        unit: 'KB',
      },
    ]
  },
}
