import { describe, expect, it } from 'vitest'
import { finaliseRequestSchema, type FinalisationDifference } from '../../../shared/documents/finalisation'
import { evaluateBloc } from '../../../shared/rules/evaluateBloc'
import { evaluateCertification } from '../../../shared/rules/evaluateCertification'
import { finaliseRequestFromRows, locateDifferences } from '../../../shared/workbook/finaliseRequest'
import { gridToRows, type RowCells } from '../../../shared/workbook/gradeSheetData'
import { gradeGrid, gradeLayout, gradeRules } from './gradeFixture'

const placed = gradeLayout.formulaLayout
const blocColumns = (blocCode: string) => placed.blocs.find((bloc) => bloc.blocCode === blocCode)!
const certificationColumn = placed.certificationColumn!
const optionColumn = placed.optionColumn!

/** The fixture's rows as Excel shows them: result cells hold what their formulas compute. */
function shownRows(): RowCells[] {
  const rows = gridToRows(gradeLayout, gradeGrid())
  for (const cells of rows) {
    const codes: Record<string, string> = {}
    for (const bloc of gradeRules.blocs) {
      const columns = blocColumns(bloc.code)
      codes[bloc.code] = evaluateBloc(bloc, {
        marks: bloc.criteres.map((critere) => cells[columns.critereColumns[critere.code]!]),
        override: cells[columns.overrideColumn!],
        overrideReason: cells[columns.overrideReasonColumn!],
        capitalised: cells[columns.capitalisedColumn!],
      }).code
      cells[columns.resultColumn] = codes[bloc.code]!
    }
    cells[certificationColumn] = evaluateCertification(gradeRules.certification, { blocCodes: codes, option: cells[optionColumn] }).decision
  }
  return rows
}

describe('finaliseRequestFromRows', () => {
  it('sends each candidate’s bloc results and certification decision as the sheet shows them, with the workbook’s grid version', () => {
    const request = finaliseRequestFromRows(gradeLayout, gradeRules, shownRows(), 12)

    expect(request).toEqual({
      gridVersion: 12,
      results: [
        {
          candidateId: 'cand-1',
          blocs: { BC01: { code: 'ADM' }, BC02: { code: 'ADJ', reason: 'Soutenance remarquable' }, 'BC03-A': { code: 'ADM' } },
          decision: 'CERTIFIÉ',
        },
        { candidateId: 'cand-2', blocs: { BC01: { code: 'CAP' }, BC02: { code: 'ATT' }, 'BC03-B': { code: 'ATT' } }, decision: 'EN ATTENTE' },
        { candidateId: 'cand-3', blocs: { BC01: { code: 'ATT' }, BC02: { code: 'ATT' } }, decision: 'EN ATTENTE' },
      ],
    })
    // What the Worker's route accepts, unchanged by its defaults.
    expect(finaliseRequestSchema.parse(request)).toEqual(request)
  })

  it('counts the blocs the Worker counts: the mandatory ones and the chosen option’s, named by code or by letter', () => {
    const rows = shownRows()
    rows[2]![optionColumn] = ' b '

    const [first, second, third] = finaliseRequestFromRows(gradeLayout, gradeRules, rows, 1).results

    expect(Object.keys(first!.blocs)).toEqual(['BC01', 'BC02', 'BC03-A'])
    expect(Object.keys(second!.blocs)).toEqual(['BC01', 'BC02', 'BC03-B'])
    expect(Object.keys(third!.blocs)).toEqual(['BC01', 'BC02', 'BC03-B'])
  })

  it('sends a jury decision’s reason as the Worker reads it, a missing one as null, and no reason without a decision', () => {
    const rows = shownRows()
    const bc01 = blocColumns('BC01')
    const bc02 = blocColumns('BC02')
    rows[0]![bc02.overrideReasonColumn!] = '  Soutenance   remarquable '
    rows[1]![bc02.overrideColumn!] = 'AJ'
    rows[1]![bc02.overrideReasonColumn!] = ''
    rows[2]![bc01.overrideReasonColumn!] = 'Motif orphelin'

    const [first, second, third] = finaliseRequestFromRows(gradeLayout, gradeRules, rows, 1).results

    expect(first!.blocs.BC02).toEqual({ code: 'ADJ', reason: 'Soutenance remarquable' })
    expect(second!.blocs.BC02).toEqual({ code: 'ATT', reason: null })
    expect(third!.blocs.BC01).toEqual({ code: 'ATT' })
  })

  it('sends what a result cell shows even when it is no code, for the Worker to judge', () => {
    const rows = shownRows()
    rows[0]![blocColumns('BC01').resultColumn] = 12
    rows[0]![blocColumns('BC02').resultColumn] = null
    rows[0]![certificationColumn] = '#VALUE!'

    const [first] = finaliseRequestFromRows(gradeLayout, gradeRules, rows, 1).results

    expect(first).toMatchObject({ blocs: { BC01: { code: '12' }, BC02: { code: '' } }, decision: '#VALUE!' })
  })
})

describe('locateDifferences', () => {
  const difference = (candidateId: string, blocCode: string | null): FinalisationDifference => ({
    candidateId,
    blocCode,
    pushed: 'CAP',
    computed: 'ATT',
    path: 'body.results[0]',
    message: 'écart',
  })

  it('places a bloc’s difference at its result cell and a decision’s at the certification cell, naming the candidate as the sheet does', () => {
    const located = locateDifferences(gradeLayout, shownRows(), [difference('cand-2', 'BC02'), difference('cand-1', null)])

    expect(located.map(({ address, candidateLabel, blocCode, message }) => ({ address, candidateLabel, blocCode, message }))).toEqual([
      { address: 'R4', candidateLabel: 'Lefort (Durand) Hugo', blocCode: 'BC02', message: 'écart' },
      { address: 'AC3', candidateLabel: 'Martin Léa, Anne', blocCode: null, message: 'écart' },
    ])
  })

  it('keeps a difference about a candidate the sheet does not hold, without a cell', () => {
    const [located] = locateDifferences(gradeLayout, shownRows(), [difference('cand-9', 'BC01')])

    expect(located).toMatchObject({ address: null, candidateLabel: 'cand-9', candidateId: 'cand-9', pushed: 'CAP', computed: 'ATT' })
  })
})
