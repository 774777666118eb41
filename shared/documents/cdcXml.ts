/**
 * The Caisse des Dépôts "accrochage" file: the holders of the full certification, declared to
 * the SI CPF (Passeport de compétences) as XML in the namespace `urn:cdc:cpf:pc5:schema:1.0.0`.
 * The structure follows public descriptions of the flow (see docs/cdc.md) and the project's own
 * XSD, `schemas/cdc-accrochage.xsd`, which every generated file is tested against. The official
 * kit must be checked before the first real upload.
 *
 * Data is checked before anything is built: a holder lacking a mandatory item (birth date, sex)
 * or holding a character XML 1.0 cannot carry comes back as an error located on that candidate,
 * never as a broken or partial file. The XML itself is written by fast-xml-parser's builder,
 * which escapes text and attribute values.
 */
import { XMLBuilder } from 'fast-xml-parser'
import type { AccessRoute } from '../candidates/schema'
import { personLabel } from './frenchFormat'

export const CDC_NAMESPACE = 'urn:cdc:cpf:pc5:schema:1.0.0'
const XSI_NAMESPACE = 'http://www.w3.org/2001/XMLSchema-instance'

/**
 * Modalités d'accès as the CDC enumerates them. The équivalence value is spelled with its
 * parentheses as in the generators consulted; two interfaces drop them (docs/cdc.md, doubt 1).
 */
export const CDC_ACCESS_ROUTES: Readonly<Record<AccessRoute, string>> = {
  FORMATION_INITIALE_HORS_APPRENTISSAGE: 'FORMATION_INITIALE_HORS_APPRENTISSAGE',
  FORMATION_INITIALE_APPRENTISSAGE: 'FORMATION_INITIALE_APPRENTISSAGE',
  FORMATION_CONTINUE_HORS_CONTRAT_DE_PROFESSIONNALISATION: 'FORMATION_CONTINUE_HORS_CONTRAT_DE_PROFESSIONNALISATION',
  FORMATION_CONTINUE_CONTRAT_DE_PROFESSIONNALISATION: 'FORMATION_CONTINUE_CONTRAT_DE_PROFESSIONNALISATION',
  VAE: 'VAE',
  EQUIVALENCE: 'EQUIVALENCE_(DIPLOME_ETRANGER)',
  CANDIDAT_LIBRE: 'CANDIDAT_LIBRE',
}

/** INSEE code of France among the country codes (99xxx). */
const FRANCE = '99100'

export interface CdcHolder {
  candidateId: string
  schoolId: string
  birthName: string
  usageName: string | null
  firstNames: readonly string[]
  sex: 'M' | 'F' | null
  birthDate: string | null
  birthCommuneCode: string | null
  birthCommuneCodeKind: 'insee' | 'postal' | null
  birthCommuneLabel: string | null
  birthCountryCode: string | null
  birthCountryLabel: string | null
  accessRoute: AccessRoute | null
  /** Label of the chosen option (BLOC 5), declared as libelleOption. */
  optionLabel: string | null
}

export interface CdcFileInput {
  /** Identifier of this file, echoed in the CDC's receipts (a UUID). */
  idFlux: string
  generatedAt: Date
  /** idClient of whoever sends the file (the certifier itself unless a third party does). */
  emitterIdClient: string
  certifierIdClient: string
  idContrat: string
  rncpCode: string
  /** Date the certification was issued (the deliberation), start of its validity. */
  validFrom: string
  holders: readonly CdcHolder[]
}

export interface CdcLocatedError {
  candidateId: string
  schoolId: string
  /** The candidate field at fault, as named in the API (e.g. `birthDate`). */
  field: string
  /** Where in the list of declared holders, e.g. `holders[3].birthDate`. */
  path: string
  message: string
}

export type CdcFileResult = { ok: true; xml: string; count: number } | { ok: false; errors: CdcLocatedError[] }

/** Characters XML 1.0 cannot carry (control characters, lone surrogates, U+FFFE/U+FFFF). */
const NOT_XML_10 = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u

const FIELD_LABELS: Record<string, string> = {
  birthName: 'nom de naissance',
  usageName: 'nom d’usage',
  firstNames: 'prénoms',
  birthCommuneLabel: 'commune de naissance',
  birthCountryLabel: 'pays de naissance',
  optionLabel: 'libellé de l’option',
}

function holderErrors(holder: CdcHolder, index: number): CdcLocatedError[] {
  const who = personLabel(holder)
  const errors: CdcLocatedError[] = []
  const fail = (field: string, message: string) =>
    errors.push({ candidateId: holder.candidateId, schoolId: holder.schoolId, field, path: `holders[${index}].${field}`, message: `${who} : ${message}` })
  if (holder.birthDate === null) fail('birthDate', 'date de naissance manquante ; la Caisse des Dépôts exige l’année, le mois et le jour de naissance.')
  if (holder.sex === null) fail('sex', 'sexe manquant (M ou F) ; la Caisse des Dépôts l’exige.')
  if (holder.firstNames.length === 0) fail('firstNames', 'aucun prénom ; la Caisse des Dépôts exige le premier prénom.')
  const texts: Array<[string, string | null]> = [
    ['birthName', holder.birthName],
    ['usageName', holder.usageName],
    ['firstNames', holder.firstNames.join(' ')],
    ['birthCommuneLabel', holder.birthCommuneLabel],
    ['birthCountryLabel', holder.birthCountryLabel],
    ['optionLabel', holder.optionLabel],
  ]
  for (const [field, value] of texts) {
    if (value !== null && NOT_XML_10.test(value)) {
      fail(field, `le champ « ${FIELD_LABELS[field] ?? field} » contient un caractère de contrôle qu’un fichier XML ne peut pas porter ; corrigez-le.`)
    }
  }
  return errors
}

/** xsd:dateTime with an explicit offset and no fraction, as the CDC's examples write it. */
export function cdcTimestamp(date: Date): string {
  return `${date.toISOString().slice(0, 19)}+00:00`
}

const nil = { '@_xsi:nil': 'true' }

function birthPlace(holder: CdcHolder): Record<string, unknown> {
  const country = holder.birthCountryCode
  let commune: Record<string, unknown>
  if (holder.birthCommuneCode !== null && holder.birthCommuneCodeKind === 'postal') {
    commune = { 'cpf:codePostalNaissance': { 'cpf:codePostal': holder.birthCommuneCode } }
  } else if (holder.birthCommuneCode !== null) {
    commune = { 'cpf:codeInseeNaissance': { 'cpf:codeInsee': holder.birthCommuneCode } }
  } else if (country !== null && country !== FRANCE) {
    // Born abroad: the country's INSEE code (99xxx) stands for the commune, as the CDC takes it.
    commune = { 'cpf:codeInseeNaissance': { 'cpf:codeInsee': country } }
  } else {
    commune = { 'cpf:codePostalNaissance': { 'cpf:codePostal': nil } }
  }
  const countryLabel = holder.birthCountryLabel ?? (country === FRANCE ? 'France' : null)
  return {
    'cpf:codeCommuneNaissance': commune,
    ...(holder.birthCommuneLabel ? { 'cpf:libelleCommuneNaissance': holder.birthCommuneLabel } : {}),
    ...(countryLabel ? { 'cpf:libellePaysNaissance': countryLabel } : {}),
  }
}

function passage(holder: CdcHolder, validFrom: string): Record<string, unknown> {
  const [year, month, day] = (holder.birthDate ?? '').split('-')
  const [first, second, third] = holder.firstNames
  return {
    'cpf:idTechnique': holder.candidateId,
    ...(holder.optionLabel ? { 'cpf:libelleOption': holder.optionLabel } : {}),
    'cpf:obtentionCertification': 'PAR_ADMISSION',
    'cpf:donneeCertifiee': 'true',
    'cpf:dateDebutValidite': validFrom,
    // A certification by blocs has no end of validity: its blocs are acquired for life.
    'cpf:dateFinValidite': nil,
    'cpf:presenceNiveauLangueEuro': 'false',
    'cpf:presenceNiveauNumeriqueEuro': 'false',
    'cpf:scoring': nil,
    'cpf:mentionValidee': nil,
    'cpf:modalitesInscription': {
      'cpf:modaliteAcces': holder.accessRoute ? CDC_ACCESS_ROUTES[holder.accessRoute] : nil,
    },
    'cpf:identificationTitulaire': {
      'cpf:titulaire': {
        'cpf:nomNaissance': holder.birthName,
        'cpf:nomUsage': holder.usageName && holder.usageName !== holder.birthName ? holder.usageName : nil,
        'cpf:prenom1': first,
        ...(second ? { 'cpf:prenom2': second } : {}),
        ...(third ? { 'cpf:prenom3': third } : {}),
        'cpf:anneeNaissance': year,
        'cpf:moisNaissance': month,
        'cpf:jourNaissance': day,
        'cpf:sexe': holder.sex,
        ...birthPlace(holder),
      },
    },
  }
}

const builder = new XMLBuilder({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  format: true,
  indentBy: '  ',
  suppressEmptyNode: true,
  // Else an attribute whose value is "true" is written bare (xsi:nil), which is not XML.
  suppressBooleanAttributes: false,
  processEntities: true,
})

/** Builds the file; the caller declares at least one holder (the schema wants one passage). */
export function buildCdcXml(input: CdcFileInput): CdcFileResult {
  if (input.holders.length === 0) throw new Error('buildCdcXml: no holder to declare')
  const errors = input.holders.flatMap(holderErrors)
  if (errors.length > 0) return { ok: false, errors }
  const document = {
    '?xml': { '@_version': '1.0', '@_encoding': 'UTF-8' },
    'cpf:flux': {
      '@_xmlns:cpf': CDC_NAMESPACE,
      '@_xmlns:xsi': XSI_NAMESPACE,
      'cpf:idFlux': input.idFlux,
      'cpf:horodatage': cdcTimestamp(input.generatedAt),
      'cpf:action': 'CREATION',
      'cpf:emetteur': {
        'cpf:idClient': input.emitterIdClient,
        'cpf:certificateurs': {
          'cpf:certificateur': {
            'cpf:idClient': input.certifierIdClient,
            'cpf:idContrat': input.idContrat,
            'cpf:certifications': {
              'cpf:certification': {
                'cpf:type': 'RNCP',
                'cpf:code': input.rncpCode,
                'cpf:natureDeposant': 'CERTIFICATEUR',
                'cpf:passageCertifications': {
                  'cpf:passageCertification': input.holders.map((h) => passage(h, input.validFrom)),
                },
              },
            },
          },
        },
      },
    },
  }
  return { ok: true, xml: builder.build(document), count: input.holders.length }
}
