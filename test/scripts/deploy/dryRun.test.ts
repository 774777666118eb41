/**
 * `npm run deploy -- … --dry-run`, run for real and offline: the pane is built, the Worker compiled
 * with the school's generated config, the production manifest written and valid, and every step
 * that would reach Cloudflare printed instead of run.
 */
import { execFile } from 'node:child_process'
import { existsSync } from 'node:fs'
import { readFile, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { afterAll, describe, expect, it } from 'vitest'
import { stripJsonComments } from '../../../scripts/deploy/plan'

const root = fileURLToPath(new URL('../../..', import.meta.url))
const school = `essai-${process.pid}`
const outDir = join(root, '.deploy', school)
const run = promisify(execFile)

afterAll(() => rm(outDir, { recursive: true, force: true }))

describe('npm run deploy --dry-run', () => {
  it('builds, compiles with the school’s config and writes its manifest, without reaching Cloudflare', { timeout: 180_000 }, async () => {
    // No credentials at all: a step that reached Cloudflare would fail.
    const env = { ...process.env, CLOUDFLARE_API_TOKEN: '', CLOUDFLARE_ACCOUNT_ID: '', WRANGLER_SEND_METRICS: 'false', CLOUDFLARE_CF_FETCH_ENABLED: 'false' }
    const { stdout } = await run(join(root, 'node_modules/.bin/tsx'), ['scripts/deploy.ts', '--school', school, '--url', `https://certibloc.${school}.fr`, '--dry-run'], {
      cwd: root,
      env,
      maxBuffer: 16 * 1024 * 1024,
    })
    expect(stdout).toContain(`Essai à blanc du déploiement de Certibloc pour « ${school} »`)
    for (const planned of ['wrangler whoami', `wrangler d1 create certibloc-${school} --jurisdiction eu`, 'wrangler d1 migrations apply DB --remote']) {
      expect(stdout).toContain(planned)
    }
    expect(stdout.match(/prévu, non exécuté/g)).toHaveLength(6)
    expect(stdout).toMatch(/Worker compilé : \d+ Kio compressés/)
    expect(stdout).toContain('rien n’a été envoyé à Cloudflare')
    expect(stdout).not.toContain('Jeton administrateur de secours (affiché')

    const config = JSON.parse(stripJsonComments(await readFile(join(outDir, 'wrangler.jsonc'), 'utf8'))) as Record<string, unknown>
    expect(config).toMatchObject({ name: `certibloc-${school}`, routes: [{ pattern: `certibloc.${school}.fr`, custom_domain: true }] })
    expect(existsSync(join(outDir, 'bundle', 'index.js'))).toBe(true)

    const manifest = await readFile(join(outDir, 'manifest.xml'), 'utf8')
    expect(manifest).toContain(`https://certibloc.${school}.fr/taskpane.html`)
    expect(manifest).not.toContain('localhost')
    const { stdout: valid, stderr } = await run('xmllint', ['--noout', '--nonet', '--schema', join(root, 'test/manifest/schemas/OfficeAppManifestV1_1.xsd'), join(outDir, 'manifest.xml')]).catch(
      (error: { stdout: string; stderr: string }) => error,
    )
    expect(`${valid}${stderr}`).toContain('validates')
  })
})
