/**
 * The « Brouillon référentiel » sheet as data: a published référentiel written, read back as the
 * same document (next version), and every problem a school can type located at its cell.
 */
import { describe, expect, it } from 'vitest'
import { parseReferential, seedReferential } from '../../../shared/referential'
import type { Referential } from '../../../shared/referential/schema'
import {
  buildDraftSheet,
  checkDraft,
  DRAFT_COLUMNS,
  DRAFT_HEADER_ROW,
  draftFromReferential,
  type DraftCell,
} from '../../../shared/workbook/referentialDraftSheet'
import { secondTitle, SECOND_TITLE_LINEAGE } from '../referential/secondTitle'

function parsed(input: unknown): Referential {
  const result = parseReferential(input)
  if (!result.ok) throw new Error(JSON.stringify(result.issues))
  return result.referential
}

const second = parsed(secondTitle)

/** The sheet as Excel would give it back: every row padded to the same width. */
function sheetValues(cells: DraftCell[][]): unknown[][] {
  return cells.map((row) => [...row])
}

function rowOf(values: unknown[][], code: string): number {
  return values.findIndex((row, index) => index > DRAFT_HEADER_ROW && row[DRAFT_COLUMNS.code] === code)
}

describe('aller-retour du brouillon', () => {
  it.each([
    ['le référentiel de référence', seedReferential, 'expert-ingenierie-informatique-n7'],
    ['un second titre à moyennes, coefficients, notes éliminatoires et options', second, SECOND_TITLE_LINEAGE],
  ])('%s se relit à l’identique, en version suivante', (_, referential, lineage) => {
    const sheet = buildDraftSheet(draftFromReferential(referential, lineage))
    const checked = checkDraft(sheetValues(sheet.cells))
    if (!checked.ok) throw new Error(JSON.stringify(checked.issues, null, 2))
    expect(checked.referential).toEqual({ ...referential, id: `${lineage}-v${referential.version + 1}`, version: referential.version + 1 })
    expect(checked.reading.basedOn).toBe(referential.id)
  })
})

describe('« Vérifier le brouillon » situe chaque problème à sa cellule', () => {
  const values = () => sheetValues(buildDraftSheet(draftFromReferential(second, SECOND_TITLE_LINEAGE)).cells)
  const at = (column: keyof typeof DRAFT_COLUMNS, row: number) => `${String.fromCharCode(65 + DRAFT_COLUMNS[column])}${row + 1}`

  it('une note éliminatoire au-dessus du maximum, un texte à la place d’un nombre, un paramètre sur la mauvaise ligne', () => {
    const sheet = values()
    const cr11 = rowOf(sheet, 'CR1.1')
    const cr23 = rowOf(sheet, 'CR2.3')
    const bc03 = rowOf(sheet, 'BC03')
    sheet[cr11]![DRAFT_COLUMNS.floor] = 25
    sheet[cr23]![DRAFT_COLUMNS.weight] = 'deux'
    sheet[bc03]![DRAFT_COLUMNS.threshold] = 12
    const checked = checkDraft(sheet)
    expect(checked.ok).toBe(false)
    if (checked.ok) return
    expect(checked.issues).toEqual([
      { address: at('floor', cr11), message: 'Bloc BC01, critère CR1.1 : la note éliminatoire 25 dépasse le maximum 20.' },
      { address: at('weight', cr23), message: '« Coefficient » : « deux » n’est pas un nombre ; saisissez-le comme un nombre (12,5 et non « 12,5 » en texte).' },
      { address: at('threshold', bc03), message: '« Seuil sur 20 » ne s’applique pas à une ligne « Bloc » (paramètres de la règle « Moyenne sur 20 ») : videz la cellule.' },
    ])
  })
})

describe('a draft sheet the school rearranged', () => {
  const values = () => sheetValues(buildDraftSheet(draftFromReferential(second, SECOND_TITLE_LINEAGE)).cells)

  it('still reads when rows were added above the table and « D’après la version » was deleted', () => {
    const sheet = values()
    const basedOn = sheet.findIndex((row) => row[0] === 'D’après la version')
    sheet.splice(basedOn, 1)
    sheet.splice(2, 0, ['Note de la responsable : à relire avec le jury', ...Array(14).fill('')])
    const checked = checkDraft(sheet)
    expect(checked.ok && checked.referential.id).toBe(`${SECOND_TITLE_LINEAGE}-v2`)
    expect(checked.reading.basedOn).toBeNull()
  })

  it('says where an option sits outside its bloc à options, and a critère before any bloc', () => {
    const sheet = values()
    const firstRow = DRAFT_HEADER_ROW + 1
    const option = rowOf(sheet, 'BC04-A')
    const group = rowOf(sheet, 'BC04')
    sheet[group]![DRAFT_COLUMNS.type] = 'Bloc'
    sheet.splice(firstRow, 0, ['Critère', 'CR0.1', 'Orphelin', ...Array(12).fill('')])
    const checked = checkDraft(sheet)
    // Sorted by row: BC04, now a plain bloc, also lacks compétences and critères of its own.
    expect(checked.ok ? [] : checked.issues).toEqual([
      { address: `A${firstRow + 1}`, message: 'une ligne « Critère » doit suivre la ligne de son bloc ou de son option : déplacez-la sous son bloc.' },
      { address: `B${group + 2}`, message: 'Bloc BC04, compétences : la liste est vide : au moins un élément attendu.' },
      { address: `B${group + 2}`, message: 'Bloc BC04, critères : la liste est vide : au moins un élément attendu.' },
      { address: `A${option + 2}`, message: 'une option doit suivre la ligne de son « Bloc à options » : déplacez-la, ou changez son type en « Bloc ».' },
      { address: `A${rowOf(sheet, 'BC04-B') + 1}`, message: 'une option doit suivre la ligne de son « Bloc à options » : déplacez-la, ou changez son type en « Bloc ».' },
    ])
  })
})
