import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import type { CandidateInput } from '../../../shared/candidates/schema'
import {
  candidateListTemplateCsv,
  MAX_CANDIDATE_LIST_BYTES,
  MAX_CANDIDATE_LIST_ROWS,
  parseCandidateList,
  type CandidateListResult,
} from '../../../shared/formats/candidateList'
import { readZipDirectory } from '../../../shared/formats/xlsxRows'
import { Workbook } from '../../../shared/xlsx'
import { lyingZip } from '../jury/lyingBombs'
import { seedReferential } from '../../../shared/referential'

const TEMPLATE_HEADER =
  'Identifiant;Nom de naissance;Nom d’usage;Prénoms;Sexe;Date de naissance;Code INSEE commune de naissance;' +
  'Commune de naissance;Code pays de naissance;Pays de naissance;Courriel;Option;Voie d’accès'

const utf8 = (text: string) => new TextEncoder().encode(text)

function parseCsv(text: string, fileName = 'candidats.csv'): Promise<CandidateListResult> {
  return parseCandidateList(utf8(text), fileName, seedReferential)
}

/** One data row under the template header, cells given by header. */
function templateRow(values: Partial<Record<string, string>>): string {
  const headers = TEMPLATE_HEADER.split(';')
  const row = headers.map((h) => values[h] ?? '')
  return `${TEMPLATE_HEADER}\n${row.join(';')}\n`
}

const MINIMAL = { Identifiant: 'E001', 'Nom de naissance': 'Martin', Prénoms: 'Jeanne' }

async function onlyCandidate(values: Partial<Record<string, string>>): Promise<CandidateInput> {
  const result = await parseCsv(templateRow({ ...MINIMAL, ...values }))
  expect(result.errors).toEqual([])
  expect(result.candidates).toHaveLength(1)
  return result.candidates[0]!.candidate
}

async function errorMessages(text: string, fileName?: string): Promise<string[]> {
  const result = await parseCsv(text, fileName)
  return result.errors.map((e) => e.message)
}

type Row = (string | number | boolean | Date | null | { formula: string; result?: string | number } | { richText: { text: string }[] })[]

/** An .xlsx file built with the project's own library, as a user's workbook would be. */
async function xlsx(
  sheets: { name: string; rows: Row[]; firstRow?: number; state?: 'visible' | 'hidden' | 'veryHidden' }[],
  options: { useSharedStrings?: boolean } = {},
): Promise<Uint8Array> {
  const wb = new Workbook()
  for (const sheet of sheets) {
    const ws = wb.addWorksheet(sheet.name, sheet.state ? { state: sheet.state } : {})
    sheet.rows.forEach((cells, i) => {
      cells.forEach((value, c) => {
        if (value !== null) ws.getCell((sheet.firstRow ?? 1) + i, c + 1).value = value
      })
    })
  }
  return wb.xlsx.writeBuffer(options)
}

const JEANNE: CandidateInput = {
  schoolId: 'E001',
  birthName: 'Martin',
  usageName: null,
  firstNames: ['Jeanne'],
  sex: null,
  birthDate: null,
  birthCommuneCode: null,
  birthCommuneCodeKind: null,
  birthCommuneLabel: null,
  birthCountryCode: null,
  birthCountryLabel: null,
  email: null,
  optionCode: null,
  accessRoute: null,
  capitalisedBlocs: [],
}

describe('parseCandidateList: CSV layout', () => {
  const full = {
    header: ['Identifiant', 'Nom de naissance', 'Prénoms', 'Sexe', 'Date de naissance', 'Option', 'Voie d’accès'],
    row: ['E042', 'Lefèvre', 'Zoé, Anne', 'F', '04/03/2001', 'A', 'Apprentissage'],
  }
  const expected: CandidateInput = {
    ...JEANNE,
    schoolId: 'E042',
    birthName: 'Lefèvre',
    firstNames: ['Zoé', 'Anne'],
    sex: 'F',
    birthDate: '2001-03-04',
    optionCode: 'BC05-A',
    accessRoute: 'FORMATION_INITIALE_APPRENTISSAGE',
  }
  const quoteIfNeeded = (cell: string, sep: string) => (cell.includes(sep) ? `"${cell}"` : cell)

  it.each([
    { separator: ';', bom: true, eol: '\r\n' },
    { separator: ';', bom: false, eol: '\n' },
    { separator: ',', bom: true, eol: '\n' },
    { separator: ',', bom: false, eol: '\r\n' },
  ])('reads separator "$separator", BOM $bom, line ends $eol.length byte(s)', async ({ separator, bom, eol }) => {
    const lines = [full.header, full.row].map((cells) => cells.map((c) => quoteIfNeeded(c, separator)).join(separator))
    const text = `${bom ? '\uFEFF' : ''}${lines.join(eol)}${eol}${eol}${eol}`
    const result = await parseCsv(text)
    expect(result).toEqual({
      format: 'csv',
      candidates: [{ row: 2, candidate: expected, status: null }],
      errors: [],
      warnings: [],
      fields: expect.any(Array),
      rejected: [],
    })
  })

  it('reads a tab-separated file too', async () => {
    const result = await parseCsv(`${full.header.join('\t')}\n${full.row.join('\t')}\n`)
    expect(result.candidates.map((c) => c.candidate)).toEqual([expected])
  })

  it('reads RFC 4180 quoting: separators, doubled quotes and line breaks inside quotes', async () => {
    const text =
      'Identifiant;Nom de naissance;Nom d’usage;Prénoms\r\n' +
      'E1;"Dupont; Durand";"Le ""Grand""";"Jean, Paul"\r\n' +
      'E2;"Martin\r\nBis";;Luc\r\n' +
      'E3;Petit;;\r\n'
    const result = await parseCsv(text)
    expect(result.candidates.map((c) => [c.row, c.candidate.birthName, c.candidate.usageName, c.candidate.firstNames])).toEqual([
      [2, 'Dupont; Durand', 'Le "Grand"', ['Jean', 'Paul']],
    ])
    // A line break inside quotes does not start a new row: E3 is on row 4, as Excel shows it.
    // A name takes no line break (issue 14: one-line names on the PV), said at its cell.
    expect(result.errors.map((e) => e.message)).toEqual([
      'candidats.csv, ligne 3, colonne « Nom de naissance » : « Martin Bis » : saut de ligne ou tabulation interdit (U+000D, position 7).',
      'candidats.csv, ligne 4, colonne « Prénoms » : champ obligatoire (au moins un prénom).',
    ])
  })

  it('skips blank rows and blank lines before the header, but counts them in row numbers', async () => {
    const text = '\r\n;;\r\nIdentifiant;Nom;Prénoms\r\nE1;Martin;Jeanne\r\n;;\r\n\r\nE2;Durand;\r\n\r\n\r\n'
    const result = await parseCsv(text)
    expect(result.candidates.map((c) => c.row)).toEqual([4])
    expect(result.errors.map((e) => e.message)).toEqual([
      'candidats.csv, ligne 7, colonne « Prénoms » : champ obligatoire (au moins un prénom).',
    ])
  })

  it('refuses a quote that is never closed, with its line', async () => {
    expect(await errorMessages('Identifiant;Nom;Prénoms\nE1;"Martin;Jeanne\nE2;Durand;Luc\n')).toEqual([
      'candidats.csv, ligne 2 : guillemet ouvert et jamais refermé (la suite du fichier serait lue comme une seule cellule).',
    ])
  })

  it('returns the template: BOM, French headers separated by ";", and nothing to import', async () => {
    const template = candidateListTemplateCsv()
    expect(template).toBe(`\uFEFF${TEMPLATE_HEADER}\r\n`)
    expect(Array.from(utf8(template).subarray(0, 3))).toEqual([0xef, 0xbb, 0xbf])
    expect(await parseCsv(template)).toEqual({ format: 'csv', candidates: [], errors: [], warnings: [], fields: expect.any(Array), rejected: [] })
  })
})

describe('parseCandidateList: headers', () => {
  it.each([
    ['Identifiant', 'schoolId'],
    ['N° étudiant', 'schoolId'],
    ['numero etudiant', 'schoolId'],
    ['Numéro d’étudiant', 'schoolId'],
    ['MATRICULE', 'schoolId'],
    ['Nom de naissance', 'birthName'],
    ['NOM', 'birthName'],
    ["Nom d’usage", 'usageName'],
    ['nom  d’usage', 'usageName'],
    ['Courriel', 'email'],
    ['E-mail', 'email'],
    ['Email', 'email'],
    ['Sexe (M/F)', 'sex'],
    ['Date de naissance (JJ/MM/AAAA)', 'birthDate'],
    ["Modalité d’accès", 'accessRoute'],
    ['VOIE D’ACCES', 'accessRoute'],
  ])('reads the column « %s » as %s', async (header, field) => {
    const values: Record<string, string> = {
      schoolId: 'E9', birthName: 'Martin', usageName: 'Durand', email: 'j.martin@exemple.fr', sex: 'F',
      birthDate: '01/02/2000', accessRoute: 'VAE',
    }
    const expected: Record<string, unknown> = {
      schoolId: 'E9', birthName: 'Martin', usageName: 'Durand', email: 'j.martin@exemple.fr', sex: 'F',
      birthDate: '2000-02-01', accessRoute: 'VAE',
    }
    // The other required columns, under headers that cannot collide with the one tested.
    const base = { schoolId: ['Matricule', 'E9'], birthName: ['Nom de famille', 'Martin'], firstNames: ['Prénoms', 'Jeanne'] }
    const columns = Object.entries(base).filter(([key]) => key !== field).map(([, pair]) => pair)
    columns.push([header, values[field]!])
    const text = `${columns.map((c) => c[0]).join(';')}\n${columns.map((c) => c[1]).join(';')}\n`
    const result = await parseCsv(text)
    expect(result.errors).toEqual([])
    expect(result.warnings).toEqual([])
    expect((result.candidates[0]?.candidate as Record<string, unknown> | undefined)?.[field]).toEqual(expected[field])
  })

  it('reads Prénom 1/2/3 columns as the list of first names, in order', async () => {
    const result = await parseCsv('Identifiant;Nom;Prénom 1;Prénom 2;Prénom 3\nE1;Martin;Jeanne;;Lou\nE2;Durand;Luc;Paul;Marc\n')
    expect(result.candidates.map((c) => c.candidate.firstNames)).toEqual([['Jeanne', 'Lou'], ['Luc', 'Paul', 'Marc']])
  })

  it('reports a missing required column once for the file, naming the headers it read', async () => {
    expect(await errorMessages('Matricule;Sexe\nE1;F\nE2;M\n')).toEqual([
      'candidats.csv, ligne 1 (en-tête) : colonnes obligatoires « Nom de naissance » et « Prénoms » absentes ' +
        '(en-têtes lus : « Matricule », « Sexe » ; l’en-tête est la première ligne non vide).',
    ])
    expect(await errorMessages('Identifiant;Nom\nE1;Martin\n')).toEqual([
      'candidats.csv, ligne 1 (en-tête) : colonne obligatoire « Prénoms » absente ' +
        '(en-têtes lus : « Identifiant », « Nom » ; l’en-tête est la première ligne non vide).',
    ])
  })

  it('refuses two columns for the same field, and Prénoms mixed with Prénom 1', async () => {
    expect(await errorMessages('Identifiant;Nom;Prénoms;Matricule\nE1;Martin;Jeanne;E2\n')).toEqual([
      'candidats.csv, ligne 1 (en-tête) : les colonnes A (« Identifiant ») et D (« Matricule ») désignent toutes deux ' +
        '« Identifiant » ; gardez-en une seule.',
    ])
    expect(await errorMessages('Identifiant;Nom;Prénoms;Prénom 1\nE1;Martin;Jeanne;Jeanne\n')).toEqual([
      'candidats.csv, ligne 1 (en-tête) : une colonne « Prénoms » et des colonnes « Prénom 1/2/3 » : gardez l’une ou l’autre forme.',
    ])
  })

  it('warns about unknown columns and values under no header, and imports the rest', async () => {
    const result = await parseCsv('Identifiant;Nom;Prénoms;Téléphone;\nE1;Martin;Jeanne;0600000000;note\n')
    expect(result.errors).toEqual([])
    expect(result.candidates).toHaveLength(1)
    expect(result.warnings).toEqual([
      {
        file: 'candidats.csv', row: 1, column: 'D', header: 'Téléphone', value: 'Téléphone',
        message: 'candidats.csv, ligne 1, colonne D : en-tête « Téléphone » non reconnu : cette colonne est ignorée.',
      },
      {
        file: 'candidats.csv', row: 2, column: 'E', value: 'note',
        message: 'candidats.csv, ligne 2, colonne E : valeur dans une colonne sans en-tête : cette colonne est ignorée.',
      },
    ])
  })
})

describe('parseCandidateList: values', () => {
  it.each([
    ['M', 'M'], ['F', 'F'], ['m', 'M'], ['H', 'M'], ['Homme', 'M'], ['FEMME', 'F'], ['Masculin', 'M'], ['féminin', 'F'], ['Feminin', 'F'],
  ])('reads sex « %s » as %s', async (text, sex) => {
    expect((await onlyCandidate({ Sexe: text })).sex).toBe(sex)
  })

  it.each([
    ['04/03/2001', '2001-03-04'],
    ['4/3/2001', '2001-03-04'],
    ['04-03-2001', '2001-03-04'],
    ['04.03.2001', '2001-03-04'],
    ['2001-03-04', '2001-03-04'],
    ['2001-3-4', '2001-03-04'],
    ['29/02/2004', '2004-02-29'],
  ])('reads birth date « %s » as %s', async (text, iso) => {
    expect((await onlyCandidate({ 'Date de naissance': text })).birthDate).toBe(iso)
  })

  it.each([
    ['BC05-A', 'BC05-A'], ['bc05a', 'BC05-A'], ['A', 'BC05-A'], ['b', 'BC05-B'], ['Option C', 'BC05-C'], ['option d', 'BC05-D'],
    ['Cybersécurité', 'BC05-A'], ['CYBERSECURITE', 'BC05-A'], ['Réseaux et architecture', 'BC05-B'],
    ['Option C - Ingénierie des logiciels et systèmes', 'BC05-C'], ['BC05-D Intelligence artificielle et gestion des données', 'BC05-D'],
  ])('reads option « %s » as %s', async (text, code) => {
    expect((await onlyCandidate({ Option: text })).optionCode).toBe(code)
  })

  it.each([
    ['Formation initiale hors apprentissage', 'FORMATION_INITIALE_HORS_APPRENTISSAGE'],
    ['Formation initiale', 'FORMATION_INITIALE_HORS_APPRENTISSAGE'],
    ['Apprentissage', 'FORMATION_INITIALE_APPRENTISSAGE'],
    ['apprenti', 'FORMATION_INITIALE_APPRENTISSAGE'],
    ['Formation continue', 'FORMATION_CONTINUE_HORS_CONTRAT_DE_PROFESSIONNALISATION'],
    ['Contrat de professionnalisation', 'FORMATION_CONTINUE_CONTRAT_DE_PROFESSIONNALISATION'],
    ['Contrat de pro', 'FORMATION_CONTINUE_CONTRAT_DE_PROFESSIONNALISATION'],
    ['contrat pro', 'FORMATION_CONTINUE_CONTRAT_DE_PROFESSIONNALISATION'],
    ['VAE', 'VAE'],
    ['Équivalence', 'EQUIVALENCE'],
    ['equivalence', 'EQUIVALENCE'],
    ['Candidat libre', 'CANDIDAT_LIBRE'],
    ['FORMATION_CONTINUE_CONTRAT_DE_PROFESSIONNALISATION', 'FORMATION_CONTINUE_CONTRAT_DE_PROFESSIONNALISATION'],
  ])('reads access route « %s » as %s', async (text, route) => {
    expect((await onlyCandidate({ 'Voie d’accès': text })).accessRoute).toBe(route)
  })

  it('splits Prénoms on commas and trims names and e-mail', async () => {
    const candidate = await onlyCandidate({ Prénoms: ' Anne ,Marie,  Lou ', Courriel: '  anne.martin@exemple.fr ' })
    expect(candidate.firstNames).toEqual(['Anne', 'Marie', 'Lou'])
    expect(candidate.email).toBe('anne.martin@exemple.fr')
  })

  it('implies France (99100) when a commune code is given without a country', async () => {
    const candidate = await onlyCandidate({ 'Code INSEE commune de naissance': '75056', 'Commune de naissance': 'Paris' })
    expect(candidate).toMatchObject({
      birthCommuneCode: '75056', birthCommuneCodeKind: 'insee', birthCommuneLabel: 'Paris',
      birthCountryCode: '99100', birthCountryLabel: 'France',
    })
    expect((await onlyCandidate({ 'Code INSEE commune de naissance': '2A004' })).birthCommuneCode).toBe('2A004')
    expect((await onlyCandidate({ 'Pays de naissance': 'France' })).birthCountryCode).toBe('99100')
  })

  it('keeps a birth abroad as given, with no commune code', async () => {
    const candidate = await onlyCandidate({ 'Commune de naissance': 'Casablanca', 'Code pays de naissance': '99350', 'Pays de naissance': 'Maroc' })
    expect(candidate).toMatchObject({
      birthCommuneCode: null, birthCommuneCodeKind: null, birthCommuneLabel: 'Casablanca',
      birthCountryCode: '99350', birthCountryLabel: 'Maroc',
    })
  })

  it('reads a postal code column as a postal code, and prefers the INSEE code when both are given', async () => {
    const header = 'Identifiant;Nom;Prénoms;Code postal de naissance;Code INSEE de naissance'
    const result = await parseCsv(`${header}\nE1;Martin;Jeanne;69001;\nE2;Durand;Luc;69001;69123\n`)
    expect(result.candidates.map((c) => [c.candidate.birthCommuneCode, c.candidate.birthCommuneCodeKind])).toEqual([
      ['69001', 'postal'],
      ['69123', 'insee'],
    ])
  })

  it('keeps formula-like texts verbatim: nothing is ever evaluated', async () => {
    const candidate = await onlyCandidate({
      'Nom de naissance': '=HYPERLINK("http://exemple.fr","clic")',
      'Nom d’usage': '+33 6 00',
      Prénoms: '-Jeanne, @Lou',
      'Commune de naissance': '=1+1',
    })
    expect(candidate.birthName).toBe('=HYPERLINK("http://exemple.fr","clic")')
    expect(candidate.usageName).toBe('+33 6 00')
    expect(candidate.firstNames).toEqual(['-Jeanne', '@Lou'])
    expect(candidate.birthCommuneLabel).toBe('=1+1')
  })
})

describe('parseCandidateList: errors say where', () => {
  const at = (column: string) => `candidats.csv, ligne 2, colonne « ${column} » : `
  it.each([
    [{ Identifiant: '' }, `${at('Identifiant')}champ obligatoire.`],
    [{ Identifiant: 'X'.repeat(65) }, `${at('Identifiant')}« ${'X'.repeat(57)}… » : 64 caractères au plus.`],
    [{ 'Nom de naissance': '  ' }, `${at('Nom de naissance')}champ obligatoire.`],
    [{ Prénoms: 'Anne, Marie, Lou, Zoé' }, `${at('Prénoms')}« Anne, Marie, Lou, Zoé » : trois prénoms au plus.`],
    [{ Sexe: 'X' }, `${at('Sexe')}« X » : sexe non reconnu (M ou F attendu ; H, Homme, Femme, Masculin et Féminin sont acceptés).`],
    [{ 'Date de naissance': '31/02/2001' }, `${at('Date de naissance')}« 31/02/2001 » : date inexistante.`],
    [{ 'Date de naissance': '04/03/01' }, `${at('Date de naissance')}« 04/03/01 » : date non reconnue (JJ/MM/AAAA, JJ-MM-AAAA ou AAAA-MM-JJ attendu).`],
    [{ 'Code INSEE commune de naissance': '7505' }, `${at('Code INSEE commune de naissance')}« 7505 » : code commune attendu sur 5 caractères.`],
    [{ 'Code pays de naissance': 'Maroc' }, `${at('Code pays de naissance')}« Maroc » : code pays INSEE attendu (99xxx).`],
    [{ Courriel: 'jeanne.martin@' }, `${at('Courriel')}« jeanne.martin@ » : adresse électronique invalide.`],
    [
      { Option: 'Option E' },
      `${at('Option')}« Option E » : option inconnue (attendu : BC05-A Cybersécurité, BC05-B Réseaux et architecture, ` +
        'BC05-C Ingénierie des logiciels et systèmes, BC05-D Intelligence artificielle et gestion des données).',
    ],
    [
      { 'Voie d’accès': 'Alternance' },
      `${at('Voie d’accès')}« Alternance » : voie d’accès ambiguë, indiquez « Apprentissage » (contrat d’apprentissage) ` +
        'ou « Contrat de professionnalisation ».',
    ],
    [
      { 'Voie d’accès': 'Stage' },
      `${at('Voie d’accès')}« Stage » : voie d’accès non reconnue (attendu : Formation initiale hors apprentissage, ` +
        'Apprentissage, Formation continue, Contrat de professionnalisation, VAE, Équivalence ou Candidat libre).',
    ],
  ])('%o', async (values, message) => {
    const result = await parseCsv(templateRow({ ...MINIMAL, ...values }))
    expect(result.errors.map((e) => e.message)).toEqual([message])
    expect(result.candidates).toEqual([])
  })

  it('gives file, row, column letter, header, field and value apart from the message', async () => {
    const result = await parseCsv(templateRow({ ...MINIMAL, 'Date de naissance': '31/02/2001' }))
    expect(result.errors).toEqual([
      {
        file: 'candidats.csv', row: 2, column: 'F', header: 'Date de naissance', field: 'birthDate', value: '31/02/2001',
        message: 'candidats.csv, ligne 2, colonne « Date de naissance » : « 31/02/2001 » : date inexistante.',
      },
    ])
  })

  it('lists every error of a row, left to right, and keeps the valid rows', async () => {
    const text = `${TEMPLATE_HEADER}\nE1;Martin;;Jeanne;F;;;;;;;;\nE2;;;;Z;;;;;;;;\n`
    const result = await parseCsv(text)
    expect(result.candidates.map((c) => c.candidate.schoolId)).toEqual(['E1'])
    expect(result.errors.map((e) => [e.column, e.field])).toEqual([
      ['B', 'birthName'],
      ['D', 'firstNames'],
      ['E', 'sex'],
    ])
  })

  it('refuses a duplicate identifier on the second row, naming the first', async () => {
    const result = await parseCsv('Identifiant;Nom;Prénoms\nE1;Martin;Jeanne\nE2;Durand;Luc\n E1 ;Petit;Lou\n')
    expect(result.candidates.map((c) => c.row)).toEqual([2, 3])
    expect(result.errors.map((e) => e.message)).toEqual([
      'candidats.csv, ligne 4, colonne « Identifiant » : « E1 » : identifiant déjà présent ligne 2 (chaque candidat a un identifiant unique).',
    ])
  })
})

describe('parseCandidateList: files it refuses', () => {
  const saveAs = 'dans Excel, utilisez « Fichier > Enregistrer sous… » et choisissez le type « CSV UTF-8 (délimité par des virgules) »'

  it('refuses UTF-16 files, with or without BOM', async () => {
    const text = 'Identifiant;Nom;Prénoms\r\nE1;Martin;Jeanne\r\n'
    const utf16le = new Uint8Array([0xff, 0xfe, ...Array.from(text).flatMap((ch) => [ch.charCodeAt(0) & 0xff, ch.charCodeAt(0) >> 8])])
    const message = `liste.csv : le fichier est encodé en UTF-16 (« Texte Unicode »), pas en UTF-8 : ${saveAs}.`
    expect((await parseCandidateList(utf16le, 'liste.csv', seedReferential)).errors.map((e) => e.message)).toEqual([message])
    expect((await parseCandidateList(utf16le.subarray(2), 'liste.csv', seedReferential)).errors.map((e) => e.message)).toEqual([message])
  })

  it('refuses Windows-1252 files, naming the first line that is not UTF-8', async () => {
    const latin1 = new Uint8Array(Array.from('Identifiant;Nom;Prenoms\nE1;Martin;Jeanne\nE2;Lef\xe8vre;Luc\n', (ch) => ch.charCodeAt(0)))
    const result = await parseCandidateList(latin1, 'liste.csv', seedReferential)
    expect(result.errors).toEqual([
      {
        file: 'liste.csv', row: null,
        message: `liste.csv : le fichier n’est pas encodé en UTF-8 (probablement Windows-1252, première anomalie ligne 3) : ${saveAs}.`,
      },
    ])
    expect(result.candidates).toEqual([])
  })

  it('refuses an old .xls (or password-protected) workbook and an empty file', async () => {
    const ole = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0])
    expect((await parseCandidateList(ole, 'liste.xls', seedReferential)).errors.map((e) => e.message)).toEqual([
      'liste.xls : classeur Excel 97-2003 (.xls) ou protégé par mot de passe : enregistrez-le au format ' +
        '« Classeur Excel (.xlsx) » sans mot de passe, ou au format « CSV UTF-8 ».',
    ])
    expect(await errorMessages('', 'vide.csv')).toEqual(['vide.csv : le fichier est vide.'])
    expect(await errorMessages('\r\n;;\r\n', 'vide.csv')).toEqual(['vide.csv : le fichier ne contient aucune ligne (ni en-tête ni candidat).'])
  })

  it(`refuses files over ${MAX_CANDIDATE_LIST_BYTES} bytes before reading them`, async () => {
    const big = new Uint8Array(MAX_CANDIDATE_LIST_BYTES + 1).fill(0x41)
    expect((await parseCandidateList(big, 'gros.csv', seedReferential)).errors.map((e) => e.message)).toEqual([
      'gros.csv : le fichier pèse 5,0 Mo, au-delà de la limite de 5 Mo : découpez la liste en plusieurs fichiers.',
    ])
  })

  it(`accepts ${MAX_CANDIDATE_LIST_ROWS} candidates and refuses one more, whole`, async () => {
    const rows = (n: number) => Array.from({ length: n }, (_, i) => `E${i};Nom${i};Prénom`).join('\n')
    const atLimit = await parseCsv(`Identifiant;Nom;Prénoms\n${rows(MAX_CANDIDATE_LIST_ROWS)}\n`)
    expect(atLimit.errors).toEqual([])
    expect(atLimit.candidates).toHaveLength(MAX_CANDIDATE_LIST_ROWS)
    const over = await parseCsv(`Identifiant;Nom;Prénoms\n${rows(MAX_CANDIDATE_LIST_ROWS + 1)}\n`)
    expect(over).toEqual({
      format: 'csv',
      candidates: [],
      warnings: [],
      fields: expect.any(Array),
      rejected: [],
      errors: [
        {
          file: 'candidats.csv', row: null,
          message: 'candidats.csv : le fichier compte plus de 20 000 lignes de candidats ; découpez-le en plusieurs fichiers.',
        },
      ],
    })
  }, 30_000)
})

describe('parseCandidateList: .xlsx workbooks', () => {
  it('reads typed cells: a date cell, a number-typed identifier, a number INSEE code that lost its leading 0', async () => {
    const bytes = await xlsx([
      {
        name: 'Candidats',
        rows: [
          ['Identifiant', 'Nom de naissance', 'Prénoms', 'Date de naissance', 'Code INSEE commune de naissance', 'Option'],
          [20231234, 'Lefèvre', 'Zoé', new Date(Date.UTC(2001, 2, 4)), 1053, 'Option B'],
          ['E2', { richText: [{ text: 'Du' }, { text: 'rand' }] }, 'Luc', 36954, '75056', 'D'],
        ],
      },
    ])
    const result = await parseCandidateList(bytes, 'candidats.xlsx', seedReferential)
    expect(result.errors).toEqual([])
    expect(result.format).toBe('xlsx')
    expect(result.sheet).toBe('Candidats')
    expect(result.candidates.map(({ row, candidate: c }) => [row, c.schoolId, c.birthName, c.birthDate, c.birthCommuneCode, c.optionCode])).toEqual([
      [2, '20231234', 'Lefèvre', '2001-03-04', '01053', 'BC05-B'],
      // 36954 is the date serial of 2001-03-04: a date cell that lost its format.
      [3, 'E2', 'Durand', '2001-03-04', '75056', 'BC05-D'],
    ])
  })

  it('reads a minimal workbook from another producer: inline strings, no styles, parts in any order', async () => {
    const main = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main'
    const rel = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships'
    const pkg = 'http://schemas.openxmlformats.org/package/2006'
    const inline = (ref: string, text: string) => `<c r="${ref}" t="inlineStr"><is><t>${text}</t></is></c>`
    const parts: Record<string, string> = {
      'xl/worksheets/sheet1.xml':
        `<worksheet xmlns="${main}"><sheetData>` +
        `<row r="1">${inline('A1', 'Identifiant')}${inline('B1', 'Nom')}${inline('C1', 'Prénoms')}</row>` +
        `<row r="2"><c r="A2"><v>42</v></c>${inline('B2', 'Lefèvre &amp; Fils')}${inline('C2', 'Zoé')}</row>` +
        '</sheetData></worksheet>',
      '[Content_Types].xml':
        `<Types xmlns="${pkg}/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
        '<Default Extension="xml" ContentType="application/xml"/>' +
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
        '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
      '_rels/.rels': `<Relationships xmlns="${pkg}/relationships"><Relationship Id="rId1" Type="${rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
      'xl/_rels/workbook.xml.rels': `<Relationships xmlns="${pkg}/relationships"><Relationship Id="rId1" Type="${rel}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`,
      'xl/workbook.xml': `<workbook xmlns="${main}" xmlns:r="${rel}"><sheets><sheet name="Export" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    }
    const archive = lyingZip(Object.entries(parts).map(([name, xml]) => ({ name, data: utf8(`<?xml version="1.0" encoding="UTF-8"?>${xml}`) })))
    const result = await parseCandidateList(archive, 'export.xlsx', seedReferential)
    expect(result).toEqual({
      format: 'xlsx',
      sheet: 'Export',
      candidates: [{ row: 2, candidate: { ...JEANNE, schoolId: '42', birthName: 'Lefèvre & Fils', firstNames: ['Zoé'] }, status: null }],
      errors: [],
      warnings: [],
      fields: expect.any(Array),
      rejected: [],
    })
  })

  it('reads the sheet named Candidats, else the first visible sheet; the header is the first non-empty row', async () => {
    const list: Row[] = [['Identifiant', 'Nom', 'Prénoms'], ['E1', 'Martin', 'Jeanne']]
    const other: Row[] = [['Code', 'Libellé'], ['X', 'Y']]
    const withCandidats = await xlsx([{ name: 'Notes', rows: other }, { name: 'candidats ', rows: list, firstRow: 3 }])
    const r1 = await parseCandidateList(withCandidats, 'a.xlsx', seedReferential)
    expect([r1.sheet, r1.candidates.map((c) => c.row), r1.errors]).toEqual(['candidats ', [4], []])

    const hiddenFirst = await xlsx([{ name: 'Cachée', rows: other, state: 'hidden' }, { name: 'Export', rows: list }])
    const r2 = await parseCandidateList(hiddenFirst, 'b.xlsx', seedReferential)
    expect([r2.sheet, r2.candidates.length, r2.errors]).toEqual(['Export', 1, []])
  })

  it('names the sheet and the cell in every message', async () => {
    const bytes = await xlsx([
      {
        name: 'Candidats',
        rows: [
          ['Identifiant', 'Nom', 'Prénoms', 'Date de naissance', 'Fax'],
          ['E1', 'Martin', 'Jeanne', '31/02/2001', null],
          [null, null, null, null, null],
          ['E1', 'Durand', 'Luc', null, null],
        ],
      },
    ])
    const result = await parseCandidateList(bytes, 'liste.xlsx', seedReferential)
    expect(result.errors.map((e) => e.message)).toEqual([
      'liste.xlsx, feuille « Candidats », cellule D2 (colonne « Date de naissance ») : « 31/02/2001 » : date inexistante.',
      'liste.xlsx, feuille « Candidats », cellule A4 (colonne « Identifiant ») : « E1 » : identifiant déjà présent ligne 2 (chaque candidat a un identifiant unique).',
    ])
    expect(result.errors[0]).toMatchObject({ sheet: 'Candidats', row: 2, column: 'D', field: 'birthDate' })
    expect(result.warnings.map((w) => w.message)).toEqual([
      'liste.xlsx, feuille « Candidats », cellule E1 : en-tête « Fax » non reconnu : cette colonne est ignorée.',
    ])
  })

  it('keeps formula-like texts verbatim and takes a formula cell at its computed value, never re-evaluating it', async () => {
    const bytes = await xlsx([
      {
        name: 'Candidats',
        rows: [
          ['Identifiant', 'Nom', 'Prénoms', 'Commune de naissance'],
          ['E1', '=1+1', '@Jeanne', { formula: 'CONCAT("Pa","ris")', result: 'Paris' }],
          ['E2', '-Durand', '+Luc', { formula: 'A1&B1' }],
        ],
      },
    ])
    const result = await parseCandidateList(bytes, 'liste.xlsx', seedReferential)
    expect(result.errors).toEqual([])
    expect(result.candidates.map((c) => [c.candidate.birthName, c.candidate.firstNames, c.candidate.birthCommuneLabel])).toEqual([
      ['=1+1', ['@Jeanne'], 'Paris'],
      ['-Durand', ['+Luc'], '=A1&B1'],
    ])
  })

  it('refuses a damaged workbook and an empty one', async () => {
    const damaged = utf8('PK\u0003\u0004 pas une archive')
    expect((await parseCandidateList(damaged, 'abime.xlsx', seedReferential)).errors.map((e) => e.message)).toEqual([
      'abime.xlsx : le classeur .xlsx est illisible (archive zip endommagée).',
    ])
    const empty = await xlsx([{ name: 'Feuil1', rows: [] }])
    expect((await parseCandidateList(empty, 'vide.xlsx', seedReferential)).errors.map((e) => e.message)).toEqual([
      'vide.xlsx : la première feuille visible du classeur est vide (ni en-tête ni candidat).',
    ])
  })

  it(`stops reading a workbook past ${MAX_CANDIDATE_LIST_ROWS} candidates and refuses it whole`, async () => {
    const rows: Row[] = [['Identifiant', 'Nom', 'Prénoms']]
    for (let i = 0; i <= MAX_CANDIDATE_LIST_ROWS; i++) rows.push([`E${i}`, `Nom${i}`, 'Prénom'])
    const result = await parseCandidateList(await xlsx([{ name: 'Candidats', rows }]), 'gros.xlsx', seedReferential)
    expect(result.candidates).toEqual([])
    expect(result.errors.map((e) => e.message)).toEqual([
      'gros.xlsx, feuille « Candidats » : le fichier compte plus de 20 000 lignes de candidats ; découpez-le en plusieurs fichiers.',
    ])
  }, 30_000)

  it('reads the zip directory before inflating anything: declared size (zip bomb guard) and parts', async () => {
    const bytes = await xlsx([{ name: 'Feuil1', rows: [['Identifiant']] }])
    const directory = readZipDirectory(bytes)!
    expect(directory.uncompressedSize).toBeGreaterThan(bytes.length)
    expect(directory.uncompressedSize).toBeLessThan(100_000)
    expect(directory.names).toContain('xl/workbook.xml')
  })

  it('refuses OpenDocument spreadsheets, .xlsb workbooks and other zip files, saying what to do', async () => {
    const archiveOf = (names: string[]) => lyingZip(names.map((name) => ({ name, data: utf8('x') })))
    const messages = async (names: string[], file: string) =>
      (await parseCandidateList(archiveOf(names), file, seedReferential)).errors.map((e) => e.message)
    expect(await messages(['mimetype', 'content.xml', 'META-INF/manifest.xml'], 'liste.ods')).toEqual([
      'liste.ods : feuille de calcul OpenDocument (.ods) : enregistrez la liste au format « Classeur Excel (.xlsx) » ou « CSV UTF-8 ».',
    ])
    expect(await messages(['[Content_Types].xml', 'xl/workbook.bin'], 'liste.xlsb')).toEqual([
      'liste.xlsb : classeur binaire Excel (.xlsb) non pris en charge : enregistrez-le au format « Classeur Excel (.xlsx) » ou « CSV UTF-8 ».',
    ])
    expect(await messages(['photo.jpg'], 'photos.zip')).toEqual([
      'photos.zip : archive zip qui n’est pas un classeur Excel : enregistrez la liste au format « Classeur Excel (.xlsx) » ou « CSV UTF-8 ».',
    ])
  })
})

describe('shared/formats stays runnable in the Worker and the browser', () => {
  it('imports only zod and relative modules (excelts only through shared/xlsx.ts)', () => {
    for (const file of ['candidateList.ts', 'csv.ts', 'xlsxRows.ts']) {
      const source = readFileSync(new URL(`../../../shared/formats/${file}`, import.meta.url), 'utf8')
      const imports = [...source.matchAll(/from '([^']+)'/g)].map((m) => m[1]!)
      for (const specifier of imports) expect(['zod']).toContain(specifier.startsWith('.') ? 'zod' : specifier)
    }
  })
})
