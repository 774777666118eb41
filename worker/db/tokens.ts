/**
 * SQL for API tokens. The secret never reaches the database: only its SHA-256 (hex) is stored
 * and looked up. Creation and revocation are audited in the same batch.
 */
import type { D1Database } from '@cloudflare/workers-types'
import type { Role } from '../auth/permissions'
import { auditStatement, type AuditContext } from './audit'
import { guardReason, guardStatement } from './guard'

export interface ApiToken {
  id: string
  name: string
  /** Last four characters of the secret, to recognise it. */
  hint: string
  role: Role
  /** The one session the token acts on, or null for every session. */
  sessionId: string | null
  expiresAt: string
  createdBy: string
  createdAt: string
  revokedAt: string | null
  revokedBy: string | null
  lastUsedAt: string | null
}

interface TokenRow {
  id: string
  name: string
  hint: string
  role: Role
  session_id: string | null
  expires_at: string
  created_by: string
  created_at: string
  revoked_at: string | null
  revoked_by: string | null
  last_used_at: string | null
}

const COLUMNS = 'id, name, hint, role, session_id, expires_at, created_by, created_at, revoked_at, revoked_by, last_used_at'

function toToken(row: TokenRow): ApiToken {
  return {
    id: row.id,
    name: row.name,
    hint: row.hint,
    role: row.role,
    sessionId: row.session_id,
    expiresAt: row.expires_at,
    createdBy: row.created_by,
    createdAt: row.created_at,
    revokedAt: row.revoked_at,
    revokedBy: row.revoked_by,
    lastUsedAt: row.last_used_at,
  }
}

export async function listTokens(db: D1Database): Promise<ApiToken[]> {
  const { results } = await db.prepare(`SELECT ${COLUMNS} FROM api_token ORDER BY created_at DESC, id`).all<TokenRow>()
  return results.map(toToken)
}

export async function getToken(db: D1Database, id: string): Promise<ApiToken | null> {
  const row = await db.prepare(`SELECT ${COLUMNS} FROM api_token WHERE id = ?1`).bind(id).first<TokenRow>()
  return row ? toToken(row) : null
}

/** The token whose secret hashes to `hash`, whatever its state (the caller checks expiry and revocation). */
export async function findTokenByHash(db: D1Database, hash: string): Promise<ApiToken | null> {
  const row = await db.prepare(`SELECT ${COLUMNS} FROM api_token WHERE token_hash = ?1`).bind(hash).first<TokenRow>()
  return row ? toToken(row) : null
}

export interface TokenCreate {
  id: string
  name: string
  tokenHash: string
  hint: string
  role: Role
  sessionId: string | null
  expiresAt: string
}

/** Guard: session_not_found when the token is scoped to a session that does not exist. */
export async function createToken(db: D1Database, ctx: AuditContext, input: TokenCreate): Promise<void> {
  await db.batch([
    guardStatement(db, 'session_not_found', '?2 IS NOT NULL AND NOT EXISTS (SELECT 1 FROM session WHERE id = ?2)', input.sessionId),
    db
      .prepare(
        `INSERT INTO api_token (id, name, token_hash, hint, role, session_id, expires_at, created_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)`,
      )
      .bind(input.id, input.name, input.tokenHash, input.hint, input.role, input.sessionId, input.expiresAt, ctx.actor),
    auditStatement(db, ctx, {
      action: 'token.create',
      sessionId: input.sessionId,
      details: { tokenId: input.id, name: input.name, role: input.role, sessionId: input.sessionId, expiresAt: input.expiresAt },
    }),
  ])
}

/** Revokes a token; false (nothing written) when it was already revoked, even by a concurrent request. */
export async function revokeToken(db: D1Database, ctx: AuditContext, token: ApiToken): Promise<boolean> {
  if (token.revokedAt !== null) return false
  const results = await db.batch([
    guardStatement(db, 'already_revoked', 'NOT EXISTS (SELECT 1 FROM api_token WHERE id = ?2 AND revoked_at IS NULL)', token.id),
    db
      .prepare(`UPDATE api_token SET revoked_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), revoked_by = ?2 WHERE id = ?1 AND revoked_at IS NULL`)
      .bind(token.id, ctx.actor),
    auditStatement(db, ctx, { action: 'token.revoke', sessionId: token.sessionId, details: { tokenId: token.id, name: token.name } }),
  ]).catch((error: unknown) => {
    if (guardReason(error) === 'already_revoked') return null
    throw error
  })
  return (results?.[1]?.meta.changes ?? 0) === 1
}

/** Records a use, at most once a minute per token so that reads do not each cost a write. */
export async function touchToken(db: D1Database, id: string, now: Date = new Date()): Promise<void> {
  const minuteAgo = new Date(now.getTime() - 60_000).toISOString()
  await db
    .prepare('UPDATE api_token SET last_used_at = ?2 WHERE id = ?1 AND (last_used_at IS NULL OR last_used_at < ?3)')
    .bind(id, now.toISOString(), minuteAgo)
    .run()
}
