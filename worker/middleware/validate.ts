/**
 * Request validation with zod, rendered in the API's error envelope with the JSON path of each
 * problem. Built on Hono's `validator` so validated types flow to the RPC client. The middleware
 * carries its target and schema, from which the OpenAPI document describes the request.
 */
import { validator } from 'hono/validator'
import type { ValidationTargets } from 'hono'
import { forbiddenCharacter, frenchErrors, type ZodType } from '../../shared/zod'
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

/**
 * Deepest nesting of arrays and objects a request body may have. Our deepest schema (a published
 * référentiel) needs fewer than 10 levels; the limit is documented in docs/security.md.
 */
export const MAX_JSON_DEPTH = 64

/** Issues listed in an answer; the rest are counted (`details.omittedIssues`). Documented in docs/security.md. */
export const MAX_LISTED_ISSUES = 100


function childPath(path: string, key: string): string {
  return /^[A-Za-z_]\w*$/.test(key) && key !== '__proto__' ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`
}

/**
 * The problems of a parsed JSON value no schema should have to meet, in document order: an own
 * "__proto__" key or a value nested deeper than MAX_JSON_DEPTH (the first one ends the walk), and
 * every string or key holding a control character (NUL, C0 but tab and line breaks, C1) or an
 * unpaired surrogate. Iterative (an explicit stack): a body nested thousands of levels deep must
 * get a 400, not overflow the call stack.
 */
function findStructureProblems(value: unknown, root: string): ValidationIssue[] {
  // Paths are written only for the values that have a problem: a 2 MB body holds 100,000 values.
  interface Item {
    value: unknown
    parent: Item | null
    key: string | number
    depth: number
  }
  const pathOf = (item: Item): string => {
    const keys: Array<string | number> = []
    for (let at: Item | null = item; at !== null && at.parent !== null; at = at.parent) keys.push(at.key)
    return keys.reduceRight<string>((path, key) => (typeof key === 'number' ? `${path}[${key}]` : childPath(path, key)), root)
  }
  const problems: ValidationIssue[] = []
  const stack: Item[] = [{ value, parent: null, key: '', depth: 0 }]
  while (stack.length > 0) {
    const item = stack.pop() as Item
    const current = item.value
    if (typeof current === 'string') {
      const message = forbiddenCharacter(current)
      if (message) problems.push({ path: pathOf(item), message })
      continue
    }
    if (current === null || typeof current !== 'object') continue
    if (item.depth >= MAX_JSON_DEPTH) return [{ path: pathOf(item), message: messages.jsonTooDeep(MAX_JSON_DEPTH) }]
    const depth = item.depth + 1
    if (Array.isArray(current)) {
      for (let i = current.length - 1; i >= 0; i--) stack.push({ value: current[i], parent: item, key: i, depth })
    } else {
      const keys = Object.keys(current)
      // Document order: keys checked first to last, children pushed last to first.
      for (const key of keys) {
        if (key === '__proto__') return [{ path: pathOf({ value: null, parent: item, key, depth }), message: 'clé « __proto__ » interdite' }]
        const keyProblem = forbiddenCharacter(key)
        if (keyProblem) problems.push({ path: pathOf({ value: null, parent: item, key, depth }), message: `nom de clé\u00a0: ${keyProblem}` })
      }
      for (let i = keys.length - 1; i >= 0; i--) {
        const key = keys[i] as string
        stack.push({ value: (current as Record<string, unknown>)[key], parent: item, key, depth })
      }
    }
  }
  return problems
}

/**
 * The 400 of a request whose problems are `issues`: the first five in the message, the first
 * MAX_LISTED_ISSUES in `details.issues`, the rest counted in `details.omittedIssues`.
 */
export function validationFailed(issues: ValidationIssue[]): ApiError {
  return new ApiError(
    ErrorCode.VALIDATION_FAILED,
    messages.invalidRequest(
      issues.slice(0, 5).map((i) => `${i.path} — ${i.message}`).join(' ; ') + (issues.length > 5 ? messages.moreIssues(issues.length - 5) : ''),
    ),
    capIssues(issues),
  )
}

function refuse(issues: ValidationIssue[]): never {
  throw validationFailed(issues)
}

/** At most MAX_LISTED_ISSUES issues, and how many were left out. */
function capIssues(issues: ValidationIssue[]): { issues: ValidationIssue[]; omittedIssues?: number } {
  if (issues.length <= MAX_LISTED_ISSUES) return { issues }
  return { issues: issues.slice(0, MAX_LISTED_ISSUES), omittedIssues: issues.length - MAX_LISTED_ISSUES }
}

export function formatPath(root: string, path: ReadonlyArray<PropertyKey>): string {
  return path.reduce<string>(
    (acc, key) => (typeof key === 'number' ? `${acc}[${key}]` : `${acc}.${String(key)}`),
    root,
  )
}

const JSON_MEDIA_TYPE = /^application\/([\w.-]+\+)?json$/i

export function validate<Target extends keyof ValidationTargets, Schema extends ZodType>(
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
    // JSON.parse keeps a "__proto__" key as an own property, but zod records drop it silently;
    // and a body nested deeper than any schema needs is refused before zod walks it.
    const problems = findStructureProblems(value, targetNames[target])
    if (problems.length > 0) refuse(problems)
    // French whatever the global configuration: the locale is the validator's, not the caller's.
    const parsed = schema.safeParse(value, { error: frenchErrors })
    if (parsed.success) return parsed.data
    refuse(
      parsed.error.issues.map((issue) => ({
        path: formatPath(targetNames[target], issue.path),
        message: issue.message,
      })),
    )
  })
  const doc: ValidationDoc = { target, schema }
  return Object.assign(middleware, { [validationDoc]: doc })
}
