import { Hono } from 'hono'
import { getGridVersion, readGrid } from '../db/grid'
import type { AppEnv } from '../env'
import { ApiError, ErrorCode } from '../errors'
import { messages } from '../i18n/fr'
import { validate } from '../middleware/validate'
import { ifNoneMatchHits } from './etag'
import { sessionParam } from './params'

export const gridRoutes = new Hono<AppEnv>().get('/', validate('param', sessionParam), async (c) => {
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
