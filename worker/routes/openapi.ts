/**
 * Public: the OpenAPI 3.1 document of the API, generated from the routes and their schemas at
 * build time (`npm run openapi` → addin/public/openapi.json, see worker/openapi/document.ts) and
 * served from the static assets: the generator stays out of the Worker's bundle.
 */
import { Hono } from 'hono'
import type { AppEnv } from '../env'
import { ApiError, ErrorCode } from '../errors'
import { messages } from '../i18n/fr'
import { describeRoute, json } from '../openapi/describe'
import { openApiDocumentResponse } from '../openapi/responses/document'

const documentDoc = describeRoute({
  summary: 'Ce document',
  tags: ['Service'],
  responses: { 200: json('La description OpenAPI 3.1 de l’API, générée depuis les routes et leurs schémas.', openApiDocumentResponse) },
})

export const openApiRoutes = new Hono<AppEnv>().get('/', documentDoc, async (c) => {
  const asset = await c.env.ASSETS.fetch(new URL('/openapi.json', c.req.url))
  if (!asset.ok) throw new ApiError(ErrorCode.SERVER_MISCONFIGURED, messages.openApiMissing)
  return c.body(await asset.text(), 200, { 'Content-Type': 'application/json; charset=utf-8' })
})
