import type { RawCellContent } from 'hyperformula'
import { describe, expect, it } from 'vitest'
import { CERTIFICATION_DECISIONS, CODE_LEGEND_FR, ERROR_CODE } from '../../../shared/rules/codes'
import { cellAddress, FIRST_DATA_ROW } from '../../../shared/workbook/gradeSheetLayout'
import {
  buildSynthesisSheet,
  COUNT_FORMAT,
  RATE_FORMAT,
  SYNTHESIS_BLOC_COLUMNS,
  SYNTHESIS_DECISION_COLUMNS,
  SYNTHESIS_SHEET_TEXT,
  type SynthesisSheet,
} from '../../../shared/workbook/synthesisSheet'
import { createExcelLikeHyperFormula, toRawContent } from '../../support/hyperformula'
import { gradeLayout } from './gradeFixture'

// Columns of the fixture's grade sheet (see gradeFixture.ts): F option, L BC01, R BC02, W BC03-A, AB BC03-B, AC certification.
const synthesis = buildSynthesisSheet(gradeLayout, 3, 'Session de juin')
const B = SYNTHESIS_BLOC_COLUMNS
const D = SYNTHESIS_DECISION_COLUMNS

function blocRow(sheet: SynthesisSheet, blocCode: string) {
  const found = sheet.blocRows.find((entry) => entry.blocCode === blocCode)
  if (!found) throw new Error(`no row for ${blocCode}`)
  return { cells: sheet.cells[found.row]!, formats: sheet.numberFormats[found.row]!, excelRow: found.row + 1 }
}

function allFormulas(sheet: SynthesisSheet): string[] {
  return sheet.cells.flat().filter((cell): cell is string => typeof cell === 'string' && cell.startsWith('='))
}

describe('buildSynthesisSheet: layout', () => {
  it('titles the sheet with the session, then gives the number of candidates in the grid as a number', () => {
    expect(synthesis.sheetName).toBe('Synthèse')
    expect(synthesis.cells[synthesis.titleRow]![0]).toBe('Synthèse — Session de juin')
    expect(synthesis.cells[synthesis.candidateCountRow]!.slice(0, 2)).toEqual(['Candidats dans la grille', 3])
    expect(synthesis.numberFormats[synthesis.candidateCountRow]![1]).toBe(COUNT_FORMAT)
  })

  it('gives every row as many cells and formats as the sheet has columns, and one width per column', () => {
    expect(synthesis.columnWidths).toHaveLength(synthesis.columnCount)
    expect(synthesis.numberFormats).toHaveLength(synthesis.cells.length)
    for (const [index, row] of synthesis.cells.entries()) {
      expect(row).toHaveLength(synthesis.columnCount)
      expect(synthesis.numberFormats[index]).toHaveLength(synthesis.columnCount)
    }
  })

  it('lists every graded bloc in the grid’s order, options included, under the bloc table’s header', () => {
    const [blocHeader, decisionHeader] = synthesis.headerRows
    expect(synthesis.cells[blocHeader!]).toEqual([
      'Bloc',
      'Taux de validation',
      'Candidats concernés',
      'Validés',
      'Non validés',
      'En attente ou à corriger',
      'Libellé',
    ])
    expect(synthesis.blocRows.map((entry) => entry.blocCode)).toEqual(['BC01', 'BC02', 'BC03-A', 'BC03-B'])
    expect(synthesis.blocRows.map((entry) => entry.row)).toEqual([1, 2, 3, 4].map((offset) => blocHeader! + offset))
    expect(synthesis.blocRows.map((entry) => synthesis.cells[entry.row]![B.label])).toEqual(['Bloc BC01', 'Bloc BC02', 'Bloc BC03-A', 'Bloc BC03-B'])
    expect(synthesis.cells[decisionHeader!]!.slice(0, 4)).toEqual(['Décision', 'Candidats', 'Part', 'Signification'])
  })

  it('lists each certification decision, then ERR, with the legend’s meaning', () => {
    expect(synthesis.decisionRows.map((entry) => entry.decision)).toEqual(['CERTIFIÉ', 'PARTIELLE', 'AJOURNÉ', 'EN ATTENTE', 'ERR'])
    for (const { row, decision } of synthesis.decisionRows) {
      expect(synthesis.cells[row]![D.decision]).toBe(decision)
      expect(synthesis.cells[row]![D.meaning]).toBe(CODE_LEGEND_FR[decision])
    }
  })

  it('titles each table, and ends with how to read the figures', () => {
    expect(synthesis.sectionRows.map((row) => synthesis.cells[row]![0])).toEqual(['Résultats par bloc', 'Décisions de certification', 'Lecture'])
    const readingRows = synthesis.cells.slice(synthesis.sectionRows[2]! + 1).map((row) => row[0])
    expect(readingRows).toEqual([...SYNTHESIS_SHEET_TEXT.reading])
    expect(readingRows[0]).toContain('ADM, ADJ, CAP')
  })

  it('charts the rate column against the bloc codes, header included, beside the tables', () => {
    const header = synthesis.headerRows[0]! + 1
    expect(synthesis.chart).toEqual({
      title: 'Taux de validation par bloc',
      sourceAddress: `A${header}:B${header + 4}`,
      topLeft: `I${synthesis.sectionRows[0]! + 1}`,
      bottomRight: expect.stringMatching(/^P\d+$/),
    })
  })
})

describe('buildSynthesisSheet: formulas', () => {
  it('counts a mandatory bloc over its result cells: every candidate is concerned, ADM, ADJ and CAP validate, AJ does not', () => {
    const { cells, excelRow: r } = blocRow(synthesis, 'BC01')
    const result = 'Grille!$L$3:$L$5'
    expect(cells[B.concerned]).toBe('=$B$2')
    expect(cells[B.validated]).toBe(`=COUNTIF(${result},"ADM")+COUNTIF(${result},"ADJ")+COUNTIF(${result},"CAP")`)
    expect(cells[B.notValidated]).toBe(`=COUNTIF(${result},"AJ")`)
    // Whatever is neither (ATT, ERR, an overwritten cell) is pending, so the three columns add up.
    expect(cells[B.pendingOrError]).toBe(`=C${r}-D${r}-E${r}`)
    expect(cells[B.rate]).toBe(`=IFERROR(ROUND(D${r}/C${r},4),"")`)
  })

  it('counts an option’s bloc only for the candidates whose option cell names it, by code or by letter', () => {
    const { cells } = blocRow(synthesis, 'BC03-B')
    const option = 'Grille!$F$3:$F$5'
    const result = 'Grille!$AB$3:$AB$5'
    expect(cells[B.concerned]).toBe(`=COUNTIF(${option},"BC03-B")+COUNTIF(${option},"B")`)
    const terms = (codes: string[]) => ['BC03-B', 'B'].flatMap((choice) => codes.map((code) => `COUNTIFS(${option},"${choice}",${result},"${code}")`))
    expect(cells[B.validated]).toBe(`=${terms(['ADM', 'ADJ', 'CAP']).join('+')}`)
    expect(cells[B.notValidated]).toBe(`=${terms(['AJ']).join('+')}`)
  })

  it('counts each decision in the certification column, its share being of every candidate in the grid', () => {
    for (const { row, decision } of synthesis.decisionRows) {
      expect(synthesis.cells[row]![D.count]).toBe(`=COUNTIF(Grille!$AC$3:$AC$5,"${decision}")`)
      expect(synthesis.cells[row]![D.share]).toBe(`=IFERROR(ROUND(B${row + 1}/$B$2,4),"")`)
    }
  })

  it('uses only COUNTIF, COUNTIFS, ROUND and IFERROR, and references only the candidate rows of « Grille »', () => {
    const formulas = allFormulas(synthesis)
    expect(formulas.length).toBe(4 * 5 + 5 * 2)
    const functions = new Set(formulas.flatMap((formula) => [...formula.matchAll(/([A-Z][A-Z0-9.]*)\(/g)].map((match) => match[1])))
    expect([...functions].sort()).toEqual(['COUNTIF', 'COUNTIFS', 'IFERROR', 'ROUND'])
    const gridRanges = formulas.flatMap((formula) => [...formula.matchAll(/Grille!\$([A-Z]+)\$(\d+):\$([A-Z]+)\$(\d+)/g)])
    expect(gridRanges.length).toBeGreaterThan(0)
    for (const [, first, top, last, bottom] of gridRanges) {
      expect([first, Number(top), Number(bottom)]).toEqual([last, FIRST_DATA_ROW + 1, FIRST_DATA_ROW + 3])
    }
    // No other reference to the grade sheet than those ranges.
    expect(formulas.join(' ').split('Grille!').length - 1).toBe(gridRanges.length)
  })

  it('formats rates as percentages, counts as whole numbers and every label as text', () => {
    for (const { row } of synthesis.blocRows) {
      const formats = synthesis.numberFormats[row]!
      expect(formats[B.rate]).toBe(RATE_FORMAT)
      expect([B.concerned, B.validated, B.notValidated, B.pendingOrError].map((column) => formats[column])).toEqual(Array(4).fill(COUNT_FORMAT))
      expect([formats[B.code], formats[B.label]]).toEqual(['@', '@'])
    }
    for (const { row } of synthesis.decisionRows) {
      expect(synthesis.numberFormats[row]!.slice(0, 4)).toEqual(['@', COUNT_FORMAT, RATE_FORMAT, '@'])
    }
    // A session named like a formula stays a title.
    const odd = buildSynthesisSheet(gradeLayout, 3, '=2+2')
    expect([odd.cells[0]![0], odd.numberFormats[0]![0]]).toEqual(['Synthèse — =2+2', '@'])
    // No formula cell is text-formatted, or Excel would show the formula instead of its result.
    synthesis.cells.forEach((row, rowIndex) =>
      row.forEach((cell, column) => {
        if (typeof cell === 'string' && cell.startsWith('=')) expect(synthesis.numberFormats[rowIndex]![column]).not.toBe('@')
      }),
    )
  })

  it('keeps valid one-row ranges for a grid without candidates', () => {
    const empty = buildSynthesisSheet(gradeLayout, 0, 'Vide')
    expect(empty.cells[empty.candidateCountRow]![1]).toBe(0)
    expect(blocRow(empty, 'BC01').cells[B.validated]).toBe('=COUNTIF(Grille!$L$3:$L$3,"ADM")+COUNTIF(Grille!$L$3:$L$3,"ADJ")+COUNTIF(Grille!$L$3:$L$3,"CAP")')
  })
})

/**
 * The sheet evaluated by HyperFormula (configured like Excel) over a « Grille » whose result cells
 * hold codes directly, as the bloc and certification formulas would show them.
 */
function evaluate(rows: Array<{ option: string; BC01: string; BC02: string; 'BC03-A': string; 'BC03-B': string; certification: string }>) {
  const sheet = buildSynthesisSheet(gradeLayout, rows.length, 'Session de juin')
  const column = (kind: string, blocCode: string | null = null) =>
    gradeLayout.columns.find((candidate) => candidate.kind === kind && (blocCode === null || candidate.blocCode === blocCode))!.index
  const grid: RawCellContent[][] = Array.from({ length: FIRST_DATA_ROW }, () => [])
  for (const row of rows) {
    const cells: RawCellContent[] = Array<RawCellContent>(gradeLayout.columns.length).fill(null)
    cells[column('option')] = toRawContent(row.option)
    for (const bloc of ['BC01', 'BC02', 'BC03-A', 'BC03-B'] as const) cells[column('blocResult', bloc)] = toRawContent(row[bloc])
    cells[column('certification')] = toRawContent(row.certification)
    grid.push(cells)
  }
  const hf = createExcelLikeHyperFormula()
  hf.addSheet('Grille')
  hf.addSheet(sheet.sheetName)
  const gradeId = hf.getSheetId('Grille')!
  const synthesisId = hf.getSheetId(sheet.sheetName)!
  hf.setSheetContent(gradeId, grid)
  hf.setSheetContent(
    synthesisId,
    sheet.cells.map((row) => row.map((cell) => (typeof cell === 'string' && !cell.startsWith('=') ? toRawContent(cell) : cell))),
  )
  const value = (row: number, col: number) => hf.getCellValue({ sheet: synthesisId, row, col })
  const bloc = (blocCode: string) => {
    const { row } = sheet.blocRows.find((entry) => entry.blocCode === blocCode)!
    return {
      concerned: value(row, B.concerned),
      validated: value(row, B.validated),
      notValidated: value(row, B.notValidated),
      pendingOrError: value(row, B.pendingOrError),
      rate: value(row, B.rate),
    }
  }
  const decisions = Object.fromEntries(sheet.decisionRows.map(({ row, decision }) => [decision, [value(row, D.count), value(row, D.share)]]))
  return { bloc, decisions, sheet, hf, gradeId, synthesisId }
}

describe('buildSynthesisSheet: what the formulas compute (HyperFormula)', () => {
  // Option chosen by code, by letter in either case, or not yet; the result of an option not chosen
  // (row 3's BC03-A, row 5's BC03-B) shows ADM and must not count.
  const rows = [
    { option: 'BC03-A', BC01: 'ADM', BC02: 'ADJ', 'BC03-A': 'ADM', 'BC03-B': 'ATT', certification: 'CERTIFIÉ' },
    { option: 'b', BC01: 'CAP', BC02: 'AJ', 'BC03-A': 'ATT', 'BC03-B': 'ADM', certification: 'PARTIELLE' },
    { option: 'B', BC01: 'AJ', BC02: 'AJ', 'BC03-A': 'ADM', 'BC03-B': 'AJ', certification: 'AJOURNÉ' },
    { option: '', BC01: 'ATT', BC02: 'ERR', 'BC03-A': 'ATT', 'BC03-B': 'ATT', certification: 'EN ATTENTE' },
    { option: 'A', BC01: 'ADM', BC02: 'ADM', 'BC03-A': 'AJ', 'BC03-B': 'ADM', certification: 'PARTIELLE' },
    { option: 'BC03-B', BC01: 'ADM', BC02: 'ATT', 'BC03-A': 'ATT', 'BC03-B': 'ERR', certification: 'ERR' },
  ]

  it('counts per bloc: candidates concerned, validated (ADM, ADJ, CAP), not validated (AJ), the rest, and the rate', () => {
    const { bloc } = evaluate(rows)
    expect(bloc('BC01')).toEqual({ concerned: 6, validated: 4, notValidated: 1, pendingOrError: 1, rate: 0.6667 })
    expect(bloc('BC02')).toEqual({ concerned: 6, validated: 2, notValidated: 2, pendingOrError: 2, rate: 0.3333 })
    expect(bloc('BC03-A')).toEqual({ concerned: 2, validated: 1, notValidated: 1, pendingOrError: 0, rate: 0.5 })
    expect(bloc('BC03-B')).toEqual({ concerned: 3, validated: 1, notValidated: 1, pendingOrError: 1, rate: 0.3333 })
  })

  it('counts each decision and its share of the candidates', () => {
    const { decisions } = evaluate(rows)
    expect(decisions).toEqual({
      CERTIFIÉ: [1, 0.1667],
      PARTIELLE: [2, 0.3333],
      AJOURNÉ: [1, 0.1667],
      'EN ATTENTE': [1, 0.1667],
      ERR: [1, 0.1667],
    })
    expect(Object.keys(decisions)).toEqual([...CERTIFICATION_DECISIONS, ERROR_CODE])
  })

  it('leaves the rate of a bloc nobody takes empty rather than dividing by zero', () => {
    const { bloc } = evaluate(rows.filter((row) => !/^(b|bc03-b)$/i.test(row.option)))
    expect(bloc('BC03-B')).toEqual({ concerned: 0, validated: 0, notValidated: 0, pendingOrError: 0, rate: '' })
  })

  it('follows a result cell that changes after the sheet is written', () => {
    const { hf, gradeId, bloc } = evaluate(rows)
    const resultColumn = gradeLayout.columns.find((candidate) => candidate.kind === 'blocResult' && candidate.blocCode === 'BC02')!.index
    // Row 6's BC02 goes from ATT to ADM.
    hf.setCellContents({ sheet: gradeId, row: FIRST_DATA_ROW + 5, col: resultColumn }, toRawContent('ADM'))
    expect(bloc('BC02')).toEqual({ concerned: 6, validated: 3, notValidated: 2, pendingOrError: 1, rate: 0.5 })
    expect(cellAddress(FIRST_DATA_ROW + 5, resultColumn)).toBe('R8')
  })
})
