/**
 * The invitation and API-token forms of the People section, read before anything is sent: a clear
 * French problem for the field at fault, or the request the Worker expects.
 */
import type { GlobalRole, SessionRole } from '../api/admin'
import { fr } from '../i18n/fr'

// The Worker checks the address with zod's e-mail rule; this catches typos before the request.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/

export type Invitation =
  | { scope: 'session'; email: string; displayName: string | null; role: SessionRole }
  | { scope: 'global'; email: string; displayName: string | null; role: GlobalRole }

export function readInvitation(form: { email: string; displayName: string; scope: 'session' | 'global'; role: GlobalRole }):
  | { ok: true; invitation: Invitation }
  | { ok: false; problem: string } {
  const email = form.email.trim().toLowerCase()
  if (!EMAIL.test(email) || email.length > 254) return { ok: false, problem: fr.people.invalidEmail }
  const displayName = form.displayName.trim() === '' ? null : form.displayName.trim()
  if (form.scope === 'session') {
    // Administration is a global role only.
    const role: SessionRole = form.role === 'admin' ? 'assessor' : form.role
    return { ok: true, invitation: { scope: 'session', email, displayName, role } }
  }
  return { ok: true, invitation: { scope: 'global', email, displayName, role: form.role } }
}

export function readTokenRequest(
  form: { name: string; role: GlobalRole; scope: 'session' | 'all'; days: string },
  sessionId: string,
):
  | { ok: true; request: { name: string; role: GlobalRole; sessionId: string | null; expiresInDays: number } }
  | { ok: false; problem: string } {
  const name = form.name.trim()
  if (name === '') return { ok: false, problem: fr.people.nameRequired }
  const days = Number(form.days.trim())
  if (!Number.isInteger(days) || days < 1 || days > 366) return { ok: false, problem: fr.people.invalidDays }
  const scoped = form.scope === 'session' && form.role !== 'admin'
  return { ok: true, request: { name: name.slice(0, 100), role: form.role, sessionId: scoped ? sessionId : null, expiresInDays: days } }
}
