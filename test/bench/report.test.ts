import type { D1Database } from '@cloudflare/workers-types'
import { describe, expect, it } from 'vitest'
import { CountingD1, describeViolation, D1_LIMITS } from '../../bench/d1/counting'
import { formatBytes, formatRatio, formatTable, grewAtMostLinearly, linearGoal, median, orderRows, type Figure } from '../../bench/report'

const figure = (over: Partial<Figure> = {}): Figure => ({
  figure: 'statements',
  value: 3,
  baseline: 2_004,
  better: 'lower',
  goal: '≤ 3',
  holds: true,
  ...over,
})

describe('median', () => {
  it('takes the middle value, or the mean of the two middle ones, whatever the order', () => {
    expect(median([5, 1, 3])).toBe(3)
    expect(median([4, 1, 3, 2])).toBe(2.5)
    expect(median([7])).toBe(7)
    expect(median([])).toBeNaN()
  })
})

describe('the table', () => {
  it('shows value, baseline, ratio, goal and whether it holds, one row per figure', () => {
    const table = formatTable([{ section: 'grid', figure: figure() }])
    expect(table.split('\n')).toEqual([
      '| figure | value | naive baseline (same run) | ratio | goal | holds |',
      '| --- | ---: | ---: | ---: | --- | :---: |',
      '| grid: statements | 3 | 2,004 | ×668 | ≤ 3 | ✓ |',
    ])
  })

  it('says « fails: » with the reason, and never ✓, when a figure fails', () => {
    const table = formatTable([{ section: 'push', figure: figure({ value: null, failure: 'D1 limit — 9.6 MB | too big', holds: true }) }])
    expect(table).toContain('| push: statements | fails: D1 limit — 9.6 MB \\| too big | 2,004 | — | ≤ 3 | ✗ |')
  })

  it('marks rows without a goal with a dash and missing values with a dash', () => {
    const table = formatTable([{ section: 'Excel writes', figure: figure({ figure: 'not measured', value: null, baseline: null, goal: '—', holds: null }) }])
    expect(table).toContain('| Excel writes: not measured | — | — | — | — | — |')
  })

  it('gives gains as ×N and costs as N× base', () => {
    expect(formatRatio(figure({ value: 500, baseline: 17_500, unit: ' ms' }))).toBe('×35')
    expect(formatRatio(figure({ value: 2, baseline: 5 }))).toBe('×2.5')
    expect(formatRatio(figure({ value: 1_000, baseline: 10, better: 'higher' }))).toBe('×100')
    expect(formatRatio(figure({ value: 14, baseline: 10, ratio: 'cost' }))).toBe('1.40× base')
    expect(formatRatio(figure({ baseline: null }))).toBe('—')
  })

  it('formats values with their unit, large ones rounded', () => {
    const row = (value: number, unit: string) => formatTable([{ section: 's', figure: figure({ value, baseline: null, unit }) }]).split('\n')[2]
    expect(row(3_249.6, ' ms')).toContain('| 3,250 ms |')
    expect(row(1.916, ' MB')).toContain('| 1.92 MB |')
    expect(row(48.25, ' s')).toContain('| 48.3 s |')
    expect(formatBytes(1_916_000)).toBe('1.92 MB')
    expect(formatBytes(8_417)).toBe('8.4 KB')
    expect(formatBytes(12)).toBe('12 B')
  })

  it('groups rows by section in the given order, unknown sections last, keeping row order', () => {
    const rows = [
      { section: 'jury import', figure: figure({ figure: 'j' }) },
      { section: 'rules', figure: figure({ figure: 'r1' }) },
      { section: 'other', figure: figure({ figure: 'o' }) },
      { section: 'rules', figure: figure({ figure: 'r2' }) },
    ]
    expect(orderRows(rows, ['rules', 'Excel writes', 'jury import']).map((r) => r.figure.figure)).toEqual(['r1', 'r2', 'j', 'o'])
  })
})

describe('the growth check of the scale sweep', () => {
  it('accepts linear growth and noise up to 15 % above it, not more', () => {
    expect(grewAtMostLinearly(2_000, 500, 4)).toBe(true)
    expect(grewAtMostLinearly(2_290, 500, 4)).toBe(true)
    expect(grewAtMostLinearly(2_310, 500, 4)).toBe(false)
    expect(grewAtMostLinearly(1_694, 249, 5)).toBe(false)
    expect(linearGoal(5, 2_000)).toBe('time ≤ ×5 of 2,000’s (linear; ×5.75 with 15 % for noise)')
  })
})

/** A D1Database that answers every statement with its SQL, enough to see what the wrapper passes on. */
function fakeD1(): D1Database & { received: string[] } {
  const received: string[] = []
  const statement = (sql: string, params: unknown[] = []) => ({
    sql,
    params,
    bind: (...values: unknown[]) => statement(sql, values),
    first: async () => (received.push(sql), { sql }),
    all: async () => (received.push(sql), { results: [{ sql }] }),
    run: async () => (received.push(sql), { success: true }),
    raw: async () => (received.push(sql), [[sql]]),
  })
  return {
    received,
    prepare: (sql: string) => statement(sql),
    batch: async (statements: Array<{ sql: string }>) => statements.map((s) => (received.push(s.sql), { results: [] })),
    exec: async () => ({ count: 0, duration: 0 }),
    dump: async () => new ArrayBuffer(0),
    withSession: () => fakeD1(),
  } as unknown as D1Database & { received: string[] }
}

describe('the counting D1', () => {
  it('counts every statement executed and every call, batches by their length', async () => {
    const inner = fakeD1()
    const counting = new CountingD1(inner)
    const db = counting.db
    await db.prepare('SELECT 1').first()
    await db.prepare('SELECT ?1').bind(1).all()
    await db.prepare('UPDATE t SET a = 1').run()
    await db.prepare('SELECT 2').raw()
    await db.batch([db.prepare('INSERT 1'), db.prepare('INSERT 2').bind('x'), db.prepare('INSERT 3')])
    const tally = counting.reset()
    expect(tally).toMatchObject({ statements: 7, calls: 5, batchSizes: [3], violations: [] })
    expect(inner.received).toEqual(['SELECT 1', 'SELECT ?1', 'UPDATE t SET a = 1', 'SELECT 2', 'INSERT 1', 'INSERT 2', 'INSERT 3'])
    expect(counting.reset()).toMatchObject({ statements: 0, calls: 0, batchSizes: [] })
  })

  it('records what production D1 would refuse even when the local one accepts it', async () => {
    const counting = new CountingD1(fakeD1())
    const db = counting.db
    const json = 'x'.repeat(D1_LIMITS.valueBytes + 1)
    await db.batch([db.prepare('INSERT INTO mark SELECT * FROM json_each(?1)').bind(json)])
    await db.prepare(`SELECT ${'?,'.repeat(100)}?`).bind(...Array.from({ length: 101 }, () => 1)).first()
    await db.prepare(`SELECT 1 ${' '.repeat(D1_LIMITS.sqlBytes)}`).all()
    const tally = counting.reset()
    expect(tally.violations.map((v) => v.limit)).toEqual(['valueBytes', 'boundParameters', 'sqlBytes'])
    expect(tally.largestValueBytes).toBe(D1_LIMITS.valueBytes + 1)
    expect(tally.largestValueStatement).toBe('INSERT INTO mark SELECT * FROM json_each(?1)')
    expect(describeViolation(tally.violations[0]!)).toBe("2.00 MB bound value > D1's 2.00 MB (INSERT INTO mark SELECT * FROM json_each(?1))")
  })

  it('counts bytes, not characters', async () => {
    const counting = new CountingD1(fakeD1())
    await counting.db.prepare('SELECT ?1').bind('é'.repeat(10)).first()
    expect(counting.reset().largestValueBytes).toBe(20)
  })
})
