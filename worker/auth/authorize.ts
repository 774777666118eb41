/**
 * The one authorization middleware, mounted once in worker/app.ts in front of every route.
 *
 * 1. Finds the route Hono matched and its line in the policy (worker/auth/policy.ts); a public
 *    route passes without credentials.
 * 2. Authenticates the caller (worker/auth/identity.ts): 401 without or with bad credentials
 *    (failures counted per address, 429 past the limit), 403 for a valid Microsoft sign-in that
 *    Certibloc does not know or has disabled.
 * 3. Checks the permission the route needs against the caller's roles: the global role, plus on a
 *    session-scoped route the role held on that session. 403 FORBIDDEN names what is missing. A
 *    route missing from the policy is refused to everyone.
 * 4. Caps the request body: the route's own limit applies after this, this is the ceiling for
 *    routes that take no body and for any route that would forget one.
 */
import type { Context } from 'hono'
import { createMiddleware } from 'hono/factory'
import { matchedRoutes } from 'hono/route'
import type { AppEnv } from '../env'
import { ApiError, ErrorCode } from '../errors'
import { messages } from '../i18n/fr'
import { limitBody, MiB } from '../middleware/limitBody'
import { authenticate, type Identity } from './identity'
import { permissionLabels, roleGrants, type Permission } from './permissions'
import { accessFor, needsPermission, type RouteAccess } from './policy'
import { blockedFor, clientAddress, recordFailedAuthentication } from './rateLimit'

/** Body ceiling of routes that declare no body (DELETE, undo, …) and of any write route. */
export const NO_BODY_LIMIT = 64 * 1024
export const MAX_BODY_LIMIT = 51 * MiB
/** What the ceiling's 413 states: the largest limit a route documents (jury-sheet imports, 50 Mo). */
const STATED_BODY_LIMIT = 50 * MiB

interface MatchedRoute {
  method: string
  path: string
}

/** The route that will answer: the last matched one that is not middleware (`ALL`). */
function handlerRoute(c: Context<AppEnv>): MatchedRoute | null {
  const routes = matchedRoutes(c)
  for (let i = routes.length - 1; i >= 0; i--) {
    const route = routes[i]
    if (route && route.method !== 'ALL') return route
  }
  return null
}

/** Value of a `:name` segment of the matched route in the request path. */
function pathParam(routePath: string, requestPath: string, name: string): string | null {
  const pattern = routePath.split('/')
  const index = pattern.indexOf(`:${name}`)
  if (index < 0) return null
  const segment = requestPath.split('/')[index]
  if (segment === undefined) return null
  try {
    return decodeURIComponent(segment)
  } catch {
    return null
  }
}

/** Whether the identity holds `permission`, on `sessionId` when the route is session-scoped. */
export function grants(identity: Identity, access: RouteAccess, sessionId: string | null): boolean {
  if (!needsPermission(access)) return true
  const { permission } = access
  if (roleGrants(identity.globalRole, permission)) return true
  if (access.scope === 'session') return sessionId !== null && roleGrants(identity.sessionRoles[sessionId], permission)
  if (access.scope === 'anySession') return Object.values(identity.sessionRoles).some((role) => roleGrants(role, permission))
  return false
}

function unauthorized(c: Context<AppEnv>, message: string, details: unknown = null): ApiError {
  c.header('WWW-Authenticate', 'Bearer realm="certibloc"')
  return new ApiError(ErrorCode.UNAUTHORIZED, message, details)
}

function tooManyRequests(c: Context<AppEnv>, seconds: number): ApiError {
  c.header('Retry-After', String(seconds))
  return new ApiError(ErrorCode.TOO_MANY_REQUESTS, messages.tooManyFailedAuthentications(seconds), { retryAfterSeconds: seconds })
}

function forbidden(permission: Permission, sessionId: string | null): ApiError {
  return new ApiError(ErrorCode.FORBIDDEN, messages.forbidden(permissionLabels[permission], permission, sessionId !== null), {
    permission,
    sessionId,
  })
}

export const authorize = createMiddleware<AppEnv>(async (c, next) => {
  const route = handlerRoute(c)
  const access = route ? accessFor(route.method, route.path) : null
  if (access?.scope === 'public') return next()

  const address = clientAddress(c.req.raw.headers)
  const wait = blockedFor(address)
  if (wait > 0) throw tooManyRequests(c, wait)

  const authentication = await authenticate(c.env, c.req.header('authorization'), { requestId: c.var.requestId })
  switch (authentication.outcome) {
    case 'missing':
      throw unauthorized(c, messages.unauthorized)
    case 'invalid': {
      const blockedSeconds = await recordFailedAuthentication(c.env, address)
      if (blockedSeconds > 0) throw tooManyRequests(c, blockedSeconds)
      throw unauthorized(c, authentication.reason === 'expired' ? messages.credentialsExpired : messages.unauthorized, {
        reason: authentication.reason,
      })
    }
    case 'refused':
      throw new ApiError(
        ErrorCode.FORBIDDEN,
        authentication.reason === 'disabled_user' ? messages.userDisabled : messages.userUnknown(authentication.email),
        { reason: authentication.reason },
      )
    case 'authenticated':
      break
  }
  const { identity } = authentication
  c.set('identity', identity)
  c.set('actor', identity.actor)

  // No route matched: authenticated callers get the 404 that follows.
  if (!route) return next()
  if (!access) throw new ApiError(ErrorCode.FORBIDDEN, messages.routeNotInPolicy, { route: `${route.method} ${route.path}` })
  if (!needsPermission(access)) return limitBody(NO_BODY_LIMIT)(c, next)
  const sessionId = access.scope === 'session' ? pathParam(route.path, c.req.path, 'sessionId') : null
  if (!grants(identity, access, sessionId)) throw forbidden(access.permission, sessionId)

  const bodiless = c.req.method === 'DELETE' || c.req.method === 'GET' || c.req.method === 'HEAD' || access.noBody === true
  return (bodiless ? limitBody(NO_BODY_LIMIT) : limitBody(MAX_BODY_LIMIT, STATED_BODY_LIMIT))(c, next)
})
