/**
 * The certification summary as an .xlsx workbook: « Décisions » (one row per candidate), one
 * sheet per bloc with the marks, and « Statistiques ». Written with excelts' streaming writer
 * through the xlsx adapter (shared/xlsx.ts; runs in the Worker): each sheet is committed as it is written, so a large
 * session stays within the Worker's memory. Every text is written as a text cell, never as a
 * formula, so a name such as « =1+1 » cannot run in Excel. Dates are date cells shown
 * « 09/07/2026 »; the first column of « Décisions » says « PROVISOIRE » while the session is not
 * deliberated (summaryTable.ts).
 */
import { writeWorkbook, type WorksheetWriter } from '../xlsx'
import { evaluableBlocs } from '../referential'
import { blocTable, decisionsTable, isSummaryDate, statisticsTable, type SummaryCell, type SummaryInput, type SummaryTable } from './summaryTable'

/** The French way Excel shows a date cell. */
const FRENCH_DATE_FORMAT = 'dd/mm/yyyy'

/** A row's values as cells: a date becomes a real date (UTC midnight: Excel dates have no zone). */
function cellValues(row: readonly SummaryCell[]): Array<string | number | Date | null> {
  return row.map((cell) => (isSummaryDate(cell) ? new Date(`${cell.date}T00:00:00Z`) : cell))
}

function addRow(ws: WorksheetWriter, row: readonly SummaryCell[]) {
  const added = ws.addRow(cellValues(row))
  row.forEach((cell, i) => {
    if (isSummaryDate(cell)) added.getCell(i + 1).numFmt = FRENCH_DATE_FORMAT
  })
  return added
}

function writeTable(ws: WorksheetWriter, table: SummaryTable, widths: (header: string) => number): void {
  ws.columns = table.header.map((header) => ({ width: widths(header) }))
  const head = ws.addRow(table.header)
  head.font = { bold: true }
  head.commit()
  for (const row of table.rows) addRow(ws, row).commit()
}

/** Header row kept in view while scrolling. */
const FROZEN_HEADER = { views: [{ state: 'frozen' as const, ySplit: 1 }] }

const DEFAULT_WIDTH = 12
const WIDE: Record<string, number> = {
  'Nom de naissance': 22,
  'Nom d’usage': 18,
  Prénoms: 22,
  'Modalité d’accès': 28,
  Observations: 60,
  Motif: 40,
  Intitulé: 50,
}

export async function buildSummaryXlsx(input: SummaryInput, generatedAt: Date): Promise<Uint8Array<ArrayBuffer>> {
  return writeWorkbook({ creator: 'Certibloc', created: generatedAt }, (workbook) => {
    const width = (header: string) => WIDE[header] ?? Math.max(DEFAULT_WIDTH, header.length + 2)

    const decisions = workbook.addWorksheet('Décisions', FROZEN_HEADER)
    writeTable(decisions, decisionsTable(input), width)
    decisions.commit()

    for (const bloc of evaluableBlocs(input.referential)) {
      const ws = workbook.addWorksheet(bloc.code, FROZEN_HEADER)
      writeTable(ws, blocTable(input, bloc), width)
      ws.commit()
    }

    const stats = statisticsTable(input)
    const ws = workbook.addWorksheet('Statistiques')
    ws.columns = [{ width: 28 }, { width: 50 }, { width: 20 }, ...Array.from({ length: 8 }, () => ({ width: 10 }))]
    // The last column of each section under a « Décision » or « Bloc » heading is a share.
    let shareColumn: number | null = null
    for (const row of stats.rows) {
      const added = addRow(ws, row)
      const heading = row[0] === 'Décision' || row[0] === 'Bloc'
      if (heading) {
        added.font = { bold: true }
        shareColumn = row.length
      } else if (row.length === 0) shareColumn = null
      else if (shareColumn !== null && typeof row[shareColumn - 1] === 'number') added.getCell(shareColumn).numFmt = '0.0%'
      added.commit()
    }
    ws.commit()
  })
}
