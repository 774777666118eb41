/** The audit trail of a session, a page at a time, typed from the Worker's route. */
import { callApi, type ApiClient } from './client'

export interface AuditQuery {
  /** Only the events about this candidate. */
  candidateId?: string
  /** The `nextBefore` of the previous page; absent for the first page (the newest events). */
  before?: number
  /** Events per page, 500 at most. */
  limit?: number
}

/** Small pages: each event takes several lines of a narrow pane. */
export const AUDIT_PAGE_SIZE = 50

/**
 * One page of the session's events, newest first (what happened last is what the user looks for);
 * `nextBefore` is the `before` of the next, older page, null on the last one.
 * @throws {ApiError} FORBIDDEN without audit.read, NOT_FOUND for an unknown session.
 */
export function listAuditEvents(client: ApiClient, sessionId: string, query: AuditQuery = {}) {
  return callApi(
    client.api.v1.sessions[':sessionId'].audit.$get({
      param: { sessionId },
      query: {
        ...(query.candidateId ? { candidateId: query.candidateId } : {}),
        order: 'newest',
        after: '0',
        ...(query.before !== undefined ? { before: query.before } : {}),
        limit: String(query.limit ?? AUDIT_PAGE_SIZE),
      },
    }),
  )
}

export type AuditPage = Awaited<ReturnType<typeof listAuditEvents>>
export type AuditEntry = AuditPage['events'][number]
