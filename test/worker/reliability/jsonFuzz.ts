/**
 * Generators of hostile request bodies for the fuzz tests: nasty JSON values, structural
 * mutations of a valid body (wrong types at random paths, deleted, renamed or added keys) and
 * raw-text corruptions.
 */
import fc from 'fast-check'

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json }
export type JsonPath = Array<string | number>

/**
 * Nested arrays or objects `depth` levels deep. It prints as `nested(depth)` in fast-check's
 * reports, whose recursive printer would overflow the stack on the value itself.
 */
export function nested(depth: number, arrays: boolean): Json {
  let value: Json = 'fond'
  for (let i = 0; i < depth; i++) value = arrays ? [value] : { n: value }
  Object.defineProperty(value, fc.toStringMethod, { value: () => `nested(${depth}, ${arrays ? 'arrays' : 'objects'})` })
  return value
}

const nastyText = fc.oneof(
  fc.constantFrom(
    '', ' ', '   ', 'NaN', 'Infinity', '-Infinity', '1e999', '-1', '0', '-0', '0x1F', '１２', 'null', 'true', 'undefined',
    '[object Object]', '__proto__', 'constructor', 'ACQ', ' acq ', 'ADJ', 'CR1.1', 'BC01', 'BC05-A', '=1+1', '+1', '@SOMME(A1)',
    "'; DROP TABLE mark; --", '"', '\\', '\u0000', '\ud800', '\udfff', '🎓', '\u202e', 'ﬀ', '2026-02-30', '99100', 'a@b',
  ),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  // Huge strings, up to ~600 KB of UTF-8.
  fc.integer({ min: 101, max: 300_000 }).map((n) => 'é'.repeat(n)),
)

const nastyNumber = fc.oneof(
  fc.constantFrom(0, -1, -42, 0.5, 1.5, 20.004, 2 ** 31, 2 ** 53, -(2 ** 53), 1e308, -1e308, 5e-324),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
)

export const nastyValue: fc.Arbitrary<Json> = fc.oneof(
  { weight: 3, arbitrary: nastyText },
  { weight: 2, arbitrary: nastyNumber },
  { weight: 1, arbitrary: fc.constantFrom<Json>(null, true, false, {}, [], [null], { '': '' }) },
  { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 3 }) as fc.Arbitrary<Json> },
  { weight: 1, arbitrary: fc.tuple(fc.integer({ min: 2, max: 3_000 }), fc.boolean()).map(([d, a]) => nested(d, a)) },
)

export const nastyKey = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.constantFrom('__proto__', 'constructor', 'toString', '', 'CR1.1', 'CR9.9', 'CR5B.1', 'BC01', 'BC99', 'rows', 'marks', 'version', 'x'.repeat(100)),
)

export type Mutation =
  | { kind: 'replace'; at: number; value: Json }
  | { kind: 'delete'; at: number }
  | { kind: 'rename'; at: number; key: string }
  | { kind: 'insert'; at: number; key: string; value: Json }

export const mutations: fc.Arbitrary<Mutation[]> = fc.array(
  fc.oneof(
    { weight: 4, arbitrary: fc.record({ kind: fc.constant('replace' as const), at: fc.nat(), value: nastyValue }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('delete' as const), at: fc.nat() }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('rename' as const), at: fc.nat(), key: nastyKey }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), key: nastyKey, value: nastyValue }) },
  ),
  { minLength: 1, maxLength: 3 },
)

const isObject = (v: Json): v is { [key: string]: Json } => v !== null && typeof v === 'object' && !Array.isArray(v)

/** Sets an own property, even `__proto__`, so JSON.stringify sends it. */
function setOwn(target: { [key: string]: Json }, key: string, value: Json): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true })
}

/** Every node of a JSON value with its path, root first; stops descending at `maxDepth`. */
export function nodes(value: Json, maxDepth = 12, path: JsonPath = []): Array<{ path: JsonPath; value: Json }> {
  const out = [{ path, value }]
  if (path.length >= maxDepth) return out
  if (Array.isArray(value)) value.forEach((child, i) => out.push(...nodes(child, maxDepth, [...path, i])))
  else if (isObject(value)) for (const key of Object.keys(value)) out.push(...nodes(value[key] as Json, maxDepth, [...path, key]))
  return out
}

/** The leaves of a JSON value (scalars and empty containers) with their paths. */
export function leaves(value: Json): Array<{ path: JsonPath; value: Json }> {
  return nodes(value).filter(({ value: v }) => v === null || typeof v !== 'object' || Object.keys(v).length === 0)
}

type Container = Json[] | { [key: string]: Json }

/** A one-level copy; own `__proto__` keys survive the spread. */
function shallow(value: Json): Json {
  if (Array.isArray(value)) return value.slice()
  return isObject(value) ? { ...value } : value
}

function put(container: Container, key: string | number, value: Json): void {
  if (Array.isArray(container)) container[key as number] = value
  else setOwn(container, String(key), value)
}

/**
 * A copy of `root` where only the containers along `path` are copied (deeply nested values are
 * shared, never cloned), then `change` applied to the container at `path`.
 */
function changeAt(root: Json, path: JsonPath, change: (container: Container) => void): Json {
  const copy = shallow(root)
  let node = copy
  for (const key of path) {
    const child = shallow((node as Record<string | number, Json>)[key] as Json)
    put(node as Container, key, child)
    node = child
  }
  change(node as Container)
  return copy
}

/** `root` with `value` put at `path` (the root itself when the path is empty). */
export function replaceAt(root: Json, path: JsonPath, value: Json): Json {
  if (path.length === 0) return value
  return changeAt(root, path.slice(0, -1), (parent) => put(parent, path[path.length - 1] as string | number, value))
}

export function applyMutation(root: Json, mutation: Mutation): Json {
  const all = nodes(root)
  const pick = <T>(list: T[]): T | undefined => list[mutation.at % Math.max(list.length, 1)]
  switch (mutation.kind) {
    case 'replace': {
      const target = pick(all)
      return target ? replaceAt(root, target.path, mutation.value) : mutation.value
    }
    case 'delete': {
      const target = pick(all.filter((n) => n.path.length > 0))
      if (!target) return root
      const key = target.path[target.path.length - 1] as string | number
      return changeAt(root, target.path.slice(0, -1), (parent) => {
        if (Array.isArray(parent)) parent.splice(key as number, 1)
        else delete parent[key as string]
      })
    }
    case 'rename': {
      const target = pick(all.filter((n) => n.path.length > 0 && typeof n.path[n.path.length - 1] === 'string'))
      if (!target) return root
      const old = target.path[target.path.length - 1] as string
      return changeAt(root, target.path.slice(0, -1), (parent) => {
        const record = parent as { [key: string]: Json }
        const value = record[old] as Json
        delete record[old]
        setOwn(record, mutation.key, value)
      })
    }
    case 'insert': {
      const target = pick(all.filter((n) => n.value !== null && typeof n.value === 'object'))
      if (!target) return root
      return changeAt(root, target.path, (container) => {
        if (Array.isArray(container)) container.push(mutation.value)
        else setOwn(container, mutation.key, mutation.value)
      })
    }
  }
}

export type Corruption =
  | { kind: 'truncate'; at: number }
  | { kind: 'splice'; at: number; text: string }
  | { kind: 'wrap'; prefix: string; suffix: string }
  | { kind: 'bytes'; bytes: Uint8Array }
  | { kind: 'text'; text: string }

const junk = fc.oneof(
  fc.constantFrom('NaN', 'Infinity', '-', ',', '}', ']', '{', '[', '"', '\\', '\u0000', '\ufeff', '// note', "'", 'undefined', '\n', ':', '{"a":', '1e999', '0x10', 'True'),
  fc.string({ unit: 'binary', maxLength: 12 }),
)

export const corruptions: fc.Arbitrary<Corruption> = fc.oneof(
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('splice' as const), at: fc.nat(), text: junk }),
  fc.record({ kind: fc.constant('wrap' as const), prefix: junk, suffix: junk }),
  fc.record({ kind: fc.constant('bytes' as const), bytes: fc.uint8Array({ maxLength: 2_048 }) }),
  fc.record({
    kind: fc.constant('text' as const),
    text: fc.oneof(
      fc.constantFrom('', ' ', 'null', '0', '-1', '"texte"', '[]', '{}', 'NaN', '{"rows":NaN}', '{"version":-1}', '\ufeff{}', '{"a":1,}', '{'.repeat(10_000), '['.repeat(100_000) + ']'.repeat(100_000)),
      fc.json({ maxDepth: 4 }),
    ),
  }),
)

/** The bytes sent for a corruption of the valid JSON text `valid`. */
export function corrupt(valid: string, corruption: Corruption): Uint8Array {
  const encode = (text: string) => new TextEncoder().encode(text)
  switch (corruption.kind) {
    case 'truncate':
      return encode(valid.slice(0, corruption.at % Math.max(valid.length, 1)))
    case 'splice': {
      const i = corruption.at % (valid.length + 1)
      return encode(valid.slice(0, i) + corruption.text + valid.slice(i))
    }
    case 'wrap':
      return encode(corruption.prefix + valid + corruption.suffix)
    case 'bytes':
      return corruption.bytes
    case 'text':
      return encode(corruption.text)
  }
}
