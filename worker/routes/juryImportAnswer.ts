/**
 * Planning and committing a jury import, whatever brought the sheets: the multipart upload (the
 * Worker parses the files, juryImports.ts) or the extracts read where the files are
 * (juryImportExtracts.ts). One plan, one refusal wording, one atomic commit for both.
 */
import type { JuryIssue } from '../../shared/jury/issues'
import { sha256Hex } from '../../shared/jury/checksum'
import { nothingToDoMessage, planJuryImport, type ConflictPolicy, type ImportPlan, type MarkChange, type PlanFileInput } from '../../shared/jury/planImport'
import { guardReason } from '../db/guard'
import type { AuditContext } from '../db/audit'
import { commitJuryImport, readImportState } from '../db/importBatches'
import { ApiError, ErrorCode } from '../errors'
import { messages } from '../i18n/fr'
import type { SessionContext } from './sessionContext'

const plural = (n: number, one: string, many: string) => `${n} ${n > 1 ? many : one}`

/**
 * Changes listed in an answer; the rest are counted (`plan.omittedChanges`), the totals and the
 * per-file counts always complete. 300 candidate files are 13,500 new marks, 3.7 MB of answer
 * that the pane and the CLI only count: what needs a look (conflicts, then marks that replace an
 * earlier import) is listed first. Documented in docs/ARCHITECTURE.md.
 */
export const MAX_LISTED_CHANGES = 1_000

const LISTING_ORDER: Record<MarkChange['kind'], number> = { conflict: 0, changed: 1, new: 2, unchanged: 3 }

/** The first MAX_LISTED_CHANGES changes by kind (conflicts first), in the plan's order. */
function listedChanges(changes: readonly MarkChange[]): MarkChange[] {
  if (changes.length <= MAX_LISTED_CHANGES) return [...changes]
  const chosen = changes
    .map((change, index) => ({ change, index }))
    .sort((a, b) => LISTING_ORDER[a.change.kind] - LISTING_ORDER[b.change.kind] || a.index - b.index)
    .slice(0, MAX_LISTED_CHANGES)
  return chosen.sort((a, b) => a.index - b.index).map((c) => c.change)
}

/** The conflicts a refused commit lists in its details: the first MAX_LISTED_CHANGES, the rest counted. */
export function refusedConflicts(conflicts: readonly MarkChange[]) {
  const listed = conflicts.slice(0, MAX_LISTED_CHANGES)
  return { conflicts: listed, ...(listed.length < conflicts.length ? { omittedConflicts: conflicts.length - listed.length } : {}) }
}

/** The plan as answered: what the commit writes per candidate is internal, long change lists are cut. */
export function publicPlan(plan: ImportPlan) {
  const { writes: _writes, changes, ...rest } = plan
  const listed = listedChanges(changes)
  return { ...rest, changes: listed, ...(listed.length < changes.length ? { omittedChanges: changes.length - listed.length } : {}) }
}

export interface JuryImportRequest {
  db: D1Database
  audit: AuditContext
  ctx: SessionContext
  sessionId: string
  inputs: PlanFileInput[]
  unmatchedExcludes: string[]
  dryRun: boolean
  onConflict: ConflictPolicy
  /** The dry run's token, sent back with the commit: refused (409) if the plan changed since. */
  previewToken?: string | undefined
}
/**
 * What a plan would write and over what grid cells, whatever the conflict policy (the pane may
 * preview under one and commit under the one chosen after): equal plans, equal tokens.
 */
function planToken(plan: ImportPlan): Promise<string> {
  const rows = plan.changes.map((c) => [c.kind, c.candidateId, c.critereCode, c.before?.value ?? null, c.before?.comment ?? null, c.after.value, c.after.comment])
  // Arrays of scalars: their JSON is already canonical (contentHash would give the same hash, slower).
  return sha256Hex(new TextEncoder().encode(JSON.stringify(rows)))
}


/** Plans the import and, unless it is a dry run, writes it as one batch (all or nothing). */
export async function answerJuryImport(request: JuryImportRequest) {
  const { db, ctx, sessionId, inputs, unmatchedExcludes, dryRun, onConflict, previewToken } = request
  const candidateIds = inputs.flatMap((i) => i.parsed.sheets.map((s) => s.candidateId))
  const plan = planJuryImport(inputs, await readImportState(db, sessionId, candidateIds), ctx.referential, onConflict)
  const answer = { sessionStatus: ctx.session.status, unmatchedExcludes, previewToken: await planToken(plan), plan: publicPlan(plan) }
  if (dryRun) return { dryRun: true as const, ...answer }
  // A mark typed in the grid after the preview must not be replaced (or kept) unseen.
  if (previewToken !== undefined && previewToken !== answer.previewToken) throw new ApiError(ErrorCode.CONFLICT, messages.juryPreviewStale, answer)

  if (plan.errors.length > 0) {
    const files = plan.files.filter((f) => f.status === 'error').length
    throw new ApiError(
      ErrorCode.VALIDATION_FAILED,
      `${plural(files, 'fichier contient', 'fichiers contiennent')} ${plural(plan.errors.length, 'erreur', 'erreurs')} : rien n’a été importé. ` +
        'Corrigez-les, ou excluez ces fichiers (champ « exclude ») pour importer les autres.',
      { issues: plan.errors.map((e: JuryIssue) => ({ path: `files[${JSON.stringify(e.file)}]`, message: e.message })), ...answer },
    )
  }
  if (!plan.committable) {
    const conflicts = plan.changes.filter((ch) => ch.kind === 'conflict')
    throw new ApiError(
      ErrorCode.CONFLICT,
      `${plural(conflicts.length, 'note saisie', 'notes saisies')} dans la grille ${conflicts.length > 1 ? 'diffèrent' : 'diffère'} des fiches : rien n’a été importé. ` +
        'Choisissez de garder les notes de la grille (onConflict=keep) ou de prendre celles des fiches (onConflict=replace).',
      { ...refusedConflicts(conflicts), ...answer },
    )
  }
  if (plan.nothingToDo) {
    return { dryRun: false as const, batch: null, message: nothingToDoMessage(plan.totals), ...answer }
  }
  const batchId = crypto.randomUUID()
  try {
    const summary = await commitJuryImport(db, request.audit, { batchId, sessionId, plan })
    return {
      dryRun: false as const,
      batch: { id: batchId, summary },
      message: `${plural(summary.marks, 'note importée', 'notes importées')} depuis ${plural(summary.files.length, 'fichier', 'fichiers')}.`,
      ...answer,
    }
  } catch (error) {
    const reason = guardReason(error)
    if (reason === 'session_locked') throw new ApiError(ErrorCode.SESSION_LOCKED, 'La session est délibérée ou close : ses données ne sont plus modifiables.')
    if (reason === 'candidate_withdrawn') throw new ApiError(ErrorCode.CONFLICT, messages.candidateWithdrawnNoGrades, { reason })
    if (reason === 'stale_rows' || reason === 'already_imported') {
      throw new ApiError(
        ErrorCode.CONFLICT,
        reason === 'already_imported'
          ? 'Ces fichiers viennent d’être importés par une autre requête : rien n’a été importé. Relancez l’aperçu.'
          : 'Des notes de ces candidats ont changé pendant l’import : rien n’a été importé. Relancez l’aperçu.',
        { reason },
      )
    }
    throw error
  }
}
