/**
 * SQL for users and their roles. Every change is one batch with its audit event; preconditions
 * (the user still at the version the admin read, the last administrator kept) are batch guards.
 */
import type { D1Database } from '@cloudflare/workers-types'
import type { Role, SessionRole } from '../auth/permissions'
import { auditStatement, type AuditContext } from './audit'
import { guardReason, guardStatement } from './guard'
import { actorName, personActors } from '../../shared/people/actorName'

export interface User {
  id: string
  email: string
  displayName: string | null
  globalRole: Role | null
  /** Entra tenant and object ids, recorded at the first sign-in; null until then. */
  tenantId: string | null
  objectId: string | null
  disabledAt: string | null
  version: number
  createdBy: string
  createdAt: string
  updatedAt: string
  /** Role per session id. */
  sessionRoles: Record<string, SessionRole>
}

interface UserRow {
  id: string
  email: string
  display_name: string | null
  global_role: Role | null
  tenant_id: string | null
  object_id: string | null
  disabled_at: string | null
  version: number
  created_by: string
  created_at: string
  updated_at: string
  roles_json: string | null
}

const SELECT_USER = `SELECT u.*,
  (SELECT json_group_object(r.session_id, r.role) FROM session_role r WHERE r.user_id = u.id) AS roles_json
  FROM app_user u`

function toUser(row: UserRow): User {
  return {
    id: row.id,
    email: row.email,
    displayName: row.display_name,
    globalRole: row.global_role,
    tenantId: row.tenant_id,
    objectId: row.object_id,
    disabledAt: row.disabled_at,
    version: row.version,
    createdBy: row.created_by,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    sessionRoles: row.roles_json ? (JSON.parse(row.roles_json) as Record<string, SessionRole>) : {},
  }
}

export async function listUsers(db: D1Database): Promise<User[]> {
  const { results } = await db.prepare(`${SELECT_USER} ORDER BY u.email`).all<UserRow>()
  return results.map(toUser)
}

export async function getUser(db: D1Database, id: string): Promise<User | null> {
  const row = await db.prepare(`${SELECT_USER} WHERE u.id = ?1`).bind(id).first<UserRow>()
  return row ? toUser(row) : null
}

export async function findUserByEntraId(db: D1Database, tenantId: string, objectId: string): Promise<User | null> {
  const row = await db.prepare(`${SELECT_USER} WHERE u.tenant_id = ?1 AND u.object_id = ?2`).bind(tenantId, objectId).first<UserRow>()
  return row ? toUser(row) : null
}

/** An invited user who has not signed in yet (no Entra ids recorded), by email. */
export async function findInvitedUser(db: D1Database, email: string): Promise<User | null> {
  const row = await db.prepare(`${SELECT_USER} WHERE u.email = ?1 AND u.object_id IS NULL`).bind(email).first<UserRow>()
  return row ? toUser(row) : null
}

/**
 * Records the Entra ids of an invited user at their first sign-in. Returns false when someone
 * else linked the row first (two first sign-ins racing), in which case nothing is written.
 */
export async function linkUser(db: D1Database, ctx: AuditContext, userId: string, tenantId: string, objectId: string): Promise<boolean> {
  const [, update] = await db.batch([
    guardStatement(db, 'already_linked', 'NOT EXISTS (SELECT 1 FROM app_user WHERE id = ?2 AND object_id IS NULL)', userId),
    db
      .prepare(
        `UPDATE app_user SET tenant_id = ?2, object_id = ?3, version = version + 1,
           updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = ?1 AND object_id IS NULL`,
      )
      .bind(userId, tenantId, objectId),
    auditStatement(db, ctx, { action: 'user.link', details: { userId, tenantId, objectId } }),
  ]).catch((error: unknown) => {
    // Someone linked this user, or these Entra ids to another user, first: nothing written.
    if (guardReason(error) === 'already_linked' || /UNIQUE constraint failed: app_user/.test(String(error))) return [null, null]
    throw error
  })
  return (update?.meta.changes ?? 0) === 1
}

export interface UserCreate {
  email: string
  displayName: string | null
  globalRole: Role | null
  /** Roles on sessions granted with the invitation, in the same batch. */
  sessionRoles?: ReadonlyArray<{ sessionId: string; role: SessionRole }>
}

/** Guards: duplicate_email, session_not_found (a session of `sessionRoles` does not exist). */
export async function createUser(db: D1Database, ctx: AuditContext, input: UserCreate, id: string = crypto.randomUUID()): Promise<void> {
  const roles = input.sessionRoles ?? []
  const statements = [
    guardStatement(db, 'duplicate_email', 'EXISTS (SELECT 1 FROM app_user WHERE email = ?2)', input.email),
    db
      .prepare('INSERT INTO app_user (id, email, display_name, global_role, created_by) VALUES (?1, ?2, ?3, ?4, ?5)')
      .bind(id, input.email, input.displayName, input.globalRole, ctx.actor),
    auditStatement(db, ctx, { action: 'user.create', details: { userId: id, email: input.email, globalRole: input.globalRole } }),
  ]
  if (roles.length > 0) {
    const json = JSON.stringify(roles)
    statements.push(
      guardStatement(
        db,
        'session_not_found',
        `EXISTS (SELECT 1 FROM json_each(?2) j WHERE NOT EXISTS (SELECT 1 FROM session s WHERE s.id = j.value->>'sessionId'))`,
        json,
      ),
      db
        .prepare(
          `INSERT INTO session_role (user_id, session_id, role, granted_by)
           SELECT ?1, value->>'sessionId', value->>'role', ?2 FROM json_each(?3) WHERE true
           ON CONFLICT (user_id, session_id) DO UPDATE SET role = excluded.role`,
        )
        .bind(id, ctx.actor, json),
      db
        .prepare(
          `INSERT INTO audit_event (actor, action, session_id, candidate_id, details_json, request_id)
           SELECT ?1, 'user.sessionRole.set', value->>'sessionId', NULL,
             json_object('userId', ?2, 'email', ?3, 'role', value->>'role', 'previousRole', NULL), ?4 FROM json_each(?5)`,
        )
        .bind(ctx.actor, id, input.email, ctx.requestId, json),
    )
  }
  await db.batch(statements)
}

/** A user by email, invited or linked. */
export async function findUserByEmail(db: D1Database, email: string): Promise<User | null> {
  const row = await db.prepare(`${SELECT_USER} WHERE u.email = ?1`).bind(email).first<UserRow>()
  return row ? toUser(row) : null
}

export interface SessionPerson {
  userId: string
  email: string
  displayName: string | null
  globalRole: Role | null
  /** The role held on this session; null for someone who reaches it through a global role. */
  sessionRole: SessionRole | null
  disabled: boolean
  /** Signed in at least once (Microsoft account linked). */
  linked: boolean
}

/** Who works on a session: users with a role on it, and users with a global role (every session). */
export async function listSessionPeople(db: D1Database, sessionId: string): Promise<SessionPerson[]> {
  const { results } = await db
    .prepare(
      `SELECT u.id, u.email, u.display_name, u.global_role, u.disabled_at, u.object_id, r.role AS session_role
       FROM app_user u LEFT JOIN session_role r ON r.user_id = u.id AND r.session_id = ?1
       WHERE r.role IS NOT NULL OR u.global_role IS NOT NULL
       ORDER BY u.email`,
    )
    .bind(sessionId)
    .all<{
      id: string
      email: string
      display_name: string | null
      global_role: Role | null
      disabled_at: string | null
      object_id: string | null
      session_role: SessionRole | null
    }>()
  return results.map((r) => ({
    userId: r.id,
    email: r.email,
    displayName: r.display_name,
    globalRole: r.global_role,
    sessionRole: r.session_role,
    disabled: r.disabled_at !== null,
    linked: r.object_id !== null,
  }))
}

export interface UserUpdate {
  version: number
  displayName?: string | null
  globalRole?: Role | null
  disabled?: boolean
}

/** Guards: stale_version (someone changed the user since it was read), last_admin (nobody left to administer). */
export async function updateUser(db: D1Database, ctx: AuditContext, before: User, update: UserUpdate): Promise<void> {
  const removesAdmin =
    before.globalRole === 'admin' &&
    before.disabledAt === null &&
    ((update.globalRole !== undefined && update.globalRole !== 'admin') || update.disabled === true)
  const statements = [
    guardStatement(db, 'stale_version', 'NOT EXISTS (SELECT 1 FROM app_user WHERE id = ?2 AND version = ?3)', before.id, update.version),
  ]
  if (removesAdmin) {
    statements.push(
      guardStatement(
        db,
        'last_admin',
        `(SELECT count(*) FROM app_user WHERE global_role = 'admin' AND disabled_at IS NULL AND id <> ?2) = 0`,
        before.id,
      ),
    )
  }
  const disabledAt = update.disabled === undefined ? undefined : update.disabled ? (before.disabledAt ?? new Date().toISOString()) : null
  statements.push(
    db
      .prepare(
        `UPDATE app_user SET
           display_name = CASE WHEN ?3 THEN ?4 ELSE display_name END,
           global_role = CASE WHEN ?5 THEN ?6 ELSE global_role END,
           disabled_at = CASE WHEN ?7 THEN ?8 ELSE disabled_at END,
           version = version + 1,
           updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
         WHERE id = ?1 AND version = ?2`,
      )
      .bind(
        before.id,
        update.version,
        update.displayName !== undefined ? 1 : 0,
        update.displayName ?? null,
        update.globalRole !== undefined ? 1 : 0,
        update.globalRole ?? null,
        disabledAt !== undefined ? 1 : 0,
        disabledAt ?? null,
      ),
    auditStatement(db, ctx, {
      action: 'user.update',
      details: {
        userId: before.id,
        email: before.email,
        before: { displayName: before.displayName, globalRole: before.globalRole, disabled: before.disabledAt !== null },
        changes: { displayName: update.displayName, globalRole: update.globalRole, disabled: update.disabled },
      },
    }),
  )
  await db.batch(statements)
}

/** Grants or changes a user's role on a session (guard: the session exists). */
export async function setSessionRole(db: D1Database, ctx: AuditContext, user: User, sessionId: string, role: SessionRole): Promise<void> {
  await db.batch([
    guardStatement(db, 'session_not_found', 'NOT EXISTS (SELECT 1 FROM session WHERE id = ?2)', sessionId),
    db
      .prepare(
        `INSERT INTO session_role (user_id, session_id, role, granted_by) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (user_id, session_id) DO UPDATE SET role = excluded.role, granted_by = excluded.granted_by,
           granted_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')`,
      )
      .bind(user.id, sessionId, role, ctx.actor),
    auditStatement(db, ctx, {
      action: 'user.sessionRole.set',
      sessionId,
      details: { userId: user.id, email: user.email, role, previousRole: user.sessionRoles[sessionId] ?? null },
    }),
  ])
}

/** Removes a user's role on a session; false (nothing written) when they held none. */
export async function removeSessionRole(db: D1Database, ctx: AuditContext, user: User, sessionId: string): Promise<boolean> {
  const previousRole = user.sessionRoles[sessionId]
  if (!previousRole) return false
  const [, removed] = await db.batch([
    guardStatement(db, 'no_session_role', 'NOT EXISTS (SELECT 1 FROM session_role WHERE user_id = ?2 AND session_id = ?3)', user.id, sessionId),
    db.prepare('DELETE FROM session_role WHERE user_id = ?1 AND session_id = ?2').bind(user.id, sessionId),
    auditStatement(db, ctx, { action: 'user.sessionRole.remove', sessionId, details: { userId: user.id, email: user.email, previousRole } }),
  ])
  return (removed?.meta.changes ?? 0) === 1
}

/** Names and statuses of the sessions a user holds a role on, for GET /me. */
export async function sessionsByIds(db: D1Database, ids: string[]): Promise<Array<{ id: string; name: string; status: string }>> {
  if (ids.length === 0) return []
  const { results } = await db
    .prepare('SELECT id, name, status FROM session WHERE id IN (SELECT value FROM json_each(?1)) ORDER BY name')
    .bind(JSON.stringify(ids))
    .all<{ id: string; name: string; status: string }>()
  return results
}

/**
 * Display names of the users behind actor keys (emails), to show people by name rather than by
 * their key (shared/people/actorName.ts). One statement whatever the number of actors.
 */
export async function displayNamesOf(db: D1Database, actors: Iterable<string>): Promise<Map<string, string | null>> {
  const emails = personActors(actors)
  if (emails.length === 0) return new Map()
  const { results } = await db
    .prepare('SELECT email, display_name FROM app_user WHERE email IN (SELECT value FROM json_each(?1))')
    .bind(JSON.stringify(emails))
    .all<{ email: string; display_name: string | null }>()
  return new Map(results.map((r) => [r.email, r.display_name]))
}

/** `actors` mapped to the names users read (display names, French labels of system actors). */
export async function actorNamesOf(db: D1Database, actors: Iterable<string>): Promise<(actor: string) => string> {
  const names = await displayNamesOf(db, actors)
  return (actor) => actorName(actor, names)
}
