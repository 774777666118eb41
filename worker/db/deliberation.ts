/**
 * SQL for the deliberation: the jury, finalisation (results frozen, PV version written, session
 * locked, in one guarded batch) and amendment (session reopened with its reason). Audit events
 * are written in the same batch as the change they record.
 */
import type { D1Database, D1PreparedStatement } from '@cloudflare/workers-types'
import type { JuryCivility, JuryMember } from '../../shared/documents/juryComposition'
import type { NewOverride } from '../../shared/documents/finalisation'
import { auditStatement, type AuditContext } from './audit'
import { sessionOpenGuard } from './candidates'
import { guardStatement } from './guard'

interface JuryMemberRow {
  civility: JuryCivility | null
  name: string
  quality: string
  is_external: number
  is_president: number
}

export async function getJury(db: D1Database, sessionId: string): Promise<JuryMember[]> {
  const { results } = await db
    .prepare('SELECT civility, name, quality, is_external, is_president FROM jury_member WHERE session_id = ?1 ORDER BY position')
    .bind(sessionId)
    .all<JuryMemberRow>()
  return results.map((r) => ({ civility: r.civility, name: r.name, quality: r.quality, external: r.is_external === 1, president: r.is_president === 1 }))
}

/** Replaces the jury of an open session; the guard refuses a deliberated or closed one. */
export async function replaceJury(db: D1Database, ctx: AuditContext, sessionId: string, members: readonly JuryMember[]): Promise<void> {
  await db.batch([
    sessionOpenGuard(db, sessionId),
    db.prepare('DELETE FROM jury_member WHERE session_id = ?1').bind(sessionId),
    db
      .prepare(
        `INSERT INTO jury_member (session_id, position, civility, name, quality, is_external, is_president)
         SELECT ?1, key, value->>'civility', value->>'name', value->>'quality', value->>'external', value->>'president' FROM json_each(?2)`,
      )
      .bind(sessionId, JSON.stringify(members.map((m) => ({ ...m, external: m.external ? 1 : 0, president: m.president ? 1 : 0 })))),
    auditStatement(db, ctx, { action: 'jury.update', sessionId, details: { members } }),
  ])
}

/** One bloc's frozen result, in the compact form bound to the batch. */
export interface BlocDecisionRecord {
  candidateId: string
  blocCode: string
  computedCode: string | null
  overrideCode: string | null
  overrideReason: string | null
  finalCode: string
}

export interface CertificationDecisionRecord {
  candidateId: string
  computedCode: string
  finalCode: string
}

export interface Finalisation {
  sessionId: string
  /** The grid version the results were computed from: the batch refuses if it moved since. */
  gridVersion: number
  pvVersion: number
  contentHash: string
  /** The snapshot's canonical JSON, packed (see packSnapshot). */
  snapshot: string
  candidateCount: number
  amendmentId: number | null
  blocDecisions: readonly BlocDecisionRecord[]
  certificationDecisions: readonly CertificationDecisionRecord[]
  newOverrides: readonly NewOverride[]
  /** The jury failed the composition rules and deliberates by this motivated override. */
  juryOverride: { failures: readonly string[]; reason: string } | null
  details: Record<string, unknown>
}

/**
 * Freezes the results, writes PV `pvVersion` and locks the session, all or nothing. Guards:
 * `session_locked` (not open any more), `stale_grid` (marks changed since they were read),
 * `pv_version_taken` (a concurrent finalisation won).
 */
export async function finaliseSession(db: D1Database, ctx: AuditContext, f: Finalisation): Promise<void> {
  const overriddenRows = [...new Set(f.newOverrides.map((o) => o.candidateId))]
  const statements: D1PreparedStatement[] = [
    sessionOpenGuard(db, f.sessionId),
    guardStatement(db, 'stale_grid', '(SELECT grid_version FROM session WHERE id = ?2) IS NOT ?3', f.sessionId, f.gridVersion),
    guardStatement(db, 'pv_version_taken', 'EXISTS (SELECT 1 FROM pv_version WHERE session_id = ?2 AND version = ?3)', f.sessionId, f.pvVersion),
    db
      .prepare(
        `INSERT INTO bloc_decision (candidate_id, bloc_code, computed_code, override_code, override_reason, final_code, decided_by)
         SELECT value->>'c', value->>'b', value->>'cc', value->>'o', value->>'r', value->>'f', ?2 FROM json_each(?1) WHERE true
         ON CONFLICT (candidate_id, bloc_code) DO UPDATE SET
           computed_code = excluded.computed_code, override_code = excluded.override_code,
           override_reason = excluded.override_reason, final_code = excluded.final_code,
           decided_by = CASE WHEN bloc_decision.override_code IS NOT excluded.override_code THEN excluded.decided_by ELSE bloc_decision.decided_by END,
           decided_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')`,
      )
      .bind(
        JSON.stringify(
          f.blocDecisions.map((d) => ({ c: d.candidateId, b: d.blocCode, cc: d.computedCode, o: d.overrideCode, r: d.overrideReason, f: d.finalCode })),
        ),
        ctx.actor,
      ),
    db
      .prepare(
        `INSERT INTO certification_decision (candidate_id, computed_code, final_code, decided_by)
         SELECT value->>'c', value->>'cc', value->>'f', ?2 FROM json_each(?1) WHERE true
         ON CONFLICT (candidate_id) DO UPDATE SET
           computed_code = excluded.computed_code, final_code = excluded.final_code,
           decided_by = excluded.decided_by, decided_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')`,
      )
      .bind(JSON.stringify(f.certificationDecisions.map((d) => ({ c: d.candidateId, cc: d.computedCode, f: d.finalCode }))), ctx.actor),
  ]
  if (overriddenRows.length > 0) {
    // A jury decision brought by the finalisation changes the row the workbook holds.
    statements.push(
      db
        .prepare(
          `UPDATE candidate SET row_version = row_version + 1, updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
           WHERE session_id = ?1 AND id IN (SELECT value FROM json_each(?2))`,
        )
        .bind(f.sessionId, JSON.stringify(overriddenRows)),
      db
        .prepare(
          `INSERT INTO audit_event (actor, action, session_id, candidate_id, details_json, request_id)
           SELECT ?1, 'bloc.override', ?2, value->>'candidateId', json_object('blocCode', value->>'blocCode', 'code', value->>'code', 'reason', value->>'reason'), ?3
           FROM json_each(?4)`,
        )
        .bind(ctx.actor, f.sessionId, ctx.requestId, JSON.stringify(f.newOverrides)),
    )
  }
  if (f.juryOverride) {
    statements.push(
      auditStatement(db, ctx, {
        action: 'jury.compositionOverride',
        sessionId: f.sessionId,
        details: { pvVersion: f.pvVersion, failures: f.juryOverride.failures, reason: f.juryOverride.reason },
      }),
    )
  }
  statements.push(
    db
      .prepare(
        `INSERT INTO pv_version (session_id, version, content_hash, snapshot_gzip_base64, grid_version, candidate_count, amendment_id, created_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)`,
      )
      .bind(f.sessionId, f.pvVersion, f.contentHash, f.snapshot, f.gridVersion, f.candidateCount, f.amendmentId, ctx.actor),
    db
      .prepare(
        `UPDATE session SET status = 'deliberated', version = version + 1, grid_version = grid_version + 1,
           updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
         WHERE id = ?1`,
      )
      .bind(f.sessionId),
    auditStatement(db, ctx, { action: 'session.finalise', sessionId: f.sessionId, details: { pvVersion: f.pvVersion, contentHash: f.contentHash, ...f.details } }),
  )
  await db.batch(statements)
}

export interface Amendment {
  id: number
  amendedPvVersion: number
  reason: string
  amendedBy: string
  amendedAt: string
}

/**
 * Reopens a deliberated session with its reason. Guard `not_deliberated`: the session is open
 * (nothing to amend) or closed.
 */
export async function amendSession(db: D1Database, ctx: AuditContext, sessionId: string, pvVersion: number, reason: string): Promise<void> {
  await db.batch([
    guardStatement(db, 'not_deliberated', `(SELECT status FROM session WHERE id = ?2) IS NOT 'deliberated'`, sessionId),
    db
      .prepare('INSERT INTO session_amendment (session_id, amended_pv_version, reason, amended_by) VALUES (?1, ?2, ?3, ?4)')
      .bind(sessionId, pvVersion, reason, ctx.actor),
    db
      .prepare(
        `UPDATE session SET status = 'open', version = version + 1, grid_version = grid_version + 1,
           updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
         WHERE id = ?1`,
      )
      .bind(sessionId),
    auditStatement(db, ctx, { action: 'session.amend', sessionId, details: { amendedPvVersion: pvVersion, reason } }),
  ])
}

/** The amendment that reopened the session after PV `pvVersion`, if any. */
export async function amendmentAfter(db: D1Database, sessionId: string, pvVersion: number): Promise<Amendment | null> {
  const row = await db
    .prepare(
      `SELECT id, amended_pv_version, reason, amended_by, amended_at FROM session_amendment
       WHERE session_id = ?1 AND amended_pv_version = ?2 ORDER BY id DESC LIMIT 1`,
    )
    .bind(sessionId, pvVersion)
    .first<{ id: number; amended_pv_version: number; reason: string; amended_by: string; amended_at: string }>()
  return row ? { id: row.id, amendedPvVersion: row.amended_pv_version, reason: row.reason, amendedBy: row.amended_by, amendedAt: row.amended_at } : null
}

export async function latestPvVersion(db: D1Database, sessionId: string): Promise<number> {
  return (await db.prepare('SELECT max(version) AS v FROM pv_version WHERE session_id = ?1').bind(sessionId).first<number | null>('v')) ?? 0
}
