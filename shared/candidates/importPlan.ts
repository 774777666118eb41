/**
 * What importing a candidate list would do to a session, row by row: new candidates, changed or
 * unchanged ones, withdrawals (a row marked « Désinscrit », or an enrolled candidate absent from
 * the file) and reinstatements. The same plan is shown by the dry run and applied by the commit.
 *
 * A file says nothing of the fields it has no column for: a known candidate keeps them (a list
 * without « Courriel » does not erase e-mails, one without capitalisation columns keeps the
 * capitalised blocs). A capitalised bloc equal to a stored one keeps its stored origin.
 */
import { personName } from '../documents/frenchFormat'
import type { CandidateField, CandidateListIssue, CandidateListResult } from '../formats/candidateList'
import type { Candidate, CandidateInput, CapitalisedBloc } from './schema'

export type ImportLineStatus = 'new' | 'changed' | 'unchanged' | 'withdrawn' | 'reinstated' | 'error'

export interface ImportLine {
  /** Row in the file; null for a candidate absent from it. */
  row: number | null
  schoolId: string
  name: string
  /** The session's candidate; null for a new one or a row in error that names nobody known. */
  candidateId: string | null
  status: ImportLineStatus
  /** Fields the import changes (a withdrawal or reinstatement may change data too). */
  changes: CandidateField[]
}

export interface CandidateImportPlan {
  lines: ImportLine[]
  /** Errors found against the session (the file's own are in the parse result). */
  errors: CandidateListIssue[]
  /** New and changed candidates, merged with what the file does not say. */
  upserts: CandidateInput[]
  withdrawals: Array<{ candidateId: string; schoolId: string; reason: string }>
  reinstatements: Array<{ candidateId: string; schoolId: string }>
  created: string[]
  updated: string[]
  unchanged: string[]
  withdrawn: string[]
  reinstated: string[]
}

export interface ImportOptions {
  /** withdraw: enrolled candidates absent from the file are withdrawn; keep: left as they are. */
  absent: 'withdraw' | 'keep'
  /** The file's name as the user knows it, for the reason of a withdrawal. */
  fileName: string
}

const FIELDS: readonly CandidateField[] = [
  'schoolId',
  'birthName',
  'usageName',
  'firstNames',
  'sex',
  'birthDate',
  'birthCommuneCode',
  'birthCommuneCodeKind',
  'birthCommuneLabel',
  'birthCountryCode',
  'birthCountryLabel',
  'email',
  'optionCode',
  'accessRoute',
  'capitalisedBlocs',
]

function inputOf(candidate: Candidate): CandidateInput {
  return Object.fromEntries(FIELDS.map((f) => [f, candidate[f]])) as CandidateInput
}

const sortedBlocs = (blocs: readonly CapitalisedBloc[]) => [...blocs].sort((a, b) => a.blocCode.localeCompare(b.blocCode))
const comparable = (field: CandidateField, value: unknown) => JSON.stringify(field === 'capitalisedBlocs' ? sortedBlocs(value as CapitalisedBloc[]) : value)

/** Incoming capitalised blocs, each keeping the origin of an identical stored one. */
export function withStoredOrigins(incoming: readonly CapitalisedBloc[], stored: readonly CapitalisedBloc[]): CapitalisedBloc[] {
  return incoming.map((bloc) => {
    const same = stored.find((s) => s.blocCode === bloc.blocCode && s.source === bloc.source && s.acquiredOn === bloc.acquiredOn)
    return same?.origin ? { ...bloc, origin: same.origin } : bloc
  })
}

export function planCandidateImport(parsed: CandidateListResult, existing: readonly Candidate[], options: ImportOptions): CandidateImportPlan {
  const plan: CandidateImportPlan = {
    lines: [],
    errors: [],
    upserts: [],
    withdrawals: [],
    reinstatements: [],
    created: [],
    updated: [],
    unchanged: [],
    withdrawn: [],
    reinstated: [],
  }
  const bySchoolId = new Map(existing.map((c) => [c.schoolId, c]))
  const named = new Set<string>()
  const fields = new Set(parsed.fields)
  const place = (row: number) => `${parsed.sheet === undefined ? options.fileName : `${options.fileName}, feuille « ${parsed.sheet} »`}, ligne ${row}`

  for (const { row, candidate: incoming, status } of parsed.candidates) {
    named.add(incoming.schoolId)
    const current = bySchoolId.get(incoming.schoolId)
    const name = personName(incoming)
    if (!current) {
      if (status === 'withdrawn') {
        const message = `${place(row)} : « Désinscrit » pour un candidat qui n’est pas dans la session ; retirez la ligne ou indiquez « Inscrit ».`
        const issue: CandidateListIssue = { file: options.fileName, row, field: 'status', message }
        if (parsed.sheet !== undefined) issue.sheet = parsed.sheet
        plan.errors.push(issue)
        plan.lines.push({ row, schoolId: incoming.schoolId, name, candidateId: null, status: 'error', changes: [] })
        continue
      }
      plan.upserts.push(incoming)
      plan.created.push(incoming.schoolId)
      plan.lines.push({ row, schoolId: incoming.schoolId, name, candidateId: null, status: 'new', changes: [] })
      continue
    }
    const before = inputOf(current)
    const merged = { ...before }
    for (const field of FIELDS) {
      if (fields.has(field)) Object.assign(merged, { [field]: incoming[field] })
    }
    merged.capitalisedBlocs = withStoredOrigins(merged.capitalisedBlocs, current.capitalisedBlocs)
    const changes = FIELDS.filter((f) => comparable(f, merged[f]) !== comparable(f, before[f]))
    if (changes.length > 0) plan.upserts.push(merged)
    const target = status ?? current.status
    const line = { row, schoolId: current.schoolId, name: personName(merged), candidateId: current.id, changes }
    if (target === 'withdrawn' && current.status === 'enrolled') {
      plan.withdrawals.push({ candidateId: current.id, schoolId: current.schoolId, reason: `Marqué « Désinscrit » dans « ${options.fileName} »` })
      plan.withdrawn.push(current.schoolId)
      plan.lines.push({ ...line, status: 'withdrawn' })
    } else if (target === 'enrolled' && current.status === 'withdrawn') {
      plan.reinstatements.push({ candidateId: current.id, schoolId: current.schoolId })
      plan.reinstated.push(current.schoolId)
      plan.lines.push({ ...line, status: 'reinstated' })
    } else if (changes.length > 0) {
      plan.updated.push(current.schoolId)
      plan.lines.push({ ...line, status: 'changed' })
    } else {
      plan.unchanged.push(current.schoolId)
      plan.lines.push({ ...line, status: 'unchanged' })
    }
  }

  // Rows in error: listed, and never taken for absent candidates.
  for (const { row, schoolId } of parsed.rejected) {
    if (schoolId !== null) named.add(schoolId)
    const current = schoolId === null ? undefined : bySchoolId.get(schoolId)
    plan.lines.push({ row, schoolId: schoolId ?? '', name: current ? personName(current) : '', candidateId: current?.id ?? null, status: 'error', changes: [] })
  }

  // Without a readable header the file names nobody: no one is taken for absent.
  if (options.absent === 'withdraw' && parsed.fields.length > 0) {
    for (const candidate of existing) {
      if (candidate.status !== 'enrolled' || named.has(candidate.schoolId)) continue
      plan.withdrawals.push({ candidateId: candidate.id, schoolId: candidate.schoolId, reason: `Absent de la liste « ${options.fileName} »` })
      plan.withdrawn.push(candidate.schoolId)
      plan.lines.push({ row: null, schoolId: candidate.schoolId, name: personName(candidate), candidateId: candidate.id, status: 'withdrawn', changes: [] })
    }
  }
  plan.lines.sort((a, b) => (a.row ?? Number.MAX_SAFE_INTEGER) - (b.row ?? Number.MAX_SAFE_INTEGER))
  return plan
}
