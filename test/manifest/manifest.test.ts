/**
 * The Office add-in manifest, checked offline.
 *
 * Schema validity is checked with xmllint (Debian package libxml2-utils) against the Office XSDs
 * vendored in test/manifest/schemas (origin in the README there). The other checks cover what
 * the XSD cannot see: resource cross-references, https everywhere, icons that exist at the right
 * size, and the production manifest writer (scripts/lib/manifest.mjs, scripts/manifest-prod.mjs).
 */
import { execFile } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { crc32, inflateSync } from 'node:zlib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  DEFAULT_OUT,
  DEV_ORIGIN,
  ManifestError,
  parseBaseUrl,
  parseCliArgs,
  rewriteManifest,
  writeProdManifest,
} from '../../scripts/lib/manifest.mjs'

const root = fileURLToPath(new URL('../..', import.meta.url))
const schemaPath = join(root, 'test/manifest/schemas/OfficeAppManifestV1_1.xsd')
const manifestPath = join(root, 'manifest.xml')
const publicDir = join(root, 'addin', 'public')
const PROD_BASE = 'https://certibloc.example.fr'
/** Origins outside the add-in that the manifest may name (AppDomains). */
const EXTERNAL_ORIGINS = ['https://login.microsoftonline.com']

let devXml = ''
let tempDir = ''

beforeAll(async () => {
  devXml = await readFile(manifestPath, 'utf8')
  tempDir = await mkdtemp(join(tmpdir(), 'certibloc-manifest-'))
})

afterAll(async () => {
  if (tempDir) await rm(tempDir, { recursive: true, force: true })
})

// ---------------------------------------------------------------------------------------------
// Helpers

interface ProcessResult {
  code: number
  stdout: string
  stderr: string
}

/** Runs a program without a shell; resolves with its exit code (never rejects on a non-zero exit). */
function run(file: string, args: readonly string[]): Promise<ProcessResult> {
  return new Promise((resolvePromise, reject) => {
    execFile(file, [...args], { cwd: root }, (error, stdout, stderr) => {
      if (error && (error as NodeJS.ErrnoException).code === 'ENOENT') {
        reject(new Error(`${file} not found: install it (Debian: apt-get install -y libxml2-utils for xmllint)`))
        return
      }
      const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0
      resolvePromise({ code, stdout, stderr })
    })
  })
}

/** Schema-validates one file with xmllint, never touching the network. */
function xmllint(file: string): Promise<ProcessResult> {
  return run('xmllint', ['--noout', '--nonet', '--schema', schemaPath, file])
}

let tempCount = 0
/** Writes xml to a fresh file in the temp dir and returns its path. */
async function tempFile(xml: string, name = `manifest-${++tempCount}.xml`): Promise<string> {
  const file = join(tempDir, name)
  await writeFile(file, xml, 'utf8')
  return file
}

/** Applies one edit to the manifest, failing loudly if the edit does not match (stale test). */
function mutate(xml: string, pattern: string | RegExp, replacement: string): string {
  const out = xml.replace(pattern, replacement)
  expect(out, `pattern ${String(pattern)} no longer matches manifest.xml`).not.toBe(xml)
  return out
}

function withoutComments(xml: string): string {
  return xml.replace(/<!--[\s\S]*?-->/g, '')
}

type ResourceKind = 'Images' | 'Urls' | 'ShortStrings' | 'LongStrings'
const RESOURCE_KINDS: readonly ResourceKind[] = ['Images', 'Urls', 'ShortStrings', 'LongStrings']

/** Resources of the manifest: id → { kind, value }. Fails on duplicate ids. */
function resources(xml: string): Map<string, { kind: ResourceKind; value: string }> {
  const section = /<Resources>([\s\S]*?)<\/Resources>/.exec(withoutComments(xml))?.[1] ?? ''
  const map = new Map<string, { kind: ResourceKind; value: string }>()
  for (const kind of RESOURCE_KINDS) {
    const block = new RegExp(`<bt:${kind}>([\\s\\S]*?)</bt:${kind}>`).exec(section)?.[1] ?? ''
    for (const match of block.matchAll(/<bt:\w+\s+id="([^"]+)"\s+DefaultValue="([^"]*)"/g)) {
      const [, id = '', value = ''] = match
      expect(map.has(id), `resource id ${id} defined twice`).toBe(false)
      map.set(id, { kind, value })
    }
  }
  return map
}

/** Every resid reference: the element that holds it (without prefix), its resid and size if any. */
function resids(xml: string): { element: string; resid: string; size?: number }[] {
  return [...withoutComments(xml).matchAll(/<(?:\w+:)?(\w+)\b([^>]*)\bresid="([^"]+)"([^>]*)>/g)].map((m) => {
    const attributes = `${m[2] ?? ''} ${m[4] ?? ''}`
    const size = /\bsize="(\d+)"/.exec(attributes)?.[1]
    return { element: m[1] ?? '', resid: m[3] ?? '', ...(size ? { size: Number(size) } : {}) }
  })
}

/** Which kind of resource each resid-bearing element must point at (from the XSD types). */
const KIND_OF_ELEMENT: Record<string, ResourceKind> = {
  Image: 'Images',
  SourceLocation: 'Urls',
  FunctionFile: 'Urls',
  LearnMoreUrl: 'Urls',
  Label: 'ShortStrings',
  Title: 'ShortStrings',
  Description: 'LongStrings',
}

/** Value of the DefaultValue attribute of a top-level element such as IconUrl. */
function defaultValueOf(xml: string, element: string): string {
  const value = new RegExp(`<${element}\\s+DefaultValue="([^"]*)"`).exec(withoutComments(xml))?.[1]
  expect(value, `<${element} DefaultValue> missing`).toBeDefined()
  return value ?? ''
}

/** Every URL the manifest hands to Office: DefaultValue of URL elements and resources, AppDomains. */
function urls(xml: string): string[] {
  const body = withoutComments(xml)
  const found: string[] = []
  for (const m of body.matchAll(/<(?:\w+:)?(IconUrl|HighResolutionIconUrl|SupportUrl|SourceLocation|Image|Url)\b[^>]*\bDefaultValue="([^"]*)"/g)) {
    found.push(m[2] ?? '')
  }
  for (const m of body.matchAll(/<AppDomain>([^<]*)<\/AppDomain>/g)) found.push((m[1] ?? '').trim())
  return found
}

interface Png {
  width: number
  height: number
  bitDepth: number
  colourType: number
  /** Straight RGBA, rows from the top (only for 8-bit RGBA, non-interlaced). */
  rgba: Uint8Array
}

/** Reads a PNG file: checks signature and chunk CRCs, decodes 8-bit RGBA pixel data. */
async function readPng(file: string): Promise<Png> {
  const bytes = await readFile(file)
  expect([...bytes.subarray(0, 8)], `${file} is not a PNG`).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
  let offset = 8
  let ihdr: Buffer | undefined
  const idat: Buffer[] = []
  while (offset < bytes.length) {
    const length = bytes.readUInt32BE(offset)
    const type = bytes.toString('ascii', offset + 4, offset + 8)
    const data = bytes.subarray(offset + 8, offset + 8 + length)
    expect(bytes.readUInt32BE(offset + 8 + length), `${file}: bad CRC on ${type}`).toBe(
      crc32(bytes.subarray(offset + 4, offset + 8 + length)),
    )
    if (type === 'IHDR') ihdr = data
    if (type === 'IDAT') idat.push(data)
    offset += 12 + length
    if (type === 'IEND') break
  }
  if (!ihdr) throw new Error(`${file}: no IHDR chunk`)
  const png: Png = {
    width: ihdr.readUInt32BE(0),
    height: ihdr.readUInt32BE(4),
    bitDepth: ihdr[8] ?? 0,
    colourType: ihdr[9] ?? 0,
    rgba: new Uint8Array(0),
  }
  if (png.bitDepth !== 8 || png.colourType !== 6 || ihdr[12] !== 0) return png
  // Undo the per-row filters (PNG spec, section 9) to get the pixels.
  const raw = inflateSync(Buffer.concat(idat))
  const stride = png.width * 4
  const out = new Uint8Array(stride * png.height)
  for (let y = 0; y < png.height; y++) {
    const filter = raw[y * (stride + 1)]
    for (let x = 0; x < stride; x++) {
      const value = raw[y * (stride + 1) + 1 + x] ?? 0
      const a = x >= 4 ? (out[y * stride + x - 4] ?? 0) : 0
      const b = y > 0 ? (out[(y - 1) * stride + x] ?? 0) : 0
      const c = x >= 4 && y > 0 ? (out[(y - 1) * stride + x - 4] ?? 0) : 0
      let predictor = 0
      if (filter === 1) predictor = a
      else if (filter === 2) predictor = b
      else if (filter === 3) predictor = (a + b) >> 1
      else if (filter === 4) {
        const p = a + b - c
        const [pa, pb, pc] = [Math.abs(p - a), Math.abs(p - b), Math.abs(p - c)]
        predictor = pa <= pb && pa <= pc ? a : pb <= pc ? b : c
      }
      out[y * stride + x] = (value + predictor) & 0xff
    }
  }
  png.rgba = out
  return png
}

function alphaAt(png: Png, x: number, y: number): number {
  return png.rgba[(y * png.width + x) * 4 + 3] ?? -1
}

/** Maps a dev icon URL to its file under addin/public (Vite copies that folder to dist/). */
function iconFile(url: string): string {
  expect(url.startsWith(`${DEV_ORIGIN}/assets/`), `${url} is not served from ${DEV_ORIGIN}/assets/`).toBe(true)
  return join(publicDir, new URL(url).pathname)
}

// ---------------------------------------------------------------------------------------------

describe('manifest.xml', () => {
  it('is valid against the Office add-in XSDs (xmllint, offline)', async () => {
    const result = await xmllint(manifestPath)
    expect(result.stderr).toContain('validates')
    expect(result.code).toBe(0)
  })

  it('declares Certibloc as an Excel task-pane add-in with a fixed GUID, ExcelApi 1.9 and ReadWriteDocument', () => {
    const xml = withoutComments(devXml)
    expect(xml).toMatch(/<OfficeApp\b[^>]*xsi:type="TaskPaneApp"/)
    expect(xml).toMatch(/<Id>[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}<\/Id>/)
    expect(xml).toContain('<Version>1.0.0.0</Version>')
    expect(xml).toContain('<ProviderName>Certibloc</ProviderName>')
    expect(xml).toContain('<DefaultLocale>fr-FR</DefaultLocale>')
    expect(defaultValueOf(xml, 'DisplayName')).toBe('Certibloc')
    expect(xml).toMatch(/<Hosts>\s*<Host Name="Workbook"\/>\s*<\/Hosts>/)
    expect(xml).toMatch(/<Set Name="ExcelApi" MinVersion="1\.9"\/>/)
    expect(xml).toContain('<Permissions>ReadWriteDocument</Permissions>')
    expect(defaultValueOf(xml, 'SourceLocation')).toBe(`${DEV_ORIGIN}/taskpane.html`)
  })

  it('puts an "Ouvrir Certibloc" button in its own group on the Home tab that shows the task pane', () => {
    const xml = withoutComments(devXml)
    const strings = resources(xml)
    const tab = /<OfficeTab id="TabHome">([\s\S]*?)<\/OfficeTab>/.exec(xml)?.[1] ?? ''
    expect(tab.match(/<Group\b/g)).toHaveLength(1)
    const button = /<Control xsi:type="Button"[^>]*>([\s\S]*?)<\/Control>/.exec(tab)?.[1] ?? ''
    const label = /<Label resid="([^"]+)"/.exec(button)?.[1] ?? ''
    expect(strings.get(label)?.value).toBe('Ouvrir Certibloc')
    expect(button).toMatch(/<Action xsi:type="ShowTaskpane">\s*<TaskpaneId>[^<]+<\/TaskpaneId>\s*<SourceLocation resid="([^"]+)"\/>/)
    const source = /<Action[\s\S]*<SourceLocation resid="([^"]+)"/.exec(button)?.[1] ?? ''
    expect(strings.get(source)?.value).toBe(`${DEV_ORIGIN}/taskpane.html`)
    const functionFile = /<FunctionFile resid="([^"]+)"/.exec(xml)?.[1] ?? ''
    expect(strings.get(functionFile)?.value).toBe(`${DEV_ORIGIN}/commands.html`)
  })

  it('defines every resid it uses, with the right kind of resource, and uses every resource it defines', () => {
    const defined = resources(devXml)
    const used = resids(devXml)
    expect(used.length).toBeGreaterThan(0)
    for (const { element, resid } of used) {
      expect(defined.has(resid), `<${element} resid="${resid}"> has no resource`).toBe(true)
      const kind = KIND_OF_ELEMENT[element]
      expect(kind, `unexpected resid-bearing element <${element}>`).toBeDefined()
      expect(defined.get(resid)?.kind, `<${element} resid="${resid}">`).toBe(kind)
    }
    const usedIds = new Set(used.map((ref) => ref.resid))
    expect([...defined.keys()].filter((id) => !usedIds.has(id)), 'unused resources').toEqual([])
  })

  it('uses only https URLs, all on the dev origin except the listed external domains', () => {
    const all = urls(devXml)
    expect(all.length).toBeGreaterThan(0)
    for (const url of all) {
      expect(new URL(url).protocol, url).toBe('https:')
      const origin = new URL(url).origin
      expect(origin === DEV_ORIGIN || EXTERNAL_ORIGINS.includes(origin), `${url}: unexpected origin`).toBe(true)
    }
    // Nothing else slips through: apart from namespace names, no scheme other than https appears.
    const body = withoutComments(devXml).replace(/\sxmlns(?::\w+)?="[^"]*"/g, '')
    expect(body.match(/\b(?!https:\/\/)[a-z][a-z0-9+.-]*:\/\/[^"<\s]*/gi) ?? []).toEqual([])
  })

  it('points every icon URL at an existing square RGBA PNG of the declared size under addin/public', async () => {
    const expected: { url: string; size: number }[] = [
      { url: defaultValueOf(devXml, 'IconUrl'), size: 32 },
      { url: defaultValueOf(devXml, 'HighResolutionIconUrl'), size: 64 },
    ]
    const defined = resources(devXml)
    for (const ref of resids(devXml).filter((r) => r.element === 'Image')) {
      expect(ref.size, `<bt:Image resid="${ref.resid}"> has no size`).toBeDefined()
      expect(defined.get(ref.resid)?.kind).toBe('Images')
      expected.push({ url: defined.get(ref.resid)?.value ?? '', size: ref.size ?? 0 })
    }
    expect(new Set(expected.map((e) => e.size))).toEqual(new Set([16, 32, 64, 80]))
    for (const { url, size } of expected) {
      const file = iconFile(url)
      expect(existsSync(file), `${url} → ${file} missing (run node scripts/generate-icons.mjs)`).toBe(true)
      const png = await readPng(file)
      expect({ url, width: png.width, height: png.height }).toEqual({ url, width: size, height: size })
      expect({ url, bitDepth: png.bitDepth, colourType: png.colourType }).toEqual({ url, bitDepth: 8, colourType: 6 })
    }
  })

  it('ships icons at 16, 32, 64, 80 and 128 px with transparent corners and an opaque centre', async () => {
    for (const size of [16, 32, 64, 80, 128]) {
      const png = await readPng(join(publicDir, 'assets', `icon-${size}.png`))
      expect([png.width, png.height]).toEqual([size, size])
      expect(alphaAt(png, 0, 0), `icon-${size} top-left corner`).toBe(0)
      expect(alphaAt(png, size - 1, size - 1), `icon-${size} bottom-right corner`).toBe(0)
      expect(alphaAt(png, size >> 1, size >> 1), `icon-${size} centre`).toBe(255)
    }
  })
})

describe('the schema check rejects broken manifests', () => {
  const variants: [string, (xml: string) => string][] = [
    ['without <Id>', (xml) => mutate(xml, /\s*<Id>[^<]*<\/Id>/, '')],
    ['with an <Id> that is not a GUID', (xml) => mutate(xml, /<Id>[^<]*<\/Id>/, '<Id>certibloc</Id>')],
    ['with an unknown element', (xml) => mutate(xml, '<DisplayName ', '<Slogan>Notez vite</Slogan>\n  <DisplayName ')],
    ['with a wrong <Permissions> value', (xml) => mutate(xml, 'ReadWriteDocument', 'ReadWriteWorkbook')],
    [
      'with <Permissions> before <DefaultSettings> (out of order)',
      (xml) => {
        const permissions = /\s*<Permissions>[^<]*<\/Permissions>/.exec(xml)?.[0] ?? '<missing/>'
        return mutate(mutate(xml, permissions, ''), /(\s*<DefaultSettings>)/, `${permissions}$1`)
      },
    ],
    [
      'with <Description> before <DisplayName> (out of order)',
      (xml) => mutate(xml, /(<DisplayName [^>]*\/>)(\s*)(<Description [^>]*\/>)/, '$3$2$1'),
    ],
    ['with a ribbon button without <Supertip>', (xml) => mutate(xml, /\s*<Supertip>[\s\S]*?<\/Supertip>/, '')],
  ]

  it.each(variants)('a manifest %s fails to validate', async (_name, edit) => {
    const result = await xmllint(await tempFile(edit(devXml)))
    expect(result.code).not.toBe(0)
    expect(result.stderr).toContain('fails to validate')
  })
})

describe('production manifest (scripts/lib/manifest.mjs)', () => {
  it(`writes a valid manifest for ${PROD_BASE} with no localhost and the same Id and Version`, async () => {
    const outPath = join(tempDir, 'prod', 'manifest.prod.xml')
    await expect(writeProdManifest({ manifestPath, outPath, baseUrl: PROD_BASE })).resolves.toBe(outPath)
    const prodXml = await readFile(outPath, 'utf8')

    const result = await xmllint(outPath)
    expect(result.stderr).toContain('validates')
    expect(result.code).toBe(0)

    expect(prodXml).not.toMatch(/localhost/i)
    for (const url of urls(prodXml)) {
      expect(url.startsWith(`${PROD_BASE}/`) || EXTERNAL_ORIGINS.includes(url), url).toBe(true)
    }
    expect(defaultValueOf(prodXml, 'SourceLocation')).toBe(`${PROD_BASE}/taskpane.html`)
    expect(/<Id>([^<]+)<\/Id>/.exec(prodXml)?.[1]).toBe(/<Id>([^<]+)<\/Id>/.exec(devXml)?.[1])
    expect(/<Version>([^<]+)<\/Version>/.exec(prodXml)?.[1]).toBe('1.0.0.0')
    // Same resources, only the origin differs.
    const dev = resources(devXml)
    const prod = resources(prodXml)
    expect([...prod.keys()]).toEqual([...dev.keys()])
    for (const [id, { value }] of dev) expect(prod.get(id)?.value).toBe(value.split(DEV_ORIGIN).join(PROD_BASE))
  })

  it('keeps an optional base path and drops a trailing slash', async () => {
    const prodXml = rewriteManifest(devXml, { baseUrl: 'https://ecole.example.fr/outils/certibloc/' })
    expect(defaultValueOf(prodXml, 'SourceLocation')).toBe('https://ecole.example.fr/outils/certibloc/taskpane.html')
    expect(defaultValueOf(prodXml, 'IconUrl')).toBe('https://ecole.example.fr/outils/certibloc/assets/icon-32.png')
    const result = await xmllint(await tempFile(prodXml))
    expect(result.code).toBe(0)
  })

  it('sets <Version> only when a version is given', () => {
    const prodXml = rewriteManifest(devXml, { baseUrl: PROD_BASE, version: '1.2.0.0' })
    expect(prodXml).toContain('<Version>1.2.0.0</Version>')
    expect(prodXml.match(/<Version>/g)).toHaveLength(1)
    expect(() => rewriteManifest(devXml, { baseUrl: PROD_BASE, version: 'v2' })).toThrow(ManifestError)
  })

  it('normalises accepted base URLs', () => {
    expect(parseBaseUrl('https://certibloc.mon-ecole.fr')).toBe('https://certibloc.mon-ecole.fr')
    expect(parseBaseUrl('  https://Certibloc.Mon-Ecole.fr/ ')).toBe('https://certibloc.mon-ecole.fr')
    expect(parseBaseUrl('https://ecole.fr:8443/certibloc')).toBe('https://ecole.fr:8443/certibloc')
    expect(parseBaseUrl('https://ecole.fr:443/a/b/')).toBe('https://ecole.fr/a/b')
  })

  it.each([
    ['http://certibloc.example.fr', /https/],
    ['garbage', /invalide/],
    ['', /manquante/],
    ['https://', /invalide/],
    ['ftp://certibloc.example.fr', /https/],
    ['https://certibloc.example.fr/?ecole=1', /paramètres/],
    ['https://certibloc.example.fr/#aide', /ancre/],
    ['https://admin:secret@certibloc.example.fr', /identifiants/],
    ['https://localhost:8787', /machine locale/],
    ['https://certibloc', /nom de domaine complet/],
    ['https://certibloc.example.fr/a b', /chemin/],
  ])('rejects the base URL %j with a French message', (input, message) => {
    expect(() => parseBaseUrl(input)).toThrow(ManifestError)
    expect(() => parseBaseUrl(input)).toThrow(message)
    expect(() => rewriteManifest(devXml, { baseUrl: input })).toThrow(ManifestError)
  })

  it('parses the CLI arguments', () => {
    expect(parseCliArgs([PROD_BASE])).toEqual({ help: false, baseUrl: PROD_BASE, out: DEFAULT_OUT, version: undefined })
    expect(parseCliArgs([PROD_BASE, '--out', 'x/m.xml', '--version=1.1.0.0'])).toEqual({
      help: false,
      baseUrl: PROD_BASE,
      out: 'x/m.xml',
      version: '1.1.0.0',
    })
    expect(parseCliArgs(['--help'])).toEqual({ help: true })
    expect(() => parseCliArgs([])).toThrow(/manquante/)
    expect(() => parseCliArgs([PROD_BASE, '--out'])).toThrow(/attend une valeur/)
    expect(() => parseCliArgs([PROD_BASE, '--force'])).toThrow(/Option inconnue/)
    expect(() => parseCliArgs([PROD_BASE, PROD_BASE])).toThrow(/Une seule URL/)
  })
})

describe('npm run manifest:prod (scripts/manifest-prod.mjs)', () => {
  const cli = join(root, 'scripts', 'manifest-prod.mjs')

  it('writes the file given by --out and prints its path', async () => {
    const outPath = join(tempDir, 'cli', 'manifest.xml')
    const result = await run(process.execPath, [cli, PROD_BASE, '--out', outPath, '--version', '1.0.1.0'])
    expect(result.stderr).toBe('')
    expect(result.code).toBe(0)
    expect(result.stdout.trim()).toBe(outPath)
    const prodXml = await readFile(outPath, 'utf8')
    expect(prodXml).toContain('<Version>1.0.1.0</Version>')
    expect(prodXml).not.toMatch(/localhost/i)
  })

  it.each([{ args: ['http://certibloc.example.fr'] }, { args: ['pas-une-url'] }, { args: [] }])(
    'exits with code 1 and a French message for arguments $args',
    async ({ args }: { args: string[] }) => {
      const outPath = join(tempDir, 'cli', 'rejected.xml')
      const result = await run(process.execPath, [cli, ...args, '--out', outPath])
      expect(result.code).toBe(1)
      expect(result.stderr).toMatch(/^manifest:prod : (URL de production|Usage)/)
      expect(existsSync(outPath)).toBe(false)
    },
  )
})
