import { describe, expect, it } from 'vitest'
import { attestedBlocs, renderAttestationPdf } from '../../../shared/documents/attestationPdf'
import { pvContentHash } from '../../../shared/documents/pvSnapshot'
import { holderName } from '../../../shared/documents/printedIdentity'
import { deliberate, documentFonts, flatText, pdfText, verificationMark } from './fixtures'

describe('renderAttestationPdf', async () => {
  const { snapshot } = deliberate()
  const hash = await pvContentHash(snapshot)
  const partial = snapshot.candidates.find((c) => c.decision === 'PARTIELLE')!
  const failedBlocs = Object.entries(partial.blocs).filter(([, b]) => b.code === 'AJ').map(([code]) => code)
  const flat = flatText(pdfText(await renderAttestationPdf(snapshot, { candidate: partial, verification: verificationMark() }, hash, { rncpRegistrationDate: '2024-03-28' }, documentFonts())))

  it('is an attestation of blocs, distinct from the certification, naming only the validated blocs', () => {
    expect(flat).toMatch(/ATTESTATION DE VALIDATION (DE BLOCS|D’UN BLOC) DE COMPÉTENCES/)
    expect(flat).toMatch(/porte uniquement sur (les blocs de compétences désignés|le bloc de compétences désigné) ci-dessus/)
    expect(flat).toContain('Elle ne vaut pas obtention de la certification professionnelle complète, qui fait l’objet d’un parchemin distinct.')
    expect(failedBlocs.length).toBeGreaterThan(0)
    for (const code of failedBlocs) expect(flat).not.toContain(`${code} —`)
    for (const bloc of attestedBlocs(snapshot, partial)) expect(flat).toContain(flatText(`• ${bloc.code} — ${bloc.title}`))
  })

  it('carries the mandatory mentions: certifier, exact title, RNCP number and decision date, levels, NSF, holder, place and date, signatory', () => {
    expect(flat).toContain('École Supérieure d’Ingénierie Numérique, certificateur, atteste que')
    expect(flat).toContain(
      'Certification professionnelle « Expert en Ingénierie informatique et Innovation Numérique », enregistrée au Répertoire national des certifications professionnelles (RNCP) sous le numéro RNCP12345 par décision de France compétences du 28 mars 2024.',
    )
    expect(flat).toContain('Niveau 7 de la nomenclature nationale des niveaux de qualification, niveau 7 du cadre européen des certifications (CEC). Code(s) NSF : 326.')
    expect(flat).toContain(holderName(partial))
    expect(flat).toContain(`${partial.sex === 'F' ? 'candidate' : 'candidat'} n° ${partial.schoolId}`)
    expect(flat).toContain('à l’issue de la délibération du jury du 9 juillet 2026')
    expect(flat).toContain('Fait à Lyon, le 9 juillet 2026.')
    expect(flat).toContain('Jeanne Martin, directrice générale')
    expect(flat).toContain(`établie d’après le PV de jury version 1 du 09/07/2026 — empreinte SHA-256 du PV : ${hash}`)
  })
})

describe('attestedBlocs', () => {
  it('lists the blocs this jury validated (ADM, ADJ), not capitalised nor failed ones, and marks jury decisions', () => {
    const { snapshot } = deliberate()
    const capitalised = snapshot.candidates.find((c) => Object.values(c.blocs).some((b) => b.code === 'CAP'))!
    const capCodes = Object.entries(capitalised.blocs).filter(([, b]) => b.code === 'CAP').map(([code]) => code)
    expect(attestedBlocs(snapshot, capitalised).map((b) => b.code)).not.toEqual(expect.arrayContaining(capCodes))
    const withDecision = { ...capitalised, blocs: { ...capitalised.blocs, BC01: { ...capitalised.blocs.BC01!, code: 'ADJ', override: 'ADJ' } } }
    expect(attestedBlocs(snapshot, withDecision).find((b) => b.code === 'BC01')).toMatchObject({ byJuryDecision: true })
  })

  it('prints an option bloc with its group and letter', () => {
    const { snapshot } = deliberate()
    const certified = snapshot.candidates.find((c) => c.decision === 'CERTIFIÉ')!
    const option = attestedBlocs(snapshot, certified).find((b) => b.code === certified.optionCode)
    expect(option?.title).toMatch(/^BLOC de spécialisation au choix, option [A-D]\u00a0: /)
  })
})
