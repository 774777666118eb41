import { join } from 'node:path'
import { XMLParser } from 'fast-xml-parser'
import { describe, expect, it } from 'vitest'
import { buildCdcXml, CDC_ACCESS_ROUTES, cdcTimestamp, type CdcFileInput, type CdcHolder } from '../../../shared/documents/cdcXml'
import { candidates, validateWithXsd } from './fixtures'

const XSD = join(process.cwd(), 'shared', 'documents', 'schemas', 'cdc-accrochage.xsd')

function holder(index: number, changes: Partial<CdcHolder> = {}): CdcHolder {
  const c = candidates[index]!
  return {
    candidateId: c.id,
    schoolId: c.schoolId,
    birthName: c.birthName,
    usageName: c.usageName,
    firstNames: c.firstNames,
    sex: c.sex,
    birthDate: c.birthDate,
    birthCommuneCode: c.birthCommuneCode,
    birthCommuneCodeKind: c.birthCommuneCodeKind,
    birthCommuneLabel: c.birthCommuneLabel,
    birthCountryCode: c.birthCountryCode,
    birthCountryLabel: c.birthCountryLabel,
    accessRoute: c.accessRoute,
    optionLabel: 'Cybersécurité',
    ...changes,
  }
}

function file(holders: CdcHolder[]): CdcFileInput {
  return {
    idFlux: '5d079a5d-0a4d-45ac-854d-256b01cacdfe',
    generatedAt: new Date('2026-07-20T08:15:00.000Z'),
    emitterIdClient: 'AB12CD34',
    certifierIdClient: 'AB12CD34',
    idContrat: 'MCFCER000123',
    rncpCode: 'RNCP12345',
    validFrom: '2026-07-09',
    holders,
  }
}

const xmlOf = (input: CdcFileInput) => {
  const result = buildCdcXml(input)
  if (!result.ok) throw new Error(result.errors.map((e) => e.message).join('\n'))
  return result.xml
}

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@_', parseTagValue: false, isArray: (name) => name === 'cpf:passageCertification' })
const passages = (xml: string) =>
  parser.parse(xml)['cpf:flux']['cpf:emetteur']['cpf:certificateurs']['cpf:certificateur']['cpf:certifications']['cpf:certification'][
    'cpf:passageCertifications'
  ]['cpf:passageCertification'] as Array<Record<string, unknown>>

describe('buildCdcXml', () => {
  const everyone = candidates.map((_, i) => holder(i))

  it('validates against the project’s XSD, whatever the candidates’ birth places, names and access routes', () => {
    const routes = new Set(everyone.map((h) => h.accessRoute))
    expect(routes.size).toBe(Object.keys(CDC_ACCESS_ROUTES).length)
    const verdict = validateWithXsd(xmlOf(file(everyone)), XSD)
    expect(verdict.output).toBe('')
    expect(verdict.ok).toBe(true)
  })

  it('is checked for real by the XSD: a file without the holder’s sex is refused', () => {
    const xml = xmlOf(file([holder(0)])).replace(/\s*<cpf:sexe>[MF]<\/cpf:sexe>/, '')
    const verdict = validateWithXsd(xml, XSD)
    expect(verdict.ok).toBe(false)
    expect(verdict.output).toMatch(/sexe/)
  })

  it('follows the accrochage structure: flux, émetteur, certificateur, certification, one passage per holder', () => {
    const xml = xmlOf(file(everyone.slice(0, 2)))
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<cpf:flux xmlns:cpf="urn:cdc:cpf:pc5:schema:1.0.0"')).toBe(true)
    const flux = parser.parse(xml)['cpf:flux']
    expect(flux['cpf:idFlux']).toBe('5d079a5d-0a4d-45ac-854d-256b01cacdfe')
    expect(flux['cpf:horodatage']).toBe('2026-07-20T08:15:00+00:00')
    const certificateur = flux['cpf:emetteur']['cpf:certificateurs']['cpf:certificateur']
    expect(certificateur['cpf:idClient']).toBe('AB12CD34')
    expect(certificateur['cpf:idContrat']).toBe('MCFCER000123')
    expect(certificateur['cpf:certifications']['cpf:certification']['cpf:code']).toBe('RNCP12345')
    const [first] = passages(xml)
    expect(first).toMatchObject({
      'cpf:idTechnique': candidates[0]!.id,
      'cpf:libelleOption': 'Cybersécurité',
      'cpf:obtentionCertification': 'PAR_ADMISSION',
      'cpf:donneeCertifiee': 'true',
      'cpf:dateDebutValidite': '2026-07-09',
      'cpf:dateFinValidite': { '@_xsi:nil': 'true' },
    })
    const titulaire = (first!['cpf:identificationTitulaire'] as Record<string, Record<string, unknown>>)['cpf:titulaire']!
    const [year, month, day] = candidates[0]!.birthDate!.split('-')
    expect(titulaire).toMatchObject({
      'cpf:nomNaissance': candidates[0]!.birthName,
      'cpf:prenom1': candidates[0]!.firstNames[0],
      'cpf:anneeNaissance': year,
      'cpf:moisNaissance': month,
      'cpf:jourNaissance': day,
      'cpf:sexe': candidates[0]!.sex,
    })
    expect(passages(xml)).toHaveLength(2)
  })

  it('declares a birth abroad with the country’s INSEE code, and a birth in France with the commune’s', () => {
    const abroad = everyone.find((h) => h.birthCountryCode !== '99100')!
    const france = everyone.find((h) => h.birthCommuneCodeKind === 'insee')!
    const [a, f] = passages(xmlOf(file([abroad, france]))).map(
      (p) => (p['cpf:identificationTitulaire'] as Record<string, Record<string, Record<string, unknown>>>)['cpf:titulaire']!,
    )
    expect(a!['cpf:codeCommuneNaissance']).toEqual({ 'cpf:codeInseeNaissance': { 'cpf:codeInsee': abroad.birthCountryCode } })
    expect(a!['cpf:libellePaysNaissance']).toBe(abroad.birthCountryLabel)
    expect(f!['cpf:codeCommuneNaissance']).toEqual({ 'cpf:codeInseeNaissance': { 'cpf:codeInsee': france.birthCommuneCode } })
  })

  it('keeps an unknown birth place and access route as nil values the XSD accepts', () => {
    const bare = holder(0, {
      birthCommuneCode: null,
      birthCommuneCodeKind: null,
      birthCommuneLabel: null,
      birthCountryCode: null,
      birthCountryLabel: null,
      accessRoute: null,
      usageName: null,
      optionLabel: null,
    })
    const xml = xmlOf(file([bare]))
    expect(xml).toContain('<cpf:codePostal xsi:nil="true"/>')
    expect(xml).toContain('<cpf:modaliteAcces xsi:nil="true"/>')
    expect(xml).toContain('<cpf:nomUsage xsi:nil="true"/>')
    expect(xml).not.toContain('libelleOption')
    expect(validateWithXsd(xml, XSD).ok).toBe(true)
  })

  it('escapes names holding XML markup characters, and they read back unchanged', () => {
    const tricky = holder(0, { birthName: 'D’Artagnan & <Fils> "aîné"', firstNames: ["Zoé-Anne", "L'Héritière"], optionLabel: 'Données & IA' })
    const xml = xmlOf(file([tricky]))
    expect(xml).toContain('D’Artagnan &amp; &lt;Fils&gt;')
    expect(validateWithXsd(xml, XSD).ok).toBe(true)
    const [p] = passages(xml)
    const titulaire = (p!['cpf:identificationTitulaire'] as Record<string, Record<string, unknown>>)['cpf:titulaire']!
    expect(titulaire['cpf:nomNaissance']).toBe('D’Artagnan & <Fils> "aîné"')
    expect(titulaire['cpf:prenom2']).toBe("L'Héritière")
    expect(p!['cpf:libelleOption']).toBe('Données & IA')
  })

  it('answers a candidate lacking birth data with an error located on that candidate, not a broken file', () => {
    const result = buildCdcXml(file([holder(0), holder(1, { birthDate: null }), holder(2, { sex: null })]))
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.errors).toEqual([
      {
        candidateId: candidates[1]!.id,
        schoolId: candidates[1]!.schoolId,
        field: 'birthDate',
        path: 'holders[1].birthDate',
        message: expect.stringMatching(new RegExp(`^${candidates[1]!.birthName.toUpperCase()} .*\\(${candidates[1]!.schoolId}\\) : date de naissance manquante`)),
      },
      expect.objectContaining({ candidateId: candidates[2]!.id, field: 'sex', path: 'holders[2].sex' }),
    ])
  })

  it('refuses a control character XML 1.0 cannot carry, located on the field', () => {
    const result = buildCdcXml(file([holder(0, { birthCommuneLabel: 'Lyon\u0007' })]))
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.errors[0]).toMatchObject({ field: 'birthCommuneLabel', message: expect.stringMatching(/commune de naissance.*caractère de contrôle/) })
  })
})

describe('cdcTimestamp', () => {
  it('writes a date-time with an explicit offset and no fraction', () => {
    expect(cdcTimestamp(new Date('2026-01-02T03:04:05.678Z'))).toBe('2026-01-02T03:04:05+00:00')
  })
})
