/**
 * A D1Database that counts what reaches D1 and checks each statement against D1's per-statement
 * limits, around any D1Database. Every executed statement counts once: first/all/run/raw are one
 * statement in one call; batch(n) is n statements in one call (one batch). exec() is one call of
 * as many statements as it splits into (D1 splits on newlines; the data path never uses it).
 *
 * The local D1 enforces 100 bound parameters and 100 KB of SQL but accepts strings well beyond
 * the 2,000,000 bytes production D1 refuses, so the 2 MB check is made here: a statement that
 * would fail in production is recorded as a violation even when the local run succeeds.
 */
import type { D1Database, D1PreparedStatement } from '@cloudflare/workers-types'

/** D1 limits per statement (developers.cloudflare.com/d1/platform/limits). */
export const D1_LIMITS = {
  boundParameters: 100,
  sqlBytes: 100_000,
  valueBytes: 2_000_000,
} as const

export interface LimitViolation {
  limit: keyof typeof D1_LIMITS
  /** The measured size (parameters or bytes). */
  size: number
  /** Start of the statement's SQL, whitespace squeezed. */
  statement: string
}

export interface D1Tally {
  /** Statements executed. */
  statements: number
  /** Round trips to D1: one per first/all/run/raw/exec, one per batch. */
  calls: number
  /** Size of each batch, in call order. */
  batchSizes: number[]
  /** Largest bound string or blob, in UTF-8 bytes, and the statement that bound it. */
  largestValueBytes: number
  largestValueStatement: string
  largestSqlBytes: number
  mostParameters: number
  violations: LimitViolation[]
  /** Wall time spent waiting for D1 (sum over calls, ms): the rest of a request is the app's. */
  d1Ms: number
}

export function emptyTally(): D1Tally {
  return { statements: 0, calls: 0, batchSizes: [], largestValueBytes: 0, largestValueStatement: '', largestSqlBytes: 0, mostParameters: 0, violations: [], d1Ms: 0 }
}

function byteLength(value: unknown): number {
  if (typeof value === 'string') return Buffer.byteLength(value, 'utf8')
  if (value instanceof ArrayBuffer) return value.byteLength
  if (ArrayBuffer.isView(value)) return value.byteLength
  return 0
}

function squeeze(sql: string): string {
  const flat = sql.replace(/\s+/g, ' ').trim()
  return flat.length > 60 ? `${flat.slice(0, 57)}…` : flat
}

/** A prepared statement with what the wrapper needs to see; `inner` is what D1 receives. */
class CountedStatement {
  constructor(
    readonly counter: CountingD1,
    readonly inner: D1PreparedStatement,
    readonly sql: string,
    readonly params: readonly unknown[] = [],
  ) {}

  bind(...values: unknown[]): CountedStatement {
    return new CountedStatement(this.counter, this.inner.bind(...values), this.sql, values)
  }

  first(column?: string): Promise<unknown> {
    return this.counter.timed([this], () => (column === undefined ? this.inner.first() : this.inner.first(column)))
  }

  all(): Promise<unknown> {
    return this.counter.timed([this], () => this.inner.all())
  }

  run(): Promise<unknown> {
    return this.counter.timed([this], () => this.inner.run())
  }

  raw(options?: { columnNames?: boolean }): Promise<unknown> {
    return this.counter.timed([this], () => (options?.columnNames ? this.inner.raw({ columnNames: true }) : this.inner.raw()))
  }
}

export class CountingD1 {
  tally: D1Tally = emptyTally()
  /** The wrapped database, to hand to the app or to the db layer. */
  readonly db: D1Database

  constructor(private readonly inner: D1Database) {
    const database = {
      prepare: (sql: string) => new CountedStatement(this, this.inner.prepare(sql), sql),
      batch: (statements: CountedStatement[]) => this.timed(statements, () => this.inner.batch(statements.map((s) => s.inner)), true),
      exec: (sql: string) => {
        const statements = sql.split('\n').filter((line) => line.trim() !== '').length
        this.tally.statements += statements
        this.tally.calls++
        return this.inner.exec(sql)
      },
      dump: () => this.inner.dump(),
      withSession: () => database,
    }
    this.db = database as unknown as D1Database
  }

  /** Returns what was counted since the last reset and starts again from zero. */
  reset(): D1Tally {
    const tally = this.tally
    this.tally = emptyTally()
    return tally
  }

  /** Records the statements, then runs the call and adds its wall time to the tally it belongs to. */
  async timed<T>(statements: readonly CountedStatement[], call: () => Promise<T>, batch = false): Promise<T> {
    this.record(statements, batch)
    const tally = this.tally
    const start = performance.now()
    try {
      return await call()
    } finally {
      tally.d1Ms += performance.now() - start
    }
  }

  record(statements: readonly CountedStatement[], batch = false): void {
    const tally = this.tally
    tally.statements += statements.length
    tally.calls++
    if (batch) tally.batchSizes.push(statements.length)
    for (const statement of statements) {
      const sqlBytes = byteLength(statement.sql)
      tally.largestSqlBytes = Math.max(tally.largestSqlBytes, sqlBytes)
      tally.mostParameters = Math.max(tally.mostParameters, statement.params.length)
      if (sqlBytes > D1_LIMITS.sqlBytes) tally.violations.push({ limit: 'sqlBytes', size: sqlBytes, statement: squeeze(statement.sql) })
      if (statement.params.length > D1_LIMITS.boundParameters) {
        tally.violations.push({ limit: 'boundParameters', size: statement.params.length, statement: squeeze(statement.sql) })
      }
      for (const value of statement.params) {
        const bytes = byteLength(value)
        if (bytes > tally.largestValueBytes) {
          tally.largestValueBytes = bytes
          tally.largestValueStatement = squeeze(statement.sql)
        }
        if (bytes > D1_LIMITS.valueBytes) tally.violations.push({ limit: 'valueBytes', size: bytes, statement: squeeze(statement.sql) })
      }
    }
  }
}

/** « 7.1 MB bound value > 2 MB (INSERT INTO mark …) », for the table. */
export function describeViolation(violation: LimitViolation): string {
  const mb = (bytes: number) => `${(bytes / 1_000_000).toFixed(2)} MB`
  switch (violation.limit) {
    case 'valueBytes':
      return `${mb(violation.size)} bound value > D1's ${mb(D1_LIMITS.valueBytes)} (${violation.statement})`
    case 'sqlBytes':
      return `${violation.size.toLocaleString('en-US')}-byte SQL > D1's 100,000 (${violation.statement})`
    case 'boundParameters':
      return `${violation.size} bound parameters > D1's 100 (${violation.statement})`
  }
}
