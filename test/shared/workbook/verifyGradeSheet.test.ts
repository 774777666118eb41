import { describe, expect, it } from 'vitest'
import { evaluateBloc } from '../../../shared/rules/evaluateBloc'
import { NOT_CONCERNED } from '../../../shared/rules/codes'
import { evaluateCertification, isNotConcerned } from '../../../shared/rules/evaluateCertification'
import { gridToRows, snapshotOf, type RowCells } from '../../../shared/workbook/gradeSheetData'
import { verifyGradeSheet } from '../../../shared/workbook/verifyGradeSheet'
import { gradeGrid, gradeLayout, gradeRules } from './gradeFixture'

/** The fixture's rows with the result cells filled as correct formulas would show them. */
function computedSheet(): { rows: RowCells[]; snapshot: RowCells[] } {
  const rows = gridToRows(gradeLayout, gradeGrid())
  const snapshot = rows.map((cells) => snapshotOf(gradeLayout, cells))
  for (const cells of rows) fillResults(cells)
  return { rows, snapshot }
}

function fillResults(cells: RowCells) {
  const placed = gradeLayout.formulaLayout
  const codes: Record<string, string> = {}
  for (const bloc of gradeRules.blocs) {
    const columns = placed.blocs.find((candidate) => candidate.blocCode === bloc.code)!
    if (isNotConcerned(gradeRules.certification, bloc.code, cells[placed.optionColumn!])) {
      cells[columns.resultColumn] = NOT_CONCERNED
      continue
    }
    const evaluation = evaluateBloc(bloc, {
      marks: bloc.criteres.map((critere) => cells[columns.critereColumns[critere.code]!]),
      override: cells[columns.overrideColumn!],
      overrideReason: cells[columns.overrideReasonColumn!],
      capitalised: cells[columns.capitalisedColumn!],
    })
    codes[bloc.code] = evaluation.code
    cells[columns.resultColumn] = evaluation.code
  }
  cells[placed.certificationColumn!] = evaluateCertification(gradeRules.certification, { blocCodes: codes, option: cells[placed.optionColumn!] }).decision
}

describe('verifyGradeSheet', () => {
  it('finds nothing to say about a sheet whose formula cells agree with the engine', () => {
    const { rows, snapshot } = computedSheet()
    expect(verifyGradeSheet(gradeLayout, gradeRules, rows, snapshot)).toEqual({ rowCount: 3, problems: [] })
  })

  it('locates an invalid mark, a decision without reason and an unknown option by cell, in French', () => {
    const { rows, snapshot } = computedSheet()
    rows[0]![6] = 'XYZ'
    rows[1]![14] = 'ADM'
    rows[2]![5] = 'Z'
    for (const cells of rows) fillResults(cells)
    const { problems } = verifyGradeSheet(gradeLayout, gradeRules, rows, snapshot)
    expect(problems.map(({ kind, address, candidateLabel }) => ({ kind, address, candidateLabel }))).toEqual([
      { kind: 'input', address: 'G3', candidateLabel: 'Martin Léa, Anne' },
      { kind: 'input', address: 'P4', candidateLabel: 'Lefort (Durand) Hugo' },
      { kind: 'input', address: 'F5', candidateLabel: '=Robert -Alex' },
    ])
    expect(problems[0]).toMatchObject({
      message: 'Bloc BC01, critère CR1.1 : « XYZ » n’est pas un code valide (ACQ, PACQ, NACQ, ABS, EXC ou ATT attendu).',
    })
    expect(problems[1]).toMatchObject({ message: expect.stringContaining('doit être motivée') })
    expect(problems[2]).toMatchObject({ message: expect.stringContaining('option « Z » inconnue') })
  })

  it('reports a result cell that differs from the engine as a modified formula, with both codes', () => {
    const { rows, snapshot } = computedSheet()
    rows[0]![11] = 'AJ'
    rows[1]![28] = 'CERTIFIÉ'
    const { problems } = verifyGradeSheet(gradeLayout, gradeRules, rows, snapshot)
    expect(problems).toEqual([
      { kind: 'mismatch', address: 'L3', candidateLabel: 'Martin Léa, Anne', shown: 'AJ', expected: 'ADM' },
      { kind: 'mismatch', address: 'AC4', candidateLabel: 'Lefort (Durand) Hugo', shown: 'CERTIFIÉ', expected: 'EN ATTENTE' },
    ])
  })

  it('reports a typed value in place of a formula even when it shows the right code', () => {
    const { rows, snapshot } = computedSheet()
    expect(verifyGradeSheet(gradeLayout, gradeRules, rows, snapshot, ['L3']).problems).toEqual([
      { kind: 'formula', address: 'L3', candidateLabel: 'Martin Léa, Anne' },
    ])
  })

  it('refuses new inputs in an option the candidate did not choose, but not values already on the server', () => {
    const { rows, snapshot } = computedSheet()
    rows[0]![23] = 'ACQ'
    rows[0]![24] = 'ADM'
    rows[0]![25] = 'Jury'
    snapshot[1]![23] = 'ACQ'
    rows[1]![23] = 'ACQ'
    rows[1]![5] = 'A'
    for (const cells of rows) fillResults(cells)
    const { problems } = verifyGradeSheet(gradeLayout, gradeRules, rows, snapshot)
    expect(problems).toEqual([
      { kind: 'unchosenOption', address: 'X3', candidateLabel: 'Martin Léa, Anne', blocCode: 'BC03-B', chosenOption: 'BC03-A' },
      { kind: 'unchosenOption', address: 'Y3', candidateLabel: 'Martin Léa, Anne', blocCode: 'BC03-B', chosenOption: 'BC03-A' },
    ])
  })
})
