/**
 * The API's operations as the app registers them: for each method and path, the route's
 * `describeRoute` documentation, the schemas of its validators and every response it can give,
 * including those of the layers around the handler (validation, authorization, errors). Read by
 * the document generator (worker/openapi/document.ts) and by the Worker tests, which check every
 * answer against it. Never imported by the Worker itself.
 */
import type { RouterRoute } from 'hono/types'
import { findTargetHandler } from 'hono/utils/handler'
import { accessFor, needsPermission, type RouteAccess } from '../auth/policy'
import { errorResponse, routeDoc, validationDoc, type ResponseDoc, type RouteDoc, type ValidationDoc } from './describe'

export const API_BASE = '/api/v1'

export interface Operation {
  method: string
  /** Hono's path relative to /api/v1 (`/sessions/:sessionId`). */
  path: string
  /** OpenAPI's (`/sessions/{sessionId}`). */
  openApiPath: string
  doc: RouteDoc
  validators: ValidationDoc[]
  access: RouteAccess | null
  /** The route's own responses and those of the layers around it, by status. */
  responses: Record<string, ResponseDoc>
}

const relative = (path: string) => path.replace(new RegExp(`^${API_BASE}(?=/|$)`), '').replace(/\/+$/, '') || '/'
export const toOpenApiPath = (path: string) => path.replace(/:(\w+)(\{[^}]*\})?/g, '{$1}')

function markers(handler: RouterRoute['handler']): { doc?: RouteDoc; validation?: ValidationDoc } {
  const target = findTargetHandler(handler) as unknown as Partial<Record<typeof routeDoc | typeof validationDoc, unknown>>
  return { doc: target[routeDoc] as RouteDoc | undefined, validation: target[validationDoc] as ValidationDoc | undefined }
}

/** What the layers around a route answer, unless the route documents that status itself. */
function layerResponses(validators: readonly ValidationDoc[], access: RouteAccess | null): Record<string, ResponseDoc> {
  const responses: Record<string, ResponseDoc> = {}
  if (validators.length > 0) responses[400] = errorResponse(400)
  if (validators.some((v) => v.target === 'json')) responses[415] = errorResponse(415, 'Le corps n’est pas en JSON (Content-Type application/json attendu).')
  if (access?.scope !== 'public') {
    responses[401] = errorResponse(401)
    responses[403] = errorResponse(
      403,
      access && needsPermission(access)
        ? `Accès refusé : le rôle de l’appelant n’accorde pas le droit « ${access.permission} »${access.scope === 'session' ? ' (rôle global, ou rôle sur la session)' : ''}, ou son compte est inconnu ou désactivé.`
        : 'Compte Microsoft inconnu de Certibloc ou désactivé.',
    )
    responses[413] = errorResponse(413, 'Requête trop volumineuse : details.maxBytes donne la limite de la route.')
    responses[429] = errorResponse(429)
  }
  responses[500] = errorResponse(500)
  return responses
}

/** Every operation of the app, in registration order; routes without `describeRoute` are left out. */
export function collectOperations(app: { routes: RouterRoute[] }): Operation[] {
  const byKey = new Map<string, { method: string; path: string; doc?: RouteDoc; validators: ValidationDoc[] }>()
  for (const route of app.routes) {
    if (route.method === 'ALL') continue
    const path = relative(route.path)
    const key = `${route.method} ${path}`
    let entry = byKey.get(key)
    if (!entry) {
      entry = { method: route.method, path, validators: [] }
      byKey.set(key, entry)
    }
    const { doc, validation } = markers(route.handler)
    if (doc) entry.doc = doc
    if (validation) entry.validators.push(validation)
  }
  const operations: Operation[] = []
  for (const { method, path, doc, validators } of byKey.values()) {
    if (!doc) continue
    const access = accessFor(method, path)
    operations.push({
      method,
      path,
      openApiPath: toOpenApiPath(path),
      doc,
      validators,
      access,
      responses: { ...layerResponses(validators, access), ...doc.responses },
    })
  }
  return operations
}

/** The routes the app serves (method and path relative to /api/v1), documented or not. */
export function servedRoutes(app: { routes: RouterRoute[] }): string[] {
  return [...new Set(app.routes.filter((r) => r.method !== 'ALL').map((r) => `${r.method} ${relative(r.path)}`))]
}
