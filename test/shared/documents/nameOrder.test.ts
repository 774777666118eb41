/**
 * One order of names across the documents: the PV's candidates, the summary CSV and xlsx list
 * candidates in the French order of their displayed names (shared/names/collation.ts), never in
 * byte order (« de La Rochefoucauld » after TRAORÉ) nor by birth name when a usage name is shown.
 */
import { Workbook } from '../../../shared/xlsx'
import { describe, expect, it } from 'vitest'
import type { Candidate } from '../../../shared/candidates/schema'
import { buildPvSnapshot } from '../../../shared/documents/pvSnapshot'
import { buildSummaryCsv } from '../../../shared/documents/summaryCsv'
import { buildSummaryXlsx } from '../../../shared/documents/summaryXlsx'
import { sortByName } from '../../../shared/names/collation'
import { candidates, deliberate, jury, marksByCandidate, referential, session, settings } from './fixtures'

const HARD_NAMES: Array<Pick<Candidate, 'birthName' | 'usageName' | 'firstNames'>> = [
  { birthName: 'TRAORÉ', usageName: null, firstNames: ['Awa'] },
  { birthName: 'de La Rochefoucauld', usageName: null, firstNames: ['Anne'] },
  { birthName: 'émery', usageName: null, firstNames: ['Jean'] },
  { birthName: 'ZIDANE', usageName: 'Abadie', firstNames: ['Inès'] },
  { birthName: 'Łukasiewicz', usageName: null, firstNames: ['Jan'] },
]
/** The demo candidates, the first five renamed. */
const renamed: Candidate[] = candidates.map((c, i) => (i < HARD_NAMES.length ? { ...c, ...HARD_NAMES[i] } : c))
const expectedIds = sortByName(renamed, (c) => c).map((c) => c.schoolId)

const { final } = deliberate()

function position(ids: readonly string[], index: number): number {
  return ids.indexOf(renamed[index]!.schoolId)
}

function checkHardNames(ids: readonly string[]) {
  expect(ids).toEqual(expectedIds)
  // « de La Rochefoucauld » under L: after émery, before Łukasiewicz and TRAORÉ.
  expect(position(ids, 1)).toBeLessThan(position(ids, 0))
  expect(position(ids, 2)).toBeLessThan(position(ids, 1))
  expect(position(ids, 1)).toBeLessThan(position(ids, 4))
  // Abadie (usage name) first, not under Z.
  expect(position(ids, 3)).toBe(0)
}

describe('the French order of names in the documents', () => {
  it('orders the PV’s candidates', () => {
    const snapshot = buildPvSnapshot({
      version: 1,
      amendment: null,
      certifier: { name: settings.certifierName!, rncpCode: settings.rncpCode!, rncpRegistrationDate: null, nsfCodes: null, city: null, signatory: null },
      referential,
      session,
      jury,
      candidates: renamed,
      final: [...final].reverse(),
      computed: final,
      finalisedAt: '2026-07-09T16:30:00.000Z',
      finalisedBy: 'Claire Dupont',
    })
    checkHardNames(snapshot.candidates.map((c) => c.schoolId))
  })

  const summaryInput = {
    sessionName: session.name,
    sessionStatus: 'deliberated' as const,
    juryDate: session.juryDate,
    referential,
    rncpCode: null,
    candidates: [...renamed].reverse().map((candidate) => ({
      candidate,
      marks: marksByCandidate.get(candidate.id) ?? {},
      result: final.find((r) => r.candidateId === candidate.id)!,
    })),
  }

  it('orders the summary CSV', () => {
    const rows = buildSummaryCsv(summaryInput).slice(1).trimEnd().split('\r\n').slice(1)
    checkHardNames(rows.map((line) => line.split(';')[1]!))
  })

  it('orders the summary xlsx, decisions and bloc sheets alike', async () => {
    const workbook = new Workbook()
    await workbook.xlsx.load(await buildSummaryXlsx(summaryInput, new Date('2026-07-09T16:30:00Z')))
    const decisions = workbook.getWorksheet('Décisions')!.getColumn(2).values.slice(2) as string[]
    checkHardNames(decisions)
    const bc01 = workbook.getWorksheet('BC01')!.getColumn(1).values.slice(2) as string[]
    expect(bc01).toEqual(expectedIds.filter((id) => bc01.includes(id)))
  })
})
