/** The grade fixture as the writer takes it, and a way to run one adapter call in the fake host. */
import type { ExcelContextApi } from '../../../addin/src/excel/excelApi'
import type { GradeWorkbookContent } from '../../../addin/src/excel/gridWriter'
import { rowFormulas } from '../../../shared/formulas/index'
import { gridToRows, snapshotOf, type PulledGrid } from '../../../shared/workbook/gradeSheetData'
import { FIRST_DATA_ROW } from '../../../shared/workbook/gradeSheetLayout'
import { FakeExcelHost, installFakeExcel } from '../../support/fakeExcel'
import { probeWorkbook } from '../../../addin/src/excel/gridProbe'
import { writeGradeWorkbook } from '../../../addin/src/excel/gridWriter'
import { gradeGrid, gradeLayout, gradeReferential, gradeRules } from '../../shared/workbook/gradeFixture'

export function workbookContent(grid: PulledGrid = gradeGrid()): GradeWorkbookContent {
  const rows = gridToRows(gradeLayout, grid)
  const formulas = rowFormulas(gradeRules, gradeLayout.formulaLayout, FIRST_DATA_ROW)
  if (!formulas.ok) throw new Error('formulas')
  return {
    layout: gradeLayout,
    referential: gradeReferential,
    sessionName: grid.session.name,
    pulledAt: new Date(2026, 5, 12, 9, 30),
    rows,
    snapshot: rows.map((cells) => snapshotOf(gradeLayout, cells)),
    firstRowFormulas: formulas.value.map((cell) => ({ column: cell.column, formula: cell.formula })),
    metadata: {
      formatVersion: 1,
      sessionId: grid.session.id,
      sessionName: grid.session.name,
      referentialId: gradeReferential.id,
      referentialVersion: gradeReferential.version,
      layoutSignature: gradeLayout.signature,
      gridEtag: '"grid-session-1-7"',
      gridVersion: 7,
      pulledAt: '2026-06-12T07:30:00.000Z',
      pushedAt: null,
      rowCount: rows.length,
      columnCount: gradeLayout.columns.length,
      snapshotColumnCount: gradeLayout.snapshotColumnCount,
      inputColumns: gradeLayout.columns.filter((column) => column.editable).map((column) => column.index),
    },
  }
}

export function inExcel<T>(host: FakeExcelHost, batch: (context: ExcelContextApi) => Promise<T>): Promise<T> {
  return host.Excel.run({ delayForCellEdit: true }, batch)
}

/** A fake host, installed as the Excel global, holding the fixture's workbook as a pull writes it. */
export async function writtenHost(): Promise<FakeExcelHost> {
  const host = installFakeExcel(new FakeExcelHost())
  await inExcel(host, async (context) => writeGradeWorkbook(context, await probeWorkbook(context), workbookContent()))
  return host
}
