/**
 * The Node side of the bench's D1 gateway (see localD1.ts): a D1Database whose prepare() and
 * bind() are local and whose every execution or batch is one HTTP request to the gateway Worker.
 * Kept apart from localD1.ts so that a child process can use it without loading Miniflare.
 */
import type { D1Database } from '@cloudflare/workers-types'

type Op = 'batch' | 'first' | 'all' | 'run' | 'raw' | 'exec'

interface WireStatement {
  sql: string
  params: unknown[]
}

function encode(value: unknown): unknown {
  if (value instanceof ArrayBuffer) value = new Uint8Array(value)
  if (value instanceof Uint8Array) return { __bytes: Buffer.from(value).toString('base64') }
  return value === undefined ? null : value
}

class GatewayStatement {
  constructor(
    readonly gateway: Gateway,
    readonly sql: string,
    readonly params: unknown[] = [],
  ) {}

  bind(...values: unknown[]): GatewayStatement {
    return new GatewayStatement(this.gateway, this.sql, values)
  }

  wire(): WireStatement {
    return { sql: this.sql, params: this.params.map(encode) }
  }

  first(column?: string): Promise<unknown> {
    return this.gateway.call('first', { statements: [this.wire()], column: column ?? null })
  }

  all(): Promise<unknown> {
    return this.gateway.call('all', { statements: [this.wire()] })
  }

  run(): Promise<unknown> {
    return this.gateway.call('run', { statements: [this.wire()] })
  }

  raw(options?: { columnNames?: boolean }): Promise<unknown> {
    return this.gateway.call('raw', { statements: [this.wire()], columnNames: options?.columnNames === true })
  }
}

class Gateway {
  constructor(private readonly url: string) {}

  async call(op: Op, body: Record<string, unknown>): Promise<unknown> {
    const response = await fetch(this.url, { method: 'POST', body: JSON.stringify({ op, ...body }) })
    const answer = (await response.json()) as { ok: true; result: unknown } | { ok: false; message: string; cause: string | null }
    if (answer.ok) return answer.result
    const error = new Error(answer.message)
    if (answer.cause !== null) error.cause = new Error(answer.cause)
    throw error
  }

  database(): D1Database {
    const database = {
      prepare: (sql: string) => new GatewayStatement(this, sql),
      batch: (statements: GatewayStatement[]) => this.call('batch', { statements: statements.map((s) => s.wire()) }),
      exec: (sql: string) => this.call('exec', { sql }),
      dump: () => Promise.reject(new Error('dump is not supported by the bench gateway')),
      withSession: () => database,
    }
    return database as unknown as D1Database
  }
}

/** A D1Database backed by the gateway Worker listening at `url`. */
export function gatewayDatabase(url: string): D1Database {
  return new Gateway(url).database()
}
