import { describe, expect, it } from 'vitest'
import { seedReferential } from '../../../shared/referential'
import { compileReferentialRules } from '../../../shared/rules/compileRules'
import { buildGradeSheetLayout, cellAddress, columnRuns, FIRST_DATA_ROW, type GradeSheetLayout } from '../../../shared/workbook/gradeSheetLayout'
import { createExcelLikeHyperFormula, toRawContent } from '../../support/hyperformula'
import { gradeLayout, gradeReferential } from './gradeFixture'

const headers = (layout: GradeSheetLayout) => layout.columns.map((column) => column.header)

describe('buildGradeSheetLayout', () => {
  it('lays out identity columns, then per bloc its critères, jury decision, reason, capitalised flag and result, then the certification', () => {
    expect(headers(gradeLayout)).toEqual([
      'Identifiant', 'Version', 'N° candidat', 'Nom', 'Prénoms', 'Option',
      'CR1.1', 'CR1.2', 'Décision du jury', 'Motif', 'Capitalisé', 'Résultat BC01',
      'CR2.1', 'CR2.2', 'Décision du jury', 'Motif', 'Capitalisé', 'Résultat BC02',
      'CR3A.1', 'Décision du jury', 'Motif', 'Capitalisé', 'Résultat BC03-A',
      'CR3B.1', 'Décision du jury', 'Motif', 'Capitalisé', 'Résultat BC03-B',
      'Certification',
    ])
    expect(gradeLayout.columns.map((column) => column.index)).toEqual(gradeLayout.columns.map((_, index) => index))
    expect(gradeLayout.blocBands.map((band) => [band.blocCode, band.firstColumn, band.columnCount])).toEqual([
      ['BC01', 6, 6],
      ['BC02', 12, 6],
      ['BC03-A', 18, 5],
      ['BC03-B', 23, 5],
    ])
  })

  it('has no Option column for a title without option group, its blocs right after the names', () => {
    const withoutOptions = { ...gradeReferential, blocs: gradeReferential.blocs.filter((bloc) => bloc.kind === 'mandatory') }
    withoutOptions.certificationRule = { ...gradeReferential.certificationRule, optionGroupCode: null }
    const rules = compileReferentialRules(withoutOptions)
    if (!rules.ok) throw new Error(rules.issues.map((found) => found.message).join('\n'))
    const layout = buildGradeSheetLayout(withoutOptions, rules.value)
    if (!layout.ok) throw new Error(layout.issues.map((found) => found.message).join('\n'))
    expect(headers(layout.value).slice(0, 7)).toEqual(['Identifiant', 'Version', 'N° candidat', 'Nom', 'Prénoms', 'CR1.1', 'CR1.2'])
    expect(layout.value.formulaLayout.optionColumn).toBeNull()
    expect(headers(layout.value).at(-1)).toBe('Certification')
  })

  it('places the formulas where the sheet has its result columns, reading its own input columns', () => {
    const placed = gradeLayout.formulaLayout
    expect(placed.sheetName).toBeNull()
    expect(placed.optionColumn).toBe(5)
    expect(placed.certificationColumn).toBe(28)
    for (const bloc of placed.blocs) {
      const column = (index: number | null) => gradeLayout.columns[index!]
      expect(column(bloc.resultColumn)).toMatchObject({ kind: 'blocResult', blocCode: bloc.blocCode })
      expect(column(bloc.overrideColumn)).toMatchObject({ kind: 'override', blocCode: bloc.blocCode })
      expect(column(bloc.overrideReasonColumn)).toMatchObject({ kind: 'reason', blocCode: bloc.blocCode })
      expect(column(bloc.capitalisedColumn)).toMatchObject({ kind: 'capitalised', blocCode: bloc.blocCode })
      for (const [code, index] of Object.entries(bloc.critereColumns)) expect(column(index)).toMatchObject({ kind: 'mark', critereCode: code })
    }
  })

  it('unlocks marks, jury decisions and reasons only, and hides the id and version columns', () => {
    const editable = gradeLayout.columns.filter((column) => column.editable).map((column) => column.kind)
    expect(new Set(editable)).toEqual(new Set(['mark', 'override', 'reason']))
    expect(columnRuns(gradeLayout.columns, (column) => column.editable)).toEqual([
      { first: 6, count: 4 },
      { first: 12, count: 4 },
      { first: 18, count: 3 },
      { first: 23, count: 3 },
    ])
    expect(gradeLayout.columns.filter((column) => column.hidden).map((column) => column.header)).toEqual(['Identifiant', 'Version'])
    expect(gradeLayout.frozen).toEqual({ rows: 2, columns: 5 })
  })

  it('formats names, options and free text as text, never marks or results', () => {
    const text = gradeLayout.columns.filter((column) => column.text).map((column) => column.kind)
    expect(new Set(text)).toEqual(new Set(['candidateId', 'schoolId', 'name', 'firstNames', 'option', 'override', 'reason', 'capitalised']))
  })

  it('lists the inputs the Worker stores: each mark, and each jury decision with its reason', () => {
    expect(gradeLayout.inputUnits.map((unit) => unit.key)).toEqual([
      'mark:CR1.1', 'mark:CR1.2', 'decision:BC01',
      'mark:CR2.1', 'mark:CR2.2', 'decision:BC02',
      'mark:CR3A.1', 'decision:BC03-A',
      'mark:CR3B.1', 'decision:BC03-B',
    ])
    expect(gradeLayout.inputUnits.find((unit) => unit.key === 'mark:CR2.2')).toMatchObject({ scale: { kind: 'score', max: 10 }, decimals: 2 })
    expect(gradeLayout.snapshotColumnCount).toBe(26)
  })

  it('validates outcome critères and decisions against their code lists and reasons by length', () => {
    const validation = (header: string, blocCode: string | null = null) =>
      gradeLayout.columns.find((column) => column.header === header && (blocCode === null || column.blocCode === blocCode))!.validation
    expect(validation('CR1.1')).toMatchObject({ kind: 'list', source: 'ACQ,PACQ,NACQ,ABS,EXC,ATT' })
    expect(validation('Décision du jury', 'BC01')).toMatchObject({ kind: 'list', source: 'ADM,ADJ,AJ' })
    expect(validation('Motif', 'BC01')).toMatchObject({ kind: 'textLength', max: 1000 })
    for (const column of gradeLayout.columns) expect(column.validation !== null).toBe(column.editable)
  })

  it('validates a score between 0 and its maximum at the bloc’s rounding, or a special code, in under 255 characters', () => {
    const hf = createExcelLikeHyperFormula()
    const sheet = hf.getSheetId(hf.addSheet('Grille'))!
    for (const header of ['CR2.1', 'CR2.2']) {
      const column = gradeLayout.columns.find((candidate) => candidate.header === header)!
      if (column.validation?.kind !== 'custom') throw new Error('custom validation expected')
      const formula = column.validation.formula
      expect(formula.length).toBeLessThanOrEqual(255)
      expect(formula).toContain(cellAddress(FIRST_DATA_ROW, column.index))
      const accepts = (value: string | number) => {
        hf.setCellContents({ sheet, row: FIRST_DATA_ROW, col: column.index }, toRawContent(value))
        return hf.calculateFormula(formula, sheet)
      }
      const max = header === 'CR2.1' ? 20 : 10
      expect([0, max, max + 0.004, 7.5, 'ABS', ' exc ', 'att'].map(accepts)).toEqual([true, true, true, true, true, true, true])
      expect([-1, max + 0.005, 'ACQ', 'XYZ', '12'].map(accepts)).toEqual([false, false, false, false, false])
    }
  })

  it('colours results, certification decisions and the inputs of an option the candidate did not choose, from the first candidate row', () => {
    const rule = (firstColumn: number) => gradeLayout.conditionalRules.filter((candidate) => candidate.firstColumn === firstColumn)
    expect(rule(11)[0]?.styles.map((style) => [style.formula, style.fill])).toEqual([
      ['=OR($L3="ADM",$L3="CAP",$L3="ADJ")', '#C6EFCE'],
      ['=$L3="AJ"', '#FFC7CE'],
      ['=$L3="ATT"', '#EDEDED'],
      ['=$L3="ERR"', '#FFEB9C'],
    ])
    expect(rule(28)[0]?.styles.map((style) => style.formula)).toEqual([
      '=$AC3="CERTIFIÉ"',
      '=$AC3="AJOURNÉ"',
      '=$AC3="EN ATTENTE"',
      '=OR($AC3="PARTIELLE",$AC3="ERR")',
    ])
    const unchosen = rule(18).find((candidate) => candidate.columnCount === 3)!
    expect(unchosen.styles[0]?.formula).toBe('=AND(NOT((LEN(TRIM($F3))=0)),(UPPER(TRIM($F3))="BC03-A")+(UPPER(TRIM($F3))="A")=0)')
  })

  it('fits the seed référentiel: 48 critères, 8 blocs, a signature naming the référentiel version', () => {
    const rules = compileReferentialRules(seedReferential)
    if (!rules.ok) throw new Error('rules')
    const layout = buildGradeSheetLayout(seedReferential, rules.value)
    if (!layout.ok) throw new Error(layout.issues.map((found) => found.message).join('\n'))
    expect(layout.value.columns.filter((column) => column.kind === 'mark')).toHaveLength(48)
    expect(layout.value.columns).toHaveLength(6 + 48 + 8 * 4 + 1)
    expect(layout.value.signature).toBe(`grille-v1:${seedReferential.id}@1`)
    expect(gradeLayout.signature).toBe(`grille-v1:${gradeReferential.id}@3`)
  })

  it('refuses rules that do not match the référentiel’s blocs, in French', () => {
    const rules = compileReferentialRules(gradeReferential)
    if (!rules.ok) throw new Error('rules')
    const withoutOption = { ...rules.value, blocs: rules.value.blocs.slice(0, 3) }
    const layout = buildGradeSheetLayout(gradeReferential, withoutOption)
    expect(layout.ok).toBe(false)
    if (!layout.ok) expect(layout.issues.map((found) => found.message).join(' ')).toMatch(/bloc/i)
  })
})
