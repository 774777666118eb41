import { Hono } from 'hono'
import { computeSessionResults } from '../../shared/results/sessionResults'
import { readGrid } from '../db/grid'
import type { AppEnv } from '../env'
import { ApiError, ErrorCode } from '../errors'
import { messages } from '../i18n/fr'
import { validate } from '../middleware/validate'
import { storedGradesOf } from './deliberation'
import { sessionParam } from './params'
import { loadSessionContext } from './sessionContext'
import { describeRoute, errors, json } from '../openapi/describe'
import { resultsResponse } from '../openapi/responses/grades'

const resultsDoc = describeRoute({
  summary: 'Codes des blocs et décision de certification par candidat, recalculés depuis les notes',
  tags: ['Notes'],
  responses: { 200: json('Les résultats, dans l’ordre de la grille.', resultsResponse), ...errors(404) },
})

/** Bloc codes and certification decision per candidate, recomputed from the stored marks. */
export const resultRoutes = new Hono<AppEnv>().get('/', resultsDoc, validate('param', sessionParam), async (c) => {
  const { sessionId } = c.req.valid('param')
  const ctx = await loadSessionContext(c.env.DB, sessionId)
  const grid = await readGrid(c.env.DB, sessionId)
  if (!grid) throw new ApiError(ErrorCode.NOT_FOUND, messages.sessionNotFound(sessionId), { sessionId })
  const { candidates } = grid
  const results = computeSessionResults(ctx.rules, grid.criteres.map((k) => k.code), storedGradesOf(grid))
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
