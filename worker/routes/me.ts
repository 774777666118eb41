/**
 * GET /me: who the caller is and what they may do, globally and per session. The add-in hides
 * what the caller may not do; the Worker still checks every request (worker/auth/authorize.ts).
 */
import { Hono } from 'hono'
import { PERMISSIONS, rolePermissions, type Permission, type Role } from '../auth/permissions'
import { sessionsByIds } from '../db/users'
import type { AppEnv } from '../env'
import { describeRoute, json } from '../openapi/describe'
import { meResponse } from '../openapi/responses/access'

const permissionsOf = (...roles: Array<Role | null | undefined>): Permission[] =>
  PERMISSIONS.filter((p) => roles.some((role) => role && rolePermissions[role].has(p)))

const meDoc = describeRoute({
  summary: 'Identité et droits de l’appelant, globaux et par session',
  tags: ['Accès'],
  responses: { 200: json('Qui appelle et ce qu’il peut faire.', meResponse) },
})

export const meRoutes = new Hono<AppEnv>().get('/', meDoc, async (c) => {
  const identity = c.var.identity
  const sessions = await sessionsByIds(c.env.DB, Object.keys(identity.sessionRoles))
  return c.json(
    {
      identity: {
        kind: identity.kind,
        id: identity.id,
        email: identity.email,
        displayName: identity.displayName,
        globalRole: identity.globalRole,
      },
      /** What the global role allows, on every session. */
      permissions: permissionsOf(identity.globalRole),
      /** Sessions the caller holds a role on, with the union of global and session permissions there. */
      sessions: sessions.map((s) => {
        const role = identity.sessionRoles[s.id] ?? null
        return { id: s.id, name: s.name, status: s.status, role, permissions: permissionsOf(identity.globalRole, role) }
      }),
    },
    200,
  )
})
