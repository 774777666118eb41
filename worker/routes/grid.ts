import { Hono } from 'hono'
import { getGridVersion, readGrid } from '../db/grid'
import type { AppEnv } from '../env'
import { ApiError, ErrorCode } from '../errors'
import { messages } from '../i18n/fr'
import { validate } from '../middleware/validate'
import { ifNoneMatchHits } from './etag'
import { sessionParam } from './params'
import { describeRoute, errors, header, headerParam, json, notModified } from '../openapi/describe'
import { gridResponse } from '../openapi/responses/grades'

const gridDoc = describeRoute({
  summary: 'Grille de notation en colonnes (ETag, 304)',
  tags: ['Notes'],
  parameters: [headerParam('If-None-Match', 'ETag déjà reçu : 304 sans corps si la grille n’a pas changé')],
  responses: {
    200: json('La grille : critères en colonnes, une ligne par candidat, notes, commentaires et décisions du jury.', gridResponse, {
      ETag: header('version de la grille (change à chaque écriture)'),
    }),
    304: notModified,
    ...errors(404),
  },
})

export const gridRoutes = new Hono<AppEnv>().get('/', gridDoc, validate('param', sessionParam), async (c) => {
  const { sessionId } = c.req.valid('param')
  // Every write that changes the grid bumps grid_version, so it alone makes the ETag.
  const version = await getGridVersion(c.env.DB, sessionId)
  if (version === null) throw new ApiError(ErrorCode.NOT_FOUND, messages.sessionNotFound(sessionId), { sessionId })
  const etag = `"grid-${sessionId}-${version}"`
  c.header('ETag', etag)
  c.header('Cache-Control', 'private, no-cache')
  if (ifNoneMatchHits(c.req.header('if-none-match'), etag)) return c.body(null, 304)
  const grid = await readGrid(c.env.DB, sessionId)
  if (!grid) throw new ApiError(ErrorCode.NOT_FOUND, messages.sessionNotFound(sessionId), { sessionId })
  c.header('ETag', `"grid-${sessionId}-${grid.session.gridVersion}"`)
  return c.json({ grid }, 200)
})
