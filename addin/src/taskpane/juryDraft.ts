/**
 * The jury as the editor holds it while the user types: rows that may still be incomplete, one
 * president at most, the composition check run on every change, and the rows turned into the
 * members the Worker accepts (or the located problems that stop the save).
 */
import {
  checkJuryComposition,
  juryUpdateSchema,
  type JuryCheck,
  type JuryCivility,
  type JuryMember,
} from '../../../shared/documents/juryComposition'

export interface DraftMember {
  civility: JuryCivility | ''
  name: string
  quality: string
  external: boolean
  president: boolean
}

export const emptyMember = (): DraftMember => ({ civility: '', name: '', quality: '', external: true, president: false })

export function draftOf(members: readonly JuryMember[]): DraftMember[] {
  return members.map((m) => ({ civility: m.civility ?? '', name: m.name, quality: m.quality, external: m.external, president: m.president }))
}

/**
 * The rows the editor opens on: the stored jury, or for a session without one the smallest jury
 * the rules accept (two members, external by default, the first one presiding), to fill in.
 */
export function startingDraft(members: readonly JuryMember[]): DraftMember[] {
  return members.length > 0 ? draftOf(members) : [{ ...emptyMember(), president: true }, emptyMember()]
}

/** Names `index` president (the previous one steps down), or no one when it already was. */
export function togglePresident(draft: readonly DraftMember[], index: number): DraftMember[] {
  const wasPresident = draft[index]?.president === true
  return draft.map((member, i) => ({ ...member, president: i === index && !wasPresident }))
}

const FIELD_LABELS: Record<string, string> = { name: 'nom', quality: 'qualité', civility: 'civilité' }

export type DraftReading = { ok: true; members: JuryMember[] } | { ok: false; problems: string[] }

/** The members to send, or what to fix, row by row: « Membre 2, nom : champ obligatoire ». */
export function readDraft(draft: readonly DraftMember[]): DraftReading {
  const parsed = juryUpdateSchema.safeParse({ members: draft.map((m) => ({ ...m, civility: m.civility === '' ? null : m.civility })) })
  if (parsed.success) return { ok: true, members: parsed.data.members }
  const problems = parsed.error.issues.map((issue) => {
    const [, row, field] = issue.path
    if (typeof row !== 'number') return issue.message
    const label = typeof field === 'string' ? (FIELD_LABELS[field] ?? field) : null
    return `Membre ${row + 1}${label ? `, ${label}` : ''}\u00a0: ${issue.message}`
  })
  return { ok: false, problems: [...new Set(problems)] }
}

/** The composition check of the rows as typed (a blank row counts: it is a seat to fill). */
export function checkDraft(draft: readonly DraftMember[]): JuryCheck {
  return checkJuryComposition(draft.map((m) => ({ ...m, civility: m.civility === '' ? null : m.civility })))
}

/** Whether the draft differs from what the server holds. */
export function draftChanged(draft: readonly DraftMember[], saved: readonly JuryMember[]): boolean {
  return JSON.stringify(draft) !== JSON.stringify(draftOf(saved))
}
