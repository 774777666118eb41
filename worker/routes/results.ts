import { Hono } from 'hono'
import { compileReferentialRules, type CompiledRules } from '../../shared/rules/compileRules'
import type { Referential } from '../../shared/referential/schema'
import { computeSessionResults } from '../../shared/results/sessionResults'
import { readGrid } from '../db/grid'
import type { AppEnv } from '../env'
import { ApiError, ErrorCode } from '../errors'
import { messages } from '../i18n/fr'
import { validate } from '../middleware/validate'
import { sessionParam } from './params'
import { loadSessionContext } from './sessionContext'

const compiled = new WeakMap<Referential, CompiledRules>()

/** Rules of a published référentiel, compiled once per isolate (they never change). */
function rulesOf(referential: Referential): CompiledRules {
  let rules = compiled.get(referential)
  if (!rules) {
    const result = compileReferentialRules(referential)
    if (!result.ok) throw new Error(`rules of ${referential.id} do not compile: ${result.issues.map((i) => i.message).join('; ')}`)
    rules = result.value
    compiled.set(referential, rules)
  }
  return rules
}

/** Bloc codes and certification decision per candidate, recomputed from the stored marks. */
export const resultRoutes = new Hono<AppEnv>().get('/', validate('param', sessionParam), async (c) => {
  const { sessionId } = c.req.valid('param')
  const ctx = await loadSessionContext(c.env.DB, sessionId)
  const grid = await readGrid(c.env.DB, sessionId)
  if (!grid) throw new ApiError(ErrorCode.NOT_FOUND, messages.sessionNotFound(sessionId), { sessionId })
  const decisionsByRow = new Map(grid.decisions)
  const { candidates } = grid
  const results = computeSessionResults(
    rulesOf(ctx.referential),
    grid.criteres.map((k) => k.code),
    candidates.ids.map((id, row) => ({
      candidateId: id,
      optionCode: candidates.optionCodes[row] ?? null,
      capitalisedBlocCodes: (candidates.capitalisedBlocs[row] ?? []).map((b) => b.blocCode),
      marks: grid.marks[row] ?? [],
      decisions: Object.fromEntries((decisionsByRow.get(row) ?? []).map((d) => [d.blocCode, { code: d.code, reason: d.reason }])),
    })),
  )
  return c.json(
    {
      sessionId,
      gridVersion: grid.session.gridVersion,
      results: results.map((r, row) => ({
        ...r,
        schoolId: candidates.schoolIds[row] ?? '',
        birthName: candidates.birthNames[row] ?? '',
        firstNames: candidates.firstNames[row] ?? [],
      })),
    },
    200,
  )
})
