/**
 * The « Brouillon référentiel » sheet: a référentiel written so that a school edits it in Excel
 * and publishes it as a new version. Pure (no Office types): the add-in's Excel adapter copies
 * the layout into the sheet and hands back the values it reads.
 *
 * Layout, top to bottom:
 * - the title and a line of help;
 * - one row per field of the référentiel (label in A, value in B): identifiant, version,
 *   intitulé, niveau, code RNCP, the version it was drafted from, and the certification rule
 *   (blocs obligatoires, bloc à options);
 * - the table, under its header row (« Type » in A): one row per bloc, bloc à options, option,
 *   activité, compétence, modalité and critère, in document order. An item belongs to the bloc
 *   or option above it; an option to the bloc à options above it. Bloc rows carry their rule and
 *   its parameters, critère rows their scale, maximum, weight, floor and required minimum.
 *
 * Reading gives the document `checkPublishable` judges, and every problem at its cell.
 */
import { columnLetters } from '../formulas/a1'
import type { FicheSkeleton } from '../referential/openData'
import { checkPublishable, formatPath, parsePath, versionId, type PublicationCheck } from '../referential/publication'
import type { Referential } from '../referential/schema'
import type { BlocRule, CritereAssessment } from '../rules/ruleSchema'

/** What a draft holds: a référentiel whose lists may still be empty and whose rules may be missing. */
interface DraftItem {
  code: string
  label: string
}

interface DraftCritere extends DraftItem {
  fromCompetence: string | null
  assessment: CritereAssessment | null
}

interface DraftEvaluableBloc {
  code: string
  title: string
  activities: DraftItem[]
  competences: DraftItem[]
  modalites: DraftItem[]
  criteres: DraftCritere[]
  rule: BlocRule | null
}

type DraftBloc =
  | (DraftEvaluableBloc & { kind: 'mandatory' })
  | { kind: 'optionGroup'; code: string; title: string; options: DraftEvaluableBloc[] }

export interface DraftSource {
  lineage: string
  version: number
  title: string
  level: number | null
  rncpCode: string | null
  /** The published version this draft starts from; null for a new référentiel. */
  basedOn: string | null
  blocs: DraftBloc[]
  certificationRule: { mandatoryBlocCodes: string[]; optionGroupCode: string | null }
}

/** Text written into the workbook: document content, kept with the layout (shared/ never imports addin/). */
export const DRAFT_SHEET_TEXT = {
  sheetName: 'Brouillon référentiel',
  title: 'Brouillon de référentiel',
  help:
    'Modifiez les cellules blanches, puis « Vérifier le brouillon » et « Publier » dans Certibloc. ' +
    'Une ligne par bloc, compétence ou critère ; chaque ligne appartient au bloc au-dessus d’elle. ' +
    'Sélectionnez une cellule pour lire son aide.',
  fields: {
    lineage: 'Identifiant',
    version: 'Version',
    title: 'Intitulé',
    level: 'Niveau',
    rncpCode: 'Code RNCP',
    basedOn: 'D’après la version',
    mandatoryBlocCodes: 'Blocs obligatoires',
    optionGroupCode: 'Bloc à options',
  },
  rowTypes: {
    bloc: 'Bloc',
    optionGroup: 'Bloc à options',
    option: 'Option',
    activity: 'Activité',
    competence: 'Compétence',
    modalite: 'Modalité',
    critere: 'Critère',
  },
  scales: { outcome: 'ACQ / PACQ / NACQ', score: 'Note' },
  rules: { outcome: 'Critères acquis', score: 'Moyenne sur 20' },
  yes: 'OUI',
  no: 'NON',
  newReferential: '(nouveau référentiel)',
} as const

type DraftValidationRule =
  | { kind: 'list'; values: readonly string[] }
  | { kind: 'decimal'; min: number; max: number }
  | { kind: 'whole'; min: number; max: number }
  | { kind: 'textLength'; max: number }

/** Columns of the table. */
export const DRAFT_COLUMNS = {
  type: 0,
  code: 1,
  label: 2,
  fromCompetence: 3,
  scale: 4,
  max: 5,
  weight: 6,
  floor: 7,
  requiredMin: 8,
  rule: 9,
  minAcqPercent: 10,
  allowNacq: 11,
  maxPacq: 12,
  threshold: 13,
  roundingDecimals: 14,
} as const
type DraftColumn = keyof typeof DRAFT_COLUMNS

interface ColumnSpec {
  key: DraftColumn
  header: string
  width: number
  /** Shown when a cell of the column is selected (Excel's input message): title ≤ 32, message ≤ 255. */
  note: { title: string; message: string }
  /** A drop-down, a number check, or a length check (so that every column carries its note). */
  validation: DraftValidationRule
  /** Number format: "@" for texts (a label starting with "=" stays text), General for numbers. */
  text: boolean
}

const T = DRAFT_SHEET_TEXT
export const DRAFT_TABLE_COLUMNS: readonly ColumnSpec[] = [
  {
    key: 'type',
    header: 'Type',
    width: 96,
    note: { title: 'Type de ligne', message: 'Bloc, Bloc à options, Option (sous un bloc à options), puis Activité, Compétence, Modalité ou Critère du bloc au-dessus.' },
    validation: { kind: 'list', values: Object.values(T.rowTypes) },
    text: true,
  },
  {
    key: 'code',
    header: 'Code',
    width: 64,
    note: { title: 'Code', message: 'Bloc : BC01, BC02… ; option : code du bloc à options et lettre (BC05-A) ; compétence C1.1, modalité M1.1, critère CR1.1 (CR5A.1 dans une option). Unique dans le référentiel.' },
    validation: { kind: 'textLength', max: 16 },
    text: true,
  },
  {
    key: 'label',
    header: 'Libellé',
    width: 320,
    note: { title: 'Libellé', message: 'Intitulé du bloc ou libellé de l’élément, tel que le référentiel l’écrit.' },
    validation: { kind: 'textLength', max: 2000 },
    text: true,
  },
  {
    key: 'fromCompetence',
    header: 'Compétence évaluée',
    width: 72,
    note: { title: 'Compétence évaluée', message: 'Critère seulement, facultatif : le code de la compétence du même bloc que ce critère évalue (C5A.1).' },
    validation: { kind: 'textLength', max: 16 },
    text: true,
  },
  {
    key: 'scale',
    header: 'Échelle',
    width: 96,
    note: { title: 'Échelle du critère', message: 'Critère seulement. ACQ / PACQ / NACQ, ou Note (chiffrée). Vide : l’échelle de la règle du bloc.' },
    validation: { kind: 'list', values: Object.values(T.scales) },
    text: true,
  },
  {
    key: 'max',
    header: 'Note max',
    width: 56,
    note: { title: 'Note maximale', message: 'Critère noté seulement. Vide : 20. La note est ramenée sur 20 pour la moyenne.' },
    validation: { kind: 'decimal', min: 0.0001, max: 10_000 },
    text: false,
  },
  {
    key: 'weight',
    header: 'Coefficient',
    width: 64,
    note: { title: 'Coefficient', message: 'Critère noté seulement. Poids du critère dans la moyenne. Vide : 1.' },
    validation: { kind: 'decimal', min: 0.0001, max: 10_000 },
    text: false,
  },
  {
    key: 'floor',
    header: 'Note éliminatoire',
    width: 72,
    note: { title: 'Note éliminatoire', message: 'Critère noté seulement, facultatif : une note strictement inférieure fait échouer le bloc, quelle que soit la moyenne.' },
    validation: { kind: 'decimal', min: 0, max: 10_000 },
    text: false,
  },
  {
    key: 'requiredMin',
    header: 'Minimum exigé',
    width: 72,
    note: { title: 'Critère exigé', message: 'Critère noté seulement, facultatif : note à atteindre (par exemple 10 au mémoire). Un critère exigé ne peut pas être excusé (EXC).' },
    validation: { kind: 'decimal', min: 0, max: 10_000 },
    text: false,
  },
  {
    key: 'rule',
    header: 'Règle du bloc',
    width: 110,
    note: { title: 'Règle de validation', message: 'Bloc ou option seulement. Critères acquis : part d’ACQ, NACQ, PACQ. Moyenne sur 20 : seuil, arrondi, notes éliminatoires, critères exigés. Vide : Critères acquis.' },
    validation: { kind: 'list', values: Object.values(T.rules) },
    text: true,
  },
  {
    key: 'minAcqPercent',
    header: 'Part d’ACQ minimale (%)',
    width: 80,
    note: { title: 'Part d’ACQ minimale', message: 'Règle « Critères acquis » : pourcentage des critères comptés qui doivent être ACQ (100 = tous). Vide : 100.' },
    validation: { kind: 'decimal', min: 0, max: 100 },
    text: false,
  },
  {
    key: 'allowNacq',
    header: 'NACQ toléré',
    width: 64,
    note: { title: 'NACQ toléré', message: 'Règle « Critères acquis » : OUI si un critère NACQ (ou ABS) peut être compensé par les autres. Vide : NON.' },
    validation: { kind: 'list', values: [T.yes, T.no] },
    text: true,
  },
  {
    key: 'maxPacq',
    header: 'PACQ au plus',
    width: 64,
    note: { title: 'PACQ tolérés', message: 'Règle « Critères acquis », facultatif : nombre maximal de critères PACQ. Vide : pas de limite autre que la part d’ACQ.' },
    validation: { kind: 'whole', min: 0, max: 10_000 },
    text: false,
  },
  {
    key: 'threshold',
    header: 'Seuil sur 20',
    width: 64,
    note: { title: 'Seuil de validation', message: 'Règle « Moyenne sur 20 » : moyenne pondérée à atteindre. Vide : 10.' },
    validation: { kind: 'decimal', min: 0, max: 20 },
    text: false,
  },
  {
    key: 'roundingDecimals',
    header: 'Décimales',
    width: 64,
    note: { title: 'Arrondi de la moyenne', message: 'Règle « Moyenne sur 20 » : nombre de décimales de la moyenne avant comparaison au seuil (0 à 4). Vide : 2.' },
    validation: { kind: 'list', values: ['0', '1', '2', '3', '4'] },
    text: false,
  },
]

const FIELD_NOTES: Record<keyof typeof T.fields, { title: string; message: string }> = {
  lineage: { title: 'Identifiant', message: 'Nom court et stable du référentiel, en minuscules, chiffres et tirets (bachelor-marketing-digital). La version publiée s’appellera identifiant-v<version>.' },
  version: { title: 'Version', message: '1 pour un nouveau référentiel ; sinon la version suivant la dernière publiée. Une version publiée ne change plus.' },
  title: { title: 'Intitulé', message: 'Intitulé du titre RNCP.' },
  level: { title: 'Niveau', message: 'Niveau de qualification (nomenclature 2019), de 1 à 8.' },
  rncpCode: { title: 'Code RNCP', message: 'Numéro de la fiche : RNCP suivi de chiffres (RNCP34567). Vide si inconnu.' },
  basedOn: { title: 'Version d’origine', message: 'La version publiée dont ce brouillon part : la publication montre ce qui change par rapport à elle. Ne pas modifier.' },
  mandatoryBlocCodes: { title: 'Blocs obligatoires', message: 'Règle de certification : les codes de tous les blocs obligatoires, séparés par des virgules (BC01, BC02, BC03).' },
  optionGroupCode: { title: 'Bloc à options', message: 'Règle de certification : le code du bloc à options dont le candidat valide une option, ou vide s’il n’y en a pas.' },
}

/** Rows of the sheet (0-based). */
const TITLE_ROW = 0
const HELP_ROW = 1
const FIRST_FIELD_ROW = 3
const FIELD_ORDER = ['lineage', 'version', 'title', 'level', 'rncpCode', 'basedOn', 'mandatoryBlocCodes', 'optionGroupCode'] as const
type FieldKey = (typeof FIELD_ORDER)[number]
/** The table's header row, after the fields and a blank row. */
export const DRAFT_HEADER_ROW = FIRST_FIELD_ROW + FIELD_ORDER.length + 1
/** Rows given validation and notes below the header: a référentiel of a few hundred lines, with room to grow. */
export const DRAFT_TABLE_ROWS = 1_500
export const DRAFT_COLUMN_COUNT = DRAFT_TABLE_COLUMNS.length

export type DraftCell = string | number

export interface DraftSheetValidation {
  /** 0-based first row and column, and the size of the range. */
  row: number
  column: number
  rowCount: number
  validation: DraftValidationRule
  note: { title: string; message: string }
  errorMessage: string
}

export interface DraftSheet {
  sheetName: string
  /** From A1, `DRAFT_COLUMN_COUNT` cells a row, down to the last table row written. */
  cells: DraftCell[][]
  numberFormats: string[][]
  columnWidths: number[]
  titleRow: number
  headerRow: number
  /** Field label cells (column A) and bloc rows, drawn bold. */
  boldRows: number[]
  /** Rows of blocs, blocs à options and options, filled. */
  blocRows: number[]
  /** Rows of the read-only « D’après la version » field. */
  readOnlyRows: number[]
  validations: DraftSheetValidation[]
}

function blank(): DraftCell[] {
  return Array.from({ length: DRAFT_COLUMN_COUNT }, () => '')
}

const percent = (share: number) => Number((share * 100).toFixed(2))

/** The cells of a bloc or option row: type, code, title and the rule's parameters. */
function blocRow(type: string, code: string, title: string, rule: BlocRule | null): DraftCell[] {
  const row = blank()
  row[DRAFT_COLUMNS.type] = type
  row[DRAFT_COLUMNS.code] = code
  row[DRAFT_COLUMNS.label] = title
  if (rule === null) return row
  if (rule.kind === 'outcome') {
    row[DRAFT_COLUMNS.rule] = T.rules.outcome
    row[DRAFT_COLUMNS.minAcqPercent] = percent(rule.minAcqShare)
    row[DRAFT_COLUMNS.allowNacq] = rule.allowNacq ? T.yes : T.no
    row[DRAFT_COLUMNS.maxPacq] = rule.maxPacq ?? ''
  } else {
    row[DRAFT_COLUMNS.rule] = T.rules.score
    row[DRAFT_COLUMNS.threshold] = rule.threshold
    row[DRAFT_COLUMNS.roundingDecimals] = rule.roundingDecimals
  }
  return row
}

function itemRow(type: string, item: DraftItem): DraftCell[] {
  const row = blank()
  row[DRAFT_COLUMNS.type] = type
  row[DRAFT_COLUMNS.code] = item.code
  row[DRAFT_COLUMNS.label] = item.label
  return row
}

function critereRow(critere: DraftCritere, rule: BlocRule | null): DraftCell[] {
  const row = itemRow(T.rowTypes.critere, critere)
  row[DRAFT_COLUMNS.fromCompetence] = critere.fromCompetence ?? ''
  const assessment = critere.assessment
  if (assessment === null) return row
  if (assessment.scale.kind === 'outcome') {
    row[DRAFT_COLUMNS.scale] = T.scales.outcome
    return row
  }
  row[DRAFT_COLUMNS.scale] = T.scales.score
  row[DRAFT_COLUMNS.max] = assessment.scale.max
  row[DRAFT_COLUMNS.weight] = assessment.weight
  row[DRAFT_COLUMNS.floor] = assessment.floor ?? ''
  const required = rule?.kind === 'score' ? rule.requiredCriteres.filter((r) => r.critereCode === critere.code) : []
  if (required.length > 0) row[DRAFT_COLUMNS.requiredMin] = Math.max(...required.map((r) => r.min))
  return row
}

/** The draft of the next version of a published référentiel. */
export function draftFromReferential(referential: Referential, lineage: string): DraftSource {
  return {
    lineage,
    version: referential.version + 1,
    title: referential.title,
    level: referential.level,
    rncpCode: referential.rncpCode,
    basedOn: referential.id,
    blocs: referential.blocs.map((bloc): DraftBloc =>
      bloc.kind === 'mandatory' ? { ...bloc, kind: 'mandatory' } : { kind: 'optionGroup', code: bloc.code, title: bloc.title, options: bloc.options },
    ),
    certificationRule: { ...referential.certificationRule, mandatoryBlocCodes: [...referential.certificationRule.mandatoryBlocCodes] },
  }
}

/** Characters allowed in a lineage, from a title: « Bachelor Marketing digital » → `bachelor-marketing-digital`. */
function lineageFromTitle(title: string, rncpCode: string | null): string {
  const slug = title
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/g, '')
  const base = slug.length >= 3 ? slug : 'referentiel'
  return rncpCode === null ? base : `${rncpCode.toLowerCase()}-${base}`.slice(0, 76).replace(/-+$/g, '')
}

/** A new référentiel's draft from an open-data skeleton: its blocs, all mandatory, to complete. */
export function draftFromSkeleton(skeleton: FicheSkeleton): DraftSource {
  const blocs: DraftBloc[] = skeleton.blocs.map((bloc) => ({
    kind: 'mandatory',
    code: bloc.code,
    title: bloc.title,
    activities: [],
    competences: [],
    modalites: [],
    criteres: [],
    rule: { kind: 'outcome', minAcqShare: 1, allowNacq: false, maxPacq: null },
  }))
  return {
    lineage: lineageFromTitle(skeleton.title, skeleton.rncpCode),
    version: 1,
    title: skeleton.title,
    level: skeleton.level,
    rncpCode: skeleton.rncpCode,
    basedOn: null,
    blocs,
    certificationRule: { mandatoryBlocCodes: skeleton.blocs.map((bloc) => bloc.code), optionGroupCode: null },
  }
}

function fieldValue(source: DraftSource, key: FieldKey): DraftCell {
  switch (key) {
    case 'lineage':
      return source.lineage
    case 'version':
      return source.version
    case 'title':
      return source.title
    case 'level':
      return source.level ?? ''
    case 'rncpCode':
      return source.rncpCode ?? ''
    case 'basedOn':
      return source.basedOn ?? T.newReferential
    case 'mandatoryBlocCodes':
      return source.certificationRule.mandatoryBlocCodes.join(', ')
    case 'optionGroupCode':
      return source.certificationRule.optionGroupCode ?? ''
  }
}

function errorMessage(rule: DraftValidationRule): string {
  switch (rule.kind) {
    case 'list':
      return `Choisissez dans la liste : ${rule.values.join(', ')}.`
    case 'textLength':
      return `${rule.max} caractères au plus.`
    case 'whole':
      return `Saisissez un nombre entier de ${rule.min} à ${rule.max}, ou laissez vide.`
    case 'decimal':
      return `Saisissez un nombre de ${rule.min} à ${rule.max}, ou laissez vide.`
  }
}

const FIELD_RULES: Record<FieldKey, DraftValidationRule> = {
  lineage: { kind: 'textLength', max: 76 },
  version: { kind: 'whole', min: 1, max: 10_000 },
  title: { kind: 'textLength', max: 500 },
  level: { kind: 'whole', min: 1, max: 8 },
  rncpCode: { kind: 'textLength', max: 20 },
  basedOn: { kind: 'textLength', max: 90 },
  mandatoryBlocCodes: { kind: 'textLength', max: 500 },
  optionGroupCode: { kind: 'textLength', max: 10 },
}

export function buildDraftSheet(source: DraftSource): DraftSheet {
  const cells: DraftCell[][] = []
  const titleRowCells = blank()
  titleRowCells[0] = T.title
  cells[TITLE_ROW] = titleRowCells
  const help = blank()
  help[0] = T.help
  cells[HELP_ROW] = help
  cells[2] = blank()
  FIELD_ORDER.forEach((key, index) => {
    const row = blank()
    row[0] = T.fields[key]
    row[1] = fieldValue(source, key)
    cells[FIRST_FIELD_ROW + index] = row
  })
  cells[DRAFT_HEADER_ROW - 1] = blank()
  cells[DRAFT_HEADER_ROW] = DRAFT_TABLE_COLUMNS.map((column) => column.header)

  const blocRows: number[] = []
  const push = (row: DraftCell[], isBloc = false) => {
    if (isBloc) blocRows.push(cells.length)
    cells.push(row)
  }
  const pushEvaluable = (type: string, bloc: DraftEvaluableBloc) => {
    push(blocRow(type, bloc.code, bloc.title, bloc.rule), true)
    for (const item of bloc.activities) push(itemRow(T.rowTypes.activity, item))
    for (const item of bloc.competences) push(itemRow(T.rowTypes.competence, item))
    for (const item of bloc.modalites) push(itemRow(T.rowTypes.modalite, item))
    for (const critere of bloc.criteres) push(critereRow(critere, bloc.rule))
  }
  for (const bloc of source.blocs) {
    if (bloc.kind === 'mandatory') pushEvaluable(T.rowTypes.bloc, bloc)
    else {
      push(blocRow(T.rowTypes.optionGroup, bloc.code, bloc.title, null), true)
      for (const option of bloc.options) pushEvaluable(T.rowTypes.option, option)
    }
  }

  const textColumns = new Set<number>(DRAFT_TABLE_COLUMNS.filter((column) => column.text).map((column) => DRAFT_COLUMNS[column.key]))
  const numericFields = new Set<number>([FIELD_ORDER.indexOf('version'), FIELD_ORDER.indexOf('level')].map((index) => FIRST_FIELD_ROW + index))
  const numberFormats = cells.map((row, rowIndex) =>
    row.map((_, column) => {
      if (rowIndex === DRAFT_HEADER_ROW) return '@'
      if (rowIndex > DRAFT_HEADER_ROW) return textColumns.has(column) ? '@' : 'General'
      return numericFields.has(rowIndex) && column === 1 ? 'General' : '@'
    }),
  )

  const firstTableRow = DRAFT_HEADER_ROW + 1
  const validations: DraftSheetValidation[] = DRAFT_TABLE_COLUMNS.map((column) => ({
    row: firstTableRow,
    column: DRAFT_COLUMNS[column.key],
    rowCount: DRAFT_TABLE_ROWS,
    validation: column.validation,
    note: column.note,
    errorMessage: errorMessage(column.validation),
  }))
  FIELD_ORDER.forEach((key, index) => {
    const validation = FIELD_RULES[key]
    validations.push({ row: FIRST_FIELD_ROW + index, column: 1, rowCount: 1, validation, note: FIELD_NOTES[key], errorMessage: errorMessage(validation) })
  })

  return {
    sheetName: T.sheetName,
    cells,
    numberFormats,
    columnWidths: DRAFT_TABLE_COLUMNS.map((column) => column.width),
    titleRow: TITLE_ROW,
    headerRow: DRAFT_HEADER_ROW,
    boldRows: [TITLE_ROW, DRAFT_HEADER_ROW],
    blocRows,
    readOnlyRows: [FIRST_FIELD_ROW + FIELD_ORDER.indexOf('basedOn')],
    validations,
  }
}

/* ------------------------------------------------------------------ reading */

/** A problem at a cell of the draft sheet. */
export interface DraftIssue {
  /** A1 address, e.g. "H17". */
  address: string
  message: string
}

export interface DraftReading {
  /** The document as read, for `checkPublishable`; fields that could not be read are left out. */
  document: Record<string, unknown>
  /** Where each JSON path of the document was read from. */
  cellOf: ReadonlyMap<string, string>
  /** Problems found while reading (a text where a number belongs, a row out of place…). */
  issues: DraftIssue[]
  /** The version the draft was made from, if any. */
  basedOn: string | null
  lineage: string
}

const address = (row: number, column: number) => `${columnLetters(column)}${row + 1}`

/** A cell's content as text: `range.values` holds strings, numbers and booleans only. */
function text(value: unknown): string {
  if (typeof value === 'string') return value.trim()
  if (typeof value === 'number' || typeof value === 'boolean') return String(value)
  return ''
}

const looseKey = (value: string) => value.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/\s+/g, ' ').trim().toUpperCase()
const ROW_TYPE_BY_KEY = new Map(Object.entries(T.rowTypes).map(([key, label]) => [looseKey(label), key as keyof typeof T.rowTypes]))

/**
 * Reads the sheet's values (as `range.values` gives them, from A1) into a document and the cell of
 * every field. Lenient on case, accents and spaces of the drop-down words; strict on where a value
 * belongs, so a parameter typed on the wrong row is reported rather than ignored.
 */
function readDraftSheet(values: readonly (readonly unknown[])[]): DraftReading {
  const issues: DraftIssue[] = []
  const cellOf = new Map<string, string>()
  const at = (row: number, column: number) => address(row, column)
  const report = (row: number, column: number, message: string) => issues.push({ address: at(row, column), message })
  const value = (row: number, column: number) => values[row]?.[column] ?? ''

  // The table starts under the row whose first cell is « Type »; the fields are above it.
  let headerRow = values.findIndex((row) => looseKey(text(row[0])) === looseKey(DRAFT_TABLE_COLUMNS[0]!.header))
  if (headerRow < 0) {
    report(DRAFT_HEADER_ROW, 0, `la ligne d’en-tête du tableau (« ${DRAFT_TABLE_COLUMNS[0]!.header} » en colonne A) est introuvable : récrivez le brouillon depuis Certibloc.`)
    headerRow = values.length
  }
  const fieldRows = new Map<FieldKey, number>()
  for (let row = 0; row < headerRow; row++) {
    const label = looseKey(text(value(row, 0)))
    const key = FIELD_ORDER.find((candidate) => looseKey(T.fields[candidate]) === label)
    if (key !== undefined && !fieldRows.has(key)) fieldRows.set(key, row)
  }
  const field = (key: FieldKey): { raw: unknown; cell: string } | null => {
    const row = fieldRows.get(key)
    // « D’après la version » only informs the diff shown before publishing: it may be gone.
    if (row === undefined && key === 'basedOn') return null
    if (row === undefined) {
      report(Math.min(headerRow, FIRST_FIELD_ROW), 0, `la ligne « ${T.fields[key]} » est introuvable au-dessus du tableau : récrivez-la (libellé en colonne A, valeur en colonne B).`)
      return null
    }
    return { raw: value(row, 1), cell: at(row, 1) }
  }

  const document: Record<string, unknown> = { schemaVersion: 1 }
  const lineageField = field('lineage')
  const lineage = text(lineageField?.raw)
  const versionField = field('version')
  let version: number | null = null
  if (versionField) {
    const raw = versionField.raw
    version = typeof raw === 'number' ? raw : /^\d+$/.test(text(raw)) ? Number(text(raw)) : null
    if (version === null || !Number.isInteger(version) || version < 1) {
      issues.push({ address: versionField.cell, message: `Version : « ${text(raw)} » n’est pas un numéro de version (1, 2, 3…).` })
      version = null
    } else {
      document.version = version
      cellOf.set('version', versionField.cell)
    }
  }
  if (lineageField) {
    cellOf.set('id', lineageField.cell)
    if (lineage === '') issues.push({ address: lineageField.cell, message: 'Identifiant : obligatoire (par exemple bachelor-marketing-digital).' })
    else if (version !== null) document.id = versionId(lineage, version)
  }
  const titleField = field('title')
  if (titleField) {
    document.title = text(titleField.raw)
    cellOf.set('title', titleField.cell)
  }
  const levelField = field('level')
  if (levelField) {
    cellOf.set('level', levelField.cell)
    const raw = levelField.raw
    const level = typeof raw === 'number' ? raw : /^\d+$/.test(text(raw)) ? Number(text(raw)) : null
    if (level === null) issues.push({ address: levelField.cell, message: `Niveau : « ${text(raw)} » n’est pas un niveau de 1 à 8.` })
    else document.level = level
  }
  const rncpField = field('rncpCode')
  if (rncpField) {
    cellOf.set('rncpCode', rncpField.cell)
    const code = text(rncpField.raw).toUpperCase().replace(/\s+/g, '')
    document.rncpCode = code === '' ? null : code
  }
  const basedOnField = field('basedOn')
  const basedOnText = text(basedOnField?.raw)
  const basedOn = basedOnText === '' || basedOnText === T.newReferential ? null : basedOnText

  // The table.
  const blocs: Array<Record<string, unknown>> = []
  let currentGroup: { node: Record<string, unknown>; path: string } | null = null
  let currentBloc: { node: Record<string, unknown>; path: string; rule: Record<string, unknown> | null; ruleKind: 'outcome' | 'score'; row: number } | null = null
  const requiredByBloc = new Map<Record<string, unknown>, Array<{ critereCode: string; min: number; cell: string }>>()
  let lastRow = headerRow
  for (let row = headerRow + 1; row < values.length; row++) {
    const cellsOfRow = values[row] ?? []
    if (cellsOfRow.every((cell) => text(cell) === '')) continue
    lastRow = row
    const typeText = text(cellsOfRow[DRAFT_COLUMNS.type])
    const type = ROW_TYPE_BY_KEY.get(looseKey(typeText))
    if (type === undefined) {
      report(row, DRAFT_COLUMNS.type, typeText === '' ? 'type de ligne manquant : choisissez-le dans la liste.' : `type de ligne « ${typeText} » inconnu : choisissez-le dans la liste (${Object.values(T.rowTypes).join(', ')}).`)
      continue
    }
    const codeText = text(cellsOfRow[DRAFT_COLUMNS.code])
    const labelText = text(cellsOfRow[DRAFT_COLUMNS.label])
    const filled = (key: DraftColumn) => text(cellsOfRow[DRAFT_COLUMNS[key]]) !== ''
    const only = (keys: readonly DraftColumn[], what: string) => {
      for (const key of keys) {
        if (filled(key)) report(row, DRAFT_COLUMNS[key], `« ${DRAFT_TABLE_COLUMNS.find((c) => c.key === key)!.header} » ne s’applique pas à une ligne « ${typeText} » (${what}) : videz la cellule.`)
      }
    }
    const CRITERE_COLUMNS = ['fromCompetence', 'scale', 'max', 'weight', 'floor', 'requiredMin'] as const
    const RULE_COLUMNS = ['rule', 'minAcqPercent', 'allowNacq', 'maxPacq', 'threshold', 'roundingDecimals'] as const
    const number = (key: DraftColumn, path: string | null): number | null => {
      const raw = cellsOfRow[DRAFT_COLUMNS[key]]
      if (text(raw) === '') return null
      if (path) cellOf.set(path, at(row, DRAFT_COLUMNS[key]))
      if (typeof raw === 'number') return raw
      const header = DRAFT_TABLE_COLUMNS.find((c) => c.key === key)!.header
      report(row, DRAFT_COLUMNS[key], `« ${header} » : « ${text(raw)} » n’est pas un nombre ; saisissez-le comme un nombre (12,5 et non « 12,5 » en texte).`)
      // Read as blank: the default keeps the schema from repeating the problem at another cell.
      return null
    }

    if (type === 'bloc' || type === 'optionGroup' || type === 'option') {
      only(CRITERE_COLUMNS, 'colonnes des critères')
      if (type === 'optionGroup') only(RULE_COLUMNS, 'un bloc à options n’a pas de règle : ses options en ont une')
      const node: Record<string, unknown> = { code: codeText, title: labelText }
      let path: string
      if (type === 'optionGroup') {
        Object.assign(node, { kind: 'optionGroup', number: blocNumberOf(codeText), options: [] })
        path = `blocs[${blocs.length}]`
        blocs.push(node)
        currentGroup = { node, path }
        currentBloc = null
      } else if (type === 'bloc') {
        Object.assign(node, { kind: 'mandatory', number: blocNumberOf(codeText), activities: [], competences: [], modalites: [], criteres: [] })
        path = `blocs[${blocs.length}]`
        blocs.push(node)
        currentGroup = null
      } else {
        Object.assign(node, { kind: 'option', letter: /-([A-Z])$/i.exec(codeText)?.[1]?.toUpperCase() ?? '', activities: [], competences: [], modalites: [], criteres: [] })
        if (currentGroup === null) {
          report(row, DRAFT_COLUMNS.type, 'une option doit suivre la ligne de son « Bloc à options » : déplacez-la, ou changez son type en « Bloc ».')
          // Its own rows are read into a bloc kept out of the document: one problem, not one per row.
          currentBloc = { node, path: `(option hors groupe, ligne ${row + 1})`, rule: null, ruleKind: 'outcome', row }
          continue
        }
        const options = currentGroup.node.options as unknown[]
        path = `${currentGroup.path}.options[${options.length}]`
        options.push(node)
      }
      for (const key of ['code', 'number', 'letter', 'kind']) cellOf.set(`${path}.${key}`, at(row, DRAFT_COLUMNS.code))
      cellOf.set(path, at(row, DRAFT_COLUMNS.type))
      cellOf.set(`${path}.title`, at(row, DRAFT_COLUMNS.label))
      cellOf.set(`${path}.options`, at(row, DRAFT_COLUMNS.code))
      for (const list of ['activities', 'competences', 'modalites', 'criteres']) cellOf.set(`${path}.${list}`, at(row, DRAFT_COLUMNS.code))
      if (type === 'optionGroup') continue

      // The rule and its parameters.
      const ruleText = text(cellsOfRow[DRAFT_COLUMNS.rule])
      const ruleKind = ruleText === '' || looseKey(ruleText) === looseKey(T.rules.outcome) ? 'outcome' : looseKey(ruleText) === looseKey(T.rules.score) ? 'score' : null
      cellOf.set(`${path}.rule`, at(row, DRAFT_COLUMNS.rule))
      cellOf.set(`${path}.rule.kind`, at(row, DRAFT_COLUMNS.rule))
      if (ruleKind === null) {
        report(row, DRAFT_COLUMNS.rule, `règle « ${ruleText} » inconnue : choisissez « ${T.rules.outcome} » ou « ${T.rules.score} ».`)
        currentBloc = { node, path, rule: null, ruleKind: 'outcome', row }
        continue
      }
      const rule: Record<string, unknown> = { kind: ruleKind }
      if (ruleKind === 'outcome') {
        only(['threshold', 'roundingDecimals'], `paramètres de la règle « ${T.rules.score} »`)
        const share = number('minAcqPercent', `${path}.rule.minAcqShare`)
        rule.minAcqShare = share === null ? 1 : Number((share / 100).toFixed(6))
        const nacq = looseKey(text(cellsOfRow[DRAFT_COLUMNS.allowNacq]))
        cellOf.set(`${path}.rule.allowNacq`, at(row, DRAFT_COLUMNS.allowNacq))
        if (nacq === '' || nacq === T.no) rule.allowNacq = false
        else if (nacq === T.yes) rule.allowNacq = true
        else report(row, DRAFT_COLUMNS.allowNacq, `« NACQ toléré » : « ${text(cellsOfRow[DRAFT_COLUMNS.allowNacq])} » : choisissez OUI ou NON.`)
        const pacq = number('maxPacq', `${path}.rule.maxPacq`)
        rule.maxPacq = pacq
      } else {
        only(['minAcqPercent', 'allowNacq', 'maxPacq'], `paramètres de la règle « ${T.rules.outcome} »`)
        const threshold = number('threshold', `${path}.rule.threshold`)
        rule.threshold = threshold ?? 10
        const decimalsRaw = cellsOfRow[DRAFT_COLUMNS.roundingDecimals]
        cellOf.set(`${path}.rule.roundingDecimals`, at(row, DRAFT_COLUMNS.roundingDecimals))
        if (text(decimalsRaw) === '') rule.roundingDecimals = 2
        else if (/^\d+$/.test(text(decimalsRaw))) rule.roundingDecimals = Number(text(decimalsRaw))
        else report(row, DRAFT_COLUMNS.roundingDecimals, `« Décimales » : « ${text(decimalsRaw)} » : choisissez de 0 à 4.`)
        rule.requiredCriteres = []
        cellOf.set(`${path}.rule.requiredCriteres`, at(row, DRAFT_COLUMNS.rule))
      }
      node.rule = rule
      currentBloc = { node, path, rule, ruleKind, row }
      continue
    }

    // An item of the bloc above.
    only(RULE_COLUMNS, 'colonnes de la règle du bloc')
    if (currentBloc === null) {
      report(row, DRAFT_COLUMNS.type, `une ligne « ${typeText} » doit suivre la ligne de son bloc ou de son option : déplacez-la sous son bloc.`)
      continue
    }
    const list = { activity: 'activities', competence: 'competences', modalite: 'modalites', critere: 'criteres' }[type]
    const items = currentBloc.node[list] as unknown[]
    const path = `${currentBloc.path}.${list}[${items.length}]`
    cellOf.set(path, at(row, DRAFT_COLUMNS.type))
    cellOf.set(`${path}.code`, at(row, DRAFT_COLUMNS.code))
    cellOf.set(`${path}.label`, at(row, DRAFT_COLUMNS.label))
    if (type !== 'critere') {
      only(CRITERE_COLUMNS, 'colonnes des critères')
      items.push({ code: codeText, label: labelText })
      continue
    }
    const critere: Record<string, unknown> = { code: codeText, label: labelText }
    const from = text(cellsOfRow[DRAFT_COLUMNS.fromCompetence])
    critere.fromCompetence = from === '' ? null : from
    cellOf.set(`${path}.fromCompetence`, at(row, DRAFT_COLUMNS.fromCompetence))
    const scaleText = looseKey(text(cellsOfRow[DRAFT_COLUMNS.scale]))
    const scaleKind =
      scaleText === '' ? currentBloc.ruleKind : scaleText === looseKey(T.scales.outcome) || scaleText === 'ACQ' ? 'outcome' : scaleText === looseKey(T.scales.score) ? 'score' : null
    for (const key of ['assessment', 'assessment.scale', 'assessment.scale.kind']) cellOf.set(`${path}.${key}`, at(row, DRAFT_COLUMNS.scale))
    if (scaleKind === null) {
      report(row, DRAFT_COLUMNS.scale, `échelle « ${text(cellsOfRow[DRAFT_COLUMNS.scale])} » inconnue : choisissez « ${T.scales.outcome} » ou « ${T.scales.score} ».`)
      items.push(critere)
      continue
    }
    if (scaleKind === 'outcome') {
      only(['max', 'weight', 'floor', 'requiredMin'], 'un critère ACQ / PACQ / NACQ n’a ni note, ni coefficient, ni minimum')
      critere.assessment = { scale: { kind: 'outcome' }, weight: 1, floor: null }
    } else {
      const max = number('max', `${path}.assessment.scale.max`)
      const weight = number('weight', `${path}.assessment.weight`)
      const floor = number('floor', `${path}.assessment.floor`)
      critere.assessment = { scale: { kind: 'score', max: max ?? 20 }, weight: weight ?? 1, floor }
      const min = number('requiredMin', null)
      if (min !== null) {
        const required = requiredByBloc.get(currentBloc.node) ?? []
        required.push({ critereCode: codeText, min, cell: at(row, DRAFT_COLUMNS.requiredMin) })
        requiredByBloc.set(currentBloc.node, required)
        if (currentBloc.ruleKind !== 'score') {
          report(row, DRAFT_COLUMNS.requiredMin, `un minimum exigé ne s’applique que dans un bloc à la règle « ${T.rules.score} » : videz la cellule ou changez la règle du bloc.`)
        }
      }
    }
    items.push(critere)
  }
  // Required minima, typed on their critère rows, become the list of the bloc's score rule.
  for (const [bloc, path] of blocPaths(blocs)) {
    const required = requiredByBloc.get(bloc)
    const rule = bloc.rule as Record<string, unknown> | undefined
    if (!required || rule?.kind !== 'score') continue
    rule.requiredCriteres = required.map(({ critereCode, min }) => ({ critereCode, min }))
    required.forEach((entry, index) => {
      for (const suffix of ['', '.min', '.critereCode']) cellOf.set(`${path}.rule.requiredCriteres[${index}]${suffix}`, entry.cell)
    })
  }
  if (lastRow - headerRow > DRAFT_TABLE_ROWS) {
    report(lastRow, 0, `le tableau dépasse ${DRAFT_TABLE_ROWS} lignes : au-delà, les listes déroulantes et l’aide ne s’appliquent plus.`)
  }
  document.blocs = blocs

  const mandatoryField = field('mandatoryBlocCodes')
  const groupField = field('optionGroupCode')
  const certificationRule: Record<string, unknown> = {}
  if (mandatoryField) {
    const codes = text(mandatoryField.raw).split(/[,;\s]+/).filter((code) => code !== '').map((code) => code.toUpperCase())
    certificationRule.mandatoryBlocCodes = codes
    cellOf.set('certificationRule', mandatoryField.cell)
    cellOf.set('certificationRule.mandatoryBlocCodes', mandatoryField.cell)
    codes.forEach((_, index) => cellOf.set(`certificationRule.mandatoryBlocCodes[${index}]`, mandatoryField.cell))
  }
  if (groupField) {
    const code = text(groupField.raw).toUpperCase()
    certificationRule.optionGroupCode = code === '' ? null : code
    cellOf.set('certificationRule.optionGroupCode', groupField.cell)
  }
  document.certificationRule = certificationRule
  return { document, cellOf, issues, basedOn, lineage }
}

function* blocPaths(blocs: ReadonlyArray<Record<string, unknown>>): Generator<[Record<string, unknown>, string]> {
  for (const [b, bloc] of blocs.entries()) {
    yield [bloc, `blocs[${b}]`]
    if (bloc.kind === 'optionGroup') for (const [o, option] of (bloc.options as Array<Record<string, unknown>>).entries()) yield [option, `blocs[${b}].options[${o}]`]
  }
}

function blocNumberOf(code: string): number {
  const match = /^BC(\d{2})$/i.exec(code)
  return match ? Number(match[1]) : 0
}

/** The cell of a path: its own, or that of the nearest enclosing path the sheet has a cell for. */
export function cellForPath(cellOf: ReadonlyMap<string, string>, path: string): string | null {
  const keys = parsePath(path)
  for (let length = keys.length; length > 0; length--) {
    const found = cellOf.get(formatPath(keys.slice(0, length)))
    if (found !== undefined) return found
  }
  return null
}

export type DraftCheck =
  | { ok: true; referential: Referential; reading: DraftReading; publication: Extract<PublicationCheck, { ok: true }> }
  | { ok: false; issues: DraftIssue[]; reading: DraftReading }

/**
 * « Vérifier le brouillon »: the sheet read, then judged exactly as the Worker's publish route
 * judges it; every problem at its cell, reading problems first, one per cell.
 */
export function checkDraft(values: readonly (readonly unknown[])[]): DraftCheck {
  const reading = readDraftSheet(values)
  const publication = checkPublishable(reading.document)
  const issues = [...reading.issues]
  // A cell already reported while reading: its own message says more than the schema's.
  const readingCells = new Set(reading.issues.map((found) => found.address))
  if (!publication.ok) {
    for (const found of publication.issues) {
      const cell = cellForPath(reading.cellOf, found.path) ?? 'A1'
      if (readingCells.has(cell)) continue
      if (issues.some((existing) => existing.address === cell && existing.message === found.message)) continue
      issues.push({ address: cell, message: found.message })
    }
  }
  if (issues.length > 0 || !publication.ok) return { ok: false, issues: sortByCell(issues), reading }
  return { ok: true, referential: publication.referential, reading, publication }
}

function sortByCell(issues: DraftIssue[]): DraftIssue[] {
  const key = (cell: string) => {
    const match = /^([A-Z]+)(\d+)$/.exec(cell)
    return match ? [Number(match[2]), match[1]!.length, match[1]!] as const : [0, 0, cell] as const
  }
  return [...issues].sort((a, b) => {
    const [ra, la, ca] = key(a.address)
    const [rb, lb, cb] = key(b.address)
    return ra - rb || la - lb || (ca < cb ? -1 : ca > cb ? 1 : 0)
  })
}
