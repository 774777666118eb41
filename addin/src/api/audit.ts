/** The audit trail of a session, a page at a time, typed from the Worker's route. */
import { callApi, type ApiClient } from './client'

export interface AuditQuery {
  /** Only the events about this candidate. */
  candidateId?: string
  /** The `nextAfter` of the previous page; 0 (the default) for the first page. */
  after?: number
  /** Events per page, 500 at most. */
  limit?: number
}

/** Small pages: each event takes several lines of a narrow pane. */
export const AUDIT_PAGE_SIZE = 50

/**
 * One page of the session's events, oldest first; `nextAfter` is the `after` of the next page,
 * null on the last one.
 * @throws {ApiError} FORBIDDEN without audit.read, NOT_FOUND for an unknown session.
 */
export function listAuditEvents(client: ApiClient, sessionId: string, query: AuditQuery = {}) {
  return callApi(
    client.api.v1.sessions[':sessionId'].audit.$get({
      param: { sessionId },
      query: {
        ...(query.candidateId ? { candidateId: query.candidateId } : {}),
        after: String(query.after ?? 0),
        limit: String(query.limit ?? AUDIT_PAGE_SIZE),
      },
    }),
  )
}

export type AuditPage = Awaited<ReturnType<typeof listAuditEvents>>
export type AuditEntry = AuditPage['events'][number]
