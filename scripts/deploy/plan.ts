/**
 * `npm run deploy -- --school <name> --url <https-url>`: what deploying Certibloc for one school
 * means, as pure functions (arguments, names, the generated wrangler config, the ordered steps), so
 * that the dry run and the tests see exactly what a real deployment would do.
 */
import { relative } from 'node:path'
import { parseBaseUrl } from '../lib/manifest.mjs'

export class DeployError extends Error {}

export const USAGE = `Déployer Certibloc pour une école sur Cloudflare :

  npm run deploy -- --school <nom> --url <https://adresse> [--dry-run] [--yes]

  --school   identifiant court de l’école (minuscules, chiffres, tirets), ex. esin-lyon :
             le Worker s’appelle certibloc-<nom>, sa base D1 aussi
  --url      adresse publique du volet, ex. https://certibloc.esin.fr (domaine personnalisé
             rattaché à votre zone Cloudflare) ou https://certibloc-<nom>.<compte>.workers.dev
  --dry-run  n’envoie rien à Cloudflare : construit le volet, compile le Worker avec la
             configuration générée, écrit le manifeste et affiche chaque commande prévue
  --yes      ne pose aucune question (jetons générés automatiquement)`

export interface DeployOptions {
  school: string
  /** https origin (and optional base path) the task pane and API are served from. */
  baseUrl: string
  dryRun: boolean
  assumeYes: boolean
}

const SCHOOL = /^[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?$/

export function parseDeployArgs(argv: readonly string[]): DeployOptions | 'help' {
  const options: Partial<DeployOptions> = { dryRun: false, assumeYes: false }
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]
    const value = () => {
      const next = argv[++i]
      if (next === undefined || next.startsWith('--')) throw new DeployError(`${arg} attend une valeur.\n\n${USAGE}`)
      return next
    }
    if (arg === '--help' || arg === '-h') return 'help'
    else if (arg === '--school') options.school = value()
    else if (arg === '--url') options.baseUrl = value()
    else if (arg === '--dry-run') options.dryRun = true
    else if (arg === '--yes') options.assumeYes = true
    else throw new DeployError(`Option inconnue : « ${arg} ».\n\n${USAGE}`)
  }
  if (!options.school) throw new DeployError(`--school est obligatoire.\n\n${USAGE}`)
  if (!SCHOOL.test(options.school)) {
    throw new DeployError(`--school « ${options.school} » : minuscules, chiffres et tirets seulement (40 caractères au plus), ex. esin-lyon.`)
  }
  if (!options.baseUrl) throw new DeployError(`--url est obligatoire.\n\n${USAGE}`)
  try {
    options.baseUrl = parseBaseUrl(options.baseUrl)
  } catch (error) {
    throw new DeployError(`--url : ${error instanceof Error ? error.message : String(error)}`)
  }
  if (new URL(options.baseUrl).pathname !== '/') {
    throw new DeployError('--url : le Worker sert le volet à la racine d’un domaine ; donnez une adresse sans chemin, ex. https://certibloc.mon-ecole.fr.')
  }
  return options as DeployOptions
}

export const workerName = (school: string) => `certibloc-${school}`
export const databaseName = (school: string) => `certibloc-${school}`

/** workers.dev addresses need no route; any other host is a custom domain of the account's zones. */
export function isWorkersDev(baseUrl: string): boolean {
  return new URL(baseUrl).hostname.endsWith('.workers.dev')
}

/** Removes // and /* *\/ comments from JSONC, leaving strings untouched. */
export function stripJsonComments(text: string): string {
  let out = ''
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!
    if (ch === '"') {
      const start = i
      for (i++; i < text.length && text[i] !== '"'; i++) if (text[i] === '\\') i++
      out += text.slice(start, i + 1)
    } else if (ch === '/' && text[i + 1] === '/') {
      while (i < text.length && text[i] !== '\n') i++
      out += '\n'
    } else if (ch === '/' && text[i + 1] === '*') {
      i = text.indexOf('*/', i + 2)
      if (i < 0) throw new DeployError('commentaire non fermé dans wrangler.jsonc')
      i++
    } else out += ch
  }
  return out
}

type WranglerConfig = Record<string, unknown> & {
  main: string
  assets: Record<string, unknown> & { directory: string }
  d1_databases: Array<Record<string, unknown> & { migrations_dir: string }>
}

/**
 * The school's wrangler config: the project's own with the school's Worker name, its D1 database,
 * its address and paths made relative to where the config is written (wrangler resolves them so).
 */
export function schoolConfig(
  base: WranglerConfig,
  options: { school: string; baseUrl: string; databaseId: string; projectRoot: string; configDir: string },
): Record<string, unknown> {
  const fromConfig = (path: string) => relative(options.configDir, `${options.projectRoot}/${path}`) || '.'
  const { $schema: _schema, ...rest } = base
  const host = new URL(options.baseUrl).hostname
  return {
    ...rest,
    name: workerName(options.school),
    main: fromConfig(base.main),
    assets: { ...base.assets, directory: fromConfig(base.assets.directory) },
    d1_databases: base.d1_databases.map((db) => ({
      ...db,
      database_name: databaseName(options.school),
      database_id: options.databaseId,
      migrations_dir: fromConfig(db.migrations_dir),
    })),
    ...(isWorkersDev(options.baseUrl) ? { workers_dev: true } : { workers_dev: false, routes: [{ pattern: host, custom_domain: true }] }),
  }
}

export type StepId = 'account' | 'database' | 'config' | 'build' | 'compile' | 'migrations' | 'secrets' | 'deploy' | 'referential' | 'manifest'

export interface Step {
  id: StepId
  /** What the step does, in French, as the IT person reads it. */
  label: string
  /** The command run (wrangler through the project's node_modules), or null for work done here. */
  command: string[] | null
  /** Whether the dry run runs it too (it touches nothing remote). */
  local: boolean
}

export interface DeployPaths {
  /** The school's generated wrangler config. */
  config: string
  /** Where the dry compile writes the Worker bundle. */
  bundle: string
  /** The production manifest. */
  manifest: string
}

/** Every step of a deployment, in order. */
export function deploySteps(options: DeployOptions, { config, bundle, manifest }: DeployPaths): Step[] {
  const db = databaseName(options.school)
  return [
    { id: 'account', label: 'Vérifier la connexion au compte Cloudflare', command: ['wrangler', 'whoami'], local: false },
    { id: 'database', label: `Trouver la base D1 « ${db} », ou la créer (données hébergées dans l’Union européenne)`, command: ['wrangler', 'd1', 'create', db, '--jurisdiction', 'eu'], local: false },
    { id: 'config', label: `Écrire la configuration de l’école (${config})`, command: null, local: true },
    { id: 'build', label: 'Construire le volet Office', command: ['vite', 'build', '--logLevel', 'warn'], local: true },
    { id: 'compile', label: 'Compiler le Worker avec cette configuration, sans rien envoyer', command: ['wrangler', 'deploy', '--dry-run', '-c', config, '--outdir', bundle], local: true },
    { id: 'migrations', label: 'Appliquer les migrations à la base D1', command: ['wrangler', 'd1', 'migrations', 'apply', 'DB', '--remote', '-c', config], local: false },
    { id: 'secrets', label: 'Préparer les secrets qui manquent au Worker : clé de scellement des fiches du jury, jeton administrateur de secours', command: ['wrangler', 'secret', 'list', '-c', config], local: false },
    { id: 'deploy', label: `Déployer le Worker ${workerName(options.school)} sur ${options.baseUrl}`, command: ['wrangler', 'deploy', '-c', config, '--secrets-file', '<secrets>'], local: false },
    { id: 'referential', label: 'Publier le référentiel livré avec Certibloc s’il manque (API du Worker déployé)', command: null, local: false },
    { id: 'manifest', label: `Écrire le manifeste du complément pour ${options.baseUrl} (${manifest})`, command: null, local: true },
  ]
}
