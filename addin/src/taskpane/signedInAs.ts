/** Who the pane is connected as, in one French line, from GET /me. */
import type { Me } from '../account/permissions'
import { fr } from '../i18n/fr'

/**
 * « Marie Dupont · responsable de certification »: the display name (else the email, else the
 * id), and the global role, else the role held on the selected session (an assessor has only
 * that one).
 */
export function signedInAs(me: Me, sessionId: string): string {
  const { identity } = me
  const name = identity.displayName ?? identity.email ?? identity.id
  const role = identity.globalRole ?? me.sessions.find((s) => s.id === sessionId)?.role ?? null
  return fr.connection.signedInAs(name, role === null ? null : (fr.roles[role] ?? role))
}
