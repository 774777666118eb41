/**
 * Gender agreement on the documents comes from the data (candidate's « sexe », jury member's
 * civility), with a neutral wording when it is unknown — never « né(e) » nor « président(e) ».
 */
import { describe, expect, it } from 'vitest'
import { bornOn, candidateNumber, externalRole, presidencyRole } from '../../../shared/documents/agreement'
import { attestedBlocs, renderAttestationPdf } from '../../../shared/documents/attestationPdf'
import { renderPvPdf } from '../../../shared/documents/pvPdf'
import { pvContentHash, type PvSnapshot } from '../../../shared/documents/pvSnapshot'
import { deliberate, documentFonts, flatText, jury, pdfText, verificationMark } from './fixtures'

describe('agreement helpers', () => {
  it('agree « né / née » and « candidat / candidate » with the sex, neutral when unknown', () => {
    expect(bornOn('F', '3 mars 2001')).toBe('née le 3 mars 2001')
    expect(bornOn('M', '3 mars 2001')).toBe('né le 3 mars 2001')
    expect(bornOn(null, '3 mars 2001')).toBe('date de naissance\u00a0: 3 mars 2001')
    expect(candidateNumber('F', 'E-1')).toBe('candidate n°\u00a0E-1')
    expect(candidateNumber('M', 'E-1')).toBe('candidat n°\u00a0E-1')
    expect(candidateNumber(null, 'E-1')).toBe('n° de candidat\u00a0: E-1')
  })

  it('agree the president and the external member with the civility, neutral when unknown', () => {
    expect(presidencyRole('Mme')).toBe('présidente du jury')
    expect(presidencyRole('M.')).toBe('président du jury')
    expect(presidencyRole(null)).toBe('présidence du jury')
    expect(presidencyRole(undefined)).toBe('présidence du jury')
    expect(externalRole('Mme')).toBe('professionnelle extérieure')
    expect(externalRole('M.')).toBe('professionnel extérieur')
    expect(externalRole(null)).toBe('membre extérieur')
  })
})

async function pvText(snapshot: PvSnapshot): Promise<string> {
  return flatText(pdfText(await renderPvPdf(snapshot, await pvContentHash(snapshot), verificationMark(), documentFonts())))
}

describe('the PV', () => {
  it('says « la présidente », « le président » or « présidence » from the civility', async () => {
    const { snapshot } = deliberate()
    const woman = await pvText(snapshot)
    expect(woman).toContain('(professionnelle extérieure, présidente du jury)')
    expect(woman).toContain('Présidente du jury')
    const man = await pvText({ ...snapshot, jury: [{ ...jury[0]!, civility: 'M.', name: 'Marc Dumas' }, ...jury.slice(1)] })
    expect(man).toContain('Marc Dumas — Directrice des systèmes d’information, Société Alpha (professionnel extérieur, président du jury)')
    expect(man).toContain('Président du jury')
    const unknown = await pvText({ ...snapshot, jury: jury.map((m) => ({ ...m, civility: null })) })
    expect(unknown).toContain('Claire Dumas — Directrice des systèmes d’information, Société Alpha (membre extérieur, présidence du jury)')
    expect(unknown).toContain('Présidence du jury')
    for (const text of [woman, man, unknown]) expect(text).not.toMatch(/\(e\)/)
  })
})

describe('the attestation', () => {
  it('says « née », « né » or « date de naissance » from the candidate’s sex', async () => {
    const { snapshot } = deliberate()
    const hash = await pvContentHash(snapshot)
    const base = snapshot.candidates.find((c) => attestedBlocs(snapshot, c).length > 0 && c.birthDate !== null)!
    const render = async (sex: 'M' | 'F' | null) =>
      flatText(
        pdfText(
          await renderAttestationPdf(snapshot, { candidate: { ...base, sex, birthDate: '2001-03-03' }, verification: verificationMark() }, hash, { rncpRegistrationDate: '2024-03-28' }, documentFonts()),
        ),
      )
    expect(await render('F')).toContain(`candidate n° ${base.schoolId}, née le 3 mars 2001`)
    expect(await render('M')).toContain(`candidat n° ${base.schoolId}, né le 3 mars 2001`)
    const neutral = await render(null)
    expect(neutral).toContain(`n° de candidat : ${base.schoolId}, date de naissance : 3 mars 2001`)
    expect(neutral).not.toMatch(/né\(e\)|\(e\)/)
  })

  it('never prints the session’s internal id in its footer', async () => {
    const { snapshot } = deliberate()
    const base = snapshot.candidates.find((c) => attestedBlocs(snapshot, c).length > 0)!
    const text = flatText(
      pdfText(await renderAttestationPdf(snapshot, { candidate: base, verification: verificationMark() }, await pvContentHash(snapshot), { rncpRegistrationDate: '2024-03-28' }, documentFonts())),
    )
    expect(text).not.toContain(snapshot.session.id)
    expect(text).not.toContain(base.candidateId)
    expect(text).toContain(`Attestation n° ${verificationMark().code}`)
    expect(text).toContain(`session « ${snapshot.session.name} »`)
  })
})
