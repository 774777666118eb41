/**
 * Loads the demo session (fictional candidates, marks and a regular jury from shared/demo) through the same
 * write paths as the API. Idempotent: an existing demo session is left as it is.
 */
import type { D1Database } from '@cloudflare/workers-types'
import { buildDemoSession } from '../../shared/demo/demoSession'
import type { Referential } from '../../shared/referential/schema'
import type { AuditContext } from './audit'
import { listCandidates, upsertCandidates } from './candidates'
import { replaceJury } from './deliberation'
import { writeGrades } from './grades'
import { createSession, getSession } from './sessions'

export const DEMO_SESSION_ID = 'demo-2026'

export async function seedDemoSession(db: D1Database, referential: Referential): Promise<'created' | 'exists'> {
  if (await getSession(db, DEMO_SESSION_ID)) return 'exists'
  const ctx: AuditContext = { actor: 'seed', requestId: 'seed-demo' }
  const demo = buildDemoSession(referential)
  await createSession(db, ctx, { referentialId: referential.id, deliberationPlace: null, ...demo.session }, DEMO_SESSION_ID)
  await upsertCandidates(db, ctx, DEMO_SESSION_ID, demo.candidates, 'candidate.import')
  const candidates = new Map((await listCandidates(db, DEMO_SESSION_ID)).map((c) => [c.schoolId, c]))
  const rows = new Map<string, { candidateId: string; rowVersion: number; marks: Record<string, string>; comments: Record<string, never>; decisions: Record<string, never> }>()
  for (const mark of demo.marks) {
    const candidate = candidates.get(mark.schoolId)
    if (!candidate) continue
    const row = rows.get(candidate.id) ?? { candidateId: candidate.id, rowVersion: candidate.rowVersion, marks: {}, comments: {}, decisions: {} }
    row.marks[mark.critereCode] = mark.value
    rows.set(candidate.id, row)
  }
  await writeGrades(db, ctx, { sessionId: DEMO_SESSION_ID, rows: [...rows.values()], reason: 'données de démonstration', source: 'manual' })
  await replaceJury(db, ctx, DEMO_SESSION_ID, demo.jury)
  return 'created'
}
