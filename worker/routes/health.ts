import { Hono } from 'hono'
import type { AppEnv } from '../env'
import { describeRoute, json } from '../openapi/describe'
import { healthResponse } from '../openapi/responses/access'

const healthDoc = describeRoute({ summary: 'État du service', tags: ['Service'], responses: { 200: json('Le service répond.', healthResponse) } })

/** Liveness probe: public, touches nothing. */
export const healthRoutes = new Hono<AppEnv>().get('/', healthDoc, (c) => c.json({ status: 'ok' as const }, 200))
