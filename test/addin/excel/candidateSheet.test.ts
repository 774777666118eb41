/**
 * The « Candidats » sheet through the Excel adapter and the fake host: what the school sees
 * (headers, text codes, real dates, drop-downs) and what the dry run reads back.
 */
import { afterEach, describe, expect, it, vi } from 'vitest'
import { CANDIDATE_SHEET_NAME, hasCandidateSheet, readCandidateSheet, writeCandidateSheet } from '../../../addin/src/excel/candidateSheet'
import { parseCandidateSheet } from '../../../shared/formats/candidateList'
import { seedReferential } from '../../../shared/referential'
import { buildCandidateSheet, isoDateToSerial } from '../../../shared/workbook/candidateSheet'
import { FakeExcelHost, installFakeExcel } from '../../support/fakeExcel'

afterEach(() => {
  vi.unstubAllGlobals()
})

const headers = buildCandidateSheet(seedReferential, []).values[0]!
const column = (header: string) => String.fromCharCode(65 + headers.indexOf(header))

describe('writeCandidateSheet', () => {
  it('writes the French headers, freezes them, and shows the sheet with its drop-downs down the spare rows', async () => {
    const host = installFakeExcel(new FakeExcelHost())
    expect(await hasCandidateSheet()).toBe(false)
    const layout = buildCandidateSheet(seedReferential, [])
    await writeCandidateSheet(layout)
    expect(await hasCandidateSheet()).toBe(true)
    const sheet = host.sheet(CANDIDATE_SHEET_NAME)
    expect(sheet.usedValues()).toEqual([headers])
    expect(host.workbook.activeSheetName).toBe(CANDIDATE_SHEET_NAME)
    expect(sheet.frozenRows).toBe(1)
    expect(sheet.cell(0, 0)?.format.bold).toBe(true)
    const option = `${column('Option')}2`
    expect(sheet.validationAt(option)?.rule.list?.source).toContain('BC05-A Cybersécurité')
    expect(sheet.validationAt(`${column('Voie d’accès')}${layout.formattedRows + 1}`)?.rule.list?.inCellDropDown).toBe(true)
    expect(sheet.validationAt(`${column('Voie d’accès')}${layout.formattedRows + 2}`)).toBeUndefined()
    expect(sheet.cell(5, headers.indexOf('Date de naissance'))?.numberFormat).toBe('dd/mm/yyyy')
    // Codes stay text: an INSEE code typed 01053 keeps its zero.
    host.typeInto(CANDIDATE_SHEET_NAME, `${column('Code INSEE commune de naissance')}2`, '01053')
    expect(host.valueAt(CANDIDATE_SHEET_NAME, `${column('Code INSEE commune de naissance')}2`)).toBe('01053')
  })

  it('replaces a sheet already there, and reads back what the school typed, errors located by cell', async () => {
    const host = installFakeExcel(new FakeExcelHost())
    await writeCandidateSheet(buildCandidateSheet(seedReferential, []))
    host.typeInto(CANDIDATE_SHEET_NAME, 'A500', 'reste')
    await writeCandidateSheet(buildCandidateSheet(seedReferential, []))
    const type = (header: string, row: number, value: string | number) => host.typeInto(CANDIDATE_SHEET_NAME, `${column(header)}${row}`, value)
    type('Identifiant', 2, 'E001')
    type('Nom de naissance', 2, 'Martin')
    type('Prénoms', 2, 'Léa')
    type('Date de naissance', 2, isoDateToSerial('2001-03-12'))
    type('Option', 2, 'BC05-B Réseaux et architecture')
    type('Identifiant', 3, 'E002')
    type('Nom de naissance', 3, 'Durand')
    type('Prénoms', 3, 'Paul')
    type('Date de naissance', 3, '31/02/2001')

    const read = (await readCandidateSheet())!
    expect(read.rows).toHaveLength(3)
    const parsed = parseCandidateSheet({ fileName: 'Classeur', ...read }, seedReferential)
    expect(parsed.candidates.map((c) => [c.row, c.candidate.schoolId, c.candidate.birthDate, c.candidate.optionCode])).toEqual([[2, 'E001', '2001-03-12', 'BC05-B']])
    expect(parsed.errors).toHaveLength(1)
    expect(parsed.errors[0]).toMatchObject({ sheet: 'Candidats', row: 3, column: column('Date de naissance') })
    expect(parsed.errors[0]!.message).toContain('cellule')
  })

  it('reads nothing when the workbook has no « Candidats » sheet', async () => {
    installFakeExcel(new FakeExcelHost())
    expect(await readCandidateSheet()).toBeNull()
  })
})
