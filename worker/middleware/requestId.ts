import { createMiddleware } from 'hono/factory'
import type { AppEnv } from '../env'

/** Gives each request an id (Cloudflare's ray id when present) for logs and audit events. */
export const requestId = createMiddleware<AppEnv>(async (c, next) => {
  const ray = c.req.header('cf-ray')
  const id = ray && /^[\w-]{1,64}$/.test(ray) ? ray : crypto.randomUUID()
  c.set('requestId', id)
  c.header('X-Request-Id', id)
  await next()
})
