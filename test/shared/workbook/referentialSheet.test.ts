import { describe, expect, it } from 'vitest'
import { evaluableBlocs, seedReferential } from '../../../shared/referential'
import {
  buildReferentialSheet,
  REFERENTIAL_SHEET_COLUMNS,
  REFERENTIAL_SHEET_TEXT,
} from '../../../shared/workbook/referentialSheet'
import { tinyReferential } from './referentialFixture'

const { type, code, label, bloc } = REFERENTIAL_SHEET_COLUMNS

describe('buildReferentialSheet', () => {
  it('has a header of Type, Code, Libellé and Bloc, and as many cells in every row', () => {
    const sheet = buildReferentialSheet(tinyReferential)
    expect(sheet.header).toEqual(['Type', 'Code', 'Libellé', 'Bloc'])
    expect(sheet.columnWidths).toHaveLength(sheet.header.length)
    for (const row of sheet.rows) expect(row).toHaveLength(sheet.header.length)
  })

  it('puts a header row before each bloc, the option group and each option, then their items in order', () => {
    const sheet = buildReferentialSheet(tinyReferential)
    expect(sheet.rows.map((row) => `${row[type]} ${row[code]} ${row[bloc]}`)).toEqual([
      'Bloc BC01 BC01',
      'Activité A1 BC01',
      'Compétence C1.1 BC01',
      'Compétence C1.2 BC01',
      'Modalité M1.1 BC01',
      'Critère CR1.1 BC01',
      'Critère CR1.2 BC01',
      'Bloc BC02 BC02',
      'Compétence C2.1 BC02',
      'Critère CR2.1 BC02',
      'Bloc à options BC03 BC03',
      'Option BC03-A BC03-A',
      'Compétence C3A.1 BC03-A',
      'Modalité M3A.1 BC03-A',
      'Critère CR3A.1 BC03-A',
      'Option BC03-B BC03-B',
      'Compétence C3B.1 BC03-B',
      'Critère CR3B.1 BC03-B',
    ])
  })

  it('lists exactly the header rows in blocHeaderRowIndexes, with the titles as labels', () => {
    const sheet = buildReferentialSheet(tinyReferential)
    const headerTypes: string[] = [
      REFERENTIAL_SHEET_TEXT.rowType.mandatoryBloc,
      REFERENTIAL_SHEET_TEXT.rowType.optionGroup,
      REFERENTIAL_SHEET_TEXT.rowType.option,
    ]
    const expected = sheet.rows.flatMap((row, index) => (headerTypes.includes(row[type] ?? '') ? [index] : []))
    expect(sheet.blocHeaderRowIndexes).toEqual(expected)
    expect(sheet.blocHeaderRowIndexes.map((index) => sheet.rows[index]?.[label])).toEqual([
      'Analyser le SI',
      'Piloter un projet',
      'Spécialisation',
      'Cybersécurité',
      'Données',
    ])
  })

  it('keeps labels verbatim, including those that look like formulas or numbers', () => {
    const labels = buildReferentialSheet(tinyReferential).rows.map((row) => row[label])
    expect(labels).toEqual(
      expect.arrayContaining([
        '=SOMME(A1:A3) ressemble à une formule',
        '- Conseiller la direction',
        '+ Étude de cas',
        '-1',
        '0042',
      ]),
    )
  })

  describe('with the seed référentiel', () => {
    const sheet = buildReferentialSheet(seedReferential)
    const codesOfType = (rowType: string) => sheet.rows.filter((row) => row[type] === rowType).map((row) => row[code])

    it('lists every critère and every compétence of every bloc and option, with its label', () => {
      for (const graded of evaluableBlocs(seedReferential)) {
        for (const item of [...graded.competences, ...graded.criteres]) {
          expect(sheet.rows).toContainEqual([expect.any(String), item.code, item.label, graded.code])
        }
      }
      const allCriteres = evaluableBlocs(seedReferential).flatMap((graded) => graded.criteres.map((c) => c.code))
      expect(codesOfType(REFERENTIAL_SHEET_TEXT.rowType.critere)).toEqual(allCriteres)
    })

    it('has a header row for BC01–BC04, for BC05 and for each of its four options', () => {
      expect(sheet.blocHeaderRowIndexes.map((index) => sheet.rows[index]?.[code])).toEqual([
        'BC01',
        'BC02',
        'BC03',
        'BC04',
        'BC05',
        'BC05-A',
        'BC05-B',
        'BC05-C',
        'BC05-D',
      ])
    })
  })
})
