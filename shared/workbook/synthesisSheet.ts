/**
 * The « Synthèse » sheet as plain data: per bloc, how many candidates it concerns, how many
 * validated it, failed it or are still pending, and the validation rate; per certification
 * decision, its count and share; and the chart of validation rates. Pure (no Office types): the
 * add-in's Excel adapter copies it into a range and adds the chart.
 *
 * Every figure is a live formula over the « Grille » sheet's result columns, so the synthesis
 * follows marks typed after the pull, add-in or not. Only COUNTIF, COUNTIFS, ROUND and IFERROR with
 * English names and "," separators (for `range.formulas`): all in Excel 2016 and HyperFormula,
 * nothing volatile, no LET/LAMBDA, no structured or whole-column references.
 *
 * What counts, bloc by bloc:
 * - validated: the codes of `VALIDATED_BLOC_CODES` (ADM, ADJ, CAP), exactly what the certification
 *   formula counts. The result cell already applies the jury's decision (ADM/ADJ validate, AJ does
 *   not, whatever was computed) and the capitalisation, so the synthesis reads that cell only;
 * - not validated: AJ;
 * - pending or to correct: the rest of the candidates concerned (ATT, ERR, or a result cell whose
 *   formula was overwritten), so the three columns always add up to the candidates concerned;
 * - concerned: every candidate for a mandatory bloc; for an option's bloc, only those whose option
 *   cell names it, by code or letter as the certification formula reads it (COUNTIF ignores case
 *   like UPPER; the option cell is written by the add-in and locked, so it has no stray spaces).
 *   The result of an option a candidate did not choose is ignored, as the certification ignores it.
 */
import { cellReference, quoteSheetName, stringLiteral } from '../formulas/a1'
import { BLOC_AJ, CERTIFICATION_DECISIONS, CODE_LEGEND_FR, ERROR_CODE, VALIDATED_BLOC_CODES } from '../rules/codes'
import { cellAddress, FIRST_DATA_ROW, type GradeSheetLayout } from './gradeSheetLayout'

/**
 * Text written into the workbook. It is document content, not add-in UI, so it lives with the
 * layout that uses it (shared/ never imports addin/).
 */
export const SYNTHESIS_SHEET_TEXT = {
  sheetName: 'Synthèse',
  title: (sessionName: string) => `Synthèse — ${sessionName}`,
  candidateCount: 'Candidats dans la grille',
  liveNote: 'Calculée par des formules sur la feuille « Grille » : elle suit chaque saisie, sans nouvelle récupération.',
  blocSection: 'Résultats par bloc',
  blocHeader: ['Bloc', 'Taux de validation', 'Candidats concernés', 'Validés', 'Non validés', 'En attente ou à corriger', 'Libellé'],
  decisionSection: 'Décisions de certification',
  decisionHeader: ['Décision', 'Candidats', 'Part', 'Signification'],
  readingTitle: 'Lecture',
  reading: [
    `Validés : ${VALIDATED_BLOC_CODES.join(', ')} (décision du jury comprise). Non validés : ${BLOC_AJ}. En attente ou à corriger : tout le reste (ATT, ${ERROR_CODE}).`,
    'Candidats concernés : tous pour un bloc obligatoire ; pour un bloc d’option, ceux qui ont choisi cette option.',
    'Taux de validation : validés ÷ concernés. Part : candidats ÷ candidats dans la grille.',
  ],
  chartTitle: 'Taux de validation par bloc',
} as const

/** Columns of the bloc table. The rate sits beside the code so the chart's source is one block. */
export const SYNTHESIS_BLOC_COLUMNS = { code: 0, rate: 1, concerned: 2, validated: 3, notValidated: 4, pendingOrError: 5, label: 6 } as const
/** Columns of the decision table. */
export const SYNTHESIS_DECISION_COLUMNS = { decision: 0, count: 1, share: 2, meaning: 3 } as const

export const RATE_FORMAT = '0.0%'
export const COUNT_FORMAT = '0'
const TEXT_FORMAT = '@'
const GENERAL_FORMAT = 'General'

/** Rates are rounded to 4 decimals: stable to the tenth of a percent shown. */
const RATE_DECIMALS = 4

const COLUMN_COUNT = 7
/** The chart's size in cells: about 380 × 330 points at Excel's default row height and column width. */
const CHART_ROWS = 22
const CHART_COLUMNS = 8
const ABSOLUTE = { absoluteColumn: true, absoluteRow: true }
/** Column A holds the « Candidats dans la grille » label beside its count, hence its width. */
const COLUMN_WIDTHS = [132, 84, 84, 66, 66, 96, 300]

/** What a cell receives through `range.formulas`: a text, a number, or an English formula ("=…"). */
export type SynthesisCell = string | number

export interface SynthesisChart {
  title: string
  /** Header row and bloc rows of the code and rate columns, on this sheet ("A6:B10"). */
  sourceAddress: string
  /** Cells the chart spans, right of the tables. */
  topLeft: string
  bottomRight: string
}

export interface SynthesisSheet {
  sheetName: string
  /** From A1, `columnCount` cells a row. */
  cells: SynthesisCell[][]
  /** Same shape: "@" for every text (a session named "=…" stays text), counts and rates formatted. */
  numberFormats: string[][]
  columnCount: number
  /** In points, as Excel's `RangeFormat.columnWidth`. */
  columnWidths: number[]
  titleRow: number
  /** Section titles: bold. */
  sectionRows: number[]
  /** Table headers: bold, filled, wrapped. */
  headerRows: number[]
  blocRows: Array<{ row: number; blocCode: string }>
  decisionRows: Array<{ row: number; decision: string }>
  /** 0-based row of the « Candidats dans la grille » count, in the rate column. */
  candidateCountRow: number
  chart: SynthesisChart
}

/** `Grille!$L$3:$L$5`: a column of the candidate rows (at least one row, so it stays a valid range). */
function candidateColumn(layout: GradeSheetLayout, column: number, rowCount: number): string {
  const first = cellReference({ row: FIRST_DATA_ROW, column }, ABSOLUTE)
  const last = cellReference({ row: FIRST_DATA_ROW + Math.max(rowCount, 1) - 1, column }, ABSOLUTE)
  return `${quoteSheetName(layout.sheetName)}!${first}:${last}`
}

/** A sum of counts: one COUNTIF per code, or per code and accepted option choice. */
function countCodes(result: string, codes: readonly string[], choice: { range: string; texts: string[] } | null): string {
  // Bloc codes and option letters hold no wildcard (* ? ~) or operator (< > =): each criterion is an exact, case-insensitive match.
  const terms =
    choice === null
      ? codes.map((code) => `COUNTIF(${result},${stringLiteral(code)})`)
      : choice.texts.flatMap((text) => codes.map((code) => `COUNTIFS(${choice.range},${stringLiteral(text)},${result},${stringLiteral(code)})`))
  return terms.join('+')
}

function rate(numerator: string, denominator: string): string {
  return `=IFERROR(ROUND(${numerator}/${denominator},${RATE_DECIMALS}),"")`
}

/** The sheet for a grid of `rowCount` candidates laid out by `layout`. */
export function buildSynthesisSheet(layout: GradeSheetLayout, rowCount: number, sessionName: string): SynthesisSheet {
  const text = SYNTHESIS_SHEET_TEXT
  const cells: SynthesisCell[][] = []
  const numberFormats: string[][] = []
  const addRow = (entries: Array<[SynthesisCell, string]> = []): number => {
    const row = cells.length
    cells.push(Array.from({ length: COLUMN_COUNT }, (_, column) => entries[column]?.[0] ?? ''))
    numberFormats.push(Array.from({ length: COLUMN_COUNT }, (_, column) => entries[column]?.[1] ?? GENERAL_FORMAT))
    return row
  }
  const asText = (value: string): [SynthesisCell, string] => [value, TEXT_FORMAT]

  const titleRow = addRow([asText(text.title(sessionName))])
  const candidateCountRow = addRow([asText(text.candidateCount), [rowCount, COUNT_FORMAT]])
  // The candidate rows are fixed at the pull (the grid is protected), so their number is a constant.
  const total = cellReference({ row: candidateCountRow, column: SYNTHESIS_BLOC_COLUMNS.rate }, ABSOLUTE)
  addRow([asText(text.liveNote)])
  addRow()

  const sectionRows = [addRow([asText(text.blocSection)])]
  const headerRows = [addRow(text.blocHeader.map(asText))]
  const optionColumn = layout.columns.find((column) => column.kind === 'option')?.index ?? null
  const blocRows = layout.blocBands.map((band) => {
    const resultColumn = layout.columns.find((column) => column.kind === 'blocResult' && column.blocCode === band.blocCode)!.index
    const result = candidateColumn(layout, resultColumn, rowCount)
    const choice =
      band.option && optionColumn !== null ? { range: candidateColumn(layout, optionColumn, rowCount), texts: [band.option.blocCode, band.option.letter] } : null
    const row = cells.length
    const at = (column: number) => cellAddress(row, column)
    const c = SYNTHESIS_BLOC_COLUMNS
    const concerned = choice === null ? `=${total}` : `=${choice.texts.map((choiceText) => `COUNTIF(${choice.range},${stringLiteral(choiceText)})`).join('+')}`
    const entries: Array<[SynthesisCell, string]> = []
    entries[c.code] = asText(band.blocCode)
    entries[c.rate] = [rate(at(c.validated), at(c.concerned)), RATE_FORMAT]
    entries[c.concerned] = [concerned, COUNT_FORMAT]
    entries[c.validated] = [`=${countCodes(result, VALIDATED_BLOC_CODES, choice)}`, COUNT_FORMAT]
    entries[c.notValidated] = [`=${countCodes(result, [BLOC_AJ], choice)}`, COUNT_FORMAT]
    entries[c.pendingOrError] = [`=${at(c.concerned)}-${at(c.validated)}-${at(c.notValidated)}`, COUNT_FORMAT]
    entries[c.label] = asText(band.title)
    addRow(entries)
    return { row, blocCode: band.blocCode }
  })
  addRow()

  sectionRows.push(addRow([asText(text.decisionSection)]))
  headerRows.push(addRow(text.decisionHeader.map(asText)))
  const certificationColumn = layout.columns.find((column) => column.kind === 'certification')!.index
  const certification = candidateColumn(layout, certificationColumn, rowCount)
  const decisionRows = [...CERTIFICATION_DECISIONS, ERROR_CODE].map((decision) => {
    const row = cells.length
    const c = SYNTHESIS_DECISION_COLUMNS
    const entries: Array<[SynthesisCell, string]> = []
    entries[c.decision] = asText(decision)
    entries[c.count] = [`=COUNTIF(${certification},${stringLiteral(decision)})`, COUNT_FORMAT]
    entries[c.share] = [rate(cellAddress(row, c.count), total), RATE_FORMAT]
    entries[c.meaning] = asText(CODE_LEGEND_FR[decision] ?? '')
    addRow(entries)
    return { row, decision }
  })
  addRow()

  sectionRows.push(addRow([asText(text.readingTitle)]))
  for (const line of text.reading) addRow([asText(line)])

  const lastBlocRow = blocRows.at(-1)?.row ?? headerRows[0]!
  return {
    sheetName: text.sheetName,
    cells,
    numberFormats,
    columnCount: COLUMN_COUNT,
    columnWidths: [...COLUMN_WIDTHS],
    titleRow,
    sectionRows,
    headerRows,
    blocRows,
    decisionRows,
    candidateCountRow,
    chart: {
      title: text.chartTitle,
      sourceAddress: `${cellAddress(headerRows[0]!, SYNTHESIS_BLOC_COLUMNS.code)}:${cellAddress(lastBlocRow, SYNTHESIS_BLOC_COLUMNS.rate)}`,
      // Right of the tables (past the wide label column), level with the bloc table.
      topLeft: cellAddress(sectionRows[0]!, COLUMN_COUNT + 1),
      bottomRight: cellAddress(sectionRows[0]! + CHART_ROWS - 1, COLUMN_COUNT + CHART_COLUMNS),
    },
  }
}
