/**
 * The plan of a jury sheet import: what the extracted marks would do to the session's grid, per
 * file and in total, before anything is written. Pure: the Worker reads the current state, this
 * module decides, and the same plan is shown by the dry run and executed by the commit.
 *
 * For each filled critère of a sheet, against the grid's cell (candidate × critère):
 * - new: the cell is empty (no value, no comment);
 * - unchanged: the cell already holds the same value (and the same comment, or the sheet has none);
 * - changed: the cell was last written by a jury sheet import (source 'import') and differs: jury
 *   sheets are per candidate × bloc, so this is the same sheet sent again, corrected by the jury;
 *   the new version replaces the old one, shown with its before and after;
 * - conflict: the cell was last written by someone in the grid or the workbook (source 'manual')
 *   and the sheet says otherwise. A field (value or comment) is only ever filled when it is empty
 *   or equal; anything else is a conflict, never overwritten silently: the commit is refused
 *   unless the user chose to keep the grid's values ('keep') or take the sheets' ('replace').
 * A blank cell on a sheet means "not evaluated yet" and never clears a mark.
 *
 * Across files, two sheets for the same candidate and bloc must agree: identical ones are taken
 * once, different ones are an error on each. A file whose content was already imported (same
 * SHA-256, batch not undone) is reported and contributes nothing.
 */
import { frenchDateTimeOfIso } from '../frenchDates'
import { findEvaluableBloc } from '../referential'
import type { Referential } from '../referential/schema'
import type { CanonicalMark } from '../rules/marks'
import { juryIssue, type JuryIssue } from './issues'
import type { ExtractedSheet, ParsedJuryFile, SheetStatus } from './parseJurySheets'

export type ConflictPolicy = 'fail' | 'keep' | 'replace'

export type StoredValue = string | number | null

export interface PlanCandidate {
  id: string
  schoolId: string
  optionCode: string | null
  capitalisedBlocCodes: readonly string[]
  rowVersion: number
}

export interface CurrentMark {
  value: StoredValue
  comment: string | null
  source: 'manual' | 'import'
  importBatchId: string | null
  author: string | null
  updatedAt: string | null
}

export interface ImportState {
  candidates: ReadonlyMap<string, PlanCandidate>
  /** candidateId → critère code → current mark. */
  marks: ReadonlyMap<string, ReadonlyMap<string, CurrentMark>>
  /** candidateId → bloc code → jury override (ADM, ADJ, AJ). */
  blocOverrides: ReadonlyMap<string, ReadonlyMap<string, string>>
  /** candidateId → final certification decision already recorded. */
  certificationDecisions: ReadonlyMap<string, string>
  /** File content hash → the batch (not undone) that imported it. */
  importedFiles: ReadonlyMap<string, { batchId: string; importedAt: string; file: string }>
}

export interface PlanFileInput {
  parsed: ParsedJuryFile
  /** Left out by the user: reported, never read into the plan. */
  excluded?: boolean
}

export type ChangeKind = 'new' | 'changed' | 'unchanged' | 'conflict'

export interface MarkChange {
  kind: ChangeKind
  candidateId: string
  schoolId: string
  blocCode: string
  critereCode: string
  file: string
  sheet: string
  cell: string
  before: { value: StoredValue; comment: string | null; source: 'manual' | 'import'; author: string | null; updatedAt: string | null } | null
  after: { value: Exclude<CanonicalMark, null>; comment: string | null }
  /** For conflicts: what the commit does with it under the chosen policy. */
  resolution?: 'blocks' | 'kept' | 'replaced'
}

export type FileStatus = 'ok' | 'error' | 'already_imported' | 'duplicate_file' | 'excluded'

export interface ChangeCounts {
  new: number
  changed: number
  unchanged: number
  conflicts: number
}

export interface FilePlan {
  file: string
  hash: string
  size: number
  status: FileStatus
  /** Jury sheets read in the file (blank ones excluded). */
  sheets: number
  /** Blank jury sheets of the file (not evaluated yet): ignored, counted apart. */
  blankSheets: number
  counts: ChangeCounts
  errors: JuryIssue[]
  warnings: JuryIssue[]
  /** Every jury sheet of the file and what became of it: valid sheets keep their counts even when another sheet has an error. */
  sheetStatuses: SheetStatus[]
}

export interface PlannedRowWrite {
  candidateId: string
  rowVersion: number
  marks: Record<string, Exclude<CanonicalMark, null>>
  /** null clears the grid's comment: a replaced mark does not keep the comment written about the old one. */
  comments: Record<string, string | null>
}

export interface ImportPlan {
  policy: ConflictPolicy
  files: FilePlan[]
  totals: ChangeCounts & { files: number; sheets: number; errors: number; warnings: number; excluded: number; alreadyImported: number }
  /** New, changed and conflicting marks (unchanged ones are only counted). */
  changes: MarkChange[]
  errors: JuryIssue[]
  warnings: JuryIssue[]
  /** What the commit writes, per candidate, at the row version read. */
  writes: PlannedRowWrite[]
  /** Hashes of the files the commit records (status ok). */
  fileHashes: string[]
  /** False when an included file has an error, or a conflict is left to decide ('fail'). */
  committable: boolean
  /** Nothing would be written: every mark is already there, or every file was already imported. */
  nothingToDo: boolean
}

const emptyCounts = (): ChangeCounts => ({ new: 0, changed: 0, unchanged: 0, conflicts: 0 })

function sameValue(a: StoredValue, b: StoredValue): boolean {
  if (typeof a === 'number' && typeof b === 'number') return Math.abs(a - b) < 1e-9
  return a === b
}

function shown(value: StoredValue): string {
  if (value === null) return 'vide'
  return typeof value === 'number' ? String(value).replace('.', ',') : value
}

/** Marks and comments of a sheet as one comparable text. */
function sheetContent(sheet: ExtractedSheet): string {
  const marks = Object.keys(sheet.marks)
    .sort()
    .map((code) => [code, sheet.marks[code]?.value, sheet.comments[code]?.text ?? null])
  return JSON.stringify(marks)
}

/** The first critères on which two sheets disagree, for the message. */
function differences(a: ExtractedSheet, b: ExtractedSheet): string {
  const codes = [...new Set([...Object.keys(a.marks), ...Object.keys(b.marks)])].sort()
  const diffs: string[] = []
  for (const code of codes) {
    const va = a.marks[code]?.value ?? null
    const vb = b.marks[code]?.value ?? null
    if (!sameValue(va, vb)) diffs.push(`${code} : ${shown(va)} ici, ${shown(vb)} là`)
    else if ((a.comments[code]?.text ?? null) !== (b.comments[code]?.text ?? null)) diffs.push(`${code} : commentaires différents`)
  }
  return diffs.slice(0, 3).join(' ; ') + (diffs.length > 3 ? ` ; et ${diffs.length - 3} autre(s)` : '')
}

export function planJuryImport(
  inputs: readonly PlanFileInput[],
  state: ImportState,
  referential: Referential,
  policy: ConflictPolicy = 'fail',
): ImportPlan {
  const files: FilePlan[] = inputs.map(({ parsed, excluded }) => ({
    file: parsed.file,
    hash: parsed.hash,
    size: parsed.size,
    status: excluded ? 'excluded' : parsed.errors.length > 0 ? 'error' : 'ok',
    sheets: excluded ? 0 : parsed.sheets.length,
    blankSheets: excluded ? 0 : parsed.warnings.filter((w) => w.code === 'blank_sheet').length,
    counts: emptyCounts(),
    errors: excluded ? [] : [...parsed.errors],
    warnings: excluded ? [] : [...parsed.warnings],
    sheetStatuses: excluded ? [] : (parsed.sheetStatuses ?? []).map((s) => ({ ...s })),
  }))
  /** A sheet refused by the plan (another file disagrees, unknown candidate…) is a sheet in error. */
  const sheetInError = (plan: FilePlan, sheetName: string) => {
    for (const s of plan.sheetStatuses) if (s.sheet === sheetName) Object.assign(s, { status: 'error', marks: 0 })
  }

  // Files already imported, or sent twice in this upload, contribute nothing.
  const firstOfHash = new Map<string, FilePlan>()
  for (const plan of files) {
    if (plan.status !== 'ok') continue
    const previous = state.importedFiles.get(plan.hash)
    if (previous) {
      plan.status = 'already_imported'
      plan.warnings.push(
        juryIssue(
          'already_imported',
          { file: plan.file },
          `déjà importé le ${frenchDateTimeOfIso(previous.importedAt)} (fichier « ${previous.file} ») : rien à faire`,
        ),
      )
      continue
    }
    const twin = firstOfHash.get(plan.hash)
    if (twin) {
      plan.status = 'duplicate_file'
      plan.warnings.push(juryIssue('duplicate_identical', { file: plan.file }, `même contenu que « ${twin.file} » : pris en compte une seule fois`))
      continue
    }
    firstOfHash.set(plan.hash, plan)
  }
  const planOf = new Map(files.map((plan, i) => [inputs[i]?.parsed, plan] as const))

  // Sheets for the same candidate and bloc must agree.
  const groups = new Map<string, Array<{ sheet: ExtractedSheet; plan: FilePlan }>>()
  inputs.forEach(({ parsed }) => {
    const plan = planOf.get(parsed)
    if (plan?.status !== 'ok') return
    for (const sheet of parsed.sheets) {
      const key = `${sheet.candidateId}|${sheet.blocCode}`
      const group = groups.get(key) ?? []
      group.push({ sheet, plan })
      groups.set(key, group)
    }
  })
  const kept: Array<{ sheet: ExtractedSheet; plan: FilePlan }> = []
  for (const group of groups.values()) {
    const first = group[0]
    if (!first) continue
    if (group.length === 1) {
      kept.push(first)
      continue
    }
    const content = sheetContent(first.sheet)
    const other = group.find((g) => sheetContent(g.sheet) !== content)
    if (other === undefined) {
      kept.push(first)
      for (const twin of group.slice(1)) {
        twin.plan.warnings.push(
          juryIssue(
            'duplicate_identical',
            { file: twin.plan.file, sheet: twin.sheet.sheetName },
            `même candidat (${twin.sheet.schoolId}) et même bloc (${twin.sheet.blocCode}) que la feuille « ${first.sheet.sheetName} » de ${first.plan.file}, avec les mêmes évaluations : prise en compte une seule fois`,
          ),
        )
      }
      continue
    }
    for (const member of group) {
      const versus = member === first ? other : first
      sheetInError(member.plan, member.sheet.sheetName)
      member.plan.errors.push(
        juryIssue(
          'duplicate_different',
          { file: member.plan.file, sheet: member.sheet.sheetName },
          `même candidat (${member.sheet.schoolId}) et même bloc (${member.sheet.blocCode}) que la feuille « ${versus.sheet.sheetName} » de ${versus.plan.file}, ` +
            `mais avec des évaluations différentes (${differences(member.sheet, versus.sheet)}) : gardez une seule version (excluez l’autre fichier ou corrigez-le)`,
        ),
      )
    }
  }

  const changes: MarkChange[] = []
  const writes = new Map<string, PlannedRowWrite>()
  for (const { sheet, plan } of kept) {
    const at = { file: plan.file, sheet: sheet.sheetName, cell: sheet.identityCell }
    const candidate = state.candidates.get(sheet.candidateId)
    if (candidate === undefined) {
      sheetInError(plan, sheet.sheetName)
      plan.errors.push(
        juryIssue(
          'unknown_candidate',
          at,
          `candidat « ${sheet.schoolId} » inconnu dans cette session (supprimé depuis la génération de la fiche ?) : rien ne peut être importé pour lui`,
        ),
      )
      continue
    }
    const bloc = findEvaluableBloc(referential, sheet.blocCode)
    if (candidate.capitalisedBlocCodes.includes(sheet.blocCode)) {
      sheetInError(plan, sheet.sheetName)
      plan.errors.push(juryIssue('bloc_not_for_candidate', at, `le bloc ${sheet.blocCode} est capitalisé pour le candidat ${candidate.schoolId} : il n’est pas évalué dans cette session`))
      continue
    }
    if (bloc?.kind === 'option' && candidate.optionCode !== null && candidate.optionCode !== sheet.blocCode) {
      sheetInError(plan, sheet.sheetName)
      plan.errors.push(
        juryIssue(
          'bloc_not_for_candidate',
          at,
          `la fiche porte sur l’option ${sheet.blocCode}, or le candidat ${candidate.schoolId} a choisi l’option ${candidate.optionCode}`,
        ),
      )
      continue
    }
    const override = state.blocOverrides.get(candidate.id)?.get(sheet.blocCode)
    if (override !== undefined) {
      plan.warnings.push(
        juryIssue(
          'jury_decision',
          { file: plan.file, sheet: sheet.sheetName },
          `le candidat ${candidate.schoolId} a déjà une décision du jury sur le bloc ${sheet.blocCode} (${override}) : elle reste en place ; vérifiez-la après l’import`,
        ),
      )
    }
    const certification = state.certificationDecisions.get(candidate.id)
    if (certification !== undefined) {
      plan.warnings.push(
        juryIssue(
          'jury_decision',
          { file: plan.file, sheet: sheet.sheetName },
          `le candidat ${candidate.schoolId} a déjà une décision de certification (${certification}) : vérifiez-la après l’import`,
        ),
      )
    }
    const current = state.marks.get(candidate.id)
    for (const [code, mark] of Object.entries(sheet.marks)) {
      const comment = sheet.comments[code]?.text ?? null
      const now = current?.get(code)
      const before = now ? { value: now.value, comment: now.comment, source: now.source, author: now.author, updatedAt: now.updatedAt } : null
      const valueSame = now !== undefined && sameValue(now.value, mark.value)
      const commentSame = comment === null || (now !== undefined && now.comment === comment)
      let kind: ChangeKind
      if (valueSame && commentSame) kind = 'unchanged'
      else if (now === undefined || (now.value === null && now.comment === null)) kind = 'new'
      else if (now.source === 'import') kind = 'changed'
      else {
        // Typed in the grid: fill only what is empty or equal.
        const valueFillable = now.value === null || valueSame
        const commentFillable = comment === null || now.comment === null || now.comment === comment
        kind = valueFillable && commentFillable ? (now.value === null ? 'new' : 'changed') : 'conflict'
      }
      plan.counts[kind === 'conflict' ? 'conflicts' : kind]++
      if (kind === 'unchanged') continue
      const change: MarkChange = {
        kind,
        candidateId: candidate.id,
        schoolId: candidate.schoolId,
        blocCode: sheet.blocCode,
        critereCode: code,
        file: plan.file,
        sheet: sheet.sheetName,
        cell: mark.cell,
        before,
        after: { value: mark.value, comment },
      }
      if (kind === 'conflict') change.resolution = policy === 'fail' ? 'blocks' : policy === 'keep' ? 'kept' : 'replaced'
      changes.push(change)
      if (kind === 'conflict' && policy !== 'replace') continue
      const write = writes.get(candidate.id) ?? { candidateId: candidate.id, rowVersion: candidate.rowVersion, marks: {}, comments: {} }
      write.marks[code] = mark.value
      if (comment !== null) write.comments[code] = comment
      // A mark replaced by the sheet's takes the sheet's comment, or none.
      else if (now !== undefined && now.value !== null && !valueSame && now.comment !== null) write.comments[code] = null
      writes.set(candidate.id, write)
    }
  }

  for (const plan of files) {
    if (plan.status === 'ok' && plan.errors.length > 0) plan.status = 'error'
  }
  // A file in error writes nothing: its sheets leave the plan (the commit is refused anyway).
  const inError = new Set(files.filter((f) => f.status === 'error').map((f) => f.file))
  const liveChanges = changes.filter((c) => !inError.has(c.file))

  const included = files.filter((f) => f.status !== 'excluded')
  const errors = included.flatMap((f) => f.errors)
  const warnings = included.flatMap((f) => f.warnings)
  const counts = emptyCounts()
  for (const f of files.filter((file) => file.status === 'ok')) {
    counts.new += f.counts.new
    counts.changed += f.counts.changed
    counts.unchanged += f.counts.unchanged
    counts.conflicts += f.counts.conflicts
  }
  const conflictsBlock = policy === 'fail' && liveChanges.some((c) => c.kind === 'conflict')
  const writeList = errors.length > 0 ? [] : [...writes.values()]
  return {
    policy,
    files,
    totals: {
      ...counts,
      files: files.length,
      sheets: included.reduce((n, f) => n + f.sheets, 0),
      errors: errors.length,
      warnings: warnings.length,
      excluded: files.length - included.length,
      alreadyImported: files.filter((f) => f.status === 'already_imported').length,
    },
    changes: liveChanges,
    errors,
    warnings,
    writes: writeList,
    fileHashes: files.filter((f) => f.status === 'ok').map((f) => f.hash),
    committable: errors.length === 0 && !conflictsBlock,
    nothingToDo: errors.length === 0 && writeList.length === 0,
  }
}

/**
 * Why a commit has nothing to write, in French (Worker and CLI say the same): no mark on any
 * sheet, files already imported, or marks already in the grid.
 */
export function nothingToDoMessage(totals: ImportPlan['totals']): string {
  const marks = totals.new + totals.changed + totals.unchanged + totals.conflicts
  if (marks === 0 && totals.alreadyImported === 0) return 'Aucune note saisie dans ces fiches\u00a0: rien à importer.'
  if (marks === 0) return 'Déjà importé, rien à faire\u00a0: ces fichiers ont déjà été importés.'
  return 'Rien à importer\u00a0: toutes les notes de ces fiches sont déjà dans la grille.'
}
