/**
 * `npm run deploy -- --school <name> --url <https-url> [--dry-run] [--yes]`: deploys Certibloc for
 * one school on Cloudflare (steps and why in scripts/deploy/plan.ts and README « Déployer pour une
 * école »). Creates or reuses the school's D1 database (EU jurisdiction), applies the migrations,
 * sets the secrets it needs (keeping those already set: a new jury-sheet key would invalidate the
 * sheets already handed out), deploys and writes the production manifest. `--dry-run` runs only
 * the local steps (build, compile with the generated config, manifest) and prints the others.
 */
import { spawnSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { gzipSync } from 'node:zlib'
import { createInterface } from 'node:readline/promises'
import { fileURLToPath } from 'node:url'
import { seedReferential } from '../shared/referential'
import { writeProdManifest } from './lib/manifest.mjs'
import { DeployError, USAGE, databaseName, deploySteps, parseDeployArgs, schoolConfig, stripJsonComments, type DeployOptions, type Step } from './deploy/plan'

const root = fileURLToPath(new URL('..', import.meta.url))
const env: NodeJS.ProcessEnv = { ...process.env, WRANGLER_SEND_METRICS: 'false', WRANGLER_HIDE_BANNER: 'true' }
// A deployed pane loads office.js from Microsoft's CDN, never the local copy of `npm start`.
delete env.CERTIBLOC_OFFICE_JS
/** Stands for the D1 id in a dry run, which never asks Cloudflare. */
const DRY_RUN_DATABASE_ID = '00000000-0000-4000-8000-000000000000'

function run(command: readonly string[], options: { capture?: boolean; input?: string } = {}): string {
  const [program, ...args] = command
  const result = spawnSync(join(root, 'node_modules', '.bin', program!), args, {
    cwd: root,
    env,
    encoding: 'utf8',
    input: options.input,
    stdio: options.capture ? ['pipe', 'pipe', 'inherit'] : ['pipe', 'inherit', 'inherit'],
  })
  if (result.status !== 0) throw new DeployError(`Échec de « ${command.join(' ')} » (code ${result.status ?? result.signal}).`)
  return result.stdout ?? ''
}

async function ask(question: string, options: DeployOptions): Promise<string> {
  if (options.assumeYes || !process.stdin.isTTY) return ''
  const rl = createInterface({ input: process.stdin, output: process.stdout })
  try {
    return (await rl.question(question)).trim()
  } finally {
    rl.close()
  }
}

/** The school's D1 database id: the existing one of that name, else a new one. */
function databaseId(options: DeployOptions): string {
  const name = databaseName(options.school)
  const listed = JSON.parse(run(['wrangler', 'd1', 'list', '--json'], { capture: true })) as Array<{ name: string; uuid: string }>
  const existing = listed.find((db) => db.name === name)
  if (existing) {
    console.log(`  base existante : ${existing.uuid}`)
    return existing.uuid
  }
  const created = run(['wrangler', 'd1', 'create', name, '--jurisdiction', 'eu'], { capture: true })
  const id = /"?database_id"?\s*[:=]\s*"([0-9a-f-]{36})"/.exec(created)?.[1]
  if (!id) throw new DeployError(`wrangler d1 create n’a pas donné l’identifiant de la base :\n${created}`)
  console.log(`  base créée : ${id}`)
  return id
}

/** Secrets to send with the deployment: only those the Worker does not hold yet. */
async function secretsToSet(options: DeployOptions, config: string): Promise<{ values: Record<string, string>; adminToken: string | null }> {
  let present: string[] = []
  try {
    present = (JSON.parse(run(['wrangler', 'secret', 'list', '-c', config], { capture: true })) as Array<{ name: string }>).map((s) => s.name)
  } catch {
    // First deployment: the Worker does not exist yet, so it holds no secret.
  }
  const values: Record<string, string> = {}
  if (!present.includes('JURY_SHEET_SECRET')) values.JURY_SHEET_SECRET = randomBytes(32).toString('hex')
  let adminToken: string | null = null
  if (!present.includes('ADMIN_TOKEN')) {
    const typed = await ask('Jeton administrateur de secours (Entrée : en générer un) : ', options)
    adminToken = typed || randomBytes(24).toString('hex')
    values.ADMIN_TOKEN = adminToken
  }
  return { values, adminToken }
}

/** A new custom domain takes a moment (DNS, certificate): retries for up to three minutes. */
async function untilReachable(request: () => Promise<Response>): Promise<Response> {
  const deadline = Date.now() + 180_000
  for (;;) {
    try {
      const response = await request()
      if (response.status < 500 || Date.now() > deadline) return response
    } catch (error) {
      if (Date.now() > deadline) throw new DeployError(`Le Worker déployé reste injoignable : ${error instanceof Error ? error.message : String(error)}`)
    }
    console.log('  en attente du domaine (DNS, certificat)…')
    await new Promise((resolve) => setTimeout(resolve, 10_000))
  }
}

/** Publishes the référentiel shipped with Certibloc when the deployed Worker lacks it. */
async function publishSeedReferential(baseUrl: string, adminToken: string | null): Promise<void> {
  if (adminToken === null) {
    console.log('  jeton administrateur déjà en place (inconnu ici) : vérifiez le référentiel depuis le volet.')
    return
  }
  const headers = { Authorization: `Bearer ${adminToken}`, 'Content-Type': 'application/json' }
  const listed = await untilReachable(() => fetch(`${baseUrl}/api/v1/referentials`, { headers }))
  if (!listed.ok) throw new DeployError(`Le Worker déployé répond ${listed.status} à GET /api/v1/referentials.`)
  const { referentials } = (await listed.json()) as { referentials: Array<{ id: string }> }
  if (referentials.some((r) => r.id === seedReferential.id)) {
    console.log(`  déjà publié : ${seedReferential.id}`)
    return
  }
  const published = await fetch(`${baseUrl}/api/v1/referentials`, { method: 'POST', headers, body: JSON.stringify(seedReferential) })
  if (!published.ok) throw new DeployError(`Publication du référentiel refusée (${published.status}) : ${await published.text()}`)
  console.log(`  publié : ${seedReferential.id}`)
}

async function main(options: DeployOptions): Promise<void> {
  const outDir = join(root, '.deploy', options.school)
  mkdirSync(outDir, { recursive: true })
  const config = join(outDir, 'wrangler.jsonc')
  const manifest = join(outDir, 'manifest.xml')
  const bundle = join(outDir, 'bundle')
  const shown = (path: string) => (path.startsWith(root) ? relative(root, path) : path)
  const steps = deploySteps(options, { config: shown(config), bundle: shown(bundle), manifest: shown(manifest) })
  // Commands run from the project root with absolute paths: wrangler resolves some of them
  // (--outdir) from the config's folder.
  const absolute = (part: string) => (part === shown(config) ? config : part === shown(bundle) ? bundle : part)
  console.log(`${options.dryRun ? 'Essai à blanc du déploiement' : 'Déploiement'} de Certibloc pour « ${options.school} » sur ${options.baseUrl}\n`)

  /** What the steps learn along the way. */
  const found: { databaseId: string; adminToken: string | null; secretsFile: string | null } = {
    databaseId: DRY_RUN_DATABASE_ID,
    adminToken: null,
    secretsFile: null,
  }
  const perform = async (step: Step, index: number) => {
    const runIt = !options.dryRun || step.local
    console.log(`${index + 1}. ${step.label}${runIt ? '' : ' — prévu, non exécuté (essai à blanc)'}`)
    if (step.command && !runIt) console.log(`   ${step.command.join(' ')}`)
    if (!runIt) return
    switch (step.id) {
      case 'account':
        return void run(['wrangler', 'whoami'])
      case 'database':
        found.databaseId = databaseId(options)
        return
      case 'config': {
        const base = JSON.parse(stripJsonComments(readFileSync(join(root, 'wrangler.jsonc'), 'utf8'))) as Parameters<typeof schoolConfig>[0]
        const generated = schoolConfig(base, { school: options.school, baseUrl: options.baseUrl, databaseId: found.databaseId, projectRoot: root, configDir: outDir })
        writeFileSync(config, `// Généré par npm run deploy pour « ${options.school} » : ne pas modifier à la main.\n${JSON.stringify(generated, null, 2)}\n`)
        return
      }
      case 'secrets': {
        const secrets = await secretsToSet(options, config)
        found.adminToken = secrets.adminToken
        found.secretsFile = join(outDir, '.secrets.json')
        writeFileSync(found.secretsFile, JSON.stringify(secrets.values), { mode: 0o600 })
        return
      }
      case 'deploy':
        try {
          return void run(step.command!.map((part) => (part === '<secrets>' ? found.secretsFile! : absolute(part))))
        } finally {
          if (found.secretsFile) rmSync(found.secretsFile, { force: true })
        }
      case 'referential':
        return publishSeedReferential(options.baseUrl, found.adminToken)
      case 'manifest':
        await writeProdManifest({ manifestPath: join(root, 'manifest.xml'), outPath: manifest, baseUrl: options.baseUrl })
        return
      case 'compile': {
        // wrangler lists every binding here; the IT person only needs to know it compiled.
        run(step.command!.map(absolute), { capture: true })
        const script = readFileSync(join(bundle, 'index.js'))
        console.log(`   Worker compilé : ${Math.round(gzipSync(script, { level: 9 }).length / 1024)} Kio compressés`)
        return
      }
      case 'build':
      case 'migrations':
        return void run(step.command!.map(absolute))
    }
  }
  for (const [index, step] of steps.entries()) await perform(step, index)

  console.log(`\n✔ ${options.dryRun ? 'Essai à blanc terminé : rien n’a été envoyé à Cloudflare.' : `Certibloc est en ligne sur ${options.baseUrl}.`}`)
  console.log(`  Manifeste à charger dans Excel ou dans le centre d’administration Microsoft 365 : ${shown(manifest)}`)
  if (found.adminToken) console.log(`  Jeton administrateur de secours (affiché une seule fois, à conserver en lieu sûr) : ${found.adminToken}`)
}

try {
  const options = parseDeployArgs(process.argv.slice(2))
  if (options === 'help') console.log(USAGE)
  else await main(options)
} catch (error) {
  if (!(error instanceof DeployError)) throw error
  console.error(`deploy : ${error.message}`)
  process.exitCode = 1
}
