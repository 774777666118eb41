/**
 * Production manifest writer: pure logic behind `npm run manifest:prod` (scripts/manifest-prod.mjs).
 *
 * manifest.xml at the project root is the dev manifest: every add-in URL is on DEV_ORIGIN. The
 * production copy is the same file with that origin replaced by the school's base URL, comments
 * removed and a "generated" header added. Id and Version stay the same unless a new version is
 * asked for. User-facing messages are in French (the CLI is run by school IT staff).
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { dirname } from 'node:path'

/** Origin of every add-in URL in the dev manifest (the Worker in `wrangler dev`). */
export const DEV_ORIGIN = 'https://localhost:8787'

/** Default output of the CLI, relative to the project root. */
export const DEFAULT_OUT = 'dist/manifest.prod.xml'

/** Usage line printed with CLI errors and for --help. */
export const USAGE =
  'Usage : npm run manifest:prod -- https://certibloc.mon-ecole.fr[/chemin] [--out dist/manifest.prod.xml] [--version 1.0.1.0]'

/** Error whose message is meant for the user (French); the CLI prints it and exits with code 1. */
export class ManifestError extends Error {
  /** @param {string} message */
  constructor(message) {
    super(message)
    this.name = 'ManifestError'
  }
}

/** One path segment of an optional base path: unreserved URL characters only. */
const PATH_SEGMENT = /^[A-Za-z0-9._~-]+$/
/** Manifest `<Version>` format (XSD: up to four dot-separated numbers of up to 5 digits). */
const VERSION = /^[0-9]{1,5}(\.[0-9]{1,5}){0,3}$/
/** Hosts that cannot serve a production add-in. */
const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]', '0.0.0.0'])

/**
 * Validates and normalises the production base URL: `https://host[:port][/base/path]`, without
 * query, fragment, credentials or trailing slash.
 * @param {string} input what the user typed
 * @returns {string} e.g. `https://certibloc.mon-ecole.fr` or `https://ecole.fr/certibloc`
 * @throws {ManifestError} with a French message when the input is not such a URL
 */
export function parseBaseUrl(input) {
  const text = input.trim()
  if (text === '') {
    throw new ManifestError("URL de production manquante : indiquez l'adresse https du Worker Certibloc.")
  }
  /** @type {URL} */
  let url
  try {
    url = new URL(text)
  } catch {
    throw new ManifestError(
      `URL de production invalide : « ${text} ». Attendu : https://nom-de-domaine[/chemin], par exemple https://certibloc.mon-ecole.fr.`,
    )
  }
  if (url.protocol !== 'https:') {
    throw new ManifestError(
      `URL de production refusée : « ${text} ». Office n'accepte que des adresses https (pas ${url.protocol.replace(/:$/, '')}).`,
    )
  }
  if (!/^https:\/\/[^/?#]/i.test(text) || url.hostname === '') {
    throw new ManifestError(`URL de production invalide : « ${text} » n'a pas de nom de domaine.`)
  }
  if (url.username !== '' || url.password !== '') {
    throw new ManifestError(`URL de production refusée : « ${text} » ne doit pas contenir d'identifiants.`)
  }
  if (url.search !== '' || url.hash !== '' || /[?#]/.test(text)) {
    throw new ManifestError(
      `URL de production refusée : « ${text} » ne doit contenir ni paramètres (?…) ni ancre (#…), seulement un domaine et éventuellement un chemin de base.`,
    )
  }
  if (LOCAL_HOSTS.has(url.hostname)) {
    throw new ManifestError(
      `URL de production refusée : « ${text} » désigne la machine locale ; manifest.xml sert déjà au développement.`,
    )
  }
  if (!url.hostname.includes('.') && !url.hostname.startsWith('[')) {
    throw new ManifestError(`URL de production invalide : « ${url.hostname} » n'est pas un nom de domaine complet.`)
  }
  const segments = url.pathname.split('/').filter((segment) => segment !== '')
  for (const segment of segments) {
    if (!PATH_SEGMENT.test(segment) || segment === '.' || segment === '..') {
      throw new ManifestError(
        `URL de production refusée : le chemin « ${url.pathname} » contient « ${segment} » ; seuls les lettres, chiffres, « . », « _ », « ~ » et « - » sont admis.`,
      )
    }
  }
  return url.origin + segments.map((segment) => `/${segment}`).join('')
}

/**
 * Validates a manifest version (`1`, `1.2`, `1.2.3` or `1.2.3.4`, numbers of up to 5 digits).
 * @param {string} input
 * @returns {string} the version, trimmed
 * @throws {ManifestError}
 */
export function parseVersion(input) {
  const text = input.trim()
  if (!VERSION.test(text)) {
    throw new ManifestError(
      `Version invalide : « ${input} ». Attendu : jusqu'à quatre nombres séparés par des points, par exemple 1.0.1.0.`,
    )
  }
  return text
}

/**
 * Turns the dev manifest into the production one.
 * @param {string} devXml content of manifest.xml
 * @param {{ baseUrl: string, version?: string | undefined }} options baseUrl as typed by the user
 *   (validated here); version replaces `<Version>` when given
 * @returns {string} the production manifest
 * @throws {ManifestError} on an invalid base URL or version, or if the dev manifest does not have
 *   the expected shape
 */
export function rewriteManifest(devXml, { baseUrl, version }) {
  const base = parseBaseUrl(baseUrl)
  if (!devXml.includes(DEV_ORIGIN)) {
    throw new ManifestError(`manifest.xml ne contient aucune URL ${DEV_ORIGIN} : rien à remplacer.`)
  }
  const declaration = /^\s*<\?xml[^?]*\?>\s*/.exec(devXml)
  let body = declaration ? devXml.slice(declaration[0].length) : devXml
  // Dev notes do not belong in the artefact: drop whole comment lines, then any inline comment.
  body = body.replace(/^[ \t]*<!--[\s\S]*?-->[ \t]*\r?\n/gm, '').replace(/<!--[\s\S]*?-->/g, '')
  body = body.split(DEV_ORIGIN).join(base)
  if (version !== undefined) {
    const wanted = parseVersion(version)
    const versionElement = /<Version>[^<]*<\/Version>/
    if (!versionElement.test(body)) {
      throw new ManifestError('manifest.xml ne contient pas d’élément <Version>.')
    }
    body = body.replace(versionElement, `<Version>${wanted}</Version>`)
  }
  if (/localhost|127\.0\.0\.1/i.test(body)) {
    throw new ManifestError(
      `manifest.xml contient encore une adresse locale qui n'est pas ${DEV_ORIGIN} : corrigez-la avant de générer le manifeste de production.`,
    )
  }
  const header = `<!-- Généré par "npm run manifest:prod" à partir de manifest.xml pour ${base}. Ne pas modifier à la main. -->\n`
  return (declaration ? declaration[0].trimEnd() + '\n' : '') + header + body
}

/**
 * Reads the dev manifest, rewrites it and writes the production manifest (creating its folder).
 * @param {{ manifestPath: string, outPath: string, baseUrl: string, version?: string | undefined }} options
 * @returns {Promise<string>} outPath
 * @throws {ManifestError}
 */
export async function writeProdManifest({ manifestPath, outPath, baseUrl, version }) {
  /** @type {string} */
  let devXml
  try {
    devXml = await readFile(manifestPath, 'utf8')
  } catch {
    throw new ManifestError(`Impossible de lire le manifeste de développement « ${manifestPath} ».`)
  }
  const prodXml = rewriteManifest(devXml, { baseUrl, version })
  await mkdir(dirname(outPath), { recursive: true })
  await writeFile(outPath, prodXml, 'utf8')
  return outPath
}

/**
 * @typedef {{ help: true } | { help: false, baseUrl: string, out: string, version: string | undefined }} CliOptions
 */

/**
 * Parses the CLI arguments (after `node scripts/manifest-prod.mjs`).
 * Accepts `--out <path>`, `--out=<path>`, `--version <v>`, `--version=<v>`, `-h`/`--help`.
 * @param {readonly string[]} argv
 * @returns {CliOptions}
 * @throws {ManifestError}
 */
export function parseCliArgs(argv) {
  /** @type {string[]} */
  const positional = []
  /** @type {string | undefined} */
  let out
  /** @type {string | undefined} */
  let version
  for (let i = 0; i < argv.length; i++) {
    const arg = /** @type {string} */ (argv[i])
    if (arg === '-h' || arg === '--help') return { help: true }
    const match = /^--(out|version)(?:=(.*))?$/.exec(arg)
    if (match) {
      const value = match[2] ?? argv[++i]
      if (value === undefined || value === '' || (match[2] === undefined && value.startsWith('--'))) {
        throw new ManifestError(`L'option --${match[1]} attend une valeur.\n${USAGE}`)
      }
      if (match[1] === 'out') out = value
      else version = parseVersion(value)
    } else if (arg.startsWith('-')) {
      throw new ManifestError(`Option inconnue : « ${arg} ».\n${USAGE}`)
    } else {
      positional.push(arg)
    }
  }
  if (positional.length === 0) {
    throw new ManifestError(`URL de production manquante.\n${USAGE}`)
  }
  if (positional.length > 1) {
    throw new ManifestError(`Une seule URL de production est attendue, reçu : ${positional.join(' ')}.\n${USAGE}`)
  }
  return { help: false, baseUrl: parseBaseUrl(/** @type {string} */ (positional[0])), out: out ?? DEFAULT_OUT, version }
}
