/**
 * Bulk grade writes: marks, comments and jury decisions for many candidates in ONE atomic batch:
 * guard, marks, decisions, row versions, audit, idempotency record — six statements up to
 * ≈ 2,500 fully graded candidates, one more per 1.8 MB of JSON beyond (see jsonChunks). Rows are bound as one JSON string each statement expands with
 * json_each, so D1's 100-parameter limit never applies.
 */
import type { D1Database, D1PreparedStatement } from '@cloudflare/workers-types'
import type { AuditContext } from './audit'
import type { StoredMarkValue } from './grid'

export interface RowGradeChange {
  candidateId: string
  /** The row version the client last saw; the write is refused if the row moved since. */
  rowVersion: number
  /** Canonical mark per critère code; null clears the cell. */
  marks: Record<string, StoredMarkValue>
  /** Comment per critère code (only for critères present in `marks`); null clears it. */
  comments: Record<string, string | null>
  /** Jury decision per bloc code; code null removes the decision. */
  decisions: Record<string, { code: 'ADM' | 'ADJ' | 'AJ' | null; reason: string | null }>
}

export interface GradeWrite {
  sessionId: string
  rows: RowGradeChange[]
  reason: string | null
  source: 'manual' | 'import'
  importBatchId?: string | null
  /** `caller` scopes the key: the identity kind and id (`user:…`, `apiToken:…`, `breakGlass:admin`). */
  idempotency?: { caller: string; key: string; route: string; requestHash: string } | null
}

export interface GradeWriteResult {
  rows: Array<{ candidateId: string; rowVersion: number }>
  written: { marks: number; decisions: number }
}

/**
 * D1 refuses a bound value over 2,000,000 bytes. Rows are bound as JSON arrays of at most this
 * size, so a grid of up to ≈ 2,500 fully graded candidates takes one statement per table and a
 * larger one a few more, still in the same atomic batch.
 */
const MAX_JSON_PARAM_BYTES = 1_800_000

/** The rows as JSON arrays, each under D1's limit on a bound value (UTF-8 bytes). */
export function jsonChunks(rows: readonly unknown[]): string[] {
  const chunks: string[] = []
  let current: string[] = []
  let size = 2
  for (const row of rows) {
    const json = JSON.stringify(row)
    const bytes = utf8Length(json) + 1
    if (current.length > 0 && size + bytes > MAX_JSON_PARAM_BYTES) {
      chunks.push(`[${current.join(',')}]`)
      current = []
      size = 2
    }
    current.push(json)
    size += bytes
  }
  if (current.length > 0) chunks.push(`[${current.join(',')}]`)
  return chunks
}

/** Bytes of a string in UTF-8 (a lone surrogate counts 3, as TextEncoder writes U+FFFD), counted without encoding it. */
export function utf8Length(text: string): number {
  let bytes = text.length
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i)
    if (unit < 0x80) continue
    if (unit < 0x800) bytes += 1
    else if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      bytes += 2
      i++
    } else bytes += 2
  }
  return bytes
}

/** Statements of the write batch, exposed so the benchmark can count them. */
export function gradeWriteStatements(db: D1Database, ctx: AuditContext, write: GradeWrite): D1PreparedStatement[] {
  const rowRefs = JSON.stringify(write.rows.map((r) => ({ c: r.candidateId, v: r.rowVersion })))
  // Internal encoding: a mark with a comment is [value, comment], so one json_each pass sees both.
  const markRows = write.rows
    .filter((r) => Object.keys(r.marks).length > 0)
    .map((r) => ({
      c: r.candidateId,
      m: Object.fromEntries<unknown>(
        Object.entries(r.marks).map(([code, value]) =>
          Object.hasOwn(r.comments, code) ? [code, [value, r.comments[code]]] : [code, value],
        ),
      ),
    }))
  const decisions = write.rows.flatMap((r) =>
    Object.entries(r.decisions).map(([blocCode, d]) => ({ c: r.candidateId, b: blocCode, code: d.code, reason: d.code ? d.reason : null })),
  )
  const statements: D1PreparedStatement[] = [
    db
      .prepare(
        `INSERT INTO batch_guard (reason)
         SELECT CASE WHEN (SELECT status FROM session WHERE id = ?1) IS NOT 'open' THEN 'session_locked' ELSE 'stale_rows' END
         WHERE (SELECT status FROM session WHERE id = ?1) IS NOT 'open'
            OR EXISTS (SELECT 1 FROM json_each(?2) r
                       LEFT JOIN candidate c ON c.id = r.value->>'c' AND c.session_id = ?1
                       WHERE c.row_version IS NOT r.value->>'v')`,
      )
      .bind(write.sessionId, rowRefs),
  ]
  for (const chunk of jsonChunks(markRows)) {
    statements.push(
      db
        .prepare(
          `INSERT INTO mark (candidate_id, critere_code, value, comment, source, import_batch_id, author, reason, updated_at, version)
           SELECT r.value->>'c', m.key,
                  CASE WHEN m.type = 'array' THEN m.value->>0 ELSE m.atom END,
                  CASE WHEN m.type = 'array' THEN m.value->>1
                       ELSE (SELECT old.comment FROM mark old WHERE old.candidate_id = r.value->>'c' AND old.critere_code = m.key) END,
                  ?2, ?3, ?4, ?5, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 1
           FROM json_each(?1) r, json_each(r.value, '$.m') m
           -- Clearing a cell that was never graded is not a change: no row, no history.
           WHERE m.atom IS NOT NULL OR m.type = 'array'
              OR EXISTS (SELECT 1 FROM mark old WHERE old.candidate_id = r.value->>'c' AND old.critere_code = m.key)
           ON CONFLICT (candidate_id, critere_code) DO UPDATE SET
             value = excluded.value, comment = excluded.comment, source = excluded.source,
             import_batch_id = excluded.import_batch_id, author = excluded.author, reason = excluded.reason,
             updated_at = excluded.updated_at, version = mark.version + 1
           WHERE mark.value IS NOT excluded.value OR mark.comment IS NOT excluded.comment`,
        )
        .bind(chunk, write.source, write.importBatchId ?? null, ctx.actor, write.reason),
    )
  }
  for (const chunk of jsonChunks(decisions)) {
    statements.push(
      db
        .prepare(
          `INSERT INTO bloc_decision (candidate_id, bloc_code, override_code, override_reason, decided_by)
           SELECT value->>'c', value->>'b', value->>'code', value->>'reason', ?2 FROM json_each(?1) WHERE true
           ON CONFLICT (candidate_id, bloc_code) DO UPDATE SET
             override_code = excluded.override_code, override_reason = excluded.override_reason,
             decided_by = excluded.decided_by, decided_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')`,
        )
        .bind(chunk, ctx.actor),
    )
  }
  statements.push(
    db
      .prepare(
        `UPDATE candidate SET row_version = row_version + 1, updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
         WHERE session_id = ?1 AND id IN (SELECT value->>'c' FROM json_each(?2))`,
      )
      .bind(write.sessionId, rowRefs),
  )
  // One audit event per row; `value->'d'` stores the details object as JSON text without a
  // second level of escaping. The events go right after the guard, before the marks are written,
  // so that each records the values it replaces (`previous`: the Journal shows « old → new »); the
  // batch is one transaction either way.
  const auditRows = write.rows.map((r) => ({
    c: r.candidateId,
    d: { source: write.source, importBatchId: write.importBatchId ?? null, reason: write.reason, marks: r.marks, decisions: r.decisions },
  }))
  const auditStatements = jsonChunks(auditRows).map((chunk) =>
    db
      .prepare(
        `INSERT INTO audit_event (actor, action, session_id, candidate_id, details_json, request_id)
         SELECT ?1, 'grades.update', ?2, r.value->>'c',
                json_set(r.value->'d', '$.previous', json((
                  SELECT json_group_object(m.key, old.value) FROM json_each(r.value, '$.d.marks') m
                  LEFT JOIN mark old ON old.candidate_id = r.value->>'c' AND old.critere_code = m.key))),
                ?3
         FROM json_each(?4) r`,
      )
      .bind(ctx.actor, write.sessionId, ctx.requestId, chunk),
  )
  statements.splice(1, 0, ...auditStatements)
  if (write.idempotency) {
    statements.push(
      db
        .prepare(
          `INSERT INTO idempotency_key (caller, key, route, request_hash, status, response_json) VALUES (?1, ?2, ?3, ?4, 200, ?5)`,
        )
        .bind(write.idempotency.caller, write.idempotency.key, write.idempotency.route, write.idempotency.requestHash, JSON.stringify(gradeWriteResult(write))),
    )
  }
  return statements
}

/**
 * The answer to a successful write, known before the batch runs: the guard guarantees every row
 * was at the client's version, and the batch bumps each row exactly once.
 */
export function gradeWriteResult(write: GradeWrite): GradeWriteResult {
  return {
    rows: write.rows.map((r) => ({ candidateId: r.candidateId, rowVersion: r.rowVersion + 1 })),
    written: {
      marks: write.rows.reduce((n, r) => n + Object.keys(r.marks).length, 0),
      decisions: write.rows.reduce((n, r) => n + Object.keys(r.decisions).length, 0),
    },
  }
}

export async function writeGrades(db: D1Database, ctx: AuditContext, write: GradeWrite): Promise<GradeWriteResult> {
  await db.batch(gradeWriteStatements(db, ctx, write))
  return gradeWriteResult(write)
}

/** The server's side of each sent cell of rows the client saw at an older version, where the two sides differ. */
export interface CellConflict {
  candidateId: string
  critereCode: string | null
  blocCode: string | null
  serverValue: StoredMarkValue
  clientValue: StoredMarkValue
  serverRowVersion: number | null
  clientRowVersion: number
}

export async function findConflicts(db: D1Database, sessionId: string, rows: RowGradeChange[]): Promise<CellConflict[]> {
  const { results } = await db
    .prepare(
      `SELECT r.value->>'c' AS candidate_id, c.row_version,
         (SELECT json_group_object(m.critere_code, m.value) FROM mark m WHERE m.candidate_id = c.id) AS marks_json,
         (SELECT json_group_object(d.bloc_code, d.override_code) FROM bloc_decision d WHERE d.candidate_id = c.id) AS decisions_json
       FROM json_each(?2) r LEFT JOIN candidate c ON c.id = r.value->>'c' AND c.session_id = ?1
       WHERE c.row_version IS NOT r.value->>'v'`,
    )
    .bind(sessionId, JSON.stringify(rows.map((r) => ({ c: r.candidateId, v: r.rowVersion }))))
    .all<{ candidate_id: string; row_version: number | null; marks_json: string | null; decisions_json: string | null }>()
  const byId = new Map(rows.map((r) => [r.candidateId, r]))
  return results.flatMap((server) => {
    const client = byId.get(server.candidate_id)
    if (!client) return []
    const marks = JSON.parse(server.marks_json ?? '{}') as Record<string, StoredMarkValue>
    const decisions = JSON.parse(server.decisions_json ?? '{}') as Record<string, StoredMarkValue>
    const base = { candidateId: server.candidate_id, serverRowVersion: server.row_version, clientRowVersion: client.rowVersion }
    // Only the cells whose two sides differ: a cell equal on both sides needs no choice.
    const cells: CellConflict[] = [
      ...Object.entries(client.marks).map(([code, value]) => ({
        ...base,
        critereCode: code,
        blocCode: null,
        serverValue: marks[code] ?? null,
        clientValue: value,
      })),
      ...Object.entries(client.decisions).map(([blocCode, d]) => ({
        ...base,
        critereCode: null,
        blocCode,
        serverValue: decisions[blocCode] ?? null,
        clientValue: d.code,
      })),
    ]
    return cells.filter((cell) => cell.serverValue !== cell.clientValue)
  })
}

export async function findIdempotentAnswer(
  db: D1Database,
  caller: string,
  key: string,
  route: string,
): Promise<{ requestHash: string; status: number; response: unknown } | null> {
  const row = await db
    .prepare('SELECT request_hash, status, response_json FROM idempotency_key WHERE caller = ?1 AND key = ?2 AND route = ?3')
    .bind(caller, key, route)
    .first<{ request_hash: string; status: number; response_json: string }>()
  return row ? { requestHash: row.request_hash, status: row.status, response: JSON.parse(row.response_json) } : null
}
