import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { tableIdentity } from '../../../shared/documents/printedIdentity'
import { renderPvPdf } from '../../../shared/documents/pvPdf'
import { pvContentHash, type PvCandidate } from '../../../shared/documents/pvSnapshot'
import { CODE_LEGEND_FR } from '../../../shared/rules/codes'
import { deliberate, documentFonts, firstWith, flatText, pdfPageCount, pdfText, renderFirstPagePng, verificationMark } from './fixtures'

const ARTIFACTS = join(process.cwd(), 'test', 'artifacts')

describe('renderPvPdf', async () => {
  const failed = firstWith(deliberate().final, 'BC01', 'AJ')
  const { snapshot } = deliberate([{ candidateId: failed.candidateId, blocs: { BC01: { code: 'ADJ', reason: 'Mémoire de très bonne tenue' } } }])
  const hash = await pvContentHash(snapshot)
  const bytes = await renderPvPdf(snapshot, hash, verificationMark(), documentFonts())
  const text = pdfText(bytes)
  const flat = flatText(text)

  it('is a PDF whose first page is kept as a PNG under test/artifacts for a person to look at', () => {
    expect(new TextDecoder().decode(bytes.subarray(0, 5))).toBe('%PDF-')
    mkdirSync(ARTIFACTS, { recursive: true })
    const png = renderFirstPagePng(bytes, join(ARTIFACTS, 'pv-page1.png'))
    expect([...png.subarray(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47])
  })

  it('names the certifier, the title with its RNCP code and level, the session and the date of deliberation', () => {
    expect(flat).toContain('École Supérieure d’Ingénierie Numérique')
    expect(flat).toContain('PROCÈS-VERBAL DU JURY DE CERTIFICATION')
    expect(flat).toContain('« Expert en Ingénierie informatique et Innovation Numérique » — RNCP12345')
    expect(flat).toContain('niveau 7 (nomenclature 2019), niveau 7 du cadre européen des certifications')
    expect(flat).toContain('Session : Session de juillet 2026 (Campus de Lyon), du 15/09/2025 au 30/06/2026.')
    expect(flat).toContain('Délibération du 9 juillet 2026.')
  })

  it('lists the jury members with their quality, the external ones and the president', () => {
    expect(flat).toContain('Mme Claire Dumas — Directrice des systèmes d’information, Société Alpha (professionnelle extérieure, présidente du jury)')
    expect(flat).toContain('Mme Inès Morel — Responsable pédagogique, École Certibloc (membre interne)')
  })

  it('has one table row per candidate with each bloc’s code, the option letter and the decision', () => {
    for (const candidate of snapshot.candidates) {
      expect(flat).toContain(candidate.schoolId)
      expect(flat).toContain(tableIdentity(candidate).split(' (')[0])
    }
    const row = (c: PvCandidate) => {
      const start = flat.indexOf(c.schoolId)
      return flat.slice(start, start + 200)
    }
    const overridden = snapshot.candidates.find((c) => c.candidateId === failed.candidateId)!
    expect(row(overridden)).toMatch(/ADJ/)
    expect(overridden.decision).not.toBe('AJOURNÉ')
    const certified = snapshot.candidates.find((c) => c.decision === 'CERTIFIÉ')!
    expect(row(certified)).toMatch(/ADM ADM ADM ADM [A-D] · ADM CERTIFIÉ/)
    expect(flat).toContain(`Candidats délibérés : ${snapshot.candidates.length}`)
  })

  it('gives jury decisions, capitalised blocs and pending blocs in the observations', () => {
    expect(flat).toContain('BC01 : ADJ par décision du jury (calcul : AJ) — Mémoire de très bonne tenue')
    expect(flat).toMatch(/BC0\d capitalisé \((VAE|Session antérieure), \d\d\/\d\d\/\d{4}\)/)
    expect(flat).toMatch(/BC0[1-5](-[A-D])? en attente/)
  })

  it('has the legend of codes and a signature block per jury member, president first', () => {
    expect(flat).toContain('Légende des codes')
    expect(flat).toContain(`ADJ : ${CODE_LEGEND_FR.ADJ}`)
    expect(flat).toContain(`EN ATTENTE : ${CODE_LEGEND_FR['EN ATTENTE']}`)
    expect(flat).toContain('Fait à Lyon, le 9 juillet 2026.')
    const signatures = flat.slice(flat.indexOf('Signatures des membres du jury'))
    expect(signatures.indexOf('Présidente du jury')).toBeLessThan(signatures.indexOf('Membre du jury'))
    expect(signatures.match(/Signature :/g)).toHaveLength(3)
  })

  it('prints the version and the content hash in the footer of every page', () => {
    const pages = text.split('\f').filter((page) => page.trim() !== '')
    expect(pages.length).toBe(pdfPageCount(bytes))
    pages.forEach((page, i) => {
      expect(flatText(page)).toContain(`version 1 du 09/07/2026 — empreinte SHA-256 : ${hash}`)
      expect(flatText(page)).toContain(`page ${i + 1} / ${pages.length}`)
    })
  })

  it('renders the same bytes from the same snapshot, so an earlier version downloads unchanged', async () => {
    expect(await renderPvPdf(snapshot, hash, verificationMark(), documentFonts())).toEqual(bytes)
  })
})

describe('renderPvPdf, amended version', () => {
  it('says it replaces the previous version, and why', async () => {
    const amendment = { previousVersion: 1, reason: 'Erreur de saisie sur un critère du BC02', by: 'admin', at: '2026-07-15T10:00:00.000Z' }
    const { snapshot } = deliberate([], 2, amendment)
    const flat = flatText(pdfText(await renderPvPdf(snapshot, await pvContentHash(snapshot), verificationMark(), documentFonts())))
    expect(flat).toContain('Version 2, modificative : elle remplace la version 1, rouverte le 15/07/2026 par admin. Motif : Erreur de saisie sur un critère du BC02')
    expect(flat).toContain('version 2 du 09/07/2026')
  })
})

describe('renderPvPdf, large session', () => {
  it('paginates 2,000 candidates with the table header repeated on every page', async () => {
    const { snapshot } = deliberate()
    const many: PvCandidate[] = Array.from({ length: 2000 }, (_, i) => {
      const model = snapshot.candidates[i % snapshot.candidates.length]!
      return { ...model, candidateId: `c-${i}`, schoolId: `N${String(i).padStart(5, '0')}` }
    })
    const large = { ...snapshot, candidates: many }
    const started = performance.now()
    const bytes = await renderPvPdf(large, await pvContentHash(large), verificationMark(), documentFonts())
    const elapsed = performance.now() - started
    const pages = pdfText(bytes).split('\f').filter((page) => page.trim() !== '')
    expect(pages.length).toBeGreaterThan(40)
    for (const page of pages.slice(1, -2)) expect(page).toContain('Nom et prénoms')
    expect(flatText(pages.join(' '))).toContain('N01999')
    // Modest for a Worker: a few MB and a few seconds at most.
    expect(bytes.length).toBeLessThan(5 * 1024 * 1024)
    expect(elapsed).toBeLessThan(20_000)
  }, 60_000)
})
