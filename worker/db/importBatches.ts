/**
 * SQL for jury sheet import batches: the state an import is planned against, the commit (one
 * atomic batch: the import_batch row, then the grade write it owns), the list of batches and the
 * undo of a batch. Every imported mark records its batch (mark.import_batch_id) and every change
 * lands in mark_history through the triggers of migration 0002, undo included.
 */
import type { D1Database, D1PreparedStatement } from '@cloudflare/workers-types'
import type { CurrentMark, ImportPlan, ImportState, PlanCandidate, StoredValue } from '../../shared/jury/planImport'
import { actorName } from '../../shared/people/actorName'
import { auditStatement, type AuditContext } from './audit'
import { gradeWriteStatements, type GradeWrite } from './grades'
import { guardStatement } from './guard'

export const JURY_BATCH_KIND = 'jury_sheets'

/** What a batch remembers about itself (import_batch.summary_json). */
export interface JuryBatchSummary {
  files: Array<{ file: string; hash: string; sheets: number; new: number; changed: number; conflicts: number }>
  totals: { files: number; sheets: number; new: number; changed: number; unchanged: number; conflicts: number }
  policy: ImportPlan['policy']
  marks: number
}

export interface JuryBatch {
  id: string
  createdAt: string
  createdBy: string
  undoneAt: string | null
  summary: JuryBatchSummary
  /** Marks whose current value still comes from this batch. */
  liveMarks: number
}

/* ----------------------------------------------------------------------------------------- */
/* Reading the state                                                                         */
/* ----------------------------------------------------------------------------------------- */

/**
 * The grid state a plan needs, for the candidates the files name: their marks with sources,
 * jury decisions, and the files already imported into the session. One batch of reads.
 */
export async function readImportState(db: D1Database, sessionId: string, candidateIds: readonly string[]): Promise<ImportState> {
  const ids = JSON.stringify([...new Set(candidateIds)])
  // A withdrawn candidate is not graded: their sheets name nobody the import knows.
  const inSession = `c.session_id = ?1 AND c.status = 'enrolled' AND c.id IN (SELECT value FROM json_each(?2))`
  const [candidates, marks, overrides, certifications, files] = await db.batch([
    db.prepare(`SELECT c.id, c.school_id, c.option_code, c.capitalised_json, c.row_version FROM candidate c WHERE ${inSession}`).bind(sessionId, ids),
    db
      .prepare(
        `SELECT m.candidate_id, m.critere_code, m.value, m.comment, m.source, m.import_batch_id, m.author, m.updated_at,
                (SELECT u.display_name FROM app_user u WHERE u.email = m.author) AS author_name
         FROM mark m JOIN candidate c ON c.id = m.candidate_id WHERE ${inSession}`,
      )
      .bind(sessionId, ids),
    db
      .prepare(
        `SELECT d.candidate_id, d.bloc_code, d.override_code FROM bloc_decision d JOIN candidate c ON c.id = d.candidate_id
         WHERE ${inSession} AND d.override_code IS NOT NULL`,
      )
      .bind(sessionId, ids),
    db
      .prepare(`SELECT d.candidate_id, d.final_code FROM certification_decision d JOIN candidate c ON c.id = d.candidate_id WHERE ${inSession}`)
      .bind(sessionId, ids),
    db
      .prepare(
        `SELECT b.id, b.created_at, f.value->>'hash' AS hash, f.value->>'file' AS file
         FROM import_batch b, json_each(b.summary_json, '$.files') f
         WHERE b.session_id = ?1 AND b.kind = ?2 AND b.undone_at IS NULL`,
      )
      .bind(sessionId, JURY_BATCH_KIND),
  ])
  const rows = <T>(result: unknown) => ((result as { results?: T[] } | undefined)?.results ?? [])

  const state = {
    candidates: new Map<string, PlanCandidate>(),
    marks: new Map<string, Map<string, CurrentMark>>(),
    blocOverrides: new Map<string, Map<string, string>>(),
    certificationDecisions: new Map<string, string>(),
    importedFiles: new Map<string, { batchId: string; importedAt: string; file: string }>(),
  }
  for (const r of rows<{ id: string; school_id: string; option_code: string | null; capitalised_json: string; row_version: number }>(candidates)) {
    state.candidates.set(r.id, {
      id: r.id,
      schoolId: r.school_id,
      optionCode: r.option_code,
      capitalisedBlocCodes: (JSON.parse(r.capitalised_json) as Array<{ blocCode: string }>).map((b) => b.blocCode),
      rowVersion: r.row_version,
    })
  }
  for (const r of rows<{
    candidate_id: string
    critere_code: string
    value: StoredValue
    comment: string | null
    source: 'manual' | 'import'
    import_batch_id: string | null
    author: string
    author_name: string | null
    updated_at: string
  }>(marks)) {
    const byCode = state.marks.get(r.candidate_id) ?? new Map<string, CurrentMark>()
    byCode.set(r.critere_code, {
      value: r.value,
      comment: r.comment,
      source: r.source,
      importBatchId: r.import_batch_id,
      // The plan only shows who wrote the mark: by the name users read, not the actor key.
      author: actorName(r.author, new Map([[r.author.toLowerCase(), r.author_name]])),
      updatedAt: r.updated_at,
    })
    state.marks.set(r.candidate_id, byCode)
  }
  for (const r of rows<{ candidate_id: string; bloc_code: string; override_code: string }>(overrides)) {
    const byBloc = state.blocOverrides.get(r.candidate_id) ?? new Map<string, string>()
    byBloc.set(r.bloc_code, r.override_code)
    state.blocOverrides.set(r.candidate_id, byBloc)
  }
  for (const r of rows<{ candidate_id: string; final_code: string }>(certifications)) state.certificationDecisions.set(r.candidate_id, r.final_code)
  for (const r of rows<{ id: string; created_at: string; hash: string; file: string }>(files)) {
    if (!state.importedFiles.has(r.hash)) state.importedFiles.set(r.hash, { batchId: r.id, importedAt: r.created_at, file: r.file })
  }
  return state
}

/* ----------------------------------------------------------------------------------------- */
/* Commit                                                                                    */
/* ----------------------------------------------------------------------------------------- */

export function batchSummary(plan: ImportPlan): JuryBatchSummary {
  return {
    files: plan.files
      .filter((f) => f.status === 'ok')
      .map((f) => ({ file: f.file, hash: f.hash, sheets: f.sheets, new: f.counts.new, changed: f.counts.changed, conflicts: f.counts.conflicts })),
    totals: {
      files: plan.totals.files,
      sheets: plan.totals.sheets,
      new: plan.totals.new,
      changed: plan.totals.changed,
      unchanged: plan.totals.unchanged,
      conflicts: plan.totals.conflicts,
    },
    policy: plan.policy,
    marks: plan.writes.reduce((n, w) => n + Object.keys(w.marks).length, 0),
  }
}

/**
 * The statements of a commit, in order: a guard against files imported meanwhile (two identical
 * commits racing), the import_batch row (first, for the marks' foreign key), the grade write with
 * its own guard (session open, rows still at the versions planned against) and audit, then the
 * batch's own audit event. One db.batch: all or nothing.
 */
export function juryImportStatements(
  db: D1Database,
  ctx: AuditContext,
  input: { batchId: string; sessionId: string; plan: ImportPlan },
): D1PreparedStatement[] {
  const { batchId, sessionId, plan } = input
  const summary = batchSummary(plan)
  const write: GradeWrite = {
    sessionId,
    rows: plan.writes.map((w) => ({ candidateId: w.candidateId, rowVersion: w.rowVersion, marks: w.marks, comments: w.comments, decisions: {} })),
    reason: 'Import de fiches d’évaluation du jury',
    source: 'import',
    importBatchId: batchId,
  }
  return [
    guardStatement(
      db,
      'already_imported',
      `EXISTS (SELECT 1 FROM import_batch b, json_each(b.summary_json, '$.files') f
               WHERE b.session_id = ?2 AND b.kind = ?3 AND b.undone_at IS NULL
                 AND f.value->>'hash' IN (SELECT value FROM json_each(?4)))`,
      sessionId,
      JURY_BATCH_KIND,
      JSON.stringify(plan.fileHashes),
    ),
    db
      .prepare('INSERT INTO import_batch (id, session_id, kind, summary_json, created_by) VALUES (?1, ?2, ?3, ?4, ?5)')
      .bind(batchId, sessionId, JURY_BATCH_KIND, JSON.stringify(summary), ctx.actor),
    ...gradeWriteStatements(db, ctx, write),
    auditStatement(db, ctx, { action: 'jury_import.commit', sessionId, details: { batchId, ...summary } }),
  ]
}

export async function commitJuryImport(db: D1Database, ctx: AuditContext, input: { batchId: string; sessionId: string; plan: ImportPlan }): Promise<JuryBatchSummary> {
  await db.batch(juryImportStatements(db, ctx, input))
  return batchSummary(input.plan)
}

/* ----------------------------------------------------------------------------------------- */
/* Listing and undo                                                                          */
/* ----------------------------------------------------------------------------------------- */

interface BatchRow {
  id: string
  created_at: string
  created_by: string
  undone_at: string | null
  summary_json: string
  live_marks: number
}

const SELECT_BATCH = `SELECT b.id, b.created_at, b.created_by, b.undone_at, b.summary_json,
  (SELECT count(*) FROM mark m WHERE m.import_batch_id = b.id) AS live_marks FROM import_batch b`

function toBatch(row: BatchRow): JuryBatch {
  return {
    id: row.id,
    createdAt: row.created_at,
    createdBy: row.created_by,
    undoneAt: row.undone_at,
    summary: JSON.parse(row.summary_json) as JuryBatchSummary,
    liveMarks: row.live_marks,
  }
}

export async function listJuryBatches(db: D1Database, sessionId: string): Promise<JuryBatch[]> {
  const { results } = await db
    .prepare(`${SELECT_BATCH} WHERE b.session_id = ?1 AND b.kind = ?2 ORDER BY b.created_at DESC, b.rowid DESC`)
    .bind(sessionId, JURY_BATCH_KIND)
    .all<BatchRow>()
  return results.map(toBatch)
}

export async function getJuryBatch(db: D1Database, sessionId: string, batchId: string): Promise<JuryBatch | null> {
  const row = await db
    .prepare(`${SELECT_BATCH} WHERE b.id = ?1 AND b.session_id = ?2 AND b.kind = ?3`)
    .bind(batchId, sessionId, JURY_BATCH_KIND)
    .first<BatchRow>()
  return row ? toBatch(row) : null
}

/** One cell a batch wrote: what it replaced, what it wrote, and what the cell holds now. */
export interface BatchCell {
  candidateId: string
  schoolId: string
  critereCode: string
  before: { value: StoredValue; comment: string | null; source: 'manual' | 'import'; importBatchId: string | null }
  written: { value: StoredValue; comment: string | null }
  current: { value: StoredValue; comment: string | null; importBatchId: string | null; author: string; updatedAt: string }
}

/**
 * The cells a batch wrote, from mark_history: each cell's first history row of the batch is the
 * commit's write (a later row with the same batch id can only be the undo of a newer batch
 * putting this batch's value back). Cells of deleted candidates are gone and left out.
 */
export async function readBatchCells(db: D1Database, batchId: string): Promise<BatchCell[]> {
  const { results } = await db
    .prepare(
      `WITH firsts AS (SELECT min(id) AS id FROM mark_history WHERE import_batch_id = ?1 GROUP BY candidate_id, critere_code)
       SELECT h.candidate_id, h.critere_code, h.old_value, h.new_value, h.old_comment, h.new_comment,
              p.source AS prev_source, p.import_batch_id AS prev_batch,
              m.value AS cur_value, m.comment AS cur_comment, m.import_batch_id AS cur_batch, m.author AS cur_author,
              m.updated_at AS cur_updated_at, c.school_id
       FROM firsts JOIN mark_history h ON h.id = firsts.id
       JOIN mark m ON m.candidate_id = h.candidate_id AND m.critere_code = h.critere_code
       JOIN candidate c ON c.id = h.candidate_id
       LEFT JOIN mark_history p ON p.id = (SELECT max(q.id) FROM mark_history q
                                           WHERE q.candidate_id = h.candidate_id AND q.critere_code = h.critere_code AND q.id < h.id)
       ORDER BY c.school_id, h.critere_code`,
    )
    .bind(batchId)
    .all<{
      candidate_id: string
      critere_code: string
      old_value: StoredValue
      new_value: StoredValue
      old_comment: string | null
      new_comment: string | null
      prev_source: 'manual' | 'import' | null
      prev_batch: string | null
      cur_value: StoredValue
      cur_comment: string | null
      cur_batch: string | null
      cur_author: string
      cur_updated_at: string
      school_id: string
    }>()
  return results.map((r) => ({
    candidateId: r.candidate_id,
    schoolId: r.school_id,
    critereCode: r.critere_code,
    // A cell with no earlier history did not exist: it goes back to empty.
    before: { value: r.old_value, comment: r.old_comment, source: r.prev_source ?? 'import', importBatchId: r.prev_source === null ? null : r.prev_batch },
    written: { value: r.new_value, comment: r.new_comment },
    current: { value: r.cur_value, comment: r.cur_comment, importBatchId: r.cur_batch, author: r.cur_author, updatedAt: r.cur_updated_at },
  }))
}

/** A cell changed by someone else since the batch wrote it: undoing would lose that change. */
export function changedSince(cell: BatchCell, batchId: string): boolean {
  const same = (a: StoredValue, b: StoredValue) => (typeof a === 'number' && typeof b === 'number' ? a === b : a === b)
  return !same(cell.current.value, cell.written.value) || cell.current.comment !== cell.written.comment || cell.current.importBatchId !== batchId
}

/**
 * Puts every cell of the batch back as it was before it, in one batch guarded against a session
 * that closed, a batch undone meanwhile, and any cell changed since it was read.
 */
export async function undoJuryBatch(db: D1Database, ctx: AuditContext, sessionId: string, batchId: string, cells: readonly BatchCell[]): Promise<void> {
  const json = JSON.stringify(
    cells.map((cell) => ({
      c: cell.candidateId,
      k: cell.critereCode,
      nv: cell.written.value,
      nc: cell.written.comment,
      ov: cell.before.value,
      oc: cell.before.comment,
      ps: cell.before.source,
      pb: cell.before.importBatchId,
    })),
  )
  const candidateIds = JSON.stringify([...new Set(cells.map((c) => c.candidateId))])
  await db.batch([
    guardStatement(db, 'session_locked', `(SELECT status FROM session WHERE id = ?2) IS NOT 'open'`, sessionId),
    guardStatement(db, 'already_undone', `(SELECT undone_at FROM import_batch WHERE id = ?2) IS NOT NULL`, batchId),
    guardStatement(
      db,
      'changed_since',
      `EXISTS (SELECT 1 FROM json_each(?2) j LEFT JOIN mark m ON m.candidate_id = j.value->>'c' AND m.critere_code = j.value->>'k'
               WHERE m.value IS NOT j.value->>'nv' OR m.comment IS NOT j.value->>'nc' OR m.import_batch_id IS NOT ?3)`,
      json,
      batchId,
    ),
    db
      .prepare(
        `UPDATE mark SET value = j.value->>'ov', comment = j.value->>'oc', source = j.value->>'ps', import_batch_id = j.value->>'pb',
                         author = ?2, reason = ?3, updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), version = mark.version + 1
         FROM json_each(?1) j
         WHERE mark.candidate_id = j.value->>'c' AND mark.critere_code = j.value->>'k'`,
      )
      .bind(json, ctx.actor, `Annulation du lot d’import ${batchId}`),
    db
      .prepare(
        `UPDATE candidate SET row_version = row_version + 1, updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
         WHERE session_id = ?1 AND id IN (SELECT value FROM json_each(?2))`,
      )
      .bind(sessionId, candidateIds),
    db.prepare(`UPDATE import_batch SET undone_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = ?1`).bind(batchId),
    auditStatement(db, ctx, {
      action: 'jury_import.undo',
      sessionId,
      details: { batchId, restored: cells.length, cells: cells.map((c) => ({ candidateId: c.candidateId, critereCode: c.critereCode, restored: c.before.value })) },
    }),
  ])
}
