/**
 * What the jury import panel shows and allows, decided without React: the conflicts of a plan as
 * rows, the warnings to put forward, whether « Importer » may be clicked (and with which conflict
 * policy), the recent batches as lines, and the lines of a refusal from the Worker.
 */
import type { ConflictPolicy, JuryImportAnswer, JuryImportBatch, PublicImportPlan } from '../api/juryImports'
import { frenchDateTimeOfIso } from '../../../shared/frenchDates'
import { fr } from '../i18n/fr'

/** What the user chose for the conflicts of the batch; null until they chose (the server then refuses them). */
export type ConflictChoice = Exclude<ConflictPolicy, 'fail'> | null

export type DateFormatter = (iso: string) => string

/** « 12/06/2026 à 14 h 05 », in Europe/Paris whatever the device's time zone. */
export const formatLocalDateTime: DateFormatter = frenchDateTimeOfIso

export interface ConflictRow {
  key: string
  file: string
  sheet: string
  /** Address on the jury sheet. */
  cell: string
  schoolId: string
  blocCode: string
  critereCode: string
  /** The grid's mark (value and comment), as shown. */
  grid: string
  gridAuthor: string | null
  gridUpdatedAt: string | null
  /** The sheet's mark, as shown. */
  sheetValue: string
  resolution: 'blocks' | 'kept' | 'replaced'
}

/** Every conflict of the plan, in the plan's order (file, then sheet). */
export function conflictRows(plan: PublicImportPlan, formatDate: DateFormatter = formatLocalDateTime): ConflictRow[] {
  return plan.changes
    .filter((change) => change.kind === 'conflict')
    .map((change) => ({
      key: `${change.file}|${change.sheet}|${change.cell}|${change.candidateId}|${change.critereCode}`,
      file: change.file,
      sheet: change.sheet,
      cell: change.cell,
      schoolId: change.schoolId,
      blocCode: change.blocCode,
      critereCode: change.critereCode,
      grid: fr.juryImport.value(change.before?.value ?? null, change.before?.comment ?? null),
      gridAuthor: change.before?.author ?? null,
      gridUpdatedAt: change.before?.updatedAt ? formatDate(change.before.updatedAt) : null,
      sheetValue: fr.juryImport.value(change.after.value, change.after.comment),
      resolution: change.resolution ?? 'blocks',
    }))
}

/**
 * The title of the conflicts and, when the Worker listed only the first 1,000, the line that says
 * so: the count comes from the plan's totals, never from the rows listed.
 */
export function conflictHeading(plan: PublicImportPlan, listed: number): { title: string; firstListed: string | null } {
  const total = Math.max(listed, plan.totals.conflicts)
  return { title: fr.juryImport.conflicts.title(total), firstListed: listed < total ? fr.juryImport.conflicts.firstListed(listed) : null }
}

/**
 * The plan's warnings, jury decisions already taken apart: those must not be missed. Blank sheets
 * are grouped, one line per file (« 143 fiches vierges ignorées »), not one line per sheet.
 */
export function importWarnings(plan: PublicImportPlan): { decisions: string[]; others: string[] } {
  const blanks = new Map<string, number>()
  const others: string[] = []
  for (const w of plan.warnings) {
    if (w.code === 'jury_decision') continue
    if (w.code !== 'blank_sheet') {
      others.push(w.message)
      continue
    }
    if (!blanks.has(w.file)) others.push(w.file)
    blanks.set(w.file, (blanks.get(w.file) ?? 0) + 1)
  }
  return {
    decisions: plan.warnings.filter((w) => w.code === 'jury_decision').map((w) => w.message),
    // A file name stands where its first blank sheet was: replaced by the grouped line.
    others: others.map((line) => (blanks.has(line) ? fr.juryImport.blankSheets(line, blanks.get(line) ?? 0) : line)),
  }
}

export interface SheetSummary {
  /** Sheets whose marks were read, and how many marks. */
  valid: number
  marks: number
  /** Names of the sheets with an error (their messages are among the plan's errors). */
  inError: string[]
  /** Blank sheets, and sheets with jury names but no mark: ignored. */
  ignored: number
}

/**
 * What became of a file's sheets, so that one incomplete sheet does not hide the valid ones of a
 * 146-sheet workbook: the valid sheets and their marks, the sheets in error by name, the ignored
 * ones as a count. Null when the file has no sheet to show (refused as a whole, excluded).
 */
export function sheetSummary(file: PublicImportPlan['files'][number]): SheetSummary | null {
  const statuses = file.sheetStatuses
  if (statuses.length === 0) return null
  const valid = statuses.filter((s) => s.status === 'valid')
  return {
    valid: valid.length,
    marks: valid.reduce((n, s) => n + s.marks, 0),
    inError: statuses.filter((s) => s.status === 'error').map((s) => s.sheet),
    ignored: statuses.filter((s) => s.status === 'blank' || s.status === 'no_marks').length,
  }
}

/** Names of the files the preview marked as excluded. */
export function previewedExclusions(preview: JuryImportAnswer): string[] {
  return preview.plan.files.filter((f) => f.status === 'excluded').map((f) => f.file)
}

export type CommitBlock =
  | 'no_preview'
  | 'exclusions_changed'
  | 'session_not_open'
  | 'errors'
  | 'choose_conflicts'
  | 'preview_outdated'
  | 'nothing_to_do'

export type CommitGate = { allowed: true; policy: ConflictPolicy } | { allowed: false; reason: CommitBlock }

/**
 * Whether « Importer » may be clicked, and with which policy. Conflicts need an explicit choice,
 * and a preview run with that choice, so the user has seen what the commit will do; without
 * conflicts the commit goes with `fail`, so one typed in the grid meanwhile is refused, never
 * overwritten.
 */
export function commitGate(preview: JuryImportAnswer | null, excluded: readonly string[], choice: ConflictChoice): CommitGate {
  if (preview === null) return { allowed: false, reason: 'no_preview' }
  const previewed = previewedExclusions(preview)
  if (previewed.length !== excluded.length || excluded.some((name) => !previewed.includes(name))) return { allowed: false, reason: 'exclusions_changed' }
  if (preview.sessionStatus !== 'open') return { allowed: false, reason: 'session_not_open' }
  if (preview.plan.errors.length > 0) return { allowed: false, reason: 'errors' }
  const hasConflicts = preview.plan.changes.some((change) => change.kind === 'conflict')
  if (hasConflicts && choice === null) return { allowed: false, reason: 'choose_conflicts' }
  if (hasConflicts && preview.plan.policy !== choice) return { allowed: false, reason: 'preview_outdated' }
  if (!preview.plan.committable) return { allowed: false, reason: 'errors' }
  if (preview.plan.nothingToDo) return { allowed: false, reason: 'nothing_to_do' }
  return { allowed: true, policy: hasConflicts && choice !== null ? choice : 'fail' }
}

/** The answer carried by a refused commit (errors or conflicts): the plan to show instead of the stale preview. */
export function answerOfRefusal(details: unknown): JuryImportAnswer | null {
  if (typeof details !== 'object' || details === null) return null
  const { plan, sessionStatus, unmatchedExcludes, previewToken } = details as Partial<JuryImportAnswer>
  if (typeof plan !== 'object' || plan === null || !Array.isArray(plan.files) || !Array.isArray(plan.changes) || typeof sessionStatus !== 'string') return null
  // The refusal's plan is the one now to confirm: its token goes with the next commit.
  return { dryRun: true, sessionStatus, unmatchedExcludes: Array.isArray(unmatchedExcludes) ? unmatchedExcludes : [], previewToken: typeof previewToken === 'string' ? previewToken : '', plan }
}

interface ChangedCell {
  schoolId: string
  critereCode: string
  imported: string | number | null
  current: string | number | null
  changedBy: string
  changedAt: string
}

/** The located lines of a refusal: the issues of a refused import, or the marks changed since a batch (undo). */
export function refusalLines(details: unknown, formatDate: DateFormatter = formatLocalDateTime): string[] {
  if (typeof details !== 'object' || details === null) return []
  const { issues, changed } = details as { issues?: unknown; changed?: unknown }
  if (Array.isArray(issues)) {
    return issues.flatMap((issue) => (typeof (issue as { message?: unknown })?.message === 'string' ? [(issue as { message: string }).message] : []))
  }
  if (Array.isArray(changed)) {
    return (changed as ChangedCell[]).map((cell) =>
      fr.juryImport.changedSince(
        cell.schoolId,
        cell.critereCode,
        fr.juryImport.value(cell.imported),
        fr.juryImport.value(cell.current),
        cell.changedBy,
        formatDate(cell.changedAt),
      ),
    )
  }
  return []
}

/** What the undo confirmation names: the batch, its marks and files. */
export interface UndoTarget {
  batchId: string
  marks: number
  files: string
  createdAt: string | null
}

export interface BatchLine extends UndoTarget {
  createdAt: string
  /** Who imported, by the name users read (never the actor key). */
  author: string
  /** « 12 notes écrites », with how many are still the batch's when some changed since. */
  marksText: string
  undone: boolean
  status: string
  canUndo: boolean
}

const MAX_FILE_NAMES = 3

function fileList(names: readonly string[]): string {
  return fr.juryImport.batches.files(names.slice(0, MAX_FILE_NAMES), Math.max(0, names.length - MAX_FILE_NAMES))
}

/** The most recent batches as lines (the Worker lists them newest first), and how many are left out. */
export function batchLines(
  batches: readonly JuryImportBatch[],
  options: { canUndo: boolean; limit?: number; formatDate?: DateFormatter },
): { lines: BatchLine[]; hidden: number } {
  const { canUndo, limit = 5, formatDate = formatLocalDateTime } = options
  const lines = batches.slice(0, limit).map((batch): BatchLine => {
    const undone = batch.undoneAt !== null
    return {
      batchId: batch.id,
      createdAt: formatDate(batch.createdAt),
      author: batch.createdByName,
      files: fileList(batch.summary.files.map((f) => f.file)),
      marks: batch.summary.marks,
      marksText: fr.juryImport.batches.marks(batch.summary.marks, batch.liveMarks, undone),
      undone,
      status: batch.undoneAt !== null ? fr.juryImport.batches.undone(formatDate(batch.undoneAt)) : fr.juryImport.batches.active,
      canUndo: canUndo && !undone,
    }
  })
  return { lines, hidden: Math.max(0, batches.length - lines.length) }
}

/** The batch a commit just wrote, as the undo confirmation names it; null when nothing was written. */
export function undoTargetOfCommit(answer: JuryImportAnswer, line: BatchLine | undefined): UndoTarget | null {
  if (!answer.batch) return null
  if (line && line.batchId === answer.batch.id) return line
  const files = answer.plan.files.filter((f) => f.status === 'ok').map((f) => f.file)
  return { batchId: answer.batch.id, marks: answer.batch.summary.marks, files: fileList(files), createdAt: null }
}
