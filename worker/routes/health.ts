import { Hono } from 'hono'
import type { AppEnv } from '../env'

/** Liveness probe: public, touches nothing. */
export const healthRoutes = new Hono<AppEnv>().get('/', (c) => c.json({ status: 'ok' as const }, 200))
