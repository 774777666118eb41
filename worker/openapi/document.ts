/**
 * Generates the OpenAPI 3.1 document from the app itself with hono-openapi: each operation's
 * `describeRoute` documentation and the schemas of its validators (request bodies, query and path
 * parameters as input: defaults optional, coercions as their JSON type). Responses are the routes'
 * zod schemas as output.
 *
 * Build and test time only (`npm run openapi` writes addin/public/openapi.json, which the Worker
 * serves; a Worker test checks the file is current): hono-openapi's schema conversion imports
 * zod's core as a namespace, which would bundle every zod locale into the Worker.
 */
import { Hono, type MiddlewareHandler } from 'hono'
import type { RouterRoute } from 'hono/types'
import { generateSpecs, resolver, uniqueSymbol } from 'hono-openapi'
import { permissionLabels } from '../auth/permissions'
import { needsPermission } from '../auth/policy'
import { isZodSchema, TAGS, type ResponseDoc } from './describe'
import { API_BASE, collectOperations, type Operation } from './operations'

type Resolved = ReturnType<typeof resolver>
type Components = NonNullable<Awaited<ReturnType<Resolved['toOpenAPISchema']>>['components']>

/**
 * Named schemas (zod `.meta({ id })`) become components; the same name from two different
 * schemas, or from one schema as input and as output, would silently overwrite one another.
 */
function componentGuard() {
  const seen = new Map<string, string>()
  return (resolved: Resolved, io: 'input' | 'output'): Resolved => ({
    ...resolved,
    toOpenAPISchema: async (options) => {
      const result = await resolved.toOpenAPISchema(options)
      const defs = (result.schema as { $defs?: Components['schemas'] }).$defs
      const named = { ...(result.components?.schemas ?? {}), ...(defs ?? {}) }
      for (const [name, schema] of Object.entries(named)) {
        const text = `${io} ${JSON.stringify(schema)}`
        const previous = seen.get(name)
        if (previous !== undefined && previous !== text) throw new Error(`OpenAPI component ${name} is defined twice, differently`)
        seen.set(name, text)
      }
      return result
    },
  })
}

function describedBy(op: Operation, guard: ReturnType<typeof componentGuard>) {
  const { doc, access } = op
  const permission =
    access && needsPermission(access)
      ? `Droit requis : ${access.permission} (${permissionLabels[access.permission]})${access.scope === 'session' ? ', par le rôle global ou le rôle sur la session' : ''}.`
      : null
  const responses = Object.fromEntries(
    Object.entries(op.responses).map(([status, response]: [string, ResponseDoc]) => [
      status,
      {
        ...response,
        ...(response.content && {
          content: Object.fromEntries(
            Object.entries(response.content).map(([media, { schema }]) => [
              media,
              { schema: isZodSchema(schema) ? guard(resolver(schema, { options: { io: 'output' } }), 'output') : schema },
            ]),
          ),
        }),
      },
    ]),
  )
  return {
    summary: doc.summary,
    ...((doc.description ?? permission) !== null && { description: [doc.description, permission].filter(Boolean).join('\n\n') }),
    tags: doc.tags,
    ...(doc.parameters && { parameters: doc.parameters }),
    ...(doc.requestBody && { requestBody: { required: true, ...doc.requestBody } }),
    ...(access?.scope === 'public' && { security: [] }),
    responses,
  }
}

/** Where the generated document is committed; the build copies it into the static assets. */
export const OPENAPI_FILE = 'addin/public/openapi.json'

/** The file's exact text, so that a regenerated document compares equal to the committed one. */
export const serialiseDocument = (document: unknown) => `${JSON.stringify(document, null, 2)}\n`

/** A handler carrying what hono-openapi reads (it is never called: the app is only described). */
function tagged(value: object): MiddlewareHandler {
  const handler: MiddlewareHandler = (_c, next) => next()
  return Object.assign(handler, { [uniqueSymbol]: value })
}

export async function buildOpenApiDocument(app: { routes: RouterRoute[] }) {
  const guard = componentGuard()
  // A plain Hono app holding, per operation, the markers hono-openapi reads: the route's spec
  // first, then one handler per validator (its target and the very schema that validates).
  const described = new Hono()
  for (const op of collectOperations(app)) {
    described.on(op.method, op.path, tagged({ spec: describedBy(op, guard) }), ...op.validators.map((v) => tagged({ target: v.target, ...guard(resolver(v.schema), 'input') })))
  }
  return generateSpecs(described, {
    documentation: {
      openapi: '3.1.0',
      info: {
        title: 'Certibloc API',
        version: '1.0.0',
        description:
          'API de Certibloc : référentiels de certification RNCP, sessions, candidats, notes, jury, délibération et documents ' +
          '(PV, attestations, synthèses, fichier Caisse des Dépôts). Toutes les erreurs ont la même enveloppe ' +
          '{ error: { code, message, details } } avec un message en français. Ce document est généré depuis les routes ' +
          'et les schémas qui valident leurs requêtes.',
      },
      servers: [{ url: API_BASE }],
      security: [{ bearer: [] }],
      tags: Object.entries(TAGS).map(([name, description]) => ({ name, description })),
      components: {
        securitySchemes: {
          bearer: {
            type: 'http',
            scheme: 'bearer',
            description: 'Jeton d’accès Microsoft Entra ID, jeton d’API (cbt_…) ou jeton administrateur de secours.',
          },
        },
      },
    },
    // Our 400 is the error envelope, documented with the route's other errors.
    defaultValidationErrorResponse: false,
    // Paths ending in a file name (/openapi.json, /summary.xlsx…) are routes here.
    excludeStaticFile: false,
  })
}
