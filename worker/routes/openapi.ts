import { Hono } from 'hono'
import type { AppEnv } from '../env'
import { buildOpenApiDocument } from '../openapi'

let document: ReturnType<typeof buildOpenApiDocument> | null = null

/** Public: describes the API, holds no data. Built once per isolate. */
export const openApiRoutes = new Hono<AppEnv>().get('/', (c) => {
  document ??= buildOpenApiDocument()
  return c.json(document, 200)
})
