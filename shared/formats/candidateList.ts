/**
 * Import of a candidate list, as a school exports it from its own tools: a CSV file or an .xlsx
 * workbook with one row per candidate and French column headers. Every value goes through
 * `candidateInputSchema`; every problem is reported in French with its place in the file (file,
 * sheet, row or cell, column header) so that an administrator can fix the file and try again.
 *
 * Cells are data only: nothing is evaluated, a text starting with = + - @ is kept verbatim.
 */
import { frenchErrors } from '../zod'
import {
  ACCESS_ROUTES,
  accessRouteLabels,
  candidateInputSchema,
  candidateStatusLabels,
  capitalisationSourceLabels,
  CAPITALISATION_SOURCES,
  type AccessRoute,
  type Candidate,
  type CandidateInput,
  type CandidateStatus,
  type CapitalisationSource,
  type CapitalisedBloc,
} from '../candidates/schema'
import { frenchDate } from '../frenchDates'
import { evaluableBlocs } from '../referential'
import type { OptionBloc, Referential } from '../referential/schema'
import { CsvSyntaxError, csvRecords, decodeCsvBytes, detectSeparator } from './csv'
import { columnLetter, isOleCompoundFile, isZip, readXlsxRows, XlsxReadError, type SheetCell } from './xlsxRows'

/** Files above this size are refused before any parsing: memory stays bounded in the Worker. */
export const MAX_CANDIDATE_LIST_BYTES = 5 * 1024 * 1024
/** Candidate rows (header and empty rows excluded) accepted in one file. */
export const MAX_CANDIDATE_LIST_ROWS = 20_000

export interface CandidateListIssue {
  /** File name as given by the user. */
  file: string
  /** Worksheet read, for an .xlsx file. */
  sheet?: string
  /** 1-based row (CSV record or sheet row, as Excel shows it); null when the whole file is concerned. */
  row: number | null
  /** Column letter (A, B…), when a cell is concerned. */
  column?: string
  /** Column header as written in the file. */
  header?: string
  /** Field of `candidateInputSchema` concerned, e.g. `birthDate` or `firstNames`. */
  field?: string
  /** The cell content at fault, as text. */
  value?: string
  /** Complete French sentence, location included: ready to show as is. */
  message: string
}

export interface ImportedCandidate {
  /** Row of the candidate in the file (same numbering as in the messages). */
  row: number
  candidate: CandidateInput
  /** What the « Statut » column says (a blank cell is « Inscrit »); null without that column. */
  status: CandidateStatus | null
}

/** The fields of `CandidateInput` that a file's columns give (the others it says nothing of). */
export type CandidateField = keyof CandidateInput

export interface CandidateListResult {
  format: 'csv' | 'xlsx' | 'sheet'
  /** Worksheet read, for an .xlsx file or a sheet. */
  sheet?: string
  /** Valid rows only; a row with any error is left out and its errors are listed. */
  candidates: ImportedCandidate[]
  errors: CandidateListIssue[]
  /** Not blocking: unknown columns, values in a column without header. */
  warnings: CandidateListIssue[]
  /** Fields the file's columns give: an import leaves the others as they are for known candidates. */
  fields: CandidateField[]
  /** Rows left out for their errors, with the identifier they carry (so they are not "absent"). */
  rejected: Array<{ row: number; schoolId: string | null }>
}

export type ColumnKey =
  | 'schoolId'
  | 'birthName'
  | 'usageName'
  | 'firstNames'
  | 'firstName1'
  | 'firstName2'
  | 'firstName3'
  | 'sex'
  | 'birthDate'
  | 'birthInseeCode'
  | 'birthPostalCode'
  | 'birthCommuneLabel'
  | 'birthCountryCode'
  | 'birthCountryLabel'
  | 'email'
  | 'option'
  | 'accessRoute'
  | 'status'

interface ColumnSpec {
  key: ColumnKey
  /** Header written in the template and named in the messages. */
  label: string
  /** Accepted headers, compared with `looseKey`. */
  synonyms: readonly string[]
  /** Whether the template lists it (the alternatives to a template column do not). */
  inTemplate: boolean
}

const spec = (key: ColumnKey, label: string, inTemplate: boolean, synonyms: readonly string[]): ColumnSpec => ({
  key,
  label,
  inTemplate,
  synonyms: [label, ...synonyms],
})

/** In template order; each label is also a synonym. */
const COLUMN_SPECS: readonly ColumnSpec[] = [
  spec('schoolId', 'Identifiant', true, [
    'Id', 'N° étudiant', 'Numéro étudiant', 'Numéro d’étudiant', 'Num étudiant', 'No étudiant', 'Matricule',
    'Identifiant étudiant', 'Identifiant candidat', 'N° candidat', 'Numéro candidat',
  ]),
  spec('birthName', 'Nom de naissance', true, ['Nom', 'Nom de famille', 'Nom patronymique']),
  spec('usageName', 'Nom d’usage', true, ['Nom usage', 'Nom marital']),
  spec('firstNames', 'Prénoms', true, ['Prénom']),
  spec('firstName1', 'Prénom 1', false, ['Premier prénom']),
  spec('firstName2', 'Prénom 2', false, ['Deuxième prénom', 'Second prénom']),
  spec('firstName3', 'Prénom 3', false, ['Troisième prénom']),
  spec('sex', 'Sexe', true, []),
  spec('birthDate', 'Date de naissance', true, ['Date naissance', 'Né le', 'Née le', 'Né(e) le']),
  spec('birthInseeCode', 'Code INSEE commune de naissance', true, [
    'Code INSEE de la commune de naissance', 'Code INSEE de naissance', 'Code INSEE naissance', 'Code INSEE',
    'Code commune de naissance', 'Code commune naissance',
  ]),
  spec('birthPostalCode', 'Code postal de naissance', false, [
    'Code postal naissance', 'Code postal commune de naissance', 'CP de naissance', 'CP naissance',
  ]),
  spec('birthCommuneLabel', 'Commune de naissance', true, [
    'Commune naissance', 'Ville de naissance', 'Ville naissance', 'Lieu de naissance', 'Libellé commune de naissance',
  ]),
  spec('birthCountryCode', 'Code pays de naissance', true, [
    'Code pays naissance', 'Code pays', 'Code INSEE pays de naissance',
  ]),
  spec('birthCountryLabel', 'Pays de naissance', true, ['Pays naissance', 'Pays', 'Libellé pays de naissance']),
  spec('email', 'Courriel', true, [
    'E-mail', 'Email', 'Mail', 'Mél', 'Adresse électronique', 'Adresse mail', 'Adresse e-mail', 'Adresse courriel',
  ]),
  spec('option', 'Option', true, ['Option bloc 5', 'Option du bloc 5', 'Option BC05', 'Bloc d’option', 'Option choisie']),
  spec('accessRoute', 'Voie d’accès', true, [
    'Voie accès', 'Modalité d’accès', 'Modalité accès', 'Modalité d’accès à la certification',
    'Voie d’accès à la certification',
  ]),
  // In the template of a session (candidateListColumns), with the capitalisation columns.
  spec('status', 'Statut', false, ['Statut d’inscription', 'Inscription', 'Statut du candidat']),
]

/**
 * Comparison key for headers and coded values: case, accents, spaces, apostrophes and
 * punctuation are ignored ("N° d'étudiant" and "n°  d’etudiant" are the same header).
 */
export function looseKey(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/œ/g, 'oe')
    .replace(/æ/g, 'ae')
    .replace(/[^a-z0-9]/g, '')
}

/** A header may carry a hint in brackets, e.g. "Sexe (M/F)": the hint is not part of the name. */
function headerKey(text: string): string {
  return looseKey(text.replace(/\([^)]*\)|\[[^\]]*\]/g, ' ')) || looseKey(text)
}

const SPEC_BY_HEADER = new Map<string, ColumnSpec>(
  COLUMN_SPECS.flatMap((spec) => spec.synonyms.map((s) => [headerKey(s), spec] as const)),
)

/* ----------------------------------------------------------------------------------------- */
/* Capitalisation columns: one pair per evaluable bloc of the référentiel                    */
/* ----------------------------------------------------------------------------------------- */

/** « Capitalisé BC01 »: where the bloc was acquired (Session antérieure, VAE, Équivalence). */
const capitalisedSourceHeader = (blocCode: string) => `Capitalisé ${blocCode}`
/** « Date capitalisation BC01 »: when (for an earlier session, the date of its deliberation). */
const capitalisedDateHeader = (blocCode: string) => `Date capitalisation ${blocCode}`

const BLOC_KEY = '(bc\\d{2}[a-z]?)'
const CAPITALISED_SOURCE_HEADER = new RegExp(
  `^(?:capitalise|capitalisation|origine|originecapitalisation|sourcecapitalisation)${BLOC_KEY}$|^${BLOC_KEY}(?:capitalise|capitalisation|origine)$`,
)
const CAPITALISED_DATE_HEADER = new RegExp(
  `^(?:datecapitalisation|datedecapitalisation|datecapitalise)${BLOC_KEY}$|^${BLOC_KEY}(?:datecapitalisation|datedecapitalisation|datecapitalise)$`,
)

/** "bc05a" → "BC05-A". */
function blocCodeOfKey(key: string): string {
  const match = /^bc(\d{2})([a-z]?)$/.exec(key)
  if (!match) return key.toUpperCase()
  return `BC${match[1]}${match[2] ? `-${match[2].toUpperCase()}` : ''}`
}

function capitalisationHeader(header: string): { kind: 'capitalisedSource' | 'capitalisedDate'; blocCode: string } | null {
  const key = headerKey(header)
  const source = CAPITALISED_SOURCE_HEADER.exec(key)
  if (source) return { kind: 'capitalisedSource', blocCode: blocCodeOfKey(source[1] ?? source[2] ?? '') }
  const date = CAPITALISED_DATE_HEADER.exec(key)
  if (date) return { kind: 'capitalisedDate', blocCode: blocCodeOfKey(date[1] ?? date[2] ?? '') }
  return null
}

const SOURCE_BY_KEY = new Map<string, CapitalisationSource>([
  ...CAPITALISATION_SOURCES.map((s) => [looseKey(s), s] as const),
  ...CAPITALISATION_SOURCES.map((s) => [looseKey(capitalisationSourceLabels[s]), s] as const),
  ...(
    [
      ['Session précédente', 'earlier_session'],
      ['Ancienne session', 'earlier_session'],
      ['Rattrapage', 'earlier_session'],
      ['Validation des acquis de l’expérience', 'vae'],
    ] as const
  ).map(([text, source]) => [looseKey(text), source] as const),
])

const STATUS_BY_KEY = new Map<string, CandidateStatus>(
  (
    [
      ['Inscrit', 'enrolled'], ['Inscrite', 'enrolled'], ['Inscrit(e)', 'enrolled'], ['enrolled', 'enrolled'], ['Actif', 'enrolled'],
      ['Désinscrit', 'withdrawn'], ['Désinscrite', 'withdrawn'], ['Désinscrit(e)', 'withdrawn'], ['withdrawn', 'withdrawn'],
      ['Retiré', 'withdrawn'], ['Retirée', 'withdrawn'], ['Abandon', 'withdrawn'], ['Démission', 'withdrawn'],
    ] as const
  ).map(([text, status]) => [looseKey(text), status] as const),
)

export interface CandidateListColumn {
  header: string
  /** What the column fills; a capitalisation column names its bloc. */
  field: ColumnKey | 'capitalisedSource' | 'capitalisedDate'
  blocCode?: string
  /** text (written as text, « @ »), date (a real date), choice (a drop-down of `choices`). */
  kind: 'text' | 'date' | 'choice'
  /** Accepted values, as the parser reads them, for a drop-down. */
  choices?: string[]
}

function optionChoices(referential: Referential): string[] {
  const groupCode = referential.certificationRule.optionGroupCode
  return referential.blocs.flatMap((b) => (b.kind === 'optionGroup' && b.code === groupCode ? b.options : [])).map((o) => `${o.code} ${o.title}`)
}

/**
 * The columns of a session's candidate list in template order, as the import reads them: the
 * identity the CDC file needs, the option and access route, the status, then for each bloc of
 * the référentiel its capitalisation (source and date). The task pane writes its « Candidats »
 * sheet from this, so the sheet it reads back is one the parser understands.
 */
export function candidateListColumns(referential: Referential): CandidateListColumn[] {
  const kinds: Partial<Record<ColumnKey, Pick<CandidateListColumn, 'kind' | 'choices'>>> = {
    sex: { kind: 'choice', choices: ['M', 'F'] },
    birthDate: { kind: 'date' },
    option: { kind: 'choice', choices: optionChoices(referential) },
    accessRoute: { kind: 'choice', choices: ACCESS_ROUTES.map((r) => accessRouteLabels[r]) },
    status: { kind: 'choice', choices: [candidateStatusLabels.enrolled, candidateStatusLabels.withdrawn] },
  }
  const base: CandidateListColumn[] = COLUMN_SPECS.filter((s) => s.inTemplate || s.key === 'status').map((s) => ({
    header: s.label,
    field: s.key,
    ...(kinds[s.key] ?? { kind: 'text' as const }),
  }))
  const sources = CAPITALISATION_SOURCES.map((source) => capitalisationSourceLabels[source])
  const capitalisation = evaluableBlocs(referential).flatMap((bloc): CandidateListColumn[] => [
    { header: capitalisedSourceHeader(bloc.code), field: 'capitalisedSource', blocCode: bloc.code, kind: 'choice', choices: sources },
    { header: capitalisedDateHeader(bloc.code), field: 'capitalisedDate', blocCode: bloc.code, kind: 'date' },
  ])
  return [...base, ...capitalisation]
}

/**
 * A stored candidate as a row under `candidateListColumns(referential)`: texts, dates as ISO
 * `AAAA-MM-JJ` (to be written as real dates), choices as their label; null for an empty cell.
 */
export function candidateListValues(candidate: Candidate, referential: Referential): Array<string | null> {
  const option = candidate.optionCode === null ? null : (optionChoices(referential).find((c) => c.startsWith(`${candidate.optionCode} `)) ?? candidate.optionCode)
  const capitalised = new Map(candidate.capitalisedBlocs.map((b) => [b.blocCode, b]))
  return candidateListColumns(referential).map((column) => {
    switch (column.field) {
      case 'schoolId': return candidate.schoolId
      case 'birthName': return candidate.birthName
      case 'usageName': return candidate.usageName
      case 'firstNames': return candidate.firstNames.join(', ')
      case 'sex': return candidate.sex
      case 'birthDate': return candidate.birthDate
      case 'birthInseeCode': return candidate.birthCommuneCodeKind === 'insee' ? candidate.birthCommuneCode : null
      case 'birthPostalCode': return candidate.birthCommuneCodeKind === 'postal' ? candidate.birthCommuneCode : null
      case 'birthCommuneLabel': return candidate.birthCommuneLabel
      case 'birthCountryCode': return candidate.birthCountryCode
      case 'birthCountryLabel': return candidate.birthCountryLabel
      case 'email': return candidate.email
      case 'option': return option
      case 'accessRoute': return candidate.accessRoute === null ? null : accessRouteLabels[candidate.accessRoute]
      case 'status': return candidateStatusLabels[candidate.status]
      case 'capitalisedSource': {
        const bloc = capitalised.get(column.blocCode ?? '')
        return bloc ? capitalisationSourceLabels[bloc.source] : null
      }
      case 'capitalisedDate': return capitalised.get(column.blocCode ?? '')?.acquiredOn ?? null
      // Not template columns: the first names go in « Prénoms ».
      case 'firstName1':
      case 'firstName2':
      case 'firstName3':
        return null
    }
  })
}

/**
 * The French header line of the template, UTF-8 BOM included so that Excel reads the accents.
 * With the session's référentiel, the status and capitalisation columns follow.
 */
export function candidateListTemplateCsv(referential?: Referential): string {
  const headers = referential ? candidateListColumns(referential).map((c) => c.header) : COLUMN_SPECS.filter((s) => s.inTemplate).map((s) => s.label)
  return `\uFEFF${headers.join(';')}\r\n`
}

/* ----------------------------------------------------------------------------------------- */
/* Values                                                                                    */
/* ----------------------------------------------------------------------------------------- */

type Parsed<T> = { ok: true; value: T } | { ok: false; message: string }

const pad2 = (n: number) => String(n).padStart(2, '0')

function isoOfUtcDate(date: Date): string {
  return date.toISOString().slice(0, 10)
}

/** Text of a cell as the user sees it; null for a blank cell or a text of spaces. */
function cellText(cell: SheetCell | undefined): string | null {
  if (cell === null || cell === undefined) return null
  if (typeof cell === 'string') return cell.trim() === '' ? null : cell
  if (typeof cell === 'number') return String(cell)
  if (typeof cell === 'boolean') return cell ? 'VRAI' : 'FAUX'
  return frenchDate(cell)
}

/**
 * A code read from a cell. Excel turns a typed 01053 into the number 1053: a whole number is
 * padded back to the code's width.
 */
function codeText(cell: SheetCell | undefined, width: number): string | null {
  if (typeof cell === 'number' && Number.isInteger(cell) && cell >= 0) return String(cell).padStart(width, '0')
  const text = cellText(cell)
  return text === null ? null : text.replace(/\s+/g, '').toUpperCase()
}

const SEX_BY_KEY: Readonly<Record<string, 'M' | 'F'>> = {
  m: 'M', h: 'M', homme: 'M', masculin: 'M',
  f: 'F', femme: 'F', feminin: 'F',
}

function parseSex(text: string): Parsed<'M' | 'F'> {
  const sex = SEX_BY_KEY[looseKey(text)]
  return sex
    ? { ok: true, value: sex }
    : { ok: false, message: 'sexe non reconnu (M ou F attendu ; H, Homme, Femme, Masculin et Féminin sont acceptés)' }
}

/** Day numbers of Excel's 1900 date system: serial 25569 is 1970-01-01. */
const EXCEL_EPOCH_SERIAL = 25569
const MAX_EXCEL_SERIAL = 2958465

/**
 * A birth date as ISO text. The calendar check (31/02) is left to the schema, which says
 * "date inexistante". Date cells come at UTC midnight; half a second absorbs float noise.
 */
function parseDateCell(cell: SheetCell): Parsed<string> {
  if (cell instanceof Date) return { ok: true, value: isoOfUtcDate(new Date(cell.getTime() + 500)) }
  if (typeof cell === 'number') {
    // A number in a date column is a date serial whose cell lost its date format.
    if (Number.isFinite(cell) && cell >= 61 && cell <= MAX_EXCEL_SERIAL) {
      const days = Math.floor(cell + 1e-7) - EXCEL_EPOCH_SERIAL
      return { ok: true, value: isoOfUtcDate(new Date(days * 86_400_000)) }
    }
    return { ok: false, message: 'nombre qui n’est pas une date (JJ/MM/AAAA attendu)' }
  }
  const text = cellText(cell)?.trim() ?? ''
  const dmy = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(text)
  if (dmy) return { ok: true, value: `${dmy[3]}-${pad2(Number(dmy[2]))}-${pad2(Number(dmy[1]))}` }
  const ymd = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?Z?)?$/.exec(text)
  if (ymd) return { ok: true, value: `${ymd[1]}-${pad2(Number(ymd[2]))}-${pad2(Number(ymd[3]))}` }
  return { ok: false, message: 'date non reconnue (JJ/MM/AAAA, JJ-MM-AAAA ou AAAA-MM-JJ attendu)' }
}

interface OptionMatcher {
  byKey: Map<string, string>
  list: string
}

/** Options of the référentiel's option group, matched by code, letter or title. */
function optionMatcher(referential: Referential): OptionMatcher {
  const groupCode = referential.certificationRule.optionGroupCode
  const options: OptionBloc[] = referential.blocs.flatMap((b) =>
    b.kind === 'optionGroup' && b.code === groupCode ? b.options : [],
  )
  const byKey = new Map<string, string>()
  for (const o of options) {
    const letters = [o.code, o.letter, `Option ${o.letter}`]
    // The title alone or after any form of the letter: "Option A - Cybersécurité", "BC05-A Cybersécurité"…
    for (const s of [...letters, o.title, ...letters.map((l) => `${l} ${o.title}`)]) byKey.set(looseKey(s), o.code)
  }
  return { byKey, list: options.map((o) => `${o.code} ${o.title}`).join(', ') }
}

function parseOption(text: string, matcher: OptionMatcher): Parsed<string> {
  const code = matcher.byKey.get(looseKey(text))
  if (code !== undefined) return { ok: true, value: code }
  if (matcher.byKey.size === 0) return { ok: false, message: 'le référentiel ne comporte pas d’option' }
  return { ok: false, message: `option inconnue (attendu : ${matcher.list})` }
}

const ROUTE_BY_KEY = new Map<string, AccessRoute>([
  ...ACCESS_ROUTES.map((r) => [looseKey(r), r] as const),
  ...ACCESS_ROUTES.map((r) => [looseKey(accessRouteLabels[r]), r] as const),
  ...(
    [
      // "Formation initiale" alone: apprenticeship is its own route, so plain initial training is the other one.
      ['Formation initiale', 'FORMATION_INITIALE_HORS_APPRENTISSAGE'],
      ['Formation initiale (hors apprentissage)', 'FORMATION_INITIALE_HORS_APPRENTISSAGE'],
      ['Formation initiale en apprentissage', 'FORMATION_INITIALE_APPRENTISSAGE'],
      ['Formation initiale apprentissage', 'FORMATION_INITIALE_APPRENTISSAGE'],
      ['Contrat d’apprentissage', 'FORMATION_INITIALE_APPRENTISSAGE'],
      ['Apprenti', 'FORMATION_INITIALE_APPRENTISSAGE'],
      ['Formation continue hors contrat de professionnalisation', 'FORMATION_CONTINUE_HORS_CONTRAT_DE_PROFESSIONNALISATION'],
      ['Formation continue contrat de professionnalisation', 'FORMATION_CONTINUE_CONTRAT_DE_PROFESSIONNALISATION'],
      ['Contrat de pro', 'FORMATION_CONTINUE_CONTRAT_DE_PROFESSIONNALISATION'],
      ['Contrat pro', 'FORMATION_CONTINUE_CONTRAT_DE_PROFESSIONNALISATION'],
      ['Professionnalisation', 'FORMATION_CONTINUE_CONTRAT_DE_PROFESSIONNALISATION'],
      ['Validation des acquis de l’expérience', 'VAE'],
      ['Équivalence diplôme étranger', 'EQUIVALENCE'],
      ['Libre', 'CANDIDAT_LIBRE'],
    ] as const
  ).map(([text, route]) => [looseKey(text), route] as const),
])

/** Both apprenticeship and contrat de professionnalisation are "alternance": the file must say which. */
const AMBIGUOUS_ALTERNANCE = new Set(['Alternance', 'En alternance', 'Alternant', 'Contrat en alternance'].map(looseKey))

function parseAccessRoute(text: string): Parsed<AccessRoute> {
  const key = looseKey(text)
  const route = ROUTE_BY_KEY.get(key)
  if (route !== undefined) return { ok: true, value: route }
  if (AMBIGUOUS_ALTERNANCE.has(key)) {
    return {
      ok: false,
      message:
        'voie d’accès ambiguë, indiquez « Apprentissage » (contrat d’apprentissage) ' +
        'ou « Contrat de professionnalisation »',
    }
  }
  const labels = ACCESS_ROUTES.map((r) => accessRouteLabels[r])
  return {
    ok: false,
    message: `voie d’accès non reconnue (attendu : ${labels.slice(0, -1).join(', ')} ou ${labels[labels.length - 1]})`,
  }
}

/* ----------------------------------------------------------------------------------------- */
/* Rows                                                                                      */
/* ----------------------------------------------------------------------------------------- */

interface BoundColumn {
  index: number
  key: ColumnKey | 'capitalisedSource' | 'capitalisedDate'
  header: string
  /** For a capitalisation column: its bloc. */
  blocCode?: string
}

/** Which fields of `CandidateInput` the bound columns give. */
function fieldsOf(columns: readonly BoundColumn[]): CandidateField[] {
  const has = (...keys: BoundColumn['key'][]) => columns.some((c) => keys.includes(c.key))
  const fields: CandidateField[] = []
  const add = (field: CandidateField, present: boolean) => {
    if (present) fields.push(field)
  }
  add('schoolId', has('schoolId'))
  add('birthName', has('birthName'))
  add('usageName', has('usageName'))
  add('firstNames', has('firstNames', 'firstName1', 'firstName2', 'firstName3'))
  add('sex', has('sex'))
  add('birthDate', has('birthDate'))
  add('birthCommuneCode', has('birthInseeCode', 'birthPostalCode'))
  add('birthCommuneCodeKind', has('birthInseeCode', 'birthPostalCode'))
  add('birthCommuneLabel', has('birthCommuneLabel'))
  // A commune code implies France when no country is given.
  add('birthCountryCode', has('birthCountryCode', 'birthCountryLabel', 'birthInseeCode', 'birthPostalCode'))
  add('birthCountryLabel', has('birthCountryCode', 'birthCountryLabel', 'birthInseeCode', 'birthPostalCode'))
  add('email', has('email'))
  add('optionCode', has('option'))
  add('accessRoute', has('accessRoute'))
  add('capitalisedBlocs', has('capitalisedSource', 'capitalisedDate'))
  return fields
}

interface CellProblem {
  column: BoundColumn | undefined
  field: string
  value: string | null
  detail: string
}


function quote(value: string): string {
  const oneLine = value.replace(/\s+/g, ' ').trim()
  return `« ${oneLine.length > 60 ? `${oneLine.slice(0, 57)}…` : oneLine} »`
}

/** 20000 → "20 000", without depending on the runtime's Intl data. */
function groupThousands(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ' ')
}

function sentence(detail: string): string {
  return detail.endsWith('.') ? detail : `${detail}.`
}

/** Reads a file row by row; shared by the CSV and .xlsx paths. */
class CandidateListReader {
  readonly candidates: ImportedCandidate[] = []
  readonly errors: CandidateListIssue[] = []
  readonly warnings: CandidateListIssue[] = []
  readonly rejected: Array<{ row: number; schoolId: string | null }> = []
  private columns: BoundColumn[] | null = null
  private headerCells: string[] = []
  private readonly unnamedWithData = new Set<number>()
  private readonly firstRowOfId = new Map<string, number>()
  private dataRows = 0
  private readonly options: OptionMatcher
  private readonly blocCodes: string[]

  constructor(
    private readonly file: string,
    private readonly format: 'csv' | 'xlsx' | 'sheet',
    referential: Referential,
    public sheet: string | undefined = undefined,
  ) {
    this.options = optionMatcher(referential)
    this.blocCodes = evaluableBlocs(referential).map((b) => b.code)
  }

  get hasHeader(): boolean {
    return this.columns !== null
  }

  private where(row: number | null, column?: BoundColumn | number): string {
    const sheetPart = this.sheet === undefined ? '' : `, feuille « ${this.sheet} »`
    if (row === null) return `${this.file}${sheetPart}`
    if (column === undefined) return `${this.file}${sheetPart}, ligne ${row}`
    const index = typeof column === 'number' ? column : column.index
    const header = typeof column === 'number' ? undefined : column.header
    const letter = columnLetter(index)
    if (this.format !== 'csv') {
      return `${this.file}${sheetPart}, cellule ${letter}${row}${header === undefined ? '' : ` (colonne « ${header} »)`}`
    }
    const columnName = header === undefined ? `colonne ${letter}` : `colonne « ${header} »`
    return `${this.file}${sheetPart}, ligne ${row}, ${columnName}`
  }

  private issue(
    row: number | null,
    detail: string,
    extra: Partial<CandidateListIssue> & { at?: BoundColumn | number } = {},
  ): CandidateListIssue {
    const { at, ...rest } = extra
    const message = `${this.where(row, at)} : ${sentence(detail)}`
    const issue: CandidateListIssue = { file: this.file, row, message, ...rest }
    if (this.sheet !== undefined) issue.sheet = this.sheet
    if (at !== undefined) {
      issue.column = columnLetter(typeof at === 'number' ? at : at.index)
      if (typeof at !== 'number') issue.header = at.header
    }
    return issue
  }

  /** A problem with the whole file: reading stops, nothing is imported, it is the only message. */
  fileError(detail: string, row: number | null = null): void {
    this.candidates.length = 0
    this.errors.length = 0
    this.warnings.length = 0
    this.rejected.length = 0
    this.errors.push(this.issue(row, detail))
  }

  /** Binds the header row; false when the file cannot be read further. */
  header(row: number, cells: readonly SheetCell[]): boolean {
    const columns: BoundColumn[] = []
    const headerError = (detail: string) => {
      const issue = this.issue(row, detail)
      issue.message = `${this.where(row)} (en-tête) : ${sentence(detail)}`
      this.errors.push(issue)
    }
    this.headerCells = cells.map((c) => cellText(c)?.trim() ?? '')
    this.headerCells.forEach((header, index) => {
      if (header === '') return
      const spec = SPEC_BY_HEADER.get(headerKey(header))
      const capitalisation = spec === undefined ? capitalisationHeader(header) : null
      if (capitalisation !== null) {
        if (!this.blocCodes.includes(capitalisation.blocCode)) {
          headerError(`colonne ${columnLetter(index)} ${quote(header)} : bloc ${capitalisation.blocCode} inconnu du référentiel (blocs : ${this.blocCodes.join(', ')})`)
          return
        }
        const twin = columns.find((c) => c.key === capitalisation.kind && c.blocCode === capitalisation.blocCode)
        if (twin !== undefined) {
          headerError(
            `les colonnes ${columnLetter(twin.index)} (« ${twin.header} ») et ${columnLetter(index)} (« ${header} ») ` +
              `désignent toutes deux la capitalisation du bloc ${capitalisation.blocCode} ; gardez-en une seule`,
          )
          return
        }
        columns.push({ index, key: capitalisation.kind, header, blocCode: capitalisation.blocCode })
        return
      }
      if (spec === undefined) {
        const detail = `en-tête ${quote(header)} non reconnu : cette colonne est ignorée`
        this.warnings.push(this.issue(row, detail, { at: index, header, value: header }))
        return
      }
      const twin = columns.find((c) => c.key === spec.key)
      if (twin !== undefined) {
        headerError(
          `les colonnes ${columnLetter(twin.index)} (« ${twin.header} ») et ${columnLetter(index)} (« ${header} ») ` +
            `désignent toutes deux « ${spec.label} » ; gardez-en une seule`,
        )
        return
      }
      columns.push({ index, key: spec.key, header })
    })
    for (const source of columns.filter((c) => c.key === 'capitalisedSource')) {
      if (!columns.some((c) => c.key === 'capitalisedDate' && c.blocCode === source.blocCode)) {
        headerError(`la colonne « ${source.header} » va avec une colonne « ${capitalisedDateHeader(source.blocCode ?? '')} », absente`)
      }
    }
    for (const date of columns.filter((c) => c.key === 'capitalisedDate')) {
      if (!columns.some((c) => c.key === 'capitalisedSource' && c.blocCode === date.blocCode)) {
        headerError(`la colonne « ${date.header} » va avec une colonne « ${capitalisedSourceHeader(date.blocCode ?? '')} », absente`)
      }
    }
    const has = (key: ColumnKey) => columns.some((c) => c.key === key)
    if (has('firstNames') && (has('firstName1') || has('firstName2') || has('firstName3'))) {
      headerError('une colonne « Prénoms » et des colonnes « Prénom 1/2/3 » : gardez l’une ou l’autre forme')
    }
    if (!has('firstNames') && !has('firstName1') && (has('firstName2') || has('firstName3'))) {
      headerError('des colonnes « Prénom 2 » ou « Prénom 3 » sans « Prénom 1 »')
    }
    const missing = [
      has('schoolId') ? null : 'Identifiant',
      has('birthName') ? null : 'Nom de naissance',
      has('firstNames') || has('firstName1') || has('firstName2') || has('firstName3') ? null : 'Prénoms',
    ].filter((m): m is string => m !== null)
    if (missing.length > 0) {
      const found = this.headerCells.filter((h) => h !== '')
      const names = missing.map((m) => `« ${m} »`)
      const list = names.length > 1 ? `${names.slice(0, -1).join(', ')} et ${names[names.length - 1]}` : names[0]
      headerError(
        `${missing.length > 1 ? `colonnes obligatoires ${list} absentes` : `colonne obligatoire ${list} absente`} ` +
          `(en-têtes lus : ${found.length > 0 ? found.map((h) => quote(h)).join(', ') : 'aucun'} ; ` +
          'l’en-tête est la première ligne non vide)',
      )
    }
    if (this.errors.length > 0) return false
    this.columns = columns
    return true
  }

  /** Reads one data row; false once the row limit is crossed (the file is then refused). */
  row(row: number, cells: readonly SheetCell[]): boolean {
    const columns = this.columns
    if (columns === null) throw new Error('header() first')
    // A row is a candidate when a recognised column holds something; the others are ignored.
    if (columns.every((c) => cellText(cells[c.index]) === null)) return true
    this.dataRows++
    if (this.dataRows > MAX_CANDIDATE_LIST_ROWS) {
      this.fileError(
        `le fichier compte plus de ${groupThousands(MAX_CANDIDATE_LIST_ROWS)} lignes de candidats ; ` +
          'découpez-le en plusieurs fichiers',
      )
      return false
    }
    cells.forEach((cell, index) => {
      if ((this.headerCells[index] ?? '') === '' && cellText(cell) !== null && !this.unnamedWithData.has(index)) {
        this.unnamedWithData.add(index)
        this.warnings.push(
          this.issue(row, 'valeur dans une colonne sans en-tête : cette colonne est ignorée', {
            at: index,
            value: cellText(cell) ?? '',
          }),
        )
      }
    })
    this.readCandidate(row, cells, columns)
    return true
  }

  private readCandidate(row: number, cells: readonly SheetCell[], columns: readonly BoundColumn[]): void {
    const col = (key: ColumnKey) => columns.find((c) => c.key === key)
    const cell = (key: ColumnKey): SheetCell => {
      const c = col(key)
      return c === undefined ? null : (cells[c.index] ?? null)
    }
    const text = (key: ColumnKey) => cellText(cell(key))
    const problems: CellProblem[] = []
    const problem = (key: ColumnKey, field: string, detail: string) => {
      problems.push({ column: col(key), field, value: text(key), detail })
    }

    // Prénoms: one column split on commas, or up to three numbered columns; remember each one's column.
    const firstNames: string[] = []
    const firstNameColumns: (BoundColumn | undefined)[] = []
    const listColumn = col('firstNames')
    if (listColumn !== undefined) {
      for (const name of (text('firstNames') ?? '').split(',')) {
        if (name.trim() === '') continue
        firstNames.push(name)
        firstNameColumns.push(listColumn)
      }
    } else {
      for (const key of ['firstName1', 'firstName2', 'firstName3'] as const) {
        const name = text(key)
        if (name === null) continue
        firstNames.push(name)
        firstNameColumns.push(col(key))
      }
    }

    const sexText = text('sex')
    let sex: 'M' | 'F' | null = null
    if (sexText !== null) {
      const parsed = parseSex(sexText)
      if (parsed.ok) sex = parsed.value
      else problem('sex', 'sex', parsed.message)
    }

    let birthDate: string | null = null
    const dateCell = cell('birthDate')
    if (cellText(dateCell) !== null) {
      const parsed = parseDateCell(dateCell)
      if (parsed.ok) birthDate = parsed.value
      else problem('birthDate', 'birthDate', parsed.message)
    }

    // The CDC file prefers the INSEE code: when both are given, the postal code is not used.
    const insee = codeText(cell('birthInseeCode'), 5)
    const postal = insee === null ? codeText(cell('birthPostalCode'), 5) : null
    const communeKey: ColumnKey = insee !== null ? 'birthInseeCode' : 'birthPostalCode'
    const birthCommuneCode = insee ?? postal
    const birthCommuneCodeKind = insee !== null ? 'insee' : postal !== null ? 'postal' : null

    let birthCountryCode = codeText(cell('birthCountryCode'), 5)
    let birthCountryLabel = text('birthCountryLabel')
    let countryKey: ColumnKey = 'birthCountryCode'
    if (birthCommuneCode !== null && birthCountryCode === null && birthCountryLabel === null) {
      // A commune code (INSEE or postal) is a birth in France: France is implied when no country is given.
      birthCountryCode = '99100'
      birthCountryLabel = 'France'
      countryKey = communeKey
    } else if (birthCountryCode === null && birthCountryLabel !== null && looseKey(birthCountryLabel) === 'france') {
      birthCountryCode = '99100'
      countryKey = 'birthCountryLabel'
    }

    let optionCode: string | null = null
    const optionText = text('option')
    if (optionText !== null) {
      const parsed = parseOption(optionText, this.options)
      if (parsed.ok) optionCode = parsed.value
      else problem('option', 'optionCode', parsed.message)
    }

    let accessRoute: AccessRoute | null = null
    const routeText = text('accessRoute')
    if (routeText !== null) {
      const parsed = parseAccessRoute(routeText)
      if (parsed.ok) accessRoute = parsed.value
      else problem('accessRoute', 'accessRoute', parsed.message)
    }

    let status: CandidateStatus | null = null
    if (col('status') !== undefined) {
      const statusText = text('status')
      const parsed = statusText === null ? 'enrolled' : STATUS_BY_KEY.get(looseKey(statusText))
      if (parsed !== undefined) status = parsed
      else problem('status', 'status', 'statut non reconnu (« Inscrit » ou « Désinscrit » attendu)')
    }

    // Capitalised blocs: per bloc, where (source column) and when (date column), both or neither.
    const capitalisedBlocs: CapitalisedBloc[] = []
    const capitalisedColumns: Array<{ source: BoundColumn; date: BoundColumn | undefined }> = []
    for (const source of columns.filter((c) => c.key === 'capitalisedSource')) {
      const date = columns.find((c) => c.key === 'capitalisedDate' && c.blocCode === source.blocCode)
      const blocCode = source.blocCode ?? ''
      const sourceText = cellText(cells[source.index])
      const dateCell = date === undefined ? null : (cells[date.index] ?? null)
      const dateText = cellText(dateCell)
      const cellProblem = (at: BoundColumn | undefined, value: string | null, detail: string) => {
        problems.push({ column: at, field: 'capitalisedBlocs', value, detail })
      }
      if (sourceText === null) {
        if (dateText !== null) cellProblem(source, null, `date de capitalisation du bloc ${blocCode} sans origine : indiquez Session antérieure, VAE ou Équivalence`)
        continue
      }
      const parsedSource = SOURCE_BY_KEY.get(looseKey(sourceText))
      if (parsedSource === undefined) {
        cellProblem(source, sourceText, 'origine de capitalisation non reconnue (Session antérieure, VAE ou Équivalence attendu)')
        continue
      }
      if (dateText === null) {
        cellProblem(date, null, `date de capitalisation du bloc ${blocCode} manquante`)
        continue
      }
      const parsedDate = parseDateCell(dateCell)
      if (!parsedDate.ok) {
        cellProblem(date, dateText, parsedDate.message)
        continue
      }
      capitalisedBlocs.push({ blocCode, acquiredOn: parsedDate.value, source: parsedSource })
      capitalisedColumns.push({ source, date })
    }

    const email = text('email')
    const raw = {
      schoolId: text('schoolId') ?? '',
      birthName: text('birthName') ?? '',
      usageName: text('usageName'),
      firstNames,
      sex,
      birthDate,
      birthCommuneCode,
      birthCommuneCodeKind,
      birthCommuneLabel: text('birthCommuneLabel'),
      birthCountryCode,
      birthCountryLabel,
      email: email === null ? null : email.trim(),
      optionCode,
      accessRoute,
      capitalisedBlocs,
    }

    const parsed = candidateInputSchema.safeParse(raw, { error: frenchErrors })
    if (!parsed.success) {
      const columnOfField: Record<string, ColumnKey> = {
        schoolId: 'schoolId',
        birthName: 'birthName',
        usageName: 'usageName',
        sex: 'sex',
        birthDate: 'birthDate',
        birthCommuneCode: communeKey,
        birthCommuneCodeKind: communeKey,
        birthCommuneLabel: 'birthCommuneLabel',
        birthCountryCode: countryKey,
        birthCountryLabel: 'birthCountryLabel',
        email: 'email',
        optionCode: 'option',
        accessRoute: 'accessRoute',
      }
      for (const issue of parsed.error.issues) {
        const field = String(issue.path[0] ?? '')
        if (field === 'firstNames') {
          const i = typeof issue.path[1] === 'number' ? issue.path[1] : undefined
          const column = i === undefined ? (listColumn ?? col('firstName1')) : firstNameColumns[i]
          const whole = listColumn !== undefined ? text('firstNames') : firstNames.join(', ') || null
          const value = i === undefined ? whole : (firstNames[i] ?? null)
          const detail = firstNames.length === 0 ? 'champ obligatoire (au moins un prénom)' : issue.message
          problems.push({ column, field, value, detail })
          continue
        }
        if (field === 'capitalisedBlocs') {
          const at = typeof issue.path[1] === 'number' ? capitalisedColumns[issue.path[1]] : undefined
          const column = issue.path[2] === 'acquiredOn' ? at?.date : at?.source
          problems.push({ column, field, value: column === undefined ? null : cellText(cells[column.index]), detail: issue.message })
          continue
        }
        const key = columnOfField[field]
        const column = key === undefined ? undefined : col(key)
        problems.push({ column, field, value: key === undefined ? null : text(key), detail: issue.message })
      }
    }

    const schoolId = raw.schoolId.trim()
    if (schoolId !== '') {
      const first = this.firstRowOfId.get(schoolId)
      if (first === undefined) this.firstRowOfId.set(schoolId, row)
      else problem('schoolId', 'schoolId', `identifiant déjà présent ligne ${first} (chaque candidat a un identifiant unique)`)
    }

    if (problems.length === 0 && parsed.success) {
      this.candidates.push({ row, candidate: parsed.data, status })
      return
    }
    this.rejected.push({ row, schoolId: schoolId === '' ? null : schoolId })
    problems.sort((a, b) => (a.column?.index ?? -1) - (b.column?.index ?? -1))
    for (const p of problems) {
      const detail = p.value === null ? p.detail : `${quote(p.value)} : ${p.detail}`
      const extra: Partial<CandidateListIssue> & { at?: BoundColumn } = { field: p.field }
      if (p.column !== undefined) extra.at = p.column
      if (p.value !== null) extra.value = p.value
      this.errors.push(this.issue(row, detail, extra))
    }
  }

  result(): CandidateListResult {
    const result: CandidateListResult = {
      format: this.format,
      candidates: this.candidates,
      errors: this.errors,
      warnings: this.warnings,
      fields: fieldsOf(this.columns ?? []),
      rejected: this.rejected,
    }
    if (this.sheet !== undefined) result.sheet = this.sheet
    return result
  }
}

/* ----------------------------------------------------------------------------------------- */
/* Entry point                                                                               */
/* ----------------------------------------------------------------------------------------- */

/** A sheet named "Candidats" is read first when a workbook has several. */
const PREFERRED_SHEETS = new Set(['candidats', 'candidat'])

/**
 * Parses a candidate list, CSV or .xlsx (told apart by content, not by name). The référentiel
 * gives the options the "Option" column may name. Never throws for a bad file: every problem is
 * in `errors`, and `candidates` holds only the rows without any.
 */
export async function parseCandidateList(
  bytes: Uint8Array,
  fileName: string,
  referential: Referential,
): Promise<CandidateListResult> {
  const xlsx = isZip(bytes)
  const reader = new CandidateListReader(fileName, xlsx ? 'xlsx' : 'csv', referential)
  if (bytes.length > MAX_CANDIDATE_LIST_BYTES) {
    const size = (bytes.length / (1024 * 1024)).toFixed(1).replace('.', ',')
    reader.fileError(`le fichier pèse ${size} Mo, au-delà de la limite de 5 Mo : découpez la liste en plusieurs fichiers`)
    return reader.result()
  }
  if (isOleCompoundFile(bytes)) {
    reader.fileError(
      'classeur Excel 97-2003 (.xls) ou protégé par mot de passe : enregistrez-le au format « Classeur Excel (.xlsx) » ' +
        'sans mot de passe, ou au format « CSV UTF-8 »',
    )
    return reader.result()
  }
  if (xlsx) await readXlsx(bytes, reader)
  else readCsv(bytes, reader)
  return reader.result()
}

/** A worksheet's values as the task pane reads them (`range.values`): dates are serial numbers. */
export interface CandidateSheet {
  /** The workbook's name, cited in the messages. */
  fileName: string
  sheet: string
  /** Sheet row of `rows[0]` (1-based, as Excel numbers rows). */
  firstRow: number
  rows: ReadonlyArray<ReadonlyArray<string | number | boolean | null>>
}

/**
 * Parses the candidate list of a worksheet sent as values, with the same columns and messages as
 * an .xlsx file (« Classeur.xlsx, feuille « Candidats », cellule F7 (colonne « … ») : … »). The
 * first non-empty row is the header. Never throws for bad content.
 */
export function parseCandidateSheet(input: CandidateSheet, referential: Referential): CandidateListResult {
  const reader = new CandidateListReader(input.fileName, 'sheet', referential, input.sheet)
  for (const [i, values] of input.rows.entries()) {
    const row = input.firstRow + i
    const cells: SheetCell[] = values.map((v) => (typeof v === 'string' && v.trim() === '' ? null : v))
    if (!reader.hasHeader) {
      if (cells.every((c) => c === null)) continue
      if (!reader.header(row, cells)) return reader.result()
    } else if (!reader.row(row, cells)) return reader.result()
  }
  if (!reader.hasHeader) reader.fileError('la feuille est vide (ni en-tête ni candidat)')
  return reader.result()
}

function readCsv(bytes: Uint8Array, reader: CandidateListReader): void {
  const decoded = decodeCsvBytes(bytes)
  if (!decoded.ok) return reader.fileError(decoded.message)
  try {
    for (const record of csvRecords(decoded.text, detectSeparator(decoded.text))) {
      if (!reader.hasHeader) {
        if (record.cells.every((c) => c.trim() === '')) continue
        if (!reader.header(record.row, record.cells)) return
      } else if (!reader.row(record.row, record.cells)) return
    }
  } catch (error) {
    if (!(error instanceof CsvSyntaxError)) throw error
    return reader.fileError(error.message, error.row)
  }
  if (!reader.hasHeader) reader.fileError('le fichier ne contient aucune ligne (ni en-tête ni candidat)')
}

async function readXlsx(bytes: Uint8Array, reader: CandidateListReader): Promise<void> {
  try {
    const rows = readXlsxRows(bytes, { preferSheet: (name) => PREFERRED_SHEETS.has(looseKey(name)) })
    for await (const { sheet, row, cells } of rows) {
      reader.sheet = sheet
      if (!reader.hasHeader) {
        if (!reader.header(row, cells)) return
      } else if (!reader.row(row, cells)) return
    }
  } catch (error) {
    if (!(error instanceof XlsxReadError)) throw error
    return reader.fileError(error.message)
  }
  if (!reader.hasHeader) reader.fileError('la première feuille visible du classeur est vide (ni en-tête ni candidat)')
}
