/**
 * The certification summary as tables of plain values, shared by the .xlsx and the CSV export:
 * one row per candidate with each bloc's code (and mean when the bloc is scored) and the
 * decision; one table per bloc with the marks; one of statistics. Numbers stay numbers here;
 * each format decides how to write them.
 */
import { accessRouteLabels, type Candidate } from '../candidates/schema'
import { evaluableBlocs, type GradedBloc } from '../referential'
import type { Referential } from '../referential/schema'
import type { CandidateResult } from '../results/sessionResults'
import { BLOC_OUTCOME_CODES, CERTIFICATION_DECISIONS, ERROR_CODE, VALIDATED_BLOC_CODES } from '../rules/codes'
import type { SessionStatus } from '../sessions/schema'
import { sortByName } from '../names/collation'
import { observationsOf } from './pvSnapshot'

/** A calendar date (« 2026-07-09 »): a date cell in the xlsx, « 09/07/2026 » in the CSV. */
export interface SummaryDate {
  date: string
}

export type SummaryCell = string | number | SummaryDate | null

export const summaryDate = (iso: string | null): SummaryDate | null => (iso === null ? null : { date: iso.slice(0, 10) })

export function isSummaryDate(cell: SummaryCell | undefined): cell is SummaryDate {
  return typeof cell === 'object' && cell !== null
}

/**
 * First column of the decisions: whether the results are the jury's. A session that is not
 * deliberated (open, or reopened by an amendment) gives « PROVISOIRE » on every row, so that a
 * provisional export can never be taken for the final one, even cut down to a few rows.
 */
export const RESULTS_STATUS_HEADER = 'Résultats'
export const PROVISIONAL = 'PROVISOIRE'
export const FINAL = 'DÉFINITIFS'

export function resultsStatus(status: SessionStatus): string {
  return status === 'open' ? PROVISIONAL : FINAL
}

export interface SummaryTable {
  header: string[]
  rows: SummaryCell[][]
}

export interface SummaryCandidate {
  candidate: Candidate
  /** Stored marks by critère code (a canonical code or a score). */
  marks: Readonly<Record<string, string | number | null>>
  result: CandidateResult
}

export interface SummaryInput {
  sessionName: string
  sessionStatus: SessionStatus
  juryDate: string | null
  referential: Referential
  rncpCode: string | null
  candidates: readonly SummaryCandidate[]
}

const STATUS_LABELS: Record<SessionStatus, string> = {
  open: 'ouverte : résultats provisoires, non délibérés',
  deliberated: 'délibérée',
  closed: 'close',
}

/** Blocs shown as columns: mandatory ones, then the option group as one column. */
function decisionColumns(referential: Referential): Array<{ code: string; blocs: GradedBloc[] }> {
  return referential.blocs.map((b) => ({ code: b.code, blocs: b.kind === 'mandatory' ? [b] : b.options }))
}

function isScored(blocs: readonly GradedBloc[]): boolean {
  return blocs.some((b) => b.rule.kind === 'score')
}

/** The candidates in the French order of names, as every list of Certibloc shows them. */
function inNameOrder(input: SummaryInput): SummaryCandidate[] {
  return sortByName(input.candidates, (c) => c.candidate)
}

export function decisionsTable(input: SummaryInput): SummaryTable {
  const columns = decisionColumns(input.referential)
  const header = [RESULTS_STATUS_HEADER, 'N° candidat', 'Nom de naissance', 'Nom d’usage', 'Prénoms', 'Option', 'Modalité d’accès']
  const status = resultsStatus(input.sessionStatus)
  for (const column of columns) {
    header.push(column.code)
    if (isScored(column.blocs)) header.push(`Moyenne ${column.code}`)
  }
  header.push('Décision', 'Observations')
  const rows = inNameOrder(input).map(({ candidate, result }) => {
    const row: SummaryCell[] = [
      status,
      candidate.schoolId,
      candidate.birthName,
      candidate.usageName,
      candidate.firstNames.join(' '),
      candidate.optionCode,
      candidate.accessRoute ? accessRouteLabels[candidate.accessRoute] : null,
    ]
    for (const column of columns) {
      const bloc = column.blocs.map((b) => result.blocs[b.code]).find((b) => b !== undefined)
      row.push(bloc?.code ?? null)
      if (isScored(column.blocs)) row.push(bloc?.mean ?? null)
    }
    row.push(result.decision, observationsOf(candidate, result).join(' ; '))
    return row
  })
  return { header, rows }
}

/** Marks of one bloc, for the candidates it counts for. */
export function blocTable(input: SummaryInput, bloc: GradedBloc): SummaryTable {
  const scored = bloc.rule.kind === 'score'
  const header = [
    'N° candidat',
    'Nom de naissance',
    'Prénoms',
    ...bloc.criteres.map((c) => c.code),
    ...(scored ? ['Moyenne /20'] : []),
    'Calcul',
    'Décision du jury',
    'Motif',
    'Code retenu',
  ]
  const rows: SummaryCell[][] = []
  for (const { candidate, marks, result } of inNameOrder(input)) {
    const outcome = result.blocs[bloc.code]
    if (!outcome) continue
    rows.push([
      candidate.schoolId,
      candidate.birthName,
      candidate.firstNames.join(' '),
      ...bloc.criteres.map((c) => marks[c.code] ?? null),
      ...(scored ? [outcome.mean] : []),
      outcome.capitalised && outcome.override === null ? 'CAP' : outcome.computedCode,
      outcome.override,
      outcome.overrideReason,
      outcome.code,
    ])
  }
  return { header, rows }
}

export function statisticsTable(input: SummaryInput): SummaryTable {
  const total = input.candidates.length
  const share = (n: number) => (total === 0 ? 0 : Math.round((n / total) * 10_000) / 10_000)
  const rows: SummaryCell[][] = [
    ['Session', input.sessionName],
    ['Statut', STATUS_LABELS[input.sessionStatus]],
    ['Date du jury', summaryDate(input.juryDate)],
    ['Certification', `${input.referential.title}${input.rncpCode ? ` (${input.rncpCode})` : ''}`],
    ['Candidats', total],
    [],
    ['Décision', 'Candidats', 'Part'],
  ]
  for (const decision of [...CERTIFICATION_DECISIONS, ERROR_CODE]) {
    const n = input.candidates.filter((c) => c.result.decision === decision).length
    if (decision === ERROR_CODE && n === 0) continue
    rows.push([decision, n, share(n)])
  }
  rows.push([], ['Bloc', 'Intitulé', 'Candidats concernés', ...BLOC_OUTCOME_CODES, ERROR_CODE, 'Taux de validation'])
  for (const bloc of evaluableBlocs(input.referential)) {
    const codes = input.candidates.map((c) => c.result.blocs[bloc.code]?.code).filter((code) => code !== undefined)
    const count = (code: string) => codes.filter((c) => c === code).length
    const validated = codes.filter((c) => (VALIDATED_BLOC_CODES as readonly string[]).includes(c)).length
    rows.push([
      bloc.code,
      bloc.title,
      codes.length,
      ...BLOC_OUTCOME_CODES.map(count),
      count(ERROR_CODE),
      codes.length === 0 ? null : Math.round((validated / codes.length) * 10_000) / 10_000,
    ])
  }
  return { header: ['Indicateur', 'Valeur'], rows }
}
