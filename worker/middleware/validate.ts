/**
 * Request validation with zod, rendered in the API's error envelope with the JSON path of each
 * problem. Built on Hono's `validator` so validated types flow to the RPC client. The middleware
 * carries its target and schema, from which the OpenAPI document describes the request.
 */
import { validator } from 'hono/validator'
import type { ValidationTargets } from 'hono'
import type * as z from '../../shared/zod'
import { ApiError, ErrorCode } from '../errors'
import { messages } from '../i18n/fr'
import { validationDoc, type ValidationDoc } from '../openapi/describe'

export interface ValidationIssue {
  /** Where the problem is, e.g. `body.marks[3].value` or `param.id`. */
  path: string
  message: string
}

const targetNames: Record<keyof ValidationTargets, string> = {
  json: 'body',
  form: 'body',
  query: 'query',
  param: 'param',
  header: 'header',
  cookie: 'cookie',
}

/** Path of the first own "__proto__" key in a parsed JSON value, or null. */
function findPrototypeKey(value: unknown, path: string): string | null {
  if (value === null || typeof value !== 'object') return null
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findPrototypeKey(value[i], `${path}[${i}]`)
      if (found !== null) return found
    }
    return null
  }
  for (const key of Object.keys(value)) {
    const child = `${path}[${JSON.stringify(key)}]`
    if (key === '__proto__') return child
    const found = findPrototypeKey((value as Record<string, unknown>)[key], /^[A-Za-z_]\w*$/.test(key) ? `${path}.${key}` : child)
    if (found !== null) return found
  }
  return null
}

export function formatPath(root: string, path: ReadonlyArray<PropertyKey>): string {
  return path.reduce<string>(
    (acc, key) => (typeof key === 'number' ? `${acc}[${key}]` : `${acc}.${String(key)}`),
    root,
  )
}

const JSON_MEDIA_TYPE = /^application\/([\w.-]+\+)?json$/i

export function validate<Target extends keyof ValidationTargets, Schema extends z.ZodType>(
  target: Target,
  schema: Schema,
) {
  const middleware = validator(target, (value, c) => {
    // Hono's validator silently reads a non-JSON body as {}: say what is wrong instead.
    if (target === 'json') {
      const mediaType = (c.req.header('content-type') ?? '').split(';')[0]?.trim() ?? ''
      if (!JSON_MEDIA_TYPE.test(mediaType)) {
        throw new ApiError(ErrorCode.UNSUPPORTED_MEDIA_TYPE, messages.unsupportedMediaType('application/json'), {
          issues: [{ path: 'header.content-type', message: `« ${mediaType || 'absent'} » reçu` }],
        })
      }
    }
    // JSON.parse keeps a "__proto__" key as an own property, but zod records drop it silently.
    const prototypeKey = findPrototypeKey(value, targetNames[target])
    if (prototypeKey !== null) {
      throw new ApiError(ErrorCode.VALIDATION_FAILED, messages.invalidRequest(`${prototypeKey} — clé interdite`), {
        issues: [{ path: prototypeKey, message: 'clé « __proto__ » interdite' }],
      })
    }
    const parsed = schema.safeParse(value)
    if (parsed.success) return parsed.data
    const issues: ValidationIssue[] = parsed.error.issues.map((issue) => ({
      path: formatPath(targetNames[target], issue.path),
      message: issue.message,
    }))
    throw new ApiError(
      ErrorCode.VALIDATION_FAILED,
      messages.invalidRequest(issues.slice(0, 5).map((i) => `${i.path} — ${i.message}`).join(' ; ')),
      { issues },
    )
  })
  const doc: ValidationDoc = { target, schema }
  return Object.assign(middleware, { [validationDoc]: doc })
}
