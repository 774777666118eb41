/** Loads what session-scoped routes need: the session and the index of its référentiel. */
import { indexReferential, type ReferentialIndex } from '../../shared/grades/gradePush'
import type { Referential } from '../../shared/referential/schema'
import { compileReferentialRules, type CompiledRules } from '../../shared/rules/compileRules'
import type { Session } from '../../shared/sessions/schema'
import type { D1Database } from '@cloudflare/workers-types'
import { getPublishedReferential } from '../db/referentials'
import { getSession } from '../db/sessions'
import { ApiError, ErrorCode } from '../errors'
import { messages } from '../i18n/fr'

export interface SessionContext {
  session: Session
  referential: Referential
  index: ReferentialIndex
  /** The référentiel's rules, compiled for the engine. */
  rules: CompiledRules
}

const indexes = new WeakMap<Referential, ReferentialIndex>()
const compiled = new WeakMap<Referential, CompiledRules>()

/** Rules of a published référentiel, compiled once per isolate (they never change). */
export function rulesOf(referential: Referential): CompiledRules {
  let rules = compiled.get(referential)
  if (!rules) {
    const result = compileReferentialRules(referential)
    if (!result.ok) throw new Error(`rules of ${referential.id} do not compile: ${result.issues.map((i) => i.message).join('; ')}`)
    rules = result.value
    compiled.set(referential, rules)
  }
  return rules
}

export async function loadSessionContext(db: D1Database, sessionId: string): Promise<SessionContext> {
  const session = await getSession(db, sessionId)
  if (!session) throw new ApiError(ErrorCode.NOT_FOUND, messages.sessionNotFound(sessionId), { sessionId })
  const stored = await getPublishedReferential(db, session.referentialId)
  if (!stored) throw new Error(`session ${sessionId} points at missing référentiel ${session.referentialId}`)
  let index = indexes.get(stored.referential)
  if (!index) {
    index = indexReferential(stored.referential)
    indexes.set(stored.referential, index)
  }
  return { session, referential: stored.referential, index, rules: rulesOf(stored.referential) }
}

export function assertSessionOpen(session: Session): void {
  if (session.status !== 'open') throw new ApiError(ErrorCode.SESSION_LOCKED, messages.sessionLocked, { status: session.status })
}
