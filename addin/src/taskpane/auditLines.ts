/**
 * An audit event as the Journal section shows it: French lines from the Worker's raw event
 * (action code, actor, details JSON). Pure, so that every action's wording is tested without a
 * browser. Details are read defensively: they are whatever the Worker stored at the time, and an
 * older or unexpected shape must still display.
 */
import { frenchDateOfIso, frenchDateTimeOfIso } from '../../../shared/frenchDates'
import { sortByName } from '../../../shared/names/collation'
import { actorName } from '../../../shared/people/actorName'
import { fr } from '../i18n/fr'

/** The fields of a stored audit event this module reads (GET /sessions/{id}/audit). */
export interface AuditEventInput {
  id: number
  at: string
  actor: string
  /** The author as the Worker names them (display name, French label of a system actor). */
  actorName?: string
  action: string
  candidateId: string | null
  details: unknown
}

export interface AuditEventLines {
  id: number
  /** Date and time in French, in Europe/Paris: « 12/06/2026 à 14 h 03 ». */
  when: string
  /** Who, by name: the user's display name, an API token, « import initial »… never an actor key. */
  actor: string
  /** What, in French words; an unknown code as is. */
  action: string
  /** « Candidat : MARTIN Léa (E001) », or null when the event is about no candidate. */
  candidate: string | null
  /** The key details, one short line each. */
  details: string[]
}

export interface AuditFormatOptions {
  /** Candidate id → label; an id missing here (deleted candidate) is shown as is. */
  candidates?: ReadonlyMap<string, string>
}

/** Marks listed per event before « et n autres ». */
const MAX_MARKS = 6
/** Length of the raw details of an action this module does not know. */
const MAX_RAW_DETAILS = 200

interface JournalCandidate {
  id: string
  birthName: string
  usageName?: string | null
  firstNames: readonly string[]
  schoolId: string
}

/**
 * How a candidate reads in the filter and in the events, as the grid's « Nom » column shows him
 * (the usage name, with the birth name in brackets: shared/workbook/gradeSheetData.ts):
 * « MARTIN Léa (E001) », « DUPONT (MARTIN) Léa (E001) ».
 */
export function candidateLabel(candidate: Omit<JournalCandidate, 'id'>): string {
  const usage = candidate.usageName?.trim()
  const name = usage ? `${usage} (${candidate.birthName})` : candidate.birthName
  return `${[name, candidate.firstNames[0] ?? ''].join(' ').trim()} (${candidate.schoolId})`
}

/** The filter's choices, in the French order of names every list of Certibloc uses. */
export function candidateChoices(candidates: readonly JournalCandidate[]): Array<{ id: string; label: string }> {
  return sortByName(candidates, (c) => ({ ...c, usageName: c.usageName ?? null })).map((c) => ({ id: c.id, label: candidateLabel(c) }))
}

export function auditEventLines(event: AuditEventInput, options: AuditFormatOptions = {}): AuditEventLines {
  const candidate = event.candidateId === null ? null : (options.candidates?.get(event.candidateId) ?? event.candidateId)
  return {
    id: event.id,
    when: frenchDateTimeOfIso(event.at),
    actor: event.actorName ?? actorName(event.actor),
    action: fr.audit.actions[event.action] ?? event.action,
    candidate: candidate === null ? null : fr.audit.candidate(candidate),
    details: detailLines(event.action, record(event.details)),
  }
}


/* Defensive readers of the details JSON. */

type Details = Record<string, unknown>

function record(value: unknown): Details {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Details) : {}
}
const text = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null)
const count = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : null)
const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : [])
const role = (value: unknown): string | null => {
  const code = text(value)
  return code === null ? null : (fr.roles[code] ?? code)
}
const markValue = (value: unknown): string =>
  fr.audit.details.value(typeof value === 'string' || typeof value === 'number' ? value : null)

/** Each present line, in order (absent details give no line rather than « undefined »). */
function lines(...candidates: Array<string | null | false>): string[] {
  return candidates.filter((line): line is string => typeof line === 'string' && line !== '')
}

function detailLines(action: string, d: Details): string[] {
  const t = fr.audit.details
  const reason = text(d.reason) && t.reason(text(d.reason) as string)
  const pv = count(d.pvVersion) !== null && t.pvVersion(count(d.pvVersion) as number)
  switch (action) {
    case 'session.create':
      return lines(text(d.name) && t.name(text(d.name) as string), text(d.referentialId) && t.referential(text(d.referentialId) as string))
    case 'session.update': {
      const fields = Object.keys(d).filter((key) => key !== 'version').map((key) => fr.audit.sessionFields[key] ?? key)
      return lines(fields.length > 0 && t.changed(fields))
    }
    case 'candidate.create':
    case 'candidate.update':
      return lines(text(d.schoolId) && t.schoolId(text(d.schoolId) as string))
    case 'candidate.import':
    case 'candidate.bulkUpsert':
      return lines(t.upsert(count(d.created) ?? 0, count(d.updated) ?? 0, count(d.unchanged) ?? 0))
    case 'grades.update':
      return gradeLines(d)
    case 'bloc.override':
      return lines(text(d.blocCode) && t.decision(text(d.blocCode) as string, text(d.code), text(d.reason)))
    case 'jury.update':
      return lines(t.members(list(d.members).flatMap((m) => text(record(m).name) ?? [])))
    case 'session.finalise':
      return lines(pv)
    case 'session.amend':
      return lines(count(d.amendedPvVersion) !== null && t.amended(count(d.amendedPvVersion) as number), reason)
    case 'jury_import.commit':
      // The batch is named by the event itself (when, by whom): never by its id.
      return lines(t.imported(count(record(d.totals).files) ?? list(d.files).length, count(d.marks) ?? 0))
    case 'jury_import.undo':
      return lines(t.restored(count(d.restored) ?? list(d.cells).length))
    case 'document.attestation':
      return lines(pv, list(d.blocs).length > 0 && t.blocs(list(d.blocs).flatMap((b) => text(b) ?? [])))
    case 'document.attestations':
      return lines(pv, t.holders(list(d.candidates).length))
    case 'document.cdc':
      return lines(pv, t.holders(list(d.holders).length))
    case 'candidate.erase':
      return lines(text(d.mode) && (t.erased[text(d.mode) as string] ?? (text(d.mode))), reason)
    case 'candidate.export':
    case 'candidate.delete':
    case 'user.link':
      return []
    case 'user.sessionRole.set':
      return lines(t.roleSet(text(d.email) ?? text(d.userId) ?? '?', role(d.role) ?? '?', role(d.previousRole)))
    case 'user.sessionRole.remove':
      return lines(t.roleRemoved(text(d.email) ?? text(d.userId) ?? '?', role(d.previousRole)))
    case 'user.create':
    case 'user.update':
      return lines(text(d.email))
    case 'token.create':
      return lines(
        t.token(text(d.name) ?? '?', role(d.role), text(d.expiresAt) && frenchDateOfIso(text(d.expiresAt) as string)),
      )
    case 'token.revoke':
      return lines(t.token(text(d.name) ?? '?', null, null))
    default:
      return rawDetails(d)
  }
}

/** Marks (code = value), jury decisions, and the reason or the import the change came from. */
function gradeLines(d: Details): string[] {
  const t = fr.audit.details
  // Events written since issue 15 carry the values they replaced: « CR1.1 : PACQ → ACQ ».
  const previous = typeof d.previous === 'object' && d.previous !== null ? record(d.previous) : null
  const marks = Object.entries(record(d.marks)).map(([code, value]) =>
    previous && Object.hasOwn(previous, code) ? t.markChange(code, markValue(previous[code]), markValue(value)) : t.mark(code, markValue(value)),
  )
  const decisions = Object.entries(record(d.decisions)).map(([blocCode, decision]) => {
    const r = record(decision)
    return t.decision(blocCode, text(r.code), text(r.reason))
  })
  return lines(
    marks.length > 0 && t.marks(marks.slice(0, MAX_MARKS), marks.length - Math.min(marks.length, MAX_MARKS)),
    ...decisions,
    text(d.reason) && t.reason(text(d.reason) as string),
  )
}

/** An action this version does not know: its details as compact JSON, cut short. */
function rawDetails(d: Details): string[] {
  if (Object.keys(d).length === 0) return []
  const json = JSON.stringify(d)
  return [json.length > MAX_RAW_DETAILS ? `${json.slice(0, MAX_RAW_DETAILS - 1)}…` : json]
}
