/**
 * The « Candidats » sheet the task pane writes and reads back: its columns (status and
 * capitalisation per bloc), a worksheet's values parsed with located errors, and the round trip
 * from stored candidates to sheet values and back.
 */
import { describe, expect, it } from 'vitest'
import type { Candidate } from '../../../shared/candidates/schema'
import {
  candidateListColumns,
  candidateListTemplateCsv,
  candidateListValues,
  parseCandidateList,
  parseCandidateSheet,
} from '../../../shared/formats/candidateList'
import { seedReferential } from '../../../shared/referential'

const columns = candidateListColumns(seedReferential)
const headers = columns.map((c) => c.header)

/** A sheet with the template's header and rows given by header. */
function sheet(rows: Array<Record<string, string | number | boolean | null>>, options: { headers?: string[]; firstRow?: number } = {}) {
  const head = options.headers ?? headers
  return {
    fileName: 'Promo.xlsx',
    sheet: 'Candidats',
    firstRow: options.firstRow ?? 1,
    rows: [head, ...rows.map((r) => head.map((h) => r[h] ?? null))],
  }
}

const MINIMAL = { Identifiant: 'E1', 'Nom de naissance': 'Martin', Prénoms: 'Léa' }

describe('candidateListColumns', () => {
  it('lists the identity columns, the status, then the source and date of capitalisation of every bloc', () => {
    expect(headers.slice(0, 14)).toEqual([
      'Identifiant', 'Nom de naissance', 'Nom d’usage', 'Prénoms', 'Sexe', 'Date de naissance', 'Code INSEE commune de naissance',
      'Commune de naissance', 'Code pays de naissance', 'Pays de naissance', 'Courriel', 'Option', 'Voie d’accès', 'Statut',
    ])
    expect(headers).toContain('Capitalisé BC01')
    expect(headers).toContain('Date capitalisation BC05-A')
    expect(columns.find((c) => c.header === 'Capitalisé BC02')).toEqual({
      header: 'Capitalisé BC02',
      field: 'capitalisedSource',
      blocCode: 'BC02',
      kind: 'choice',
      choices: ['Session antérieure', 'VAE', 'Équivalence'],
    })
    expect(columns.find((c) => c.header === 'Statut')?.choices).toEqual(['Inscrit', 'Désinscrit'])
    expect(columns.find((c) => c.header === 'Date de naissance')?.kind).toBe('date')
  })

  it('gives the session’s CSV template the same header line', () => {
    expect(candidateListTemplateCsv(seedReferential)).toBe(`\uFEFF${headers.join(';')}\r\n`)
  })
})

describe('parseCandidateSheet', () => {
  it('reads status, capitalised blocs (with dates as Excel serial numbers) and says which fields the sheet gives', () => {
    const result = parseCandidateSheet(
      sheet([
        { ...MINIMAL, Statut: 'Inscrit', 'Capitalisé BC01': 'Session antérieure', 'Date capitalisation BC01': 45842, 'Date de naissance': 36892 },
        { Identifiant: 'E2', 'Nom de naissance': 'Durand', Prénoms: 'Paul', Statut: 'Désinscrite', 'Capitalisé BC03': 'vae', 'Date capitalisation BC03': '15/03/2026' },
        { Identifiant: 'E3', 'Nom de naissance': 'Petit', Prénoms: 'Zoé' },
      ]),
      seedReferential,
    )
    expect(result.errors).toEqual([])
    expect(result.format).toBe('sheet')
    expect(result.candidates.map((c) => [c.row, c.candidate.schoolId, c.status])).toEqual([
      [2, 'E1', 'enrolled'],
      [3, 'E2', 'withdrawn'],
      [4, 'E3', 'enrolled'],
    ])
    expect(result.candidates[0]?.candidate).toMatchObject({
      birthDate: '2001-01-01',
      capitalisedBlocs: [{ blocCode: 'BC01', acquiredOn: '2025-07-04', source: 'earlier_session' }],
    })
    expect(result.candidates[1]?.candidate.capitalisedBlocs).toEqual([{ blocCode: 'BC03', acquiredOn: '2026-03-15', source: 'vae' }])
    expect(result.fields).toContain('capitalisedBlocs')
    expect(result.fields).toContain('email')
  })

  it('locates every error by sheet, cell and column header, and lists the rows it rejects', () => {
    const result = parseCandidateSheet(
      sheet(
        [
          { ...MINIMAL, 'Capitalisé BC02': 'Oui', 'Date capitalisation BC02': '01/07/2025' },
          { Identifiant: 'E2', 'Nom de naissance': 'Durand', Prénoms: 'Paul', 'Capitalisé BC04': 'VAE' },
          { Identifiant: 'E3', 'Nom de naissance': 'Petit', Prénoms: 'Zoé', Statut: 'Parti', 'Date de naissance': '31/02/2001' },
        ],
        { firstRow: 3 },
      ),
      seedReferential,
    )
    const letter = (header: string) => String.fromCharCode(65 + headers.indexOf(header))
    expect(result.errors.map((e) => e.message)).toEqual([
      `Promo.xlsx, feuille « Candidats », cellule ${letter('Capitalisé BC02')}4 (colonne « Capitalisé BC02 ») : « Oui » : origine de capitalisation non reconnue (Session antérieure, VAE ou Équivalence attendu).`,
      `Promo.xlsx, feuille « Candidats », cellule ${letter('Date capitalisation BC04')}5 (colonne « Date capitalisation BC04 ») : date de capitalisation du bloc BC04 manquante.`,
      'Promo.xlsx, feuille « Candidats », cellule F6 (colonne « Date de naissance ») : « 31/02/2001 » : date inexistante.',
      `Promo.xlsx, feuille « Candidats », cellule N6 (colonne « Statut ») : « Parti » : statut non reconnu (« Inscrit » ou « Désinscrit » attendu).`,
    ])
    expect(result.errors[0]).toMatchObject({ sheet: 'Candidats', row: 4, header: 'Capitalisé BC02', field: 'capitalisedBlocs' })
    expect(result.rejected).toEqual([
      { row: 4, schoolId: 'E1' },
      { row: 5, schoolId: 'E2' },
      { row: 6, schoolId: 'E3' },
    ])
    expect(result.candidates).toEqual([])
  })

  it('refuses a capitalisation column of an unknown bloc, or one without its date column, in the header', () => {
    const unknown = parseCandidateSheet(sheet([MINIMAL], { headers: ['Identifiant', 'Nom de naissance', 'Prénoms', 'Capitalisé BC09', 'Date capitalisation BC09'] }), seedReferential)
    expect(unknown.errors[0]?.message).toMatch(/^Promo\.xlsx, feuille « Candidats », ligne 1 \(en-tête\) : colonne D « Capitalisé BC09 » : bloc BC09 inconnu du référentiel/)
    const alone = parseCandidateSheet(sheet([MINIMAL], { headers: ['Identifiant', 'Nom de naissance', 'Prénoms', 'Capitalisé BC01'] }), seedReferential)
    expect(alone.errors.map((e) => e.message)).toEqual([
      'Promo.xlsx, feuille « Candidats », ligne 1 (en-tête) : la colonne « Capitalisé BC01 » va avec une colonne « Date capitalisation BC01 », absente.',
    ])
  })

  it('says nothing of capitalised blocs when the sheet has no capitalisation column', () => {
    const result = parseCandidateSheet(sheet([MINIMAL], { headers: ['Identifiant', 'Nom de naissance', 'Prénoms'] }), seedReferential)
    expect(result.fields).toEqual(['schoolId', 'birthName', 'firstNames'])
    expect(result.candidates[0]?.status).toBeNull()
  })

  it('reads the same columns from a CSV file', async () => {
    const csv = `${['Identifiant', 'Nom de naissance', 'Prénoms', 'Statut', 'Capitalisé BC01', 'Date capitalisation BC01'].join(';')}\nE1;Martin;Léa;Désinscrit;Équivalence;2024-09-01\n`
    const result = await parseCandidateList(new TextEncoder().encode(csv), 'liste.csv', seedReferential)
    expect(result.errors).toEqual([])
    expect(result.candidates[0]).toMatchObject({ status: 'withdrawn', candidate: { capitalisedBlocs: [{ blocCode: 'BC01', source: 'equivalence', acquiredOn: '2024-09-01' }] } })
  })
})

describe('candidateListValues', () => {
  it('writes a stored candidate as a row that reads back as the same candidate', () => {
    const candidate: Candidate = {
      id: 'c1',
      sessionId: 's1',
      rowVersion: 3,
      status: 'withdrawn',
      withdrawnAt: '2026-05-01T10:00:00.000Z',
      withdrawalReason: 'Abandon',
      schoolId: 'E2026-001',
      birthName: 'Martin',
      usageName: 'Durand',
      firstNames: ['Léa', 'Marie'],
      sex: 'F',
      birthDate: '2001-02-03',
      birthCommuneCode: '69123',
      birthCommuneCodeKind: 'insee',
      birthCommuneLabel: 'Lyon',
      birthCountryCode: '99100',
      birthCountryLabel: 'France',
      email: 'lea.martin@example.org',
      optionCode: 'BC05-B',
      accessRoute: 'FORMATION_INITIALE_APPRENTISSAGE',
      capitalisedBlocs: [{ blocCode: 'BC02', acquiredOn: '2025-07-04', source: 'earlier_session', origin: { sessionId: 's0', sessionName: 'Promo 2025', pvVersion: 1 } }],
    }
    const values = candidateListValues(candidate, seedReferential)
    expect(values[headers.indexOf('Statut')]).toBe('Désinscrit')
    expect(values[headers.indexOf('Capitalisé BC02')]).toBe('Session antérieure')
    expect(values[headers.indexOf('Date capitalisation BC02')]).toBe('2025-07-04')
    const back = parseCandidateSheet({ fileName: 'x.xlsx', sheet: 'Candidats', firstRow: 1, rows: [headers, values] }, seedReferential)
    expect(back.errors).toEqual([])
    const { id, sessionId, rowVersion, status, withdrawnAt, withdrawalReason, ...input } = candidate
    void [id, sessionId, rowVersion, withdrawnAt, withdrawalReason]
    // The origin is not in the sheet: the import keeps the stored one (importPlan).
    expect(back.candidates[0]).toEqual({
      row: 2,
      status,
      candidate: { ...input, capitalisedBlocs: [{ blocCode: 'BC02', acquiredOn: '2025-07-04', source: 'earlier_session' }] },
    })
  })
})
