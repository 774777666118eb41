/** The « Candidats » sheet's layout: the import's columns, real dates, drop-downs the parser reads. */
import { describe, expect, it } from 'vitest'
import type { Candidate } from '../../../shared/candidates/schema'
import { candidateListColumns, parseCandidateSheet } from '../../../shared/formats/candidateList'
import { seedReferential } from '../../../shared/referential'
import { buildCandidateSheet, CANDIDATE_DATE_FORMAT, isoDateToSerial, listSource, sheetRowsToSend } from '../../../shared/workbook/candidateSheet'

const storedCandidate = (overrides: Partial<Candidate> = {}): Candidate => ({
  id: 'c1',
  sessionId: 's1',
  rowVersion: 1,
  status: 'enrolled',
  withdrawnAt: null,
  withdrawalReason: null,
  schoolId: '01053',
  birthName: 'Martin',
  usageName: null,
  firstNames: ['Léa', 'Marie'],
  sex: 'F',
  birthDate: '2001-03-12',
  birthCommuneCode: '69123',
  birthCommuneCodeKind: 'insee',
  birthCommuneLabel: 'Lyon',
  birthCountryCode: '99100',
  birthCountryLabel: 'France',
  email: 'lea.martin@example.fr',
  optionCode: 'BC05-A',
  accessRoute: 'FORMATION_INITIALE_APPRENTISSAGE',
  capitalisedBlocs: [{ blocCode: 'BC02', acquiredOn: '2025-07-09', source: 'vae' }],
  ...overrides,
})

describe('buildCandidateSheet', () => {
  it('has the import’s French headers, then one row per candidate with dates as Excel serials', () => {
    const layout = buildCandidateSheet(seedReferential, [storedCandidate()])
    const headers = candidateListColumns(seedReferential).map((c) => c.header)
    expect(layout.values[0]).toEqual(headers)
    expect(headers.slice(0, 4)).toEqual(['Identifiant', 'Nom de naissance', 'Nom d’usage', 'Prénoms'])
    const row = layout.values[1]!
    const at = (header: string) => row[headers.indexOf(header)]
    expect(at('Identifiant')).toBe('01053')
    expect(at('Date de naissance')).toBe(isoDateToSerial('2001-03-12'))
    expect(at('Option')).toBe('BC05-A Cybersécurité')
    expect(at('Voie d’accès')).toBe('Apprentissage')
    expect(at('Statut')).toBe('Inscrit')
    expect(at('Capitalisé BC02')).toBe('VAE')
    expect(at('Date capitalisation BC02')).toBe(isoDateToSerial('2025-07-09'))
    expect(at('Capitalisé BC01')).toBe('')
    expect(layout.numberFormats[headers.indexOf('Date de naissance')]).toBe(CANDIDATE_DATE_FORMAT)
    expect(layout.numberFormats[headers.indexOf('Identifiant')]).toBe('@')
  })

  it('offers the option, access route, sex, status and capitalisation origin as drop-downs', () => {
    const layout = buildCandidateSheet(seedReferential, [])
    const headers = layout.values[0]!
    const source = (header: string) => layout.validations.find((v) => v.column === headers.indexOf(header))?.source
    expect(source('Option')).toBe('BC05-A Cybersécurité,BC05-B Réseaux et architecture,BC05-C Ingénierie des logiciels et systèmes,BC05-D Intelligence artificielle et gestion des données')
    expect(source('Voie d’accès')?.split(',')).toContain('Contrat de professionnalisation')
    expect(source('Sexe')).toBe('M,F')
    expect(source('Statut')).toBe('Inscrit,Désinscrit')
    expect(source('Capitalisé BC01')).toBe('Session antérieure,VAE,Équivalence')
    expect(layout.formattedRows).toBeGreaterThanOrEqual(300)
  })

  it('reads back, through the import’s parser, as the candidates it was written from', () => {
    const candidates = [storedCandidate(), storedCandidate({ id: 'c2', schoolId: 'E2', birthName: 'Durand', status: 'withdrawn', capitalisedBlocs: [] })]
    const layout = buildCandidateSheet(seedReferential, candidates)
    const parsed = parseCandidateSheet({ fileName: 'Classeur', sheet: 'Candidats', firstRow: 1, rows: sheetRowsToSend(layout.values) }, seedReferential)
    expect(parsed.errors).toEqual([])
    expect(parsed.candidates.map((c) => c.status)).toEqual(['enrolled', 'withdrawn'])
    const { id, sessionId, rowVersion, status, withdrawnAt, withdrawalReason, ...input } = candidates[0]!
    void [id, sessionId, rowVersion, status, withdrawnAt, withdrawalReason]
    expect(parsed.candidates[0]!.candidate).toEqual(input)
  })
})

describe('isoDateToSerial', () => {
  it('gives Excel’s day numbers, independent of the time zone', () => {
    expect(isoDateToSerial('1970-01-01')).toBe(25569)
    expect(isoDateToSerial('2026-07-09')).toBe(46212)
  })
})

describe('listSource', () => {
  it('turns commas into spaces, and keeps only codes when the list would pass Excel’s 255 characters', () => {
    expect(listSource(['BC05-A Réseaux, cloud', 'BC05-B Données'])).toBe('BC05-A Réseaux  cloud,BC05-B Données')
    const long = Array.from({ length: 12 }, (_, i) => `BC05-${String.fromCharCode(65 + i)} ${'Intitulé très long '.repeat(2)}`)
    expect(listSource(long)).toBe(long.map((c) => c.split(' ')[0]).join(','))
  })
})

describe('sheetRowsToSend', () => {
  it('drops trailing empty rows and columns and sends blank cells as null', () => {
    expect(sheetRowsToSend([['Identifiant', 'Nom', ''], ['E1', '  ', ''], ['', '', ''], ['', '', '']])).toEqual([['Identifiant', 'Nom'], ['E1', null]])
  })
})
