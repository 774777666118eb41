/** A session on the jury test référentiel with the candidates the jury tests and the corpus need. */
import { contentHash } from '../../../shared/contentHash'
import type { JurySheetCandidate } from '../../../shared/jury/sheetTemplate'
import { publishReferential } from '../../../worker/db/referentials'
import { jurySheetSigner } from '../../../worker/routes/jurySheets'
import { juryReferential } from '../../shared/jury/fixtures'
import { request, testEnv } from '../harness'

const json = (body: unknown, method = 'POST'): RequestInit => ({
  method,
  headers: { 'Content-Type': 'application/json' },
  body: JSON.stringify(body),
})

export interface JurySession {
  sessionId: string
  /** By school id: E100 (option A), E200 (option B), E300 (BC01 capitalised), E401…E4nn (option A). */
  candidates: Map<string, JurySheetCandidate & { rowVersion: number }>
}

export async function setUpJurySession(panelSize = 3): Promise<JurySession> {
  await publishReferential(testEnv.DB, juryReferential, await contentHash(juryReferential))
  const created = await request('/api/v1/sessions', json({ referentialId: juryReferential.id, name: 'Session jury' }))
  if (created.status !== 201) throw new Error(await created.text())
  const sessionId = (await created.json<{ session: { id: string } }>()).session.id
  const person = (schoolId: string, extra: Record<string, unknown> = {}) => ({ schoolId, birthName: `Nom-${schoolId}`, firstNames: ['Camille'], optionCode: 'BC03-A', ...extra })
  const bulk = await request(
    `/api/v1/sessions/${sessionId}/candidates/bulk`,
    json({
      candidates: [
        person('E100'),
        person('E200', { optionCode: 'BC03-B' }),
        person('E300', { capitalisedBlocs: [{ blocCode: 'BC01', acquiredOn: '2024-06-30', source: 'earlier_session' }] }),
        ...Array.from({ length: panelSize }, (_, i) => person(`E${401 + i}`)),
      ],
    }),
  )
  if (bulk.status !== 200) throw new Error(await bulk.text())
  const list = await (await request(`/api/v1/sessions/${sessionId}/candidates`)).json<{
    candidates: Array<JurySheetCandidate & { rowVersion: number }>
  }>()
  return { sessionId, candidates: new Map(list.candidates.map((c) => [c.schoolId, c])) }
}

/** The Worker's own signer: what the route seals sheets with. */
export function serverSigner() {
  return jurySheetSigner(testEnv)
}
