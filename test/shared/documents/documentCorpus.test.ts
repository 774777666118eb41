/**
 * The documents with real-world identities and reasons (issue 17): every name printed in full and
 * exactly as typed, every reason in full, nothing outside the page, no ellipsis, the signature
 * heading never alone at a page bottom, and the QR code giving the verification address.
 * Pages are rendered to test/artifacts/corpus-*.png for a person to look at.
 */
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { attestedBlocs, identityDetails, renderAttestationPdf, renderAttestationsPdf } from '../../../shared/documents/attestationPdf'
import { holderName, tableIdentity } from '../../../shared/documents/printedIdentity'
import { renderPvPdf } from '../../../shared/documents/pvPdf'
import { pvContentHash, type PvCandidate, type PvSnapshot } from '../../../shared/documents/pvSnapshot'
import {
  decodeQrCodes,
  deliberate,
  documentFonts,
  pdfPageCount,
  pdfRawText,
  pdfWords,
  renderPagesPng,
  verificationMark,
  type PdfWord,
} from './fixtures'

const ARTIFACTS = join(process.cwd(), 'test', 'artifacts')

interface HardIdentity {
  birthName: string
  usageName: string | null
  firstNames: string[]
  sex: 'M' | 'F' | null
}

/** At least 20 identities a French certifier meets, each hard in its own way. */
export const HARD_IDENTITIES: HardIdentity[] = [
  { birthName: 'de La Rochefoucauld-Montmorency-Laval-Saint-Simon de Rohan-Chabot d’Orléans', usageName: null, firstNames: ['Marie-Thérèse', 'Anne', 'Joséphine'], sex: 'F' },
  { birthName: 'de La Tour d’Auvergne-Lauraguais de Bouillon-Turenne de Polignac', usageName: 'Wójcik-Skłodowska', firstNames: ['Hélène', 'Maria', 'Ludwika'], sex: 'F' },
  { birthName: 'Łukasiewicz', usageName: null, firstNames: ['Łucja', 'Zofia'], sex: 'F' },
  { birthName: 'Nguyễn', usageName: null, firstNames: ['Thị', 'Minh', 'Khai'], sex: 'F' },
  { birthName: 'Østergård', usageName: null, firstNames: ['Søren', 'Bjørn'], sex: 'M' },
  { birthName: 'Weiß', usageName: null, firstNames: ['Jürgen', 'Hans-Peter', 'Björn'], sex: 'M' },
  { birthName: 'Muñoz Ñáñez', usageName: null, firstNames: ['José', 'María'], sex: null },
  { birthName: 'Cœurdevey', usageName: null, firstNames: ['Bénédicte', 'Œnone'], sex: 'F' },
  { birthName: 'Erdős', usageName: null, firstNames: ['Pál', 'Ödön'], sex: 'M' },
  { birthName: 'Țăranu-Ștefănescu', usageName: null, firstNames: ['Gheorghiță', 'Ionuț', 'Dănuș'], sex: 'M' },
  { birthName: 'Kowalczyk-Gąsiorowska-Ręczkowska', usageName: null, firstNames: ['Agnieszka', 'Bożena'], sex: 'F' },
  { birthName: "O'Connor", usageName: 'D’Alembert', firstNames: ['Seán', 'Pádraig'], sex: 'M' },
  { birthName: 'N’Diaye', usageName: null, firstNames: ['Aïssatou'], sex: 'F' },
  { birthName: 'Y', usageName: null, firstNames: ['A'], sex: null },
  { birthName: '=Dupont', usageName: null, firstNames: ['Zoé'], sex: 'F' },
  { birthName: 'Gruffydd ap Llywelyn ab Iorwerth ap Cynan ap Owain Gwynedd ap Rhodri', usageName: null, firstNames: ['Dafydd', 'Rhys', 'Owain'], sex: 'M' },
  { birthName: 'van der Heijden-van den Berg-van Oldenbarnevelt tot Nijenrode', usageName: null, firstNames: ['Pieter', 'Jan', 'Willem'], sex: 'M' },
  { birthName: 'Dvořák', usageName: null, firstNames: ['Antonín', 'Leoš'], sex: 'M' },
  { birthName: 'Şahin-Yılmaz', usageName: 'Doğan', firstNames: ['Ayşe', 'Gül'], sex: 'F' },
  { birthName: 'Ruiz-Picasso y Blasco de la Santísima Trinidad', usageName: null, firstNames: ['Pablo', 'Diego', 'José Francisco de Paula'], sex: 'M' },
  { birthName: 'Lefèvre', usageName: 'Lefèvre-Dubois-Châteaubriand de Saint-Exupéry', firstNames: ['Élodie'], sex: 'F' },
  { birthName: 'Þórsdóttir', usageName: null, firstNames: ['Guðrún', 'Ásta'], sex: null },
]

/** Reasons of 400+ characters, with line breaks, euros, quotes. */
const REASONS = [
  'Le jury relève la qualité exceptionnelle du mémoire « Gouvernance des données dans une PME industrielle », soutenu devant un client réel.\nLa candidate a piloté un budget de 12 500 € et une équipe de quatre personnes ; le livrable a été mis en production.\nL’épreuve écrite, notée 8,5/20, a été passée dans des conditions dégradées (panne électrique attestée par le centre d’examen). Le jury considère que les compétences C1.1 à C1.4 sont démontrées par ailleurs et valide le bloc.',
  "Décision motivée : l'entreprise d'accueil a confié au candidat la refonte complète de son système d'information, pour un montant de plus de 500 000 €.\n\nLe rapport de stage, les « retours clients » et l'attestation du tuteur (« autonomie remarquable, rigueur ») établissent la maîtrise des compétences évaluées, malgré une note de soutenance de 9/20 due à un incident technique indépendant de sa volonté.\nLe jury valide le bloc à l'unanimité de ses membres présents.",
  'Après délibération, et au vu du dossier complet (“portfolio” de 42 pages, trois recommandations écrites, audit de sécurité remis au RSSI le 3 mars), le jury estime que l’écart de 0,25 point sous le seuil de 10/20 ne reflète pas le niveau réel.\nIl valide le bloc, en rappelant que la compensation n’est pas automatique : elle résulte d’un examen individuel, consigné ici, de l’ensemble des éléments produits par le candidat au cours de l’année de formation et de l’alternance.',
]

function squash(text: string): string {
  return text.normalize('NFC').replace(/\s+/g, '')
}

/** The demo snapshot with the corpus identities and, for some, a jury decision and its long reason. */
function corpusSnapshot(count = HARD_IDENTITIES.length): PvSnapshot {
  const { snapshot } = deliberate()
  const candidates: PvCandidate[] = HARD_IDENTITIES.slice(0, count).map((identity, i) => {
    const model = snapshot.candidates[i % snapshot.candidates.length]!
    const reason = i % 2 === 0 ? REASONS[(i / 2) % REASONS.length]! : null
    const blocs = { ...model.blocs }
    if (reason !== null && blocs.BC01) blocs.BC01 = { ...blocs.BC01, code: 'ADJ', computedCode: 'AJ', override: 'ADJ', reason }
    return {
      ...model,
      ...identity,
      candidateId: `corpus-${i + 1}`,
      schoolId: `C-${String(i + 1).padStart(3, '0')}`,
      blocs,
      observations: reason !== null ? [`BC01 : ADJ par décision du jury (calcul : AJ) — ${reason}`, ...model.observations] : model.observations,
    }
  })
  return { ...snapshot, candidates }
}

function wordsOutside(words: readonly PdfWord[], margin = 10): PdfWord[] {
  return words.filter((w) => w.xMin < margin || w.yMin < margin || w.xMax > w.pageWidth - margin || w.yMax > w.pageHeight - margin)
}

const snapshot = corpusSnapshot()
const hash = await pvContentHash(snapshot)
const fonts = documentFonts()
mkdirSync(ARTIFACTS, { recursive: true })

describe('the PV with the hard identities', async () => {
  const bytes = await renderPvPdf(snapshot, hash, verificationMark(), fonts)
  const raw = pdfRawText(bytes)
  renderPagesPng(bytes, join(ARTIFACTS, 'corpus-pv'))

  it('has at least 20 identities, with long particles, three first names, a one-letter name and one starting with « = »', () => {
    expect(HARD_IDENTITIES.length).toBeGreaterThanOrEqual(20)
    expect(HARD_IDENTITIES.some((p) => p.birthName.length >= 60 && /\bde La\b|\bvan der\b/.test(p.birthName))).toBe(true)
    expect(HARD_IDENTITIES.some((p) => p.firstNames.length === 3)).toBe(true)
    expect(HARD_IDENTITIES.some((p) => p.birthName.length === 1)).toBe(true)
    expect(HARD_IDENTITIES.some((p) => p.birthName.startsWith('='))).toBe(true)
    const all = HARD_IDENTITIES.map((p) => `${p.birthName} ${p.usageName ?? ''} ${p.firstNames.join(' ')}`).join(' ')
    for (const ch of ['Ł', 'ó', 'ø', 'ß', 'Ñ', 'œ', 'ő', 'ș', 'ț', 'ą', 'ę', "'", '’']) expect(all).toContain(ch)
    expect(REASONS.every((r) => r.length >= 400 && r.includes('\n'))).toBe(true)
  })

  it('prints every identity in full, every character as typed: usage name, birth name, all first names', () => {
    const text = squash(raw)
    for (const candidate of snapshot.candidates) {
      expect(text).toContain(squash(tableIdentity(candidate)))
      for (const name of [candidate.birthName, candidate.usageName ?? '', ...candidate.firstNames]) expect(text).toContain(squash(name))
    }
  })

  it('prints every reason in full (line breaks joined)', () => {
    const text = squash(raw)
    for (const reason of REASONS) expect(text).toContain(squash(reason))
  })

  it('has no ellipsis anywhere and no word outside the page less a 10 pt margin', () => {
    expect(raw).not.toContain('…')
    const words = pdfWords(bytes)
    expect(words.length).toBeGreaterThan(500)
    expect(wordsOutside(words)).toEqual([])
  })

  it('repeats the table header on every page the table continues on', () => {
    const pages = raw.split('\f').filter((page) => page.trim() !== '')
    expect(pages.length).toBeGreaterThan(1)
    for (const page of pages.slice(1)) if (page.includes('suite du tableau des candidats')) expect(page).toContain('Nom et prénoms')
  })

  it('carries a QR code that decodes to the verification address', () => {
    expect(decodeQrCodes(bytes)).toEqual([verificationMark().url])
  }, 30_000)
})

describe('the attestations of the hard identities', async () => {
  const holders = snapshot.candidates.filter((c) => attestedBlocs(snapshot, c).length > 0)

  it('print the holder in full, as typed, with the birth name, inside the page, without ellipsis, one by one', async () => {
    expect(holders.length).toBeGreaterThanOrEqual(15)
    for (const [i, candidate] of holders.entries()) {
      const bytes = await renderAttestationPdf(snapshot, { candidate, verification: verificationMark() }, hash, { rncpRegistrationDate: '2024-03-28' }, fonts)
      const raw = pdfRawText(bytes)
      const text = squash(raw)
      expect(text).toContain(squash(holderName(candidate)))
      expect(text).toContain(squash(identityDetails(candidate)))
      for (const name of [candidate.birthName, candidate.usageName ?? '', ...candidate.firstNames]) expect(text).toContain(squash(name))
      expect(raw).not.toContain('…')
      expect(wordsOutside(pdfWords(bytes))).toEqual([])
      if (i < 3) renderPagesPng(bytes, join(ARTIFACTS, `corpus-attestation-${i + 1}`))
    }
  }, 60_000)

  it('come all in one PDF, in the PV’s order, each on its own pages', async () => {
    const inputs = holders.map((candidate, i) => ({ candidate, verification: verificationMark(`K7QF2MZX9RHC4TJVWN6BP${String(i).padStart(3, '0')}`) }))
    const bytes = await renderAttestationsPdf(snapshot, inputs, hash, { rncpRegistrationDate: '2024-03-28' }, fonts)
    expect(pdfPageCount(bytes)).toBeGreaterThanOrEqual(holders.length)
    const text = squash(pdfRawText(bytes))
    let from = 0
    for (const candidate of holders) {
      const at = text.indexOf(squash(holderName(candidate)), from)
      expect(at).toBeGreaterThanOrEqual(from)
      from = at
    }
    expect(wordsOutside(pdfWords(bytes))).toEqual([])
  }, 30_000)

  it('carry a QR code that decodes to their verification address', async () => {
    const candidate = holders[0]!
    const mark = verificationMark('0123456789ABCDEFGHJKMNPQ')
    const bytes = await renderAttestationPdf(snapshot, { candidate, verification: mark }, hash, { rncpRegistrationDate: '2024-03-28' }, fonts)
    expect(decodeQrCodes(bytes)).toEqual([mark.url])
  }, 30_000)
})

describe('a row taller than a page', () => {
  it('is split across pages under the repeated header, every word kept, nothing outside the page', async () => {
    const huge = Array.from({ length: 14 }, (_, i) => `${REASONS[i % REASONS.length]!} (partie ${i + 1})`).join('\n')
    const base = corpusSnapshot(3)
    const [first, ...rest] = base.candidates
    const tall = { ...base, candidates: [{ ...first!, observations: [`BC01 : ADJ par décision du jury (calcul : AJ) — ${huge}`] }, ...rest] }
    const bytes = await renderPvPdf(tall, hash, verificationMark(), fonts)
    const raw = pdfRawText(bytes)
    expect(huge.length).toBeGreaterThan(6000)
    // The reason runs on over several pages: the page furniture between its parts is set aside.
    const body = squash(raw)
      .replace(/PVdejury—.*?page\d+\/\d+/g, '')
      .replace(/Procès-verbaldujury—.*?suitedutableaudescandidats/g, '')
      .replaceAll('N°candidatNometprénomsBC01BC02BC03BC04BC05(option)DécisionObservations', '')
    expect(body).toContain(squash(huge))
    const pages = raw.split('\f').filter((page) => page.trim() !== '')
    expect(pages.filter((page) => page.includes('suite du tableau des candidats') && page.includes('Nom et prénoms')).length).toBeGreaterThanOrEqual(2)
    expect(wordsOutside(pdfWords(bytes))).toEqual([])
  }, 30_000)
})

describe('a PV grown one row at a time', () => {
  it('never leaves the signature heading alone at the bottom of a page', async () => {
    const base = corpusSnapshot()
    const pool = [...base.candidates, ...base.candidates.map((c) => ({ ...c, candidateId: `${c.candidateId}-bis`, schoolId: `${c.schoolId}-B` }))]
    for (let n = 1; n <= pool.length; n++) {
      const grown = { ...base, candidates: pool.slice(0, n) }
      const words = pdfWords(await renderPvPdf(grown, hash, verificationMark(), fonts))
      const heading = words.find((w, i) => w.text === 'Signatures' && words[i + 1]?.text === 'des' && words[i + 4]?.text === 'jury')
      expect(heading, `${n} rows`).toBeDefined()
      const boxes = words.filter((w) => w.page === heading!.page && w.text === 'Signature' && w.yMin > heading!.yMax)
      expect(boxes.length, `${n} rows: signature boxes on the heading's page`).toBeGreaterThan(0)
    }
  }, 120_000)
})
