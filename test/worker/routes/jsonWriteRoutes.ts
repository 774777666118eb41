/**
 * Every write route of the app that takes a JSON body, read from the routes themselves (their
 * `validate('json', …)`), so a route added tomorrow is covered by the hostile-input tests.
 */
import { app } from '../../../worker/app'
import { API_BASE, collectOperations } from '../../../worker/openapi/operations'

export interface JsonWriteRoute {
  method: string
  /** Hono's path relative to /api/v1 (`/sessions/:sessionId/grades`). */
  path: string
  /** The keys of the body's top-level object, when the schema is an object (`shape`). */
  keys: string[]
}

export function jsonWriteRoutes(): JsonWriteRoute[] {
  return collectOperations(app)
    .filter((op) => op.method !== 'GET' && op.validators.some((v) => v.target === 'json'))
    .map((op) => {
      const schema = op.validators.find((v) => v.target === 'json')?.schema as { shape?: Record<string, unknown> } | undefined
      return { method: op.method, path: op.path, keys: Object.keys(schema?.shape ?? {}) }
    })
}

/** The route's URL with its path parameters filled from `ids` (an unknown parameter gets « inconnu »). */
export function urlOf(route: JsonWriteRoute, ids: Record<string, string>): string {
  return API_BASE + route.path.replace(/:(\w+)/g, (_, name: string) => encodeURIComponent(ids[name] ?? 'inconnu'))
}
