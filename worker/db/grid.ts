/**
 * The grading grid of a session in columnar form: one batch of two statements whatever the number
 * of candidates (the session with its critère columns, then every candidate with its marks and
 * jury decisions aggregated as JSON by SQLite).
 */
import type { D1Database } from '@cloudflare/workers-types'
import type { CapitalisedBloc } from '../../shared/candidates/schema'
import type { SessionStatus } from '../../shared/sessions/schema'
import { sortByName } from '../../shared/names/collation'

export interface GridCritere {
  code: string
  blocCode: string
}

export interface GridDecision {
  blocCode: string
  code: 'ADM' | 'ADJ' | 'AJ'
  reason: string
}

/** Stored mark values: a canonical code, a score, or null (not graded). */
export type StoredMarkValue = string | number | null

export interface Grid {
  session: {
    id: string
    name: string
    referentialId: string
    status: SessionStatus
    version: number
    gridVersion: number
  }
  /** Column order of `marks` and `comments`: every critère of the référentiel, bloc by bloc. */
  criteres: GridCritere[]
  candidates: {
    ids: string[]
    schoolIds: string[]
    birthNames: string[]
    usageNames: Array<string | null>
    firstNames: string[][]
    optionCodes: Array<string | null>
    capitalisedBlocs: CapitalisedBloc[][]
    rowVersions: number[]
  }
  /** marks[row][column], aligned with candidates and criteres. */
  marks: StoredMarkValue[][]
  /** Sparse comments: [row, column, text]. */
  comments: Array<[number, number, string]>
  /** Jury decisions (overrides) per row, only rows that have some. */
  decisions: Array<[number, GridDecision[]]>
}

export async function getGridVersion(db: D1Database, sessionId: string): Promise<number | null> {
  return db.prepare('SELECT grid_version FROM session WHERE id = ?1').bind(sessionId).first<number>('grid_version')
}

interface SessionWithCriteresRow {
  id: string
  name: string
  referential_id: string
  status: SessionStatus
  version: number
  grid_version: number
  criteres_json: string
}

interface GridCandidateRow {
  id: string
  school_id: string
  birth_name: string
  usage_name: string | null
  first_names_json: string
  option_code: string | null
  capitalised_json: string
  row_version: number
  marks_json: string | null
  decisions_json: string | null
}

/**
 * A session's enrolled candidates (withdrawn ones are not graded), each with its marks and jury
 * decisions as JSON. The index candidate_grid_order (migration 0005) streams them out without a
 * SQL sort; readGrid then puts them in the French order of names (shared/names/collation.ts),
 * which SQLite's byte order is not.
 */
export const GRID_CANDIDATES_SQL = `SELECT c.id, c.school_id, c.birth_name, c.usage_name, c.first_names_json, c.option_code, c.capitalised_json, c.row_version,
    (SELECT json_group_object(m.critere_code, json_array(m.value, m.comment)) FROM mark m
       WHERE m.candidate_id = c.id AND (m.value IS NOT NULL OR m.comment IS NOT NULL)) AS marks_json,
    (SELECT json_group_array(json_object('blocCode', d.bloc_code, 'code', d.override_code, 'reason', d.override_reason))
       FROM bloc_decision d WHERE d.candidate_id = c.id AND d.override_code IS NOT NULL) AS decisions_json
  FROM candidate c WHERE c.session_id = ?1 AND c.status = 'enrolled'
  ORDER BY c.birth_name, c.first_names_json, c.school_id`

export async function readGrid(db: D1Database, sessionId: string): Promise<Grid | null> {
  const [sessionResult, candidateResult] = await db.batch([
    db
      .prepare(
        `SELECT s.id, s.name, s.referential_id, s.status, s.version, s.grid_version,
           (SELECT json_group_array(json_object('code', i.code, 'blocCode', i.bloc_code))
              FROM (SELECT i.code, i.bloc_code FROM referential_item i
                    JOIN referential_bloc b ON b.referential_id = i.referential_id AND b.code = i.bloc_code
                    WHERE i.referential_id = s.referential_id AND i.item_type = 'critere'
                    ORDER BY b.position, i.position) i) AS criteres_json
         FROM session s WHERE s.id = ?1`,
      )
      .bind(sessionId),
    db.prepare(GRID_CANDIDATES_SQL).bind(sessionId),
  ])
  const session = (sessionResult?.results as SessionWithCriteresRow[] | undefined)?.[0]
  if (!session) return null
  const criteres = JSON.parse(session.criteres_json) as GridCritere[]
  const columnOf = new Map(criteres.map((c, index) => [c.code, index]))
  const rows = sortByName((candidateResult?.results ?? []) as GridCandidateRow[], (row) => ({
    birthName: row.birth_name,
    usageName: row.usage_name,
    firstNames: JSON.parse(row.first_names_json) as string[],
    schoolId: row.school_id,
  }))
  const grid: Grid = {
    session: {
      id: session.id,
      name: session.name,
      referentialId: session.referential_id,
      status: session.status,
      version: session.version,
      gridVersion: session.grid_version,
    },
    criteres,
    candidates: {
      ids: [],
      schoolIds: [],
      birthNames: [],
      usageNames: [],
      firstNames: [],
      optionCodes: [],
      capitalisedBlocs: [],
      rowVersions: [],
    },
    marks: [],
    comments: [],
    decisions: [],
  }
  rows.forEach((row, rowIndex) => {
    const c = grid.candidates
    c.ids.push(row.id)
    c.schoolIds.push(row.school_id)
    c.birthNames.push(row.birth_name)
    c.usageNames.push(row.usage_name)
    c.firstNames.push(JSON.parse(row.first_names_json) as string[])
    c.optionCodes.push(row.option_code)
    c.capitalisedBlocs.push(JSON.parse(row.capitalised_json) as CapitalisedBloc[])
    c.rowVersions.push(row.row_version)
    const values: StoredMarkValue[] = new Array<StoredMarkValue>(criteres.length).fill(null)
    if (row.marks_json) {
      const marks = JSON.parse(row.marks_json) as Record<string, [StoredMarkValue, string | null]>
      for (const [code, [value, comment]] of Object.entries(marks)) {
        const column = columnOf.get(code)
        if (column === undefined) continue
        values[column] = value
        if (comment !== null) grid.comments.push([rowIndex, column, comment])
      }
    }
    grid.marks.push(values)
    if (row.decisions_json) {
      const decisions = JSON.parse(row.decisions_json) as GridDecision[]
      if (decisions.length > 0) grid.decisions.push([rowIndex, decisions])
    }
  })
  return grid
}
