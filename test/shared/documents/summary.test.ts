/**
 * The certification summary, as French Excel would read it: the CSV decoded and split the way
 * Excel does with its French locale (UTF-8 BOM, `;`, decimal comma), the .xlsx reloaded.
 */
import { Workbook, type Worksheet } from '../../../shared/xlsx'
import { describe, expect, it } from 'vitest'
import type { Candidate } from '../../../shared/candidates/schema'
import { buildSummaryCsv, neutraliseFormula } from '../../../shared/documents/summaryCsv'
import type { SummaryInput } from '../../../shared/documents/summaryTable'
import { buildSummaryXlsx } from '../../../shared/documents/summaryXlsx'
import { csvRecords, decodeCsvBytes, detectSeparator } from '../../../shared/formats/csv'
import { allCriteres } from '../../../shared/referential'
import type { Referential } from '../../../shared/referential/schema'
import { computeSessionResults } from '../../../shared/results/sessionResults'
import { compileReferentialRules } from '../../../shared/rules/compileRules'
import { candidates, marksByCandidate, referential } from './fixtures'

/** The seed référentiel with BC01 validated by a mean /20, so that means appear. */
function withScoredBc01(): Referential {
  const copy = structuredClone(referential)
  const bc01 = copy.blocs.find((b) => b.code === 'BC01')
  if (bc01?.kind !== 'mandatory') throw new Error('BC01 expected')
  bc01.rule = { kind: 'score', threshold: 10, roundingDecimals: 2, requiredCriteres: [] }
  for (const critere of bc01.criteres) critere.assessment = { scale: { kind: 'score', max: 20 }, weight: 1, floor: null }
  return copy
}

const INJECTIONS = {
  schoolId: '@SUM(A1:A9)',
  birthName: '=HYPERLINK("http://exemple.invalid";"clic")',
  usageName: '-2+3',
  firstNames: ['+33 6 12 34 56 78'],
}

function summaryInput(): SummaryInput {
  const scored = withScoredBc01()
  const compiled = compileReferentialRules(scored)
  if (!compiled.ok) throw new Error(compiled.issues.map((i) => i.message).join('\n'))
  const codes = allCriteres(scored).map((c) => c.critere.code)
  const bc01 = scored.blocs.find((b) => b.code === 'BC01')!
  const bc01Codes = bc01.kind === 'mandatory' ? bc01.criteres.map((c) => c.code) : []
  const list: Candidate[] = candidates.map((c, i) => (i === 0 ? { ...c, ...INJECTIONS } : c))
  const marks = new Map(
    list.map((c, i) => {
      const stored = { ...(marksByCandidate.get(c.id) ?? {}) }
      // Scores from 8 to 15.5 by steps of 0.25, the same for every BC01 critère of a candidate.
      for (const code of bc01Codes) if (stored[code] !== undefined) stored[code] = 8 + (i % 31) * 0.25
      return [c.id, stored]
    }),
  )
  const results = computeSessionResults(
    compiled.value,
    codes,
    list.map((c) => ({
      candidateId: c.id,
      optionCode: c.optionCode,
      capitalisedBlocCodes: c.capitalisedBlocs.map((b) => b.blocCode),
      marks: codes.map((code) => marks.get(c.id)?.[code] ?? null),
      decisions: {},
    })),
  )
  return {
    sessionName: 'Session de juillet 2026',
    sessionStatus: 'deliberated',
    juryDate: '2026-07-09',
    referential: scored,
    rncpCode: 'RNCP12345',
    candidates: list.map((candidate, i) => ({ candidate, marks: marks.get(candidate.id) ?? {}, result: results[i]! })),
  }
}

describe('buildSummaryCsv', () => {
  const input = summaryInput()
  const csv = buildSummaryCsv(input)
  const bytes = new TextEncoder().encode(csv)

  /** What French Excel does on opening: UTF-8 thanks to the BOM, then split on `;`. */
  function openAsFrenchExcel(): string[][] {
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    const decoded = decodeCsvBytes(bytes)
    if (!decoded.ok) throw new Error(decoded.message)
    expect(detectSeparator(decoded.text)).toBe(';')
    return [...csvRecords(decoded.text, ';')].map((r) => r.cells).filter((cells) => cells.some((c) => c !== ''))
  }

  it('gives back one row per candidate with the identity, each bloc’s code and the decision', () => {
    const rows = openAsFrenchExcel()
    const header = rows[0]!
    expect(header).toEqual([
      'Résultats',
      'N° candidat',
      'Nom de naissance',
      'Nom d’usage',
      'Prénoms',
      'Option',
      'Modalité d’accès',
      'BC01',
      'Moyenne BC01',
      'BC02',
      'BC03',
      'BC04',
      'BC05',
      'Décision',
      'Observations',
    ])
    expect(rows).toHaveLength(input.candidates.length + 1)
    const second = input.candidates[1]!
    const row = rows.find((r) => r[1] === second.candidate.schoolId)!
    expect(row[0]).toBe('DÉFINITIFS')
    expect(row[2]).toBe(second.candidate.birthName)
    expect(row[4]).toBe(second.candidate.firstNames.join(' '))
    expect(row[13]).toBe(second.result.decision)
    expect(row[12]).toBe(second.result.blocs[second.candidate.optionCode!]?.code)
  })

  it('writes means with a decimal comma, as French Excel reads numbers', () => {
    const rows = openAsFrenchExcel()
    const means = rows.slice(1).map((r) => r[8]).filter((m) => m !== '')
    expect(means.length).toBeGreaterThan(0)
    for (const mean of means) expect(mean).toMatch(/^\d+(,\d+)?$/)
    expect(means).toContain('12,5')
  })

  it('quotes a cell holding the separator, and it reads back whole', () => {
    const rows = openAsFrenchExcel()
    const withNotes = input.candidates.find((c) => c.candidate.capitalisedBlocs.length > 1)
    expect(withNotes).toBeDefined()
    const row = rows.find((r) => r[1] === withNotes!.candidate.schoolId)!
    expect(row[14]).toMatch(/capitalisé .* ; .*capitalisé/)
  })

  it('neutralises every text cell starting with =, +, - or @ so that Excel shows it and never runs it', () => {
    const rows = openAsFrenchExcel()
    const first = rows.find((r) => r[1] === `'${INJECTIONS.schoolId}`)
    expect(first).toBeDefined()
    expect(first![2]).toBe(`'${INJECTIONS.birthName}`)
    expect(first![3]).toBe(`'${INJECTIONS.usageName}`)
    expect(first![4]).toBe(`'${INJECTIONS.firstNames[0]}`)
    for (const cell of rows.flat()) expect(cell).not.toMatch(/^[=+\-@]/)
  })

  it('says « PROVISOIRE » on every row of a session that is not deliberated, « DÉFINITIFS » once it is', () => {
    const open = buildSummaryCsv({ ...input, sessionStatus: 'open' })
    expect(open).not.toBe(csv)
    const lines = open.slice(1).trimEnd().split('\r\n').slice(1)
    expect(lines).toHaveLength(input.candidates.length)
    for (const line of lines) expect(line.startsWith('PROVISOIRE;')).toBe(true)
    for (const line of csv.slice(1).trimEnd().split('\r\n').slice(1)) expect(line.startsWith('DÉFINITIFS;')).toBe(true)
  })
})

describe('neutraliseFormula', () => {
  it.each([
    ['=1+1', "'=1+1"],
    ['+1', "'+1"],
    ['-1', "'-1"],
    ['@A1', "'@A1"],
    ['\tx', "'\tx"],
    ['Dupont', 'Dupont'],
    ['Jean-Marc', 'Jean-Marc'],
  ])('%j → %j', (text, expected) => {
    expect(neutraliseFormula(text)).toBe(expected)
  })
})

describe('buildSummaryXlsx', async () => {
  const input = summaryInput()
  const workbook = new Workbook()
  await workbook.xlsx.load(await buildSummaryXlsx(input, new Date('2026-07-09T16:30:00Z')))

  it('has a sheet of decisions, one per bloc and one of statistics', () => {
    expect(workbook.worksheets.map((ws) => ws.name)).toEqual([
      'Décisions',
      'BC01',
      'BC02',
      'BC03',
      'BC04',
      'BC05-A',
      'BC05-B',
      'BC05-C',
      'BC05-D',
      'Statistiques',
    ])
  })

  it('lists every candidate with their decision, and means as numbers', () => {
    const ws = workbook.getWorksheet('Décisions')!
    expect(ws.getRow(1).getCell(1).value).toBe('Résultats')
    expect(ws.getRow(1).getCell(2).value).toBe('N° candidat')
    expect(ws.rowCount).toBe(input.candidates.length + 1)
    const second = input.candidates[1]!
    const row = rowOf(ws, second.candidate.schoolId)
    expect(row.getCell(1).value).toBe('DÉFINITIFS')
    expect(row.getCell(14).value).toBe(second.result.decision)
    expect(typeof row.getCell(9).value).toBe('number')
  })

  it('gives each bloc’s marks for the candidates it counts for', () => {
    const ws = workbook.getWorksheet('BC01')!
    const header = (ws.getRow(1).values as unknown[]).slice(1)
    expect(header.slice(0, 3)).toEqual(['N° candidat', 'Nom de naissance', 'Prénoms'])
    expect(header).toContain('CR1.1')
    expect(header.slice(-5)).toEqual(['Moyenne /20', 'Calcul', 'Décision du jury', 'Motif', 'Code retenu'])
    const optionA = workbook.getWorksheet('BC05-A')!
    const chose = input.candidates.filter((c) => c.candidate.optionCode === 'BC05-A').length
    expect(optionA.rowCount).toBe(chose + 1)
  })

  it('counts decisions in the statistics', () => {
    const ws = workbook.getWorksheet('Statistiques')!
    const rows = ws.getSheetValues().filter(Boolean).map((r) => (r as unknown[]).slice(1))
    const certified = rows.find((r) => r[0] === 'CERTIFIÉ')!
    expect(certified[1]).toBe(input.candidates.filter((c) => c.result.decision === 'CERTIFIÉ').length)
    expect(rows.find((r) => r[0] === 'Statut')?.[1]).toBe('délibérée')
  })

  it('writes a text that looks like a formula as text, never as a formula', () => {
    const ws = workbook.getWorksheet('Décisions')!
    const row = rowOf(ws, INJECTIONS.schoolId)
    expect(row.getCell(2).value).toBe(INJECTIONS.schoolId)
    expect(row.getCell(3).value).toBe(INJECTIONS.birthName)
    expect(row.getCell(3).formula).toBeUndefined()
  })

  it('stores « Date du jury » as a real date shown the French way, not as text', () => {
    const ws = workbook.getWorksheet('Statistiques')!
    const row = ws.getSheetValues().findIndex((r) => Array.isArray(r) && r[1] === 'Date du jury')
    const cell = ws.getRow(row).getCell(2)
    expect(cell.value).toBeInstanceOf(Date)
    expect((cell.value as Date).toISOString()).toBe('2026-07-09T00:00:00.000Z')
    expect(cell.numFmt).toBe('dd/mm/yyyy')
  })

  it('says « PROVISOIRE » in the first column of every decision of a session that is not deliberated', async () => {
    const open = new Workbook()
    await open.xlsx.load(await buildSummaryXlsx({ ...input, sessionStatus: 'open' }, new Date('2026-07-09T16:30:00Z')))
    const ws = open.getWorksheet('Décisions')!
    const column = ws.getColumn(1).values.slice(2)
    expect(column).toHaveLength(input.candidates.length)
    expect(new Set(column)).toEqual(new Set(['PROVISOIRE']))
    const stats = open.getWorksheet('Statistiques')!.getSheetValues().filter(Boolean).map((r) => (r as unknown[]).slice(1))
    expect(stats.find((r) => r[0] === 'Statut')?.[1]).toBe('ouverte : résultats provisoires, non délibérés')
  })
})

/** The row of a candidate in a sheet whose second column is the school id. */
type Row = ReturnType<Worksheet['getRow']>

function rowOf(ws: Worksheet, schoolId: string): Row {
  let found: Row | undefined
  ws.eachRow((row) => {
    if (row.getCell(2).value === schoolId) found = row
  })
  if (!found) throw new Error(`${schoolId} absent`)
  return found
}
