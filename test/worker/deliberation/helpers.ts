/**
 * Requests for the deliberation and document routes through the real app, with the certifier
 * settings passed as the deployment's variables would be.
 */
import { app } from '../../../worker/app'
import { checkDocumentedResponse } from '../documentedResponses'
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

/** A jury that meets the composition rules (collegial, half external, a president): finalising needs one. */
export const REGULAR_JURY = [
  { civility: 'Mme', name: 'Claire Dumas', quality: 'DSI, Société Alpha', external: true, president: true },
  { civility: 'Mme', name: 'Inès Morel', quality: 'Responsable pédagogique', external: false, president: false },
]

export async function call(path: string, init: RequestInit = {}, vars: Record<string, string> = CERTIFIER_VARS): Promise<Response> {
  const headers = new Headers(init.headers)
  headers.set('Authorization', `Bearer ${ADMIN_TOKEN}`)
  const response = await app.request(`/api/v1${path}`, { ...init, headers }, { ...testEnv, ...vars })
  await checkDocumentedResponse(init.method ?? 'GET', `/api/v1${path}`, response)
  return response
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
  return (await (await call(`/sessions/${sessionId}/results`)).json<ResultsBody>()).results
}

export interface GridBody {
  grid: { session: { gridVersion: number }; candidates: { ids: string[]; rowVersions: number[] } }
}

export async function grid(sessionId: string): Promise<GridBody['grid']> {
  return (await (await call(`/sessions/${sessionId}/grid`)).json<GridBody>()).grid
}

export async function bytesOf(res: Response): Promise<Uint8Array> {
  return new Uint8Array(await res.arrayBuffer())
}
