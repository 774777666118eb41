/**
 * The data the D1 sections share, built once per `npm run bench`: a local D1 in a temporary
 * directory, the bench référentiel, one session per scale (100, 500, 2,000, 10,000 candidates)
 * seeded through the Worker's own db layer, and the request helper that runs the real app
 * (`app.request` with env { DB, ADMIN_TOKEN }) on a D1 that counts statements.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { contentHash } from '../shared/contentHash'
import type { Referential } from '../shared/referential'
import type { AuditContext } from '../worker/db/audit'
import { listCandidates, upsertCandidates } from '../worker/db/candidates'
import { writeGrades, type RowGradeChange } from '../worker/db/grades'
import { publishReferential } from '../worker/db/referentials'
import { createSession } from '../worker/db/sessions'
import { benchCandidates, benchReferential, candidateMarks } from './data'
import { ADMIN_TOKEN, appRequester, type AppOutcome } from './appRequest'
import type { CountingD1 } from './d1/counting'
import { startLocalD1, type LocalD1 } from './d1/localD1'

export { ADMIN_TOKEN }
export const SCALES = [100, 500, 2_000, 10_000] as const
export const MAIN_SCALE = 2_000
/** Rows per seeding write: keeps every bound JSON well under D1's 2 MB. */
const SEED_CHUNK = 500

export interface BenchCandidate {
  id: string
  schoolId: string
  /** Position in benchCandidates(scale): drives its marks. */
  index: number
  optionCode: string
  birthName: string
  usageName: string | null
  firstNames: string[]
  rowVersion: number
}

export interface ScaleSession {
  scale: number
  sessionId: string
  sessionName: string
  candidates: BenchCandidate[]
}

export interface BenchContext {
  directory: string
  referential: Referential
  d1: LocalD1
  counter: CountingD1
  sessions: Map<number, ScaleSession>
  /** The real app on the counting D1 (see appRequest.ts). */
  request(path: string, init?: RequestInit): Promise<AppOutcome>
  dispose(): Promise<void>
}

const seedActor: AuditContext = { actor: 'bench-seed', requestId: 'bench-seed' }

/**
 * Marks of variant `variant` for these candidates, as the add-in pushes them: every graded
 * critère, a comment on 1 % of rows, a jury decision on 2 % (alternating ADJ / AJ).
 */
export function pushRows(referential: Referential, candidates: readonly BenchCandidate[], variant: number): RowGradeChange[] {
  return candidates.map((candidate): RowGradeChange => ({
    candidateId: candidate.id,
    rowVersion: candidate.rowVersion,
    marks: Object.fromEntries(candidateMarks(referential, candidate.optionCode, candidate.index, variant).map((mark) => [mark.code, mark.value])),
    comments: candidate.index % 100 === 0 ? { 'CR1.1': `Commentaire du jury, version ${variant}` } : ({}),
    decisions: candidate.index % 50 === 0 ? { BC01: { code: variant % 2 === 0 ? 'ADJ' : 'AJ', reason: `Décision du jury plénier (${variant})` } } : {},
  }))
}

/** Reads the sessions' row versions back (other writes, such as jury imports and their undo, bump them). */
export async function refreshRowVersions(context: BenchContext, session: ScaleSession): Promise<void> {
  const { results } = await context.d1.db
    .prepare('SELECT id, row_version FROM candidate WHERE session_id = ?1')
    .bind(session.sessionId)
    .all<{ id: string; row_version: number }>()
  const versions = new Map(results.map((row) => [row.id, row.row_version]))
  for (const candidate of session.candidates) candidate.rowVersion = versions.get(candidate.id) ?? candidate.rowVersion
}

/** Seeds every scale's session. `withoutMarks(scale)` candidates (the first ones) are left ungraded. */
export async function buildContext(withoutMarks: (scale: number) => number): Promise<BenchContext> {
  const directory = mkdtempSync(join(tmpdir(), 'certibloc-bench-'))
  const d1 = await startLocalD1(directory)
  const db = d1.db
  const referential = benchReferential()
  const published = await publishReferential(db, referential, await contentHash(referential))
  if (published.outcome !== 'created') throw new Error(`référentiel de bench : ${published.outcome}`)

  const sessions = new Map<number, ScaleSession>()
  for (const scale of SCALES) {
    const sessionName = `Promotion de ${scale.toLocaleString('fr-FR')} candidats`
    const session = await createSession(
      db,
      seedActor,
      { referentialId: referential.id, name: sessionName, campus: 'Lyon', startsOn: null, endsOn: null, juryDate: '2026-06-12', deliberationPlace: null },
      `bench-${scale}`,
    )
    const inputs = benchCandidates(scale)
    for (let start = 0; start < inputs.length; start += SEED_CHUNK) {
      await upsertCandidates(db, seedActor, session.id, inputs.slice(start, start + SEED_CHUNK), 'candidate.import')
    }
    const indexBySchoolId = new Map(inputs.map((input, index) => [input.schoolId, index]))
    const candidates = (await listCandidates(db, session.id))
      .map((c) => ({
        id: c.id,
        schoolId: c.schoolId,
        index: indexBySchoolId.get(c.schoolId) ?? -1,
        optionCode: c.optionCode ?? '',
        birthName: c.birthName,
        usageName: c.usageName,
        firstNames: c.firstNames,
        rowVersion: c.rowVersion,
      }))
      .sort((a, b) => a.index - b.index)
    // Variant 0: the grid as it stands before the measured writes.
    const graded = candidates.slice(withoutMarks(scale))
    for (let start = 0; start < graded.length; start += SEED_CHUNK) {
      const chunk = graded.slice(start, start + SEED_CHUNK)
      const rows = pushRows(referential, chunk, 0)
      const result = await writeGrades(db, seedActor, { sessionId: session.id, rows, reason: 'état initial du banc', source: 'manual' })
      result.rows.forEach((row, i) => {
        chunk[i]!.rowVersion = row.rowVersion
      })
    }
    sessions.set(scale, { scale, sessionId: session.id, sessionName, candidates })
  }

  const requester = appRequester(db)
  return {
    directory,
    referential,
    d1,
    counter: requester.counter,
    sessions,
    request: (path, init) => requester.request(path, init),
    async dispose() {
      await d1.dispose()
      rmSync(directory, { recursive: true, force: true })
    },
  }
}
