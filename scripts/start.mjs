#!/usr/bin/env node
/**
 * `npm start` (and `npm run start:https`): runs Certibloc locally.
 * Builds the task pane, migrates and seeds the local D1, makes sure .dev.vars holds an admin token,
 * starts `wrangler dev`, waits for the API and prints the URLs and the token.
 */
import { spawn, spawnSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { wranglerDevArgs } from './lib/wranglerDev.mjs'

const https = process.argv.includes('--https')
const port = Number(process.env.PORT ?? 8787)
const bin = (name) => join('node_modules', '.bin', name)
const env = {
  ...process.env,
  WRANGLER_SEND_METRICS: 'false',
  CLOUDFLARE_CF_FETCH_ENABLED: 'false',
  WRANGLER_HIDE_BANNER: 'true',
  CI: process.env.CI ?? 'true', // non-interactive wrangler (no confirmation prompt on migrations)
}

function run(step, command, args) {
  console.log(`\n▶ ${step}`)
  const result = spawnSync(command, args, { stdio: 'inherit', env })
  if (result.status !== 0) {
    console.error(`✖ Échec : ${step} (code ${result.status ?? result.signal}).`)
    process.exit(result.status ?? 1)
  }
}

/** The value of `name` in .dev.vars, creating the file (git-ignored) with a random one if needed. */
function ensureSecret(name, created) {
  const file = '.dev.vars'
  const current = existsSync(file) ? readFileSync(file, 'utf8') : ''
  const found = new RegExp(`^${name}\\s*=\\s*"?([^"\\n]+)"?\\s*$`, 'm').exec(current)
  if (found?.[1]) return found[1]
  const value = randomBytes(24).toString('hex')
  const prefix = current && !current.endsWith('\n') ? `${current}\n` : current
  writeFileSync(file, `${prefix}${name}="${value}"\n`, { mode: 0o600 })
  console.log(`▶ .dev.vars : ${created}.`)
  return value
}

/** Key and certificate for https://localhost: Office's dev CA when available, else self-signed. */
async function ensureCertificates() {
  try {
    const devCerts = await import('office-addin-dev-certs')
    const options = await devCerts.getHttpsServerOptions()
    mkdirSync('.certs', { recursive: true })
    writeFileSync('.certs/localhost.key', options.key)
    writeFileSync('.certs/localhost.crt', options.cert)
    return { key: '.certs/localhost.key', cert: '.certs/localhost.crt', trusted: true }
  } catch (error) {
    console.warn(`Certificats Office indisponibles (${error.message}) : certificat auto-signé généré.`)
  }
  const key = '.certs/selfsigned.key'
  const cert = '.certs/selfsigned.crt'
  if (!existsSync(cert)) {
    mkdirSync('.certs', { recursive: true })
    run('Génération d’un certificat auto-signé pour localhost', 'openssl', [
      'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '365', '-subj', '/CN=localhost',
      '-addext', 'subjectAltName=DNS:localhost,IP:127.0.0.1', '-keyout', key, '-out', cert,
    ])
  }
  return { key, cert, trusted: false }
}

async function waitForHealth(origin, child) {
  const deadline = Date.now() + 60_000
  while (Date.now() < deadline) {
    if (child.exitCode !== null) return false
    try {
      const res = await fetch(`${origin}/api/v1/health`)
      if (res.ok) return true
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 500))
  }
  return false
}

/** Certifier settings for local trials, clearly fictional; a deployment sets real ones as vars. */
function ensureDemoCertifierSettings() {
  const file = '.dev.vars'
  const current = readFileSync(file, 'utf8')
  if (/^CERTIFIER_NAME\s*=/m.test(current)) return
  const demo = [
    '# Valeurs de démonstration (fictives) pour essayer la délibération et les documents en local.',
    'CERTIFIER_NAME="École de démonstration Certibloc"',
    'CERTIFIER_CITY="Lyon"',
    'CERTIFIER_SIGNATORY="Direction de la certification"',
    'RNCP_CODE="RNCP00000"',
    'RNCP_REGISTRATION_DATE="2024-01-01"',
    'CDC_ID_CLIENT="DEMO0000"',
    'CDC_ID_CONTRAT="DEMO-CONTRAT"',
  ]
  writeFileSync(file, `${current.endsWith('\n') ? current : `${current}\n`}${demo.join('\n')}\n`, { mode: 0o600 })
}

const token = ensureSecret('ADMIN_TOKEN', 'nouveau jeton administrateur')
// Required by wrangler.jsonc (`secrets.required`): the key that seals jury sheets.
ensureSecret('JURY_SHEET_SECRET', 'nouvelle clé de scellement des fiches du jury')
ensureDemoCertifierSettings()
// Offline development: office.js comes from the @microsoft/office-js package (scripts/lib/officeJs.mjs).
env.CERTIBLOC_OFFICE_JS = 'local'
run('Construction du volet Office (vite build)', bin('vite'), ['build', '--logLevel', 'warn'])
delete env.CERTIBLOC_OFFICE_JS
run('Migrations de la base D1 locale', bin('wrangler'), ['d1', 'migrations', 'apply', 'DB', '--local'])
run('Chargement du référentiel et des données de démonstration', bin('tsx'), ['scripts/seed.ts'])

const devArgs = wranglerDevArgs({ port, adminToken: token })
let certificates = null
if (https) {
  certificates = await ensureCertificates()
  devArgs.push('--local-protocol', 'https', '--https-key-path', certificates.key, '--https-cert-path', certificates.cert)
}
console.log('\n▶ Démarrage du Worker (wrangler dev)')
const child = spawn(bin('wrangler'), devArgs, { stdio: 'inherit', env })
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal))
child.on('exit', (code) => process.exit(code ?? 0))

const origin = `${https ? 'https' : 'http'}://localhost:${port}`
// Our own health probe must accept the self-signed certificate; wrangler's env is untouched.
if (https && !certificates?.trusted) process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0'
if (await waitForHealth(origin, child)) {
  console.log(`
────────────────────────────────────────────────────────────
 Certibloc tourne en local.
   API          ${origin}/api/v1/health
   Référentiels ${origin}/api/v1/referentials
   Volet Office ${origin}/taskpane.html
   Jeton admin  ${token}
 Essai :  curl -H "Authorization: Bearer ${token}" ${origin}/api/v1/referentials
${https ? '' : ' Pour Excel (HTTPS requis) : npm run start:https, puis chargez manifest.xml.\n'} Arrêt : Ctrl+C
────────────────────────────────────────────────────────────`)
} else if (child.exitCode === null) {
  console.error(`✖ Le Worker ne répond pas sur ${origin} après 60 s.`)
}
