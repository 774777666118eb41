/**
 * Child process of the bench: generates jury files with the project's generator, sealed with the
 * Worker's own signer (`jurySheetSigner` for the bench's ADMIN_TOKEN), and fills them with excelts
 * the way the tests do (load the workbook, type in the cells, save), one file per candidate
 * (their 4 mandatory blocs and their option: 5 sheets, 45 critères). Writes `<schoolId>.xlsx`.
 *
 * Usage: node --import tsx bench/jury/fillSheets.ts <job.json>
 * Run apart from the bench process so that its memory does not blur the import's peak, and two
 * at a time to use both cores.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { generateJurySheets, type JurySheetCandidate } from '../../shared/jury/sheetTemplate'
import type { Referential } from '../../shared/referential'
import { jurySheetSigner } from '../../worker/routes/jurySheets'
import type { Env } from '../../worker/env'
import { applyFills, day, loadJuryWorkbook, saveWorkbook, type SheetFill } from '../../test/shared/jury/fixtures'
import { benchReferential, candidateMarks } from '../data'

export interface FillJob {
  adminToken: string
  session: { id: string; name: string; campus: string | null; juryDate: string | null }
  outDir: string
  /** Variant of the marks typed in the sheets (the grid holds other values, or none). */
  variant: number
  candidates: Array<JurySheetCandidate & { index: number }>
}

const MEMBERS = ['Mme Claire Dupont, présidente du jury', 'M. Karim Benali, professionnel du secteur']

/** What a jury types: codes in any case, scores with a decimal comma, a few comments. */
function typed(value: string | number, draw: number): string {
  if (typeof value === 'number') return String(value).replace('.', ',')
  return draw < 0.1 ? ` ${value.toLowerCase()} ` : value
}

export function fillsFor(referential: Referential, candidate: FillJob['candidates'][number], variant: number): SheetFill[] {
  const marks = candidateMarks(referential, candidate.optionCode ?? '', candidate.index, variant)
  const byBloc = new Map<string, SheetFill>()
  const blocOf = new Map<string, string>()
  for (const bloc of referential.blocs) {
    for (const graded of bloc.kind === 'mandatory' ? [bloc] : bloc.options) for (const critere of graded.criteres) blocOf.set(critere.code, graded.code)
  }
  marks.forEach((mark, i) => {
    const blocCode = blocOf.get(mark.code)!
    const fill = byBloc.get(blocCode) ?? {
      candidateId: candidate.id,
      blocCode,
      marks: {},
      comments: {},
      members: MEMBERS,
      date: day('2026-06-12'),
      visa: 'CD',
    }
    fill.marks![mark.code] = typed(mark.value, ((candidate.index * 31 + i * 17) % 100) / 100)
    if (i % 20 === 3) fill.comments![mark.code] = 'Argumentation solide, à approfondir sur les coûts.'
    byBloc.set(blocCode, fill)
  })
  return [...byBloc.values()]
}

async function main(jobPath: string): Promise<void> {
  const job = JSON.parse(readFileSync(jobPath, 'utf8')) as FillJob
  const referential = benchReferential()
  const signer = await jurySheetSigner({ ADMIN_TOKEN: job.adminToken } as Env)
  for (const candidate of job.candidates) {
    const blank = await generateJurySheets({
      session: job.session,
      referential,
      candidates: [candidate],
      mode: 'candidate',
      signer,
      generatedAt: new Date('2026-06-01T08:00:00Z'),
    })
    const loaded = await loadJuryWorkbook(blank.bytes)
    applyFills(loaded, fillsFor(referential, candidate, job.variant))
    writeFileSync(join(job.outDir, `${candidate.schoolId}.xlsx`), await saveWorkbook(loaded.workbook))
  }
}

// Run as a script only (the bench imports this module for its types).
const jobPath = process.argv[2]
if (process.argv[1]?.endsWith('fillSheets.ts') && jobPath) await main(jobPath)
