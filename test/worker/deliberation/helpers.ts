/**
 * Requests for the deliberation and document routes. Until the lead mounts them in worker/app.ts,
 * they are mounted here on a test app with the same middleware (request id, bearer token, error
 * envelope) in front of the real app; once mounted there, the same requests reach the same
 * handlers. The certifier settings are passed as the deployment's variables would be.
 */
import { Hono } from 'hono'
import { HTTPException } from 'hono/http-exception'
import { app } from '../../../worker/app'
import type { AppEnv } from '../../../worker/env'
import { ApiError } from '../../../worker/errors'
import { requestId } from '../../../worker/middleware/requestId'
import { requireAdminToken } from '../../../worker/middleware/requireAdminToken'
import { deliberationRoutes } from '../../../worker/routes/deliberation'
import { documentRoutes } from '../../../worker/routes/documents'
import { juryRoutes } from '../../../worker/routes/jury'
import { ADMIN_TOKEN, testEnv } from '../harness'

export const CERTIFIER_VARS = {
  CERTIFIER_NAME: 'École Supérieure d’Ingénierie Numérique',
  CERTIFIER_SIGNATORY: 'Jeanne Martin, directrice générale',
  CERTIFIER_CITY: 'Lyon',
  RNCP_CODE: 'RNCP12345',
  RNCP_REGISTRATION_DATE: '2024-03-28',
  NSF_CODES: '326',
  CDC_ID_CLIENT: 'AB12CD34',
  CDC_ID_CONTRAT: 'MCFCER000123',
}

const deliberationApp = new Hono<AppEnv>()
  .basePath('/api/v1')
  .use('*', requestId)
  .use('*', requireAdminToken)
  .route('/sessions/:sessionId/jury', juryRoutes)
  .route('/sessions/:sessionId', deliberationRoutes)
  .route('/sessions/:sessionId', documentRoutes)

deliberationApp.onError((err, c) => {
  if (err instanceof ApiError) return c.json(err.toEnvelope(), err.status)
  if (err instanceof HTTPException) return err.getResponse()
  throw err
})

const testApp = new Hono<AppEnv>().route('/', deliberationApp).route('/', app)

export function call(path: string, init: RequestInit = {}, vars: Record<string, string> = CERTIFIER_VARS): Promise<Response> {
  const headers = new Headers(init.headers)
  headers.set('Authorization', `Bearer ${ADMIN_TOKEN}`)
  return Promise.resolve(testApp.request(`/api/v1${path}`, { ...init, headers }, { ...testEnv, ...vars }))
}

export const json = (method: string, body: unknown): RequestInit => ({
  method,
  headers: { 'Content-Type': 'application/json' },
  body: JSON.stringify(body),
})

export interface ErrorBody {
  error: { code: string; message: string; details: Record<string, unknown> | null }
}

export interface ResultsBody {
  results: Array<{
    candidateId: string
    schoolId: string
    blocs: Record<string, { code: string; computedCode: string | null; override: string | null }>
    decision: string
  }>
}

export async function results(sessionId: string): Promise<ResultsBody['results']> {
  return ((await (await call(`/sessions/${sessionId}/results`)).json()) as ResultsBody).results
}

export interface GridBody {
  grid: { session: { gridVersion: number }; candidates: { ids: string[]; rowVersions: number[] } }
}

export async function grid(sessionId: string): Promise<GridBody['grid']> {
  return ((await (await call(`/sessions/${sessionId}/grid`)).json()) as GridBody).grid
}

export async function bytesOf(res: Response): Promise<Uint8Array> {
  return new Uint8Array(await res.arrayBuffer())
}
