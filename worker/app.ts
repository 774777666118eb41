/**
 * The API: one sub-app per resource under /api/v1, composed by chaining so that the route types
 * flow to the add-in's RPC client (`hc<AppType>`). Every route but health requires the bearer
 * token; every error leaves in the same envelope.
 */
import { Hono } from 'hono'
import { authorize } from './auth/authorize'
import { apiSecurityHeaders } from './auth/securityHeaders'
import type { AppEnv } from './env'
import { ApiError, ErrorCode } from './errors'
import { messages } from './i18n/fr'
import { renderError } from './middleware/onError'
import { requestId } from './middleware/requestId'
import { auditRoutes } from './routes/audit'
import { authConfigRoutes } from './routes/authConfig'
import { candidateRoutes } from './routes/candidates'
import { certifierSettingsRoutes } from './routes/certifierSettings'
import { deliberationRoutes } from './routes/deliberation'
import { documentAvailabilityRoutes } from './routes/documentAvailability'
import { documentRoutes } from './routes/documents'
import { gradeRoutes } from './routes/grades'
import { gridRoutes } from './routes/grid'
import { healthRoutes } from './routes/health'
import { juryRoutes } from './routes/jury'
import { juryImportRoutes } from './routes/juryImports'
import { juryImportExtractRoutes } from './routes/juryImportExtracts'
import { jurySheetRoutes } from './routes/jurySheets'
import { meRoutes } from './routes/me'
import { openApiRoutes } from './routes/openapi'
import { peopleRoutes } from './routes/people'
import { privacyRoutes } from './routes/privacy'
import { rattrapageRoutes } from './routes/rattrapage'
import { referentialRoutes } from './routes/referentials'
import { resultRoutes } from './routes/results'
import { sessionRoutes } from './routes/sessions'
import { tokenRoutes } from './routes/tokens'
import { userRoutes } from './routes/users'

const protectedRoutes = new Hono<AppEnv>()
  .use('*', authorize)
  .route('/me', meRoutes)
  .route('/users', userRoutes)
  .route('/tokens', tokenRoutes)
  .route('/certifier-settings', certifierSettingsRoutes)
  .route('/sessions/:sessionId/audit', auditRoutes)
  .route('/sessions/:sessionId/candidates/:candidateId', privacyRoutes)
  .route('/referentials', referentialRoutes)
  .route('/sessions', sessionRoutes)
  .route('/sessions/:sessionId/candidates', candidateRoutes)
  .route('/sessions/:sessionId/grid', gridRoutes)
  .route('/sessions/:sessionId/grades', gradeRoutes)
  .route('/sessions/:sessionId/results', resultRoutes)
  .route('/sessions/:sessionId/jury', juryRoutes)
  .route('/sessions/:sessionId', deliberationRoutes)
  .route('/sessions/:sessionId', documentRoutes)
  .route('/sessions/:sessionId/jury-imports', juryImportRoutes)
  .route('/sessions/:sessionId/jury-imports/extracted', juryImportExtractRoutes)
  .route('/sessions/:sessionId/jury-sheets.xlsx', jurySheetRoutes)
  .route('/sessions/:sessionId/rattrapage', rattrapageRoutes)
  .route('/sessions/:sessionId/people', peopleRoutes)
  .route('/sessions/:sessionId/documents', documentAvailabilityRoutes)

export const app = new Hono<AppEnv>()
  .basePath('/api/v1')
  .use('*', requestId, apiSecurityHeaders)
  .route('/health', healthRoutes)
  .route('/openapi.json', openApiRoutes)
  .route('/auth/config', authConfigRoutes)
  .route('/', protectedRoutes)

app.notFound((c) => {
  const error = new ApiError(ErrorCode.NOT_FOUND, messages.routeNotFound(c.req.method, c.req.path))
  return c.json(error.toEnvelope(), error.status)
})

app.onError(renderError)

export type AppType = typeof app
