/**
 * Editing one candidate from the pane: the fields an administrator corrects most (names, e-mail,
 * option, access route) as form strings, merged back into the stored candidate's input. The
 * other fields (birth place, capitalised blocs…) are sent as stored; the Worker validates all.
 */
import { ACCESS_ROUTES, type AccessRoute, type CandidateInput } from '../../../shared/candidates/schema'
import type { SessionCandidate } from '../api/candidates'
import { fr } from '../i18n/fr'

export interface CandidateFormValues {
  birthName: string
  usageName: string
  /** Comma-separated, in civil-status order. */
  firstNames: string
  email: string
  /** An option code, or "" for none. */
  optionCode: string
  /** An access route, or "" for none. */
  accessRoute: string
}

export function candidateFormOf(candidate: SessionCandidate): CandidateFormValues {
  return {
    birthName: candidate.birthName,
    usageName: candidate.usageName ?? '',
    firstNames: candidate.firstNames.join(', '),
    email: candidate.email ?? '',
    optionCode: candidate.optionCode ?? '',
    accessRoute: candidate.accessRoute ?? '',
  }
}

const orNull = (text: string) => (text.trim() === '' ? null : text.trim())
const isAccessRoute = (value: string): value is AccessRoute => (ACCESS_ROUTES as readonly string[]).includes(value)

export type CandidateFormResult = { ok: true; input: CandidateInput } | { ok: false; message: string }

/** The stored candidate with the form's fields: what PUT …/candidates/{id} sends. */
export function candidateInputOf(candidate: SessionCandidate, values: CandidateFormValues): CandidateFormResult {
  const firstNames = values.firstNames.split(',').map((name) => name.trim()).filter((name) => name !== '')
  if (values.birthName.trim() === '') return { ok: false, message: fr.candidates.birthNameRequired }
  if (firstNames.length === 0) return { ok: false, message: fr.candidates.firstNamesRequired }
  const { id, sessionId, rowVersion, status, withdrawnAt, withdrawalReason, ...stored } = candidate
  void [id, sessionId, rowVersion, status, withdrawnAt, withdrawalReason]
  return {
    ok: true,
    input: {
      ...stored,
      birthName: values.birthName.trim(),
      usageName: orNull(values.usageName),
      firstNames,
      email: orNull(values.email),
      optionCode: orNull(values.optionCode),
      accessRoute: isAccessRoute(values.accessRoute) ? values.accessRoute : null,
    },
  }
}

/** "Martin Léa", or "Dupont (Martin) Léa" with a usage name: as the grid names the candidate. */
export function candidateLabel(candidate: Pick<SessionCandidate, 'schoolId' | 'birthName' | 'usageName' | 'firstNames'>): string {
  const name = candidate.usageName ? `${candidate.usageName} (${candidate.birthName})` : candidate.birthName
  return `${candidate.schoolId} · ${name} ${candidate.firstNames[0] ?? ''}`.trim()
}
