/** The answer of GET /openapi.json: an OpenAPI 3.1 document (its full shape is the OpenAPI specification's). */
import * as z from '../../../shared/zod'
import { jsonObject } from './common'

export const openApiDocumentResponse = z.looseObject({
  openapi: z.literal('3.1.0'),
  info: z.looseObject({ title: z.string(), version: z.string() }),
  paths: z.record(z.string(), z.record(z.string(), jsonObject)),
})
