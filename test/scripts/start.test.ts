/**
 * What `npm start` runs last (scripts/start.mjs): `wrangler dev` on the Worker's real entry and
 * configuration starts, answers its health probe and sends the root to the pane. The Worker
 * tests import the entry's modules in workerd without starting it as wrangler does: an entry
 * that workerd refuses (a named export that is not a handler) passed them and broke `npm start`.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { wranglerDevArgs } from '../../scripts/lib/wranglerDev.mjs'

const ADMIN_TOKEN = 'jeton-de-test-du-demarrage'
const root = mkdtempSync(join(tmpdir(), 'certibloc-start-'))
let child: ChildProcess | undefined
let output = ''

afterAll(() => {
  child?.kill('SIGTERM')
  rmSync(root, { recursive: true, force: true })
})

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      server.close(() => (typeof address === 'object' && address !== null ? resolve(address.port) : reject(new Error('no port'))))
    })
  })
}

async function waitForHealth(origin: string): Promise<boolean> {
  const deadline = Date.now() + 90_000
  while (Date.now() < deadline) {
    if (child?.exitCode !== null) return false
    try {
      if ((await fetch(`${origin}/api/v1/health`)).ok) return true
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 300))
  }
  return false
}

describe('the Worker as `npm start` runs it', () => {
  it('starts under wrangler dev, answers its health probe, sends the root to the pane and accepts the admin token it was given', { timeout: 120_000 }, async () => {
    const [port, inspectorPort] = [await freePort(), await freePort()]
    const assets = mkdtempSync(join(root, 'dist-'))
    child = spawn(
      join('node_modules', '.bin', 'wrangler'),
      [...wranglerDevArgs({ port, adminToken: ADMIN_TOKEN }), '--inspector-port', String(inspectorPort), '--assets', assets, '--persist-to', join(root, 'state')],
      {
        // The jury-sheet key as .dev.vars would give it: wrangler reads declared secrets from process.env too.
        env: { ...process.env, CI: 'true', WRANGLER_SEND_METRICS: 'false', JURY_SHEET_SECRET: 'clé-de-test-du-démarrage' },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    )
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()))
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()))
    const origin = `http://127.0.0.1:${port}`

    expect(await waitForHealth(origin), output).toBe(true)
    const health = await fetch(`${origin}/api/v1/health`)
    expect(await health.json()).toEqual({ status: 'ok' })
    const home = await fetch(`${origin}/`, { redirect: 'manual' })
    expect(home.status).toBe(302)
    expect(home.headers.get('location')).toBe(`${origin}/taskpane.html`)
    const anonymous = await fetch(`${origin}/api/v1/me`)
    expect(anonymous.status).toBe(401)
    // The token npm start prints is the one the Worker accepts.
    const me = await fetch(`${origin}/api/v1/me`, { headers: { Authorization: `Bearer ${ADMIN_TOKEN}` } })
    expect(me.status, await me.clone().text()).toBe(200)
  })
})
