/** A certification session: one jury round bound to one référentiel version. */
import * as z from '../zod'

export const SESSION_STATUSES = ['open', 'deliberated', 'closed'] as const
export type SessionStatus = (typeof SESSION_STATUSES)[number]

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'date attendue au format AAAA-MM-JJ' })

const sessionFields = {
  name: z.singleLineText(200, 'nom obligatoire'),
  campus: z.string().trim().max(200).nullable().default(null),
  startsOn: isoDate.nullable().default(null),
  endsOn: isoDate.nullable().default(null),
  juryDate: isoDate.nullable().default(null),
  /** Where the jury deliberates, printed beside the deliberation date. */
  deliberationPlace: z.string().trim().max(200, { message: '200 caractères au plus' }).nullable().default(null),
}

export const sessionCreateSchema = z
  .object({
    referentialId: z.string().min(1, { message: 'référentiel obligatoire' }),
    ...sessionFields,
  })
  .strict()
  .refine((s) => !s.startsOn || !s.endsOn || s.startsOn <= s.endsOn, {
    message: 'la date de fin précède la date de début',
    path: ['endsOn'],
  })
export type SessionCreate = z.infer<typeof sessionCreateSchema>

/**
 * A rattrapage session created from a deliberated one: its own name, dates and place; the same
 * référentiel version unless another is named.
 */
export const rattrapageRequestSchema = z
  .object({
    referentialId: z.string().min(1, { message: 'référentiel obligatoire' }).optional(),
    ...sessionFields,
  })
  .strict()
  .refine((s) => !s.startsOn || !s.endsOn || s.startsOn <= s.endsOn, {
    message: 'la date de fin précède la date de début',
    path: ['endsOn'],
  })

/** A partial update, checked against the version the client last read. */
export const sessionUpdateSchema = z
  .object({
    version: z.number().int().positive(),
    name: sessionFields.name.optional(),
    campus: sessionFields.campus.optional(),
    startsOn: isoDate.nullable().optional(),
    endsOn: isoDate.nullable().optional(),
    juryDate: isoDate.nullable().optional(),
    deliberationPlace: sessionFields.deliberationPlace.optional(),
  })
  .strict()
export type SessionUpdate = z.infer<typeof sessionUpdateSchema>

/** How the task pane names each state. */
export const sessionStatusLabels: Record<SessionStatus, string> = {
  open: 'ouverte',
  deliberated: 'délibérée',
  closed: 'close',
}

export interface Session {
  id: string
  referentialId: string
  name: string
  campus: string | null
  startsOn: string | null
  endsOn: string | null
  /** Date of the deliberation. */
  juryDate: string | null
  deliberationPlace: string | null
  status: SessionStatus
  /** « ouverte », « délibérée » or « close ». */
  statusLabel: string
  /** Latest PV version; null before the first finalisation (open with a PV: reopened by an amendment). */
  pvVersion: number | null
  closedAt: string | null
  closedBy: string | null
  /** The deliberated session this rattrapage session was created from. */
  rattrapageOf: { id: string; name: string } | null
  version: number
  gridVersion: number
  /** Enrolled candidates (withdrawn ones excluded). */
  candidateCount: number
  withdrawnCount: number
  /** Bumped by any change to the candidate list (not by marks): guards an import's commit. */
  candidateListVersion: number
  /** Whether DELETE would be accepted now, and if not, why (French). */
  deletable: boolean
  deletionBlockers: SessionDeletionBlocker[]
  createdAt: string
  updatedAt: string
}

export interface SessionDeletionBlocker {
  code: 'marks' | 'decisions' | 'pv' | 'status'
  message: string
}

/** What stops a session from being deleted; empty when it may be deleted. */
export function sessionDeletionBlockers(facts: {
  status: SessionStatus
  hasMarks: boolean
  hasDecisions: boolean
  pvVersion: number | null
}): SessionDeletionBlocker[] {
  const blockers: SessionDeletionBlocker[] = []
  if (facts.status !== 'open') blockers.push({ code: 'status', message: `elle est ${sessionStatusLabels[facts.status]}` })
  if (facts.hasMarks) blockers.push({ code: 'marks', message: 'elle contient des notes' })
  if (facts.hasDecisions) blockers.push({ code: 'decisions', message: 'elle contient des décisions du jury' })
  if (facts.pvVersion !== null) blockers.push({ code: 'pv', message: `un PV de jury a été établi (version ${facts.pvVersion})` })
  return blockers
}
