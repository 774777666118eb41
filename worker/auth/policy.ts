/**
 * Every route of the API and what it needs, in one table read by the authorization middleware.
 * A route that is not listed is refused to everyone (default deny): adding a route means adding
 * its line here, and the authorization matrix test fails until its expectation is written too.
 *
 * Keys are "METHOD path" with the path as Hono registers it under /api/v1 (`:param` segments, no
 * trailing slash).
 */
import type { Permission } from './permissions'

type Scope =
  /** No credentials needed. */
  | 'public'
  /** Any authenticated caller, whatever its roles (GET /me). */
  | 'authenticated'
  /** The permission must come from the caller's global role. */
  | 'global'
  /** The permission may come from the global role or from the role held on :sessionId. */
  | 'session'
  /** The permission may come from the global role or from a role held on any session. */
  | 'anySession'

type OpenScope = 'public' | 'authenticated'

export interface OpenAccess {
  scope: Extract<Scope, OpenScope>
}

export interface PermissionAccess {
  scope: Exclude<Scope, OpenScope>
  permission: Permission
  /** The route takes no body: the authorization layer caps it at a few kilobytes. */
  noBody?: boolean
}

export type RouteAccess = OpenAccess | PermissionAccess

export function needsPermission(access: RouteAccess): access is PermissionAccess {
  return 'permission' in access
}

interface Options {
  noBody?: boolean
}

const publicRoute: RouteAccess = { scope: 'public' }
const global = (permission: Permission): RouteAccess => ({ scope: 'global', permission })
const session = (permission: Permission, options: Options = {}): RouteAccess => ({ scope: 'session', permission, ...options })
const anySession = (permission: Permission): RouteAccess => ({ scope: 'anySession', permission })

const S = '/sessions/:sessionId'

export const routePolicy: Readonly<Record<string, RouteAccess>> = {
  'GET /health': publicRoute,
  'GET /openapi.json': publicRoute,
  'GET /auth/config': publicRoute,
  'GET /me': { scope: 'authenticated' },

  'GET /referentials': anySession('referential.read'),
  'POST /referentials': global('referential.write'),
  'GET /referentials/:id': anySession('referential.read'),
  'GET /referentials/:id/diff': anySession('referential.read'),

  // Assessors do not list every session: GET /me lists the ones they are assigned to.
  'GET /sessions': global('session.read'),
  'POST /sessions': global('session.create'),
  [`GET ${S}`]: session('session.read'),
  [`PATCH ${S}`]: session('session.update'),
  // Issue 15: deleting an empty session is as global as creating one; archiving is the
  // responsable's, like finalising.
  [`DELETE ${S}`]: global('session.create'),
  [`POST ${S}/close`]: session('session.finalise'),
  // A rattrapage creates a session: a global right, like POST /sessions.
  [`POST ${S}/rattrapage`]: global('session.create'),

  [`GET ${S}/candidates`]: session('session.read'),
  [`POST ${S}/candidates`]: session('candidate.write'),
  [`POST ${S}/candidates/bulk`]: session('candidate.write'),
  [`POST ${S}/candidates/import`]: session('candidate.write'),
  [`POST ${S}/candidates/import-sheet`]: session('candidate.write'),
  [`POST ${S}/candidates/:candidateId/withdraw`]: session('candidate.write'),
  [`POST ${S}/candidates/:candidateId/reinstate`]: session('candidate.write'),
  [`GET ${S}/candidates/import-template.csv`]: session('session.read'),
  [`GET ${S}/candidates/:candidateId`]: session('session.read'),
  [`PUT ${S}/candidates/:candidateId`]: session('candidate.write'),
  [`DELETE ${S}/candidates/:candidateId`]: session('candidate.write'),

  [`GET ${S}/grid`]: session('session.read'),
  [`GET ${S}/results`]: session('session.read'),
  [`PUT ${S}/grades`]: session('grade.write'),
  [`GET ${S}/jury-sheets.xlsx`]: session('session.read'),
  [`GET ${S}/jury-imports`]: session('session.read'),
  [`POST ${S}/jury-imports`]: session('grade.write'),
  [`POST ${S}/jury-imports/extracted`]: session('grade.write'),
  [`POST ${S}/jury-imports/:batchId/undo`]: session('grade.write', { noBody: true }),

  [`GET ${S}/jury`]: session('session.read'),
  [`PUT ${S}/jury`]: session('jury.write'),
  [`POST ${S}/finalise`]: session('session.finalise'),
  [`POST ${S}/amend`]: session('session.finalise'),
  [`GET ${S}/pv`]: session('session.read'),
  // Issue 15: what can be produced now and why not; each entry says whether the caller may.
  [`GET ${S}/documents`]: session('session.read'),
  [`GET ${S}/pv/:file`]: session('document.export'),
  [`GET ${S}/summary.xlsx`]: session('document.export'),
  [`GET ${S}/summary.csv`]: session('document.export'),
  [`GET ${S}/candidates/:candidateId/attestation.pdf`]: session('document.issue'),
  // Issue 17: every attestation of the session in one PDF.
  [`GET ${S}/attestations.pdf`]: session('document.issue'),
  [`GET ${S}/cdc.xml`]: session('document.issue'),

  [`GET ${S}/audit`]: session('audit.read'),
  [`GET ${S}/candidates/:candidateId/export`]: session('candidate.export'),
  [`POST ${S}/candidates/:candidateId/erase`]: session('candidate.erase'),

  'GET /users': global('user.manage'),
  'POST /users': global('user.manage'),
  'GET /users/:userId': global('user.manage'),
  'PATCH /users/:userId': global('user.manage'),
  'PUT /users/:userId/sessions/:sessionId': global('user.manage'),
  'DELETE /users/:userId/sessions/:sessionId': global('user.manage'),
  // Issue 15: the people of a session and an invitation to it, from the task pane.
  [`GET ${S}/people`]: global('user.manage'),
  [`POST ${S}/people`]: global('user.manage'),

  'GET /certifier-settings': global('settings.manage'),
  'PUT /certifier-settings': global('settings.manage'),

  'GET /tokens': global('token.manage'),
  'POST /tokens': global('token.manage'),
  'DELETE /tokens/:tokenId': global('token.manage'),
}

/** "/api/v1/sessions/:sessionId/grid/" → "/sessions/:sessionId/grid". */
export function policyPath(routePath: string): string {
  return routePath.replace(/^\/api\/v1(?=\/|$)/, '').replace(/\/+$/, '') || '/'
}

export function policyKey(method: string, routePath: string): string {
  return `${method.toUpperCase()} ${policyPath(routePath)}`
}

export function accessFor(method: string, routePath: string): RouteAccess | null {
  return routePolicy[policyKey(method, routePath)] ?? null
}
