/**
 * `npm run openapi`: writes the OpenAPI document generated from the app's routes and their zod
 * schemas (worker/openapi/document.ts) to addin/public/openapi.json, which the build copies into
 * the static assets the Worker serves at GET /api/v1/openapi.json. Run it after changing a route
 * or a schema: a Worker test fails while the file is not current.
 */
import { writeFile } from 'node:fs/promises'
import { app } from '../worker/app'
import { buildOpenApiDocument, OPENAPI_FILE, serialiseDocument } from '../worker/openapi/document'
import { collectOperations, servedRoutes } from '../worker/openapi/operations'

const documented = new Set(collectOperations(app).map((op) => `${op.method} ${op.path}`))
const undocumented = servedRoutes(app).filter((route) => !documented.has(route))
if (undocumented.length > 0) {
  console.error(`Routes sans describeRoute (worker/openapi/describe.ts) :\n  ${undocumented.join('\n  ')}`)
  process.exit(1)
}
const target = new URL(`../${OPENAPI_FILE}`, import.meta.url)
await writeFile(target, serialiseDocument(await buildOpenApiDocument(app)))
console.log(`${OPENAPI_FILE} écrit (${documented.size} opérations).`)
