/**
 * A deliberated session for the document tests: the demo session's thirty fictional candidates
 * on the seed référentiel, their results computed by the rules engine, a jury, and the PV
 * snapshot built from all of it. Plus the external tools the tests read documents with
 * (poppler's pdftotext and pdftoppm, libxml2's xmllint), installed by .ci/run.
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Candidate } from '../../../shared/candidates/schema'
import { buildDemoSession } from '../../../shared/demo/demoSession'
import type { CertifierSettings } from '../../../shared/documents/certifierSettings'
import { compareWithComputation, type FinalisationCandidate, type PushedResult } from '../../../shared/documents/finalisation'
import { personLabel } from '../../../shared/documents/frenchFormat'
import type { JuryMember } from '../../../shared/documents/juryComposition'
import { parseTrueType } from '../../../shared/documents/pdf/trueType'
import type { DocumentFonts, VerificationMark } from '../../../shared/documents/pdfLayout'
import { buildPvSnapshot, type PvSnapshot } from '../../../shared/documents/pvSnapshot'
import { allCriteres, seedReferential } from '../../../shared/referential'
import type { CandidateResult } from '../../../shared/results/sessionResults'
import { compileReferentialRules, type CompiledRules } from '../../../shared/rules/compileRules'
import type { Session } from '../../../shared/sessions/schema'

export const referential = seedReferential
export const critereCodes = allCriteres(referential).map((c) => c.critere.code)

export function compiledRules(): CompiledRules {
  const compiled = compileReferentialRules(referential)
  if (!compiled.ok) throw new Error(compiled.issues.map((i) => i.message).join('\n'))
  return compiled.value
}

const demo = buildDemoSession(referential)

export const candidates: Candidate[] = demo.candidates.map((input, i) => ({
  ...input,
  id: `cand-${String(i + 1).padStart(3, '0')}`,
  sessionId: 'session-test',
  rowVersion: 1,
  status: 'enrolled',
  withdrawnAt: null,
  withdrawalReason: null,
}))

/** Stored marks by candidate id and critère code. */
export const marksByCandidate = new Map<string, Record<string, string | number | null>>(
  candidates.map((c) => [c.id, Object.fromEntries(demo.marks.filter((m) => m.schoolId === c.schoolId).map((m) => [m.critereCode, m.value]))]),
)

export function storedGrades(list: readonly Candidate[] = candidates): FinalisationCandidate[] {
  return list.map((c) => {
    const marks = marksByCandidate.get(c.id) ?? {}
    return {
      candidateId: c.id,
      label: personLabel(c),
      optionCode: c.optionCode,
      capitalisedBlocCodes: c.capitalisedBlocs.map((b) => b.blocCode),
      marks: critereCodes.map((code) => marks[code] ?? null),
      decisions: {},
    }
  })
}

export const session: Session = {
  id: 'session-test',
  referentialId: referential.id,
  name: 'Session de juillet 2026',
  campus: 'Campus de Lyon',
  startsOn: '2025-09-15',
  endsOn: '2026-06-30',
  juryDate: '2026-07-09',
  deliberationPlace: null,
  status: 'open',
  statusLabel: 'ouverte',
  pvVersion: null,
  closedAt: null,
  closedBy: null,
  rattrapageOf: null,
  version: 3,
  gridVersion: 12,
  candidateCount: candidates.length,
  withdrawnCount: 0,
  candidateListVersion: 4,
  deletable: true,
  deletionBlockers: [],
  createdAt: '2025-09-01T08:00:00.000Z',
  updatedAt: '2026-07-09T08:00:00.000Z',
}

export const jury: JuryMember[] = [
  { civility: 'Mme', name: 'Claire Dumas', quality: 'Directrice des systèmes d’information, Société Alpha', external: true, president: true },
  { civility: 'M.', name: 'Paul Nguyen', quality: 'Architecte logiciel, Société Bêta', external: true, president: false },
  { civility: 'Mme', name: 'Inès Morel', quality: 'Responsable pédagogique, École Certibloc', external: false, president: false },
]

export const settings: CertifierSettings = {
  certifierName: 'École Supérieure d’Ingénierie Numérique',
  siret: null,
  address: null,
  signatory: 'Jeanne Martin, directrice générale',
  city: 'Lyon',
  rncpCode: 'RNCP12345',
  rncpRegistrationDate: '2024-03-28',
  nsfCodes: '326',
  cdcIdClient: 'AB12CD34',
  cdcIdContrat: 'MCFCER000123',
  cdcIdEmetteur: 'AB12CD34',
}

/** The first candidate whose computed result for `blocCode` is `code`. */
export function firstWith(results: readonly CandidateResult[], blocCode: string, code: string): CandidateResult {
  const found = results.find((r) => r.blocs[blocCode]?.code === code)
  if (!found) throw new Error(`no candidate with ${blocCode} = ${code} in the demo session`)
  return found
}

export interface Deliberation {
  snapshot: PvSnapshot
  final: CandidateResult[]
}

/** Finalises the demo session with `pushed` and builds the snapshot of PV `version`. */
export function deliberate(pushed: PushedResult[] = [], version = 1, amendment: PvSnapshot['amendment'] = null): Deliberation {
  const outcome = compareWithComputation(compiledRules(), critereCodes, storedGrades(), pushed)
  if (!outcome.ok) throw new Error(outcome.differences.map((d) => d.message).join('\n'))
  const snapshot = buildPvSnapshot({
    version,
    amendment,
    certifier: {
      name: settings.certifierName!,
      rncpCode: settings.rncpCode!,
      rncpRegistrationDate: settings.rncpRegistrationDate,
      nsfCodes: settings.nsfCodes,
      city: settings.city,
      signatory: settings.signatory,
    },
    referential,
    session,
    jury,
    candidates,
    final: outcome.final,
    computed: outcome.computed,
    finalisedAt: '2026-07-09T16:30:00.000Z',
    finalisedBy: 'admin',
  })
  return { snapshot, final: outcome.final }
}

// ---------------------------------------------------------------------------------------------
// External readers

function withTempDir<T>(run: (dir: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'certibloc-doc-'))
  try {
    return run(dir)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

/** The text of a PDF as poppler's pdftotext reads it, page by page (form feed between pages). */
export function pdfText(bytes: Uint8Array): string {
  return withTempDir((dir) => {
    const file = join(dir, 'doc.pdf')
    writeFileSync(file, bytes)
    return execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' })
  })
}

/** pdftotext's text with line breaks and runs of spaces folded, to look for phrases that wrap. */
export function flatText(text: string): string {
  return text.replace(/\s+/g, ' ')
}

/** Number of pages, from poppler's pdfinfo. */
export function pdfPageCount(bytes: Uint8Array): number {
  return withTempDir((dir) => {
    const file = join(dir, 'doc.pdf')
    writeFileSync(file, bytes)
    const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' })
    return Number(/^Pages:\s+(\d+)/m.exec(info)?.[1] ?? '0')
  })
}

/** Renders page 1 to a PNG file at `target` (pdftoppm), for a person to look at. */
export function renderFirstPagePng(bytes: Uint8Array, target: string, dpi = 80): Uint8Array {
  return withTempDir((dir) => {
    const file = join(dir, 'doc.pdf')
    writeFileSync(file, bytes)
    const prefix = target.replace(/\.png$/, '')
    execFileSync('pdftoppm', ['-png', '-r', String(dpi), '-f', '1', '-l', '1', '-singlefile', file, prefix])
    return readFileSync(target)
  })
}

/** xmllint's verdict on `xml` against `xsdPath`: ok, or its error output. */
export function validateWithXsd(xml: string, xsdPath: string): { ok: boolean; output: string } {
  return withTempDir((dir) => {
    const file = join(dir, 'file.xml')
    writeFileSync(file, xml)
    try {
      execFileSync('xmllint', ['--noout', '--schema', xsdPath, file], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })
      return { ok: true, output: '' }
    } catch (error) {
      const failed = error as { stderr?: string; stdout?: string }
      return { ok: false, output: `${failed.stderr ?? ''}${failed.stdout ?? ''}` }
    }
  })
}

// ---------------------------------------------------------------------------------------------
// Fonts and verification marks the PDF renderers need

/** The fonts the Worker serves from its static assets, read from the repository. */
export function documentFonts(): DocumentFonts {
  const read = (style: string) => parseTrueType(new Uint8Array(readFileSync(join(process.cwd(), 'addin', 'public', 'fonts', `NotoSans-${style}.subset.ttf`))))
  return { regular: read('Regular'), bold: read('Bold') }
}

/** A verification mark as the Worker would print it. */
export function verificationMark(code = 'K7QF2MZX9RHC4TJVWN6BPD3A'): VerificationMark {
  return { code, url: `https://certibloc.example.fr/verifier/${code}` }
}

/** The text in content stream order (pdftotext -raw): a table cell's lines stay together. */
export function pdfRawText(bytes: Uint8Array): string {
  return withTempDir((dir) => {
    const file = join(dir, 'doc.pdf')
    writeFileSync(file, bytes)
    return execFileSync('pdftotext', ['-raw', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' })
  })
}

export interface PdfWord {
  page: number
  pageWidth: number
  pageHeight: number
  text: string
  xMin: number
  yMin: number
  xMax: number
  yMax: number
}

const unescapeXml = (text: string) =>
  text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&')

/** Every word with its bounding box, from pdftotext -bbox (y grows downwards from the page top). */
export function pdfWords(bytes: Uint8Array): PdfWord[] {
  const xhtml = withTempDir((dir) => {
    const file = join(dir, 'doc.pdf')
    writeFileSync(file, bytes)
    return execFileSync('pdftotext', ['-bbox', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 })
  })
  const words: PdfWord[] = []
  let page = 0
  let pageWidth = 0
  let pageHeight = 0
  for (const match of xhtml.matchAll(/<page width="([\d.]+)" height="([\d.]+)">|<word xMin="([\d.-]+)" yMin="([\d.-]+)" xMax="([\d.-]+)" yMax="([\d.-]+)">([^<]*)<\/word>/g)) {
    if (match[1] !== undefined) {
      page++
      pageWidth = Number(match[1])
      pageHeight = Number(match[2])
      continue
    }
    words.push({ page, pageWidth, pageHeight, text: unescapeXml(match[7] ?? ''), xMin: Number(match[3]), yMin: Number(match[4]), xMax: Number(match[5]), yMax: Number(match[6]) })
  }
  return words
}

/** Renders every page to PNG files `<prefix>-<n>.png` (pdftoppm), for a person to look at. */
export function renderPagesPng(bytes: Uint8Array, prefix: string, dpi = 70): void {
  withTempDir((dir) => {
    const file = join(dir, 'doc.pdf')
    writeFileSync(file, bytes)
    execFileSync('pdftoppm', ['-png', '-r', String(dpi), file, prefix])
  })
}

/** Decodes the QR codes of page 1 rendered at 150 dpi (zbarimg), one text per code. */
export function decodeQrCodes(bytes: Uint8Array): string[] {
  return withTempDir((dir) => {
    const file = join(dir, 'doc.pdf')
    writeFileSync(file, bytes)
    execFileSync('pdftoppm', ['-png', '-r', '150', '-f', '1', '-l', '1', '-singlefile', file, join(dir, 'page')])
    const out = execFileSync('zbarimg', ['-q', '--raw', join(dir, 'page.png')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })
    return out.split('\n').filter((line) => line !== '')
  })
}
