/**
 * Data plane: the grid pull (GET /sessions/:id/grid) and the grade push (PUT /sessions/:id/grades)
 * through the real app and a real local D1, at 2,000 candidates × 45 critères and across the
 * scale sweep (100, 500, 2,000, 10,000). Each figure is the median of 5 requests after a warm-up.
 *
 * Beside each, a naive implementation measured in the same run on the same data:
 * - pull: the session, its critères and its candidates, then one SELECT of marks per candidate
 *   (and one for the session's jury decisions), the grid built and serialised the same way;
 * - push: one INSERT … ON CONFLICT per mark (and per decision), one UPDATE and one audit row
 *   per candidate, sent in batches of at most 1,000 statements (the Paid plan's cap per
 *   invocation; Free allows 50), so neither atomic nor possible on Free.
 * Fast and naive runs alternate, so machine noise hits both alike. Every push writes a new
 * variant of the marks (most cells change), as a real push of edited cells would. The scales'
 * repeats are interleaved too (measureScales), so the sweep's growth is not the machine's load.
 */
import type { D1Database, D1PreparedStatement } from '@cloudflare/workers-types'
import type { RowGradeChange } from '../worker/db/grades'
import { MARKS_PER_CANDIDATE } from './data'
import { describeViolation, emptyTally, type D1Tally } from './d1/counting'
import { MAIN_SCALE, pushRows, refreshRowVersions, type BenchContext, type ScaleSession } from './context'
import { formatBytes, grewAtMostLinearly, linearGoal, median, wallMilliseconds, type Figure } from './report'

const REPEATS = 5
/**
 * The naive baseline runs at the main scale only: its per-candidate round trips cost 15–20 s a
 * pull at 2,000 on the shared machine, and the bench must finish in 10 minutes.
 */
const NAIVE_SCALES: readonly number[] = [MAIN_SCALE]
const NAIVE_BATCH = 1_000

export interface Measured {
  ms: number[]
  /** Of each request, the wall time spent waiting for D1. */
  d1Ms: number[]
  tally: D1Tally
  /** Set when the request failed (status, message). */
  error?: string
}

export interface ScaleResult {
  scale: number
  pull: Measured
  push: Measured
  naivePull: Measured | null
  naivePush: Measured | null
  /** Bytes of the push request body. */
  pushBodyBytes: number
}

/* ----------------------------------------------------------------------------------------- */
/* Naive baselines                                                                           */
/* ----------------------------------------------------------------------------------------- */

export async function naivePull(db: D1Database, sessionId: string): Promise<string> {
  const session = await db.prepare('SELECT * FROM session WHERE id = ?1').bind(sessionId).first<{ id: string; referential_id: string }>()
  if (!session) throw new Error('session introuvable')
  const criteres = await db
    .prepare(
      `SELECT i.code, i.bloc_code FROM referential_item i
       JOIN referential_bloc b ON b.referential_id = i.referential_id AND b.code = i.bloc_code
       WHERE i.referential_id = ?1 AND i.item_type = 'critere' ORDER BY b.position, i.position`,
    )
    .bind(session.referential_id)
    .all<{ code: string; bloc_code: string }>()
  const candidates = await db
    .prepare('SELECT * FROM candidate WHERE session_id = ?1 ORDER BY birth_name, first_names_json, school_id')
    .bind(sessionId)
    .all<{ id: string; school_id: string; birth_name: string; usage_name: string | null; first_names_json: string; option_code: string | null; capitalised_json: string; row_version: number }>()
  const columnOf = new Map(criteres.results.map((c, i) => [c.code, i]))
  const marks: unknown[][] = []
  const comments: Array<[number, number, string]> = []
  for (const [row, candidate] of candidates.results.entries()) {
    const found = await db
      .prepare('SELECT critere_code, value, comment FROM mark WHERE candidate_id = ?1')
      .bind(candidate.id)
      .all<{ critere_code: string; value: unknown; comment: string | null }>()
    const values = new Array<unknown>(criteres.results.length).fill(null)
    for (const mark of found.results) {
      const column = columnOf.get(mark.critere_code)
      if (column === undefined) continue
      values[column] = mark.value
      if (mark.comment !== null) comments.push([row, column, mark.comment])
    }
    marks.push(values)
  }
  const decisions = await db
    .prepare(
      `SELECT d.candidate_id, d.bloc_code, d.override_code, d.override_reason FROM bloc_decision d
       JOIN candidate c ON c.id = d.candidate_id WHERE c.session_id = ?1 AND d.override_code IS NOT NULL`,
    )
    .bind(sessionId)
    .all()
  return JSON.stringify({
    grid: {
      session,
      criteres: criteres.results.map((c) => ({ code: c.code, blocCode: c.bloc_code })),
      candidates: candidates.results.map((c) => ({
        id: c.id,
        schoolId: c.school_id,
        birthName: c.birth_name,
        usageName: c.usage_name,
        firstNames: JSON.parse(c.first_names_json) as unknown,
        optionCode: c.option_code,
        capitalisedBlocs: JSON.parse(c.capitalised_json) as unknown,
        rowVersion: c.row_version,
      })),
      marks,
      comments,
      decisions: decisions.results,
    },
  })
}

export async function naivePush(db: D1Database, sessionId: string, rows: readonly RowGradeChange[], reason: string): Promise<void> {
  const upsertMark = (comment: boolean) =>
    `INSERT INTO mark (candidate_id, critere_code, value, comment, source, author, reason, updated_at, version)
     VALUES (?1, ?2, ?3, ?4, 'manual', 'admin', ?5, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 1)
     ON CONFLICT (candidate_id, critere_code) DO UPDATE SET
       value = excluded.value, ${comment ? 'comment = excluded.comment, ' : ''}source = excluded.source,
       author = excluded.author, reason = excluded.reason, updated_at = excluded.updated_at, version = mark.version + 1
     WHERE mark.value IS NOT excluded.value${comment ? ' OR mark.comment IS NOT excluded.comment' : ''}`
  const withComment = upsertMark(true)
  const withoutComment = upsertMark(false)
  const statements: D1PreparedStatement[] = []
  for (const row of rows) {
    for (const [code, value] of Object.entries(row.marks)) {
      const comment = row.comments[code]
      statements.push(
        comment === undefined
          ? db.prepare(withoutComment).bind(row.candidateId, code, value, null, reason)
          : db.prepare(withComment).bind(row.candidateId, code, value, comment, reason),
      )
    }
    for (const [blocCode, decision] of Object.entries(row.decisions)) {
      statements.push(
        db
          .prepare(
            `INSERT INTO bloc_decision (candidate_id, bloc_code, override_code, override_reason, decided_by) VALUES (?1, ?2, ?3, ?4, 'admin')
             ON CONFLICT (candidate_id, bloc_code) DO UPDATE SET override_code = excluded.override_code,
               override_reason = excluded.override_reason, decided_by = excluded.decided_by, decided_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')`,
          )
          .bind(row.candidateId, blocCode, decision.code, decision.reason),
      )
    }
    statements.push(
      db
        .prepare(`UPDATE candidate SET row_version = row_version + 1, updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE session_id = ?1 AND id = ?2`)
        .bind(sessionId, row.candidateId),
      db
        .prepare(`INSERT INTO audit_event (actor, action, session_id, candidate_id, details_json, request_id) VALUES ('admin', 'grades.update', ?1, ?2, ?3, 'bench-naive')`)
        .bind(sessionId, row.candidateId, JSON.stringify({ source: 'manual', reason, marks: row.marks, decisions: row.decisions })),
    )
  }
  for (let start = 0; start < statements.length; start += NAIVE_BATCH) await db.batch(statements.slice(start, start + NAIVE_BATCH))
}

/* ----------------------------------------------------------------------------------------- */
/* Measurements                                                                              */
/* ----------------------------------------------------------------------------------------- */

type Outcome = { response: Response; tally: D1Tally; logged: string[] }

/** « HTTP 500: D1_ERROR: string or blob too big » — what the app logged, else the body. */
async function httpError({ response, logged }: Outcome): Promise<string> {
  const detail = logged.find((line) => line.trim() !== '') ?? (await response.text())
  return `HTTP ${response.status}: ${detail.replace(/^Unhandled error\s*/, '').slice(0, 200)}`
}

async function pullOnce(context: BenchContext, session: ScaleSession): Promise<{ ms: number; tally: D1Tally; error?: string; marks?: string }> {
  let outcome: Outcome | null = null
  const ms = await wallMilliseconds(async () => {
    outcome = await context.request(`/api/v1/sessions/${session.sessionId}/grid`)
  })
  const { response, tally } = outcome!
  if (response.status !== 200) return { ms, tally, error: await httpError(outcome!) }
  const grid = ((await response.json()) as { grid: { candidates: { ids: string[] }; marks: unknown[][] } }).grid
  if (grid.candidates.ids.length !== session.scale) return { ms, tally, error: `${grid.candidates.ids.length} rows instead of ${session.scale}` }
  return { ms, tally, marks: JSON.stringify(grid.marks) }
}

async function pushOnce(
  context: BenchContext,
  session: ScaleSession,
  variant: number,
): Promise<{ ms: number; tally: D1Tally; bodyBytes: number; error?: string }> {
  const body = JSON.stringify({ rows: pushRows(context.referential, session.candidates, variant), reason: `banc d’essai, version ${variant}` })
  let outcome: Outcome | null = null
  const ms = await wallMilliseconds(async () => {
    outcome = await context.request(`/api/v1/sessions/${session.sessionId}/grades`, {
      method: 'PUT',
      headers: { 'Content-Type': 'application/json', 'Idempotency-Key': `bench-${session.scale}-${variant}` },
      body,
    })
  })
  const { response, tally } = outcome!
  const bodyBytes = Buffer.byteLength(body)
  if (response.status !== 200) return { ms, tally, bodyBytes, error: await httpError(outcome!) }
  const answer = (await response.json()) as { rows: Array<{ candidateId: string; rowVersion: number }>; written: { marks: number } }
  const versions = new Map(answer.rows.map((row) => [row.candidateId, row.rowVersion]))
  for (const candidate of session.candidates) candidate.rowVersion = versions.get(candidate.id) ?? candidate.rowVersion
  if (answer.written.marks !== session.scale * MARKS_PER_CANDIDATE) {
    return { ms, tally, bodyBytes, error: `${answer.written.marks} marks written instead of ${session.scale * MARKS_PER_CANDIDATE}` }
  }
  return { ms, tally, bodyBytes }
}

const variants = new Map<number, number>()
function nextVariant(scale: number): number {
  const next = (variants.get(scale) ?? 0) + 1
  variants.set(scale, next)
  return next
}

async function naivePullOnce(context: BenchContext, session: ScaleSession) {
  context.counter.reset()
  let json = ''
  const ms = await wallMilliseconds(async () => {
    json = await naivePull(context.counter.db, session.sessionId)
  })
  return { ms, tally: context.counter.reset(), marks: JSON.stringify((JSON.parse(json) as { grid: { marks: unknown[][] } }).grid.marks) }
}

async function naivePushOnce(context: BenchContext, session: ScaleSession) {
  const variant = nextVariant(session.scale)
  const rows = pushRows(context.referential, session.candidates, variant)
  context.counter.reset()
  const ms = await wallMilliseconds(() => naivePush(context.counter.db, session.sessionId, rows, `banc d’essai naïf, version ${variant}`))
  for (const candidate of session.candidates) candidate.rowVersion++
  return { ms, tally: context.counter.reset() }
}

function collect(samples: ReadonlyArray<{ ms: number; tally: D1Tally; error?: string }>): Measured {
  if (samples.length === 0) return { ms: [], d1Ms: [], tally: emptyTally() }
  const failed = samples.find((s) => s.error !== undefined)
  return {
    ms: samples.map((s) => s.ms),
    d1Ms: samples.map((s) => s.tally.d1Ms),
    tally: samples[samples.length - 1]!.tally,
    ...(failed?.error ? { error: failed.error } : {}),
  }
}

type Sample = { ms: number; tally: D1Tally; error?: string }

/**
 * Every scale, repeats interleaved across the scales (and with the naive runs at the main
 * scale): a burst of load on the shared machine then hits every scale alike, so the growth
 * from one scale to the next is measured, not the load. Pulls first, then pushes.
 */
export async function measureScales(context: BenchContext, scales: readonly number[], log: (line: string) => void): Promise<ScaleResult[]> {
  const sessions = scales.map((scale) => {
    const session = context.sessions.get(scale)
    if (!session) throw new Error(`no session at scale ${scale}`)
    return session
  })
  const state = sessions.map((session) => ({
    session,
    naive: NAIVE_SCALES.includes(session.scale),
    pulls: [] as Sample[],
    naivePulls: [] as Sample[],
    pushes: [] as Sample[],
    naivePushes: [] as Sample[],
    pushBodyBytes: 0,
    pushFailed: false,
  }))

  // Warm-up: JIT, the référentiel cache of the Worker, SQLite's page cache.
  for (const s of state) await pullOnce(context, s.session)
  for (let i = 0; i < REPEATS; i++) {
    for (const s of state) {
      const pull = await pullOnce(context, s.session)
      s.pulls.push(pull)
      if (!s.naive) continue
      const naivePulled = await naivePullOnce(context, s.session)
      s.naivePulls.push(naivePulled)
      // Both must read the same grid before their speeds mean anything.
      if (i === 0 && pull.marks !== undefined && pull.marks !== naivePulled.marks) throw new Error(`the naive pull disagrees with GET grid at ${s.session.scale}`)
    }
  }
  for (const s of state) {
    log(`  pull ${s.session.scale}: ${median(s.pulls.map((p) => p.ms)).toFixed(0)} ms${s.naive ? `, naive ${median(s.naivePulls.map((p) => p.ms)).toFixed(0)} ms` : ''}`)
  }

  for (const s of state) {
    await refreshRowVersions(context, s.session)
    const first = await pushOnce(context, s.session, nextVariant(s.session.scale))
    s.pushBodyBytes = first.bodyBytes
    if (first.error !== undefined) {
      // Nothing to repeat: the failure is the figure (a D1 limit, typically).
      s.pushes.push(first)
      s.pushFailed = true
    }
  }
  for (let i = 0; i < REPEATS; i++) {
    for (const s of state) {
      if (s.pushFailed) continue
      const push = await pushOnce(context, s.session, nextVariant(s.session.scale))
      s.pushes.push(push)
      if (push.error !== undefined) s.pushFailed = true
      else if (s.naive) s.naivePushes.push(await naivePushOnce(context, s.session))
    }
  }
  for (const s of state) {
    log(`  push ${s.session.scale}: ${median(s.pushes.map((p) => p.ms)).toFixed(0)} ms${s.naive ? `, naive ${median(s.naivePushes.map((p) => p.ms)).toFixed(0)} ms` : ''}`)
  }

  return state.map((s) => ({
    scale: s.session.scale,
    pull: collect(s.pulls),
    push: collect(s.pushes),
    naivePull: s.naive ? collect(s.naivePulls) : null,
    naivePush: s.naive && s.naivePushes.length > 0 ? collect(s.naivePushes) : null,
    pushBodyBytes: s.pushBodyBytes,
  }))
}

/* ----------------------------------------------------------------------------------------- */
/* Figures                                                                                   */
/* ----------------------------------------------------------------------------------------- */

const count = (n: number) => n.toLocaleString('en-US')
const calls = (tally: D1Tally) => `${tally.calls} D1 call${tally.calls > 1 ? 's' : ''}`
/** « D1 226 ms of it »: how much of the request's time was spent waiting for D1 (median). */
const d1Share = (measured: Measured) => (measured.d1Ms.length > 0 ? `; D1 ${Math.round(median(measured.d1Ms)).toLocaleString('en-US')} ms of it` : '')

function limitFailure(tally: D1Tally): string | undefined {
  return tally.violations.length > 0 ? `D1 limit — ${tally.violations.map(describeViolation).join('; ')}` : undefined
}

/** A D1 limit first (what production would answer), then what the local run said. */
function pushFailure(measured: Measured): string | undefined {
  const limit = limitFailure(measured.tally)
  if (limit && measured.error) return `${limit}; locally: ${measured.error}`
  return limit ?? measured.error
}

/** The main figures, at 2,000 candidates × 45 critères. */
export function dataPlaneFigures(result: ScaleResult): Figure[] {
  const { pull, push, naivePull: naivePullResult, naivePush: naivePushResult } = result
  const scale = `${count(result.scale)} × ${MARKS_PER_CANDIDATE}`
  const batches = push.tally.batchSizes
  const writeBatch = Math.max(0, ...batches)
  const preReads = push.tally.statements - batches.reduce((n, b) => n + b, 0)
  const naivePushTally = naivePushResult?.tally ?? null
  const mb = (bytes: number) => Math.round(bytes / 10_000) / 100
  return [
    {
      figure: `grid pull (GET grid, ${scale}): D1 statements per request [${calls(pull.tally)}; naive: per-candidate SELECT]`,
      value: pull.tally.statements,
      ...(pull.error ? { failure: pull.error } : {}),
      baseline: naivePullResult?.tally.statements ?? null,
      better: 'lower',
      goal: '≤ 3, whatever the number of candidates',
      holds: pull.tally.statements <= 3,
    },
    {
      figure: `grid pull (GET grid, ${scale}): latency of the request, median of ${REPEATS} [${calls(pull.tally)}${d1Share(pull)}]`,
      value: median(pull.ms),
      baseline: naivePullResult ? median(naivePullResult.ms) : null,
      better: 'lower',
      goal: '—',
      holds: null,
      unit: ' ms',
    },
    {
      figure: `grade push (PUT grades, ${scale} = ${count(result.scale * MARKS_PER_CANDIDATE)} marks): statements in the write batch [${batches.length} batch${batches.length > 1 ? 'es' : ''}; naive: per-row INSERT in ${naivePushTally ? count(naivePushTally.batchSizes.length) : '—'} batches of ≤ ${count(NAIVE_BATCH)}]`,
      value: writeBatch,
      ...(pushFailure(push) ? { failure: pushFailure(push)! } : {}),
      baseline: naivePushTally?.statements ?? null,
      better: 'lower',
      goal: '≤ 6 in one atomic batch; never one statement per row',
      holds: batches.length === 1 && writeBatch <= 6,
    },
    {
      figure: `grade push (PUT grades, ${scale}): D1 statements per request, pre-reads included [${preReads} pre-read${preReads > 1 ? 's' : ''} + the batch; ${calls(push.tally)}]`,
      value: push.tally.statements,
      baseline: naivePushTally?.statements ?? null,
      better: 'lower',
      goal: '≤ 50 (Free plan: queries per invocation)',
      holds: push.tally.statements <= 50,
    },
    {
      figure: `grade push (PUT grades, ${scale}): latency of the request, median of ${REPEATS} [body ${mb(result.pushBodyBytes)} MB${d1Share(push)}]`,
      value: push.ms.length > 0 ? median(push.ms) : null,
      ...(pushFailure(push) ? { failure: pushFailure(push)! } : {}),
      baseline: naivePushResult ? median(naivePushResult.ms) : null,
      better: 'lower',
      goal: '—',
      holds: null,
      unit: ' ms',
    },
    {
      figure: `grade push (PUT grades, ${scale}): largest bound value [${push.tally.largestValueStatement}; largest SQL ${formatBytes(push.tally.largestSqlBytes)}; at most ${push.tally.mostParameters} parameters per statement; the sweep shows it at every scale]`,
      value: push.tally.largestValueBytes / 1_000_000,
      ...(limitFailure(push.tally) ? { failure: limitFailure(push.tally)! } : {}),
      baseline: null,
      better: 'lower',
      goal: '≤ 2 MB per value, ≤ 100 KB of SQL, ≤ 100 parameters (D1 limits)',
      holds: push.tally.violations.length === 0,
      unit: ' MB',
    },
  ]
}

/** One pull row and one push row per scale: statements must stay constant, time grow at most linearly. */
export function sweepFigures(results: readonly ScaleResult[]): Figure[] {
  const figures: Figure[] = []
  const smallest = results[0]
  for (const [i, result] of results.entries()) {
    const previous = i > 0 ? results[i - 1]! : null
    const growth = previous ? result.scale / previous.scale : null
    const scale = `${count(result.scale)} × ${MARKS_PER_CANDIDATE}`
    const timeGoal = (ms: number, previousMs: number | null) =>
      growth === null || previousMs === null ? true : grewAtMostLinearly(ms, previousMs, growth)
    const timeText = previous ? linearGoal(growth!, previous.scale) : 'reference scale'
    const grew = (ms: number | null, previousMs: number | null) =>
      ms !== null && previousMs !== null && previous ? `; ×${(ms / previousMs).toFixed(1)} the ${count(previous.scale)} time` : ''
    const pullMs = median(result.pull.ms)
    figures.push({
      figure: `grid pull, ${scale}: latency [${result.pull.tally.statements} statements, ${calls(result.pull.tally)}${d1Share(result.pull)}${grew(pullMs, previous ? median(previous.pull.ms) : null)}]`,
      value: pullMs,
      ...(result.pull.error ? { failure: result.pull.error } : {}),
      baseline: result.naivePull ? median(result.naivePull.ms) : null,
      better: 'lower',
      goal: `statements constant (${smallest?.pull.tally.statements ?? '?'}); ${timeText}`,
      holds: result.pull.tally.statements === smallest?.pull.tally.statements && timeGoal(pullMs, previous ? median(previous.pull.ms) : null),
      unit: ' ms',
    })
    const pushMs = result.push.ms.length > 0 ? median(result.push.ms) : null
    const failure = pushFailure(result.push)
    const previousPush = previous && previous.push.ms.length > 0 ? median(previous.push.ms) : null
    figures.push({
      figure: `grade push, ${scale}: latency [${result.push.tally.statements} statements, write batch of ${Math.max(0, ...result.push.tally.batchSizes)}; ${calls(result.push.tally)}; largest bound value ${formatBytes(result.push.tally.largestValueBytes)}${failure && pushMs !== null ? `; the local D1 took ${Math.round(pushMs)} ms to refuse it` : `${d1Share(result.push)}${grew(pushMs, previousPush)}`}]`,
      value: pushMs,
      ...(failure ? { failure } : {}),
      baseline: result.naivePush ? median(result.naivePush.ms) : null,
      better: 'lower',
      goal: `statements constant (${smallest?.push.tally.statements ?? '?'}); ${timeText}`,
      holds: pushMs !== null && result.push.tally.statements === smallest?.push.tally.statements && timeGoal(pushMs, previousPush),
      unit: ' ms',
    })
  }
  return figures
}

