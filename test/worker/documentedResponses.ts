/**
 * Every answer the Worker tests receive is checked against the OpenAPI description of its route:
 * the status must be documented, the media type too, and a JSON body must match the zod schema
 * the document is generated from (error answers: the envelope with a code of that status). The
 * request helpers (harness.ts, deliberation/helpers.ts, jury/juryApp.ts) all go through here, so
 * the documented response schemas are proven by the whole suite.
 */
import { app } from '../../worker/app'
import { isZodSchema, type ResponseDoc } from '../../worker/openapi/describe'
import { API_BASE, collectOperations, type Operation } from '../../worker/openapi/operations'

interface Matcher {
  method: string
  pattern: RegExp
  operation: Operation
}

let matchers: Matcher[] | null = null

/** In registration order, as Hono tries them: the first route that matches is the one answering. */
function routeMatchers(): Matcher[] {
  matchers ??= collectOperations(app).map((operation) => ({
    method: operation.method,
    pattern: new RegExp(`^${API_BASE}${operation.path.replace(/[.]/g, '\\.').replace(/:\w+/g, '[^/]+')}$`),
    operation,
  }))
  return matchers
}

export function operationFor(method: string, pathname: string): Operation | null {
  const upper = method.toUpperCase()
  return routeMatchers().find((m) => m.method === upper && m.pattern.test(pathname))?.operation ?? null
}

const mediaTypeOf = (response: Response) => (response.headers.get('content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? ''

function describeIssues(issues: ReadonlyArray<{ path: ReadonlyArray<PropertyKey>; message: string }>): string {
  return issues
    .slice(0, 10)
    .map((issue) => `  ${issue.path.map(String).join('.') || '(racine)'} : ${issue.message}`)
    .join('\n')
}

/** Throws, failing the test, when the answer is not what the document says the route answers. */
export async function checkDocumentedResponse(method: string, url: string, response: Response): Promise<void> {
  const { pathname } = new URL(url, 'http://certibloc.test')
  const operation = operationFor(method, pathname)
  // No route matched: the app's 404, which no operation describes.
  if (!operation) return
  const where = `${method.toUpperCase()} ${operation.path} → ${response.status}`
  const documented: ResponseDoc | undefined = operation.responses[response.status]
  if (!documented) {
    const body = await response.clone().text()
    throw new Error(`Réponse non documentée : ${where} (documentés : ${Object.keys(operation.responses).join(', ')})\n${body.slice(0, 500)}`)
  }
  const body = await response.clone().arrayBuffer()
  if (!documented.content) {
    if (body.byteLength > 0) throw new Error(`${where} : le document ne prévoit pas de corps, la réponse en a un (${body.byteLength} octets)`)
    return
  }
  const mediaType = mediaTypeOf(response)
  const media = documented.content[mediaType]
  if (!media) throw new Error(`${where} : type « ${mediaType} » non documenté (documentés : ${Object.keys(documented.content).join(', ')})`)
  const { schema } = media
  if (mediaType !== 'application/json' || !isZodSchema(schema)) return
  const parsed = schema.safeParse(JSON.parse(new TextDecoder().decode(body)))
  if (!parsed.success) throw new Error(`${where} : le corps ne suit pas le schéma documenté\n${describeIssues(parsed.error.issues)}`)
}
