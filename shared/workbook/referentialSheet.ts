/**
 * The "Référentiel" sheet as plain data: one row per bloc or option header followed by its
 * activités, compétences, modalités and critères. Pure (no Office types) so the layout is tested
 * without Excel and the Excel adapter only copies it into a range.
 */
import type { EvaluableBloc, Referential } from '../referential/schema'

/**
 * Text written into the workbook. It is document content, not add-in UI, so it lives with the
 * layout that uses it rather than in the add-in's i18n module (shared/ never imports addin/).
 */
export const REFERENTIAL_SHEET_TEXT = {
  sheetName: 'Référentiel',
  header: ['Type', 'Code', 'Libellé', 'Bloc'],
  rowType: {
    mandatoryBloc: 'Bloc',
    optionGroup: 'Bloc à options',
    option: 'Option',
    activity: 'Activité',
    competence: 'Compétence',
    modalite: 'Modalité',
    critere: 'Critère',
  },
} as const

/** Column indexes, for code that formats one column (e.g. wraps the labels). */
export const REFERENTIAL_SHEET_COLUMNS = { type: 0, code: 1, label: 2, bloc: 3 } as const

export interface ReferentialSheet {
  header: string[]
  /** Data rows, below the header row; every row has `header.length` cells. */
  rows: string[][]
  /** Indexes into `rows` of the bloc, option-group and option header rows (formatted apart). */
  blocHeaderRowIndexes: number[]
  /** One width per column, in points as Excel's `RangeFormat.columnWidth` expects. */
  columnWidths: number[]
}

/**
 * Type and Code stay narrow; Libellé is wide and wrapped. Bloc holds the code of the evaluable bloc
 * a row belongs to ("BC05-A" for an option), so filtering on it keeps a bloc with its header.
 */
const COLUMN_WIDTHS = [90, 64, 360, 60]

export function buildReferentialSheet(referential: Referential): ReferentialSheet {
  const text = REFERENTIAL_SHEET_TEXT.rowType
  const rows: string[][] = []
  const blocHeaderRowIndexes: number[] = []

  const pushHeader = (type: string, code: string, title: string, blocCode: string) => {
    blocHeaderRowIndexes.push(rows.length)
    rows.push([type, code, title, blocCode])
  }
  const pushItems = (bloc: EvaluableBloc) => {
    for (const item of bloc.activities) rows.push([text.activity, item.code, item.label, bloc.code])
    for (const item of bloc.competences) rows.push([text.competence, item.code, item.label, bloc.code])
    for (const item of bloc.modalites) rows.push([text.modalite, item.code, item.label, bloc.code])
    for (const item of bloc.criteres) rows.push([text.critere, item.code, item.label, bloc.code])
  }

  for (const bloc of referential.blocs) {
    if (bloc.kind === 'mandatory') {
      pushHeader(text.mandatoryBloc, bloc.code, bloc.title, bloc.code)
      pushItems(bloc)
    } else {
      pushHeader(text.optionGroup, bloc.code, bloc.title, bloc.code)
      for (const option of bloc.options) {
        pushHeader(text.option, option.code, option.title, option.code)
        pushItems(option)
      }
    }
  }

  return {
    header: [...REFERENTIAL_SHEET_TEXT.header],
    rows,
    blocHeaderRowIndexes,
    columnWidths: [...COLUMN_WIDTHS],
  }
}
