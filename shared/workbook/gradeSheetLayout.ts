/**
 * The "Grille" sheet as plain data: which column holds what, its header, width, number format,
 * data validation and whether the user may edit it, plus the conditional formats and the formula
 * layout the generator fills. Pure (no Office types): the add-in's Excel adapter only copies it
 * into ranges, and the tests read it without Excel.
 *
 * Rows: row 1 carries the session line and one band per bloc, row 2 the column headers, candidates
 * from row 3. Columns, left to right:
 *   A Identifiant (hidden) · B Version (hidden) · C N° candidat · D Nom · E Prénoms · F Option (only
 *   when the référentiel has an option group) · per bloc: its critères, Décision du jury, Motif,
 *   Capitalisé, Résultat · Certification.
 * The per-bloc order is `sequentialLayout`'s, so the generated formulas and the sheet agree by
 * construction.
 */
import { cellReference, columnLetters, numberLiteral, stringLiteral } from '../formulas/a1'
import { isBlank, textIsOneOf, upperTrim } from '../formulas/cellTests'
import { GRID_HEADER_ROWS, GRID_LAYOUT_OPTIONS } from '../formulas/formulaBudget'
import { layoutIssues, sequentialLayout, type GridLayout } from '../formulas/gridLayout'
import type { Referential } from '../referential/schema'
import {
  BLOC_ADJ,
  BLOC_ADM,
  BLOC_AJ,
  BLOC_ATT,
  BLOC_CAP,
  CERTIFIED,
  ERROR_CODE,
  FAILED,
  NOT_CONCERNED,
  OVERRIDE_CODES,
  PARTIAL,
  PENDING,
} from '../rules/codes'
import type { CompiledRules } from '../rules/compileRules'
import { issue, type Result } from '../rules/issues'
import { ROUNDING_NUDGE_LITERAL } from '../rules/rounding'
import { OUTCOME_CODES, SPECIAL_MARK_CODES, type CritereScale } from '../rules/ruleSchema'

/** Bumped when the sheet's shape changes, so a workbook written by an older add-in is rebuilt. */
export const GRADE_LAYOUT_VERSION = 1

/**
 * Rows above the candidates (the bloc band, then the column headers), hence also the 0-based index
 * of the first candidate row (row 3 in Excel).
 */
export const FIRST_DATA_ROW = GRID_HEADER_ROWS

/** Longest reason the Worker stores (`gradePushSchema`). */
export const MAX_REASON_LENGTH = 1000

/**
 * Text written into the workbook. It is document content, not add-in UI, so it lives with the
 * layout that uses it (shared/ never imports addin/).
 */
export const GRADE_SHEET_TEXT = {
  sheetName: 'Grille',
  /** Very hidden: the values as pulled, to tell local edits from server changes. */
  snapshotSheetName: 'Certibloc_Synchro',
  pulledAtLabel: 'Récupérée le',
  capitalisedYes: 'OUI',
  headers: {
    candidateId: 'Identifiant',
    rowVersion: 'Version',
    schoolId: 'N° candidat',
    name: 'Nom',
    firstNames: 'Prénoms',
    option: 'Option',
    override: 'Décision du jury',
    reason: 'Motif',
    capitalised: 'Capitalisé',
    blocResult: (blocCode: string) => `Résultat ${blocCode}`,
    certification: 'Certification',
  },
  validation: {
    markTitle: 'Saisie refusée',
    outcomeMessage: `Saisissez ${[...OUTCOME_CODES, ...SPECIAL_MARK_CODES].join(', ')} ou laissez vide.`,
    scoreMessage: (max: number) => `Saisissez une note de 0 à ${max} (nombre), ou ABS, EXC, ATT, ou laissez vide.`,
    overrideMessage: `Saisissez ${OVERRIDE_CODES.join(', ')} ou laissez vide ; une décision doit être motivée.`,
    reasonMessage: `Le motif tient en ${MAX_REASON_LENGTH} caractères au plus.`,
  },
} as const

export type GradeColumnKind =
  | 'candidateId'
  | 'rowVersion'
  | 'schoolId'
  | 'name'
  | 'firstNames'
  | 'option'
  | 'mark'
  | 'override'
  | 'reason'
  | 'capitalised'
  | 'blocResult'
  | 'certification'

/** How Excel checks what is typed in a column (ExcelApi data validation), errors shown in French. */
export type GradeValidation =
  | { kind: 'list'; source: string; errorMessage: string }
  /** A formula written for the column's first candidate cell, relative rows. */
  | { kind: 'custom'; formula: string; errorMessage: string }
  | { kind: 'textLength'; max: number; errorMessage: string }

export interface GradeColumn {
  /** 0-based column index (A = 0). */
  index: number
  kind: GradeColumnKind
  header: string
  blocCode: string | null
  critereCode: string | null
  /** Critère label, shown as the input prompt of its cells. */
  label: string | null
  /** Width in points (Excel's `columnWidth`). */
  width: number
  hidden: boolean
  /** Unlocked under sheet protection: marks, jury decisions and reasons only. */
  editable: boolean
  /** Number format "@": what is typed or written stays text, "=…" never becomes a formula. */
  text: boolean
  validation: GradeValidation | null
}

/** One thing a candidate row sends to the Worker: a mark, or a jury decision with its reason. */
export type InputUnit =
  | { key: string; kind: 'mark'; blocCode: string; critereCode: string; column: number; scale: CritereScale; decimals: number }
  | { key: string; kind: 'decision'; blocCode: string; overrideColumn: number; reasonColumn: number }

export interface ResultStyle {
  /** Relative to the first candidate cell of the column, e.g. `=OR($X3="ADM",…)`. */
  formula: string
  fill: string
  font: string
}

/** A conditional format over candidate rows of some columns. */
export interface ConditionalRule {
  firstColumn: number
  columnCount: number
  styles: ResultStyle[]
}

export interface BlocBand {
  blocCode: string
  title: string
  firstColumn: number
  columnCount: number
  /** Set for an option's bloc: its group's choice, by code or letter. */
  option: { blocCode: string; letter: string } | null
}

export interface GradeSheetLayout {
  sheetName: string
  referentialId: string
  referentialVersion: number
  /** Changes when the columns would: referential version and layout version. */
  signature: string
  columns: GradeColumn[]
  /** Where the generator's formulas read and write (unqualified references: they sit on this sheet). */
  formulaLayout: GridLayout
  inputUnits: InputUnit[]
  blocBands: BlocBand[]
  /**
   * Green / red / grey result cells, « — » plain on an option the candidate did not choose, whose
   * inputs are greyed.
   */
  conditionalRules: ConditionalRule[]
  /** Columns of the snapshot sheet: A to the last input column. */
  snapshotColumnCount: number
  /** Panes frozen at the top-left: header rows and identity columns. */
  frozen: { rows: number; columns: number }
}

const WIDTH = {
  schoolId: 72,
  name: 120,
  firstNames: 96,
  option: 54,
  mark: 46,
  override: 56,
  reason: 120,
  capitalised: 56,
  result: 58,
  certification: 84,
} as const

/** Colours of Excel's own "good / bad / neutral" cell styles, familiar to every user. */
const GREEN = { fill: '#C6EFCE', font: '#006100' }
const RED = { fill: '#FFC7CE', font: '#9C0006' }
const GREY = { fill: '#EDEDED', font: '#595959' }
const AMBER = { fill: '#FFEB9C', font: '#9C5700' }
const UNCHOSEN_OPTION = { fill: '#F2F2F2', font: '#A6A6A6' }
/** « — » (non concerné): a plain white cell with a light dash, unlike ATT's grey that asks for marks. */
const NEUTRAL = { fill: '#FFFFFF', font: '#A6A6A6' }

interface GradedBlocInfo {
  code: string
  title: string
  criteres: { code: string; label: string }[]
  option: { blocCode: string; letter: string } | null
  decimals: number
}

/** Mandatory blocs then every option, in document order, as the rules are compiled. */
function gradedBlocs(referential: Referential): GradedBlocInfo[] {
  return referential.blocs.flatMap((bloc): GradedBlocInfo[] => {
    const options = bloc.kind === 'optionGroup' ? bloc.options : [bloc]
    return options.map((graded) => ({
      code: graded.code,
      title: graded.title,
      criteres: graded.criteres.map((critere) => ({ code: critere.code, label: critere.label })),
      option: graded.kind === 'option' ? { blocCode: graded.code, letter: graded.letter } : null,
      decimals: graded.rule.kind === 'score' ? graded.rule.roundingDecimals : 2,
    }))
  })
}

function equalsAny(reference: string, codes: readonly string[]): string {
  return codes.length === 1 ? `${reference}=${stringLiteral(codes[0]!)}` : `OR(${codes.map((code) => `${reference}=${stringLiteral(code)}`).join(',')})`
}

function resultStyles(reference: string, groups: ReadonlyArray<{ codes: readonly string[]; fill: string; font: string }>): ResultStyle[] {
  return groups.map(({ codes, fill, font }) => ({ formula: `=${equalsAny(reference, codes)}`, fill, font }))
}

/** Marks: a number from 0 to the maximum at the bloc's rounding, or ABS / EXC / ATT; blank passes. */
function scoreValidation(reference: string, max: number, decimals: number): string {
  const inRange = `AND(${reference}>=0,ROUND(${reference}+${ROUNDING_NUDGE_LITERAL},${decimals})<=${numberLiteral(max)})`
  return `=IF(ISNUMBER(${reference}),${inRange},${textIsOneOf(reference, SPECIAL_MARK_CODES)}>0)`
}

/**
 * The layout of the grade sheet for a référentiel, or the French reasons why its formulas could not
 * be placed (a bloc too large for Excel's formula length is reported by `rowFormulas` later).
 */
export function buildGradeSheetLayout(referential: Referential, rules: CompiledRules): Result<GradeSheetLayout> {
  const blocs = gradedBlocs(referential)
  // The formula budget (shared/formulas/formulaBudget.ts) measures formulas on this very layout.
  const formulaLayout = sequentialLayout(rules, GRID_LAYOUT_OPTIONS)
  const problems = layoutIssues(formulaLayout, rules)
  const sameBlocs = blocs.length === formulaLayout.blocs.length && blocs.every((bloc, index) => formulaLayout.blocs[index]?.blocCode === bloc.code)
  if (!sameBlocs || (formulaLayout.optionColumn === null && rules.certification.optionGroupCode !== null)) {
    problems.push(issue('layout', null, null, 'les blocs du référentiel et ses règles ne correspondent pas.'))
  }
  if (problems.length > 0) return { ok: false, issues: problems }

  const text = GRADE_SHEET_TEXT.headers
  const firstDataCell = (column: number) => cellReference({ row: FIRST_DATA_ROW, column }, { absoluteColumn: false, absoluteRow: false })
  const anchored = (column: number) => cellReference({ row: FIRST_DATA_ROW, column })
  const columns: GradeColumn[] = []
  const add = (column: Omit<GradeColumn, 'index' | 'blocCode' | 'critereCode' | 'label' | 'hidden' | 'editable' | 'text' | 'validation'> & Partial<GradeColumn>) => {
    columns.push({ blocCode: null, critereCode: null, label: null, hidden: false, editable: false, text: false, validation: null, index: columns.length, ...column })
  }
  add({ kind: 'candidateId', header: text.candidateId, width: 10, hidden: true, text: true })
  add({ kind: 'rowVersion', header: text.rowVersion, width: 10, hidden: true })
  add({ kind: 'schoolId', header: text.schoolId, width: WIDTH.schoolId, text: true })
  add({ kind: 'name', header: text.name, width: WIDTH.name, text: true })
  add({ kind: 'firstNames', header: text.firstNames, width: WIDTH.firstNames, text: true })
  // A title without option group has no option column: its blocs start right after the names.
  if (formulaLayout.optionColumn !== null) add({ kind: 'option', header: text.option, width: WIDTH.option, text: true })

  const inputUnits: InputUnit[] = []
  const blocBands: BlocBand[] = []
  const conditionalRules: ConditionalRule[] = []
  const optionColumn = formulaLayout.optionColumn
  formulaLayout.blocs.forEach((placed, blocIndex) => {
    const bloc = blocs[blocIndex]!
    const compiled = rules.blocs.find((candidate) => candidate.code === placed.blocCode)!
    const firstColumn = columns.length
    for (const critere of bloc.criteres) {
      const column = placed.critereColumns[critere.code]!
      const compiledCritere = compiled.criteres[compiled.indexByCode.get(critere.code)!]!
      const scale = compiledCritere.scale
      const validation: GradeValidation =
        scale.kind === 'outcome'
          ? { kind: 'list', source: [...OUTCOME_CODES, ...SPECIAL_MARK_CODES].join(','), errorMessage: GRADE_SHEET_TEXT.validation.outcomeMessage }
          : { kind: 'custom', formula: scoreValidation(firstDataCell(column), scale.max, bloc.decimals), errorMessage: GRADE_SHEET_TEXT.validation.scoreMessage(scale.max) }
      add({ kind: 'mark', header: critere.code, blocCode: bloc.code, critereCode: critere.code, label: critere.label, width: WIDTH.mark, editable: true, validation })
      inputUnits.push({ key: `mark:${critere.code}`, kind: 'mark', blocCode: bloc.code, critereCode: critere.code, column, scale, decimals: bloc.decimals })
    }
    const overrideColumn = placed.overrideColumn!
    const reasonColumn = placed.overrideReasonColumn!
    add({
      kind: 'override',
      header: text.override,
      blocCode: bloc.code,
      width: WIDTH.override,
      editable: true,
      text: true,
      validation: { kind: 'list', source: OVERRIDE_CODES.join(','), errorMessage: GRADE_SHEET_TEXT.validation.overrideMessage },
    })
    add({
      kind: 'reason',
      header: text.reason,
      blocCode: bloc.code,
      width: WIDTH.reason,
      editable: true,
      text: true,
      validation: { kind: 'textLength', max: MAX_REASON_LENGTH, errorMessage: GRADE_SHEET_TEXT.validation.reasonMessage },
    })
    inputUnits.push({ key: `decision:${bloc.code}`, kind: 'decision', blocCode: bloc.code, overrideColumn, reasonColumn })
    add({ kind: 'capitalised', header: text.capitalised, blocCode: bloc.code, width: WIDTH.capitalised, text: true })
    add({ kind: 'blocResult', header: text.blocResult(bloc.code), blocCode: bloc.code, width: WIDTH.result })
    blocBands.push({ blocCode: bloc.code, title: bloc.title, firstColumn, columnCount: columns.length - firstColumn, option: bloc.option })

    const result = anchored(placed.resultColumn)
    conditionalRules.push({
      firstColumn: placed.resultColumn,
      columnCount: 1,
      styles: resultStyles(result, [
        { codes: [BLOC_ADM, BLOC_CAP, BLOC_ADJ], ...GREEN },
        { codes: [BLOC_AJ], ...RED },
        { codes: [BLOC_ATT], ...GREY },
        { codes: [ERROR_CODE], ...AMBER },
        ...(bloc.option ? [{ codes: [NOT_CONCERNED], ...NEUTRAL }] : []),
      ]),
    })
    if (bloc.option && optionColumn !== null) {
      // Greys the inputs of an option the candidate did not choose: they must stay empty.
      const choice = anchored(optionColumn)
      const chosen = `(${upperTrim(choice)}=${stringLiteral(bloc.option.blocCode)})+(${upperTrim(choice)}=${stringLiteral(bloc.option.letter)})`
      conditionalRules.push({
        firstColumn,
        columnCount: reasonColumn - firstColumn + 1,
        styles: [{ formula: `=AND(NOT(${isBlank(choice)}),${chosen}=0)`, ...UNCHOSEN_OPTION }],
      })
    }
  })
  add({ kind: 'certification', header: text.certification, width: WIDTH.certification })
  const certification = anchored(formulaLayout.certificationColumn!)
  conditionalRules.push({
    firstColumn: formulaLayout.certificationColumn!,
    columnCount: 1,
    styles: resultStyles(certification, [
      { codes: [CERTIFIED], ...GREEN },
      { codes: [FAILED], ...RED },
      { codes: [PENDING], ...GREY },
      { codes: [PARTIAL, ERROR_CODE], ...AMBER },
    ]),
  })

  // The generator placed the same columns; a mismatch would be a bug here, not a user error.
  const mismatch = columns.find((column, index) => column.index !== index)
  if (mismatch || columns.length !== formulaLayout.certificationColumn! + 1) {
    return { ok: false, issues: [issue('layout', null, null, 'la grille et la disposition des formules divergent.')] }
  }

  const lastInput = Math.max(...columns.filter((column) => column.editable).map((column) => column.index))
  return {
    ok: true,
    value: {
      sheetName: GRADE_SHEET_TEXT.sheetName,
      referentialId: referential.id,
      referentialVersion: referential.version,
      signature: `grille-v${GRADE_LAYOUT_VERSION}:${referential.id}@${referential.version}`,
      columns,
      formulaLayout,
      inputUnits,
      blocBands,
      conditionalRules,
      snapshotColumnCount: lastInput + 1,
      frozen: { rows: FIRST_DATA_ROW, columns: 5 },
    },
  }
}

/** "G5": the A1 address of a cell of the sheet (0-based row and column). */
export function cellAddress(row: number, column: number): string {
  return `${columnLetters(column)}${row + 1}`
}

/** Consecutive columns sharing a property, as [first, count] runs: one Excel range each. */
export function columnRuns(columns: readonly GradeColumn[], keep: (column: GradeColumn) => boolean): Array<{ first: number; count: number }> {
  const runs: Array<{ first: number; count: number }> = []
  for (const column of columns) {
    if (!keep(column)) continue
    const last = runs.at(-1)
    if (last && last.first + last.count === column.index) last.count++
    else runs.push({ first: column.index, count: 1 })
  }
  return runs
}
