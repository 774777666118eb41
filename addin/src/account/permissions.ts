/**
 * What the signed-in user may do, from GET /api/v1/me, so that the pane hides the actions the
 * user's roles do not allow. The Worker checks every request anyway: this is comfort, not security.
 */
import type { Permission, Role } from '../../../worker/auth/permissions'
import { authorizationHeader, type Account } from './account'
import { accountMessages } from './messages'

export type { Permission, Role }

export interface Me {
  identity: {
    kind: 'breakGlass' | 'user' | 'apiToken'
    id: string
    email: string | null
    displayName: string | null
    globalRole: Role | null
  }
  /** What the global role allows, on every session. */
  permissions: Permission[]
  /** Sessions the user holds a role on, with what they may do there (global role included). */
  sessions: Array<{ id: string; name: string; status: string; role: Role; permissions: Permission[] }>
}

export async function fetchMe(account: Account, fetchImpl: typeof fetch = fetch): Promise<Me> {
  const res = await fetchImpl(`${account.apiBaseUrl}/api/v1/me`, { headers: { Authorization: await authorizationHeader(account) } })
  if (!res.ok) throw new Error(accountMessages.meUnreadable(res.status))
  return (await res.json()) as Me
}

/** Whether the user may do `permission`, on `sessionId` when given (global role or role on that session). */
export function can(me: Me, permission: Permission, sessionId?: string): boolean {
  if (me.permissions.includes(permission)) return true
  if (sessionId === undefined) return false
  return me.sessions.some((s) => s.id === sessionId && s.permissions.includes(permission))
}
