/** A certification session: one jury round bound to one référentiel version. */
import * as z from '../zod'

export const SESSION_STATUSES = ['open', 'deliberated', 'closed'] as const
export type SessionStatus = (typeof SESSION_STATUSES)[number]

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'date attendue au format AAAA-MM-JJ' })

const sessionFields = {
  name: z.string().trim().min(1, { message: 'nom obligatoire' }).max(200, { message: '200 caractères au plus' }),
  campus: z.string().trim().max(200).nullable().default(null),
  startsOn: isoDate.nullable().default(null),
  endsOn: isoDate.nullable().default(null),
  juryDate: isoDate.nullable().default(null),
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

/** A partial update, checked against the version the client last read. */
export const sessionUpdateSchema = z
  .object({
    version: z.number().int().positive(),
    name: sessionFields.name.optional(),
    campus: sessionFields.campus.optional(),
    startsOn: isoDate.nullable().optional(),
    endsOn: isoDate.nullable().optional(),
    juryDate: isoDate.nullable().optional(),
  })
  .strict()
export type SessionUpdate = z.infer<typeof sessionUpdateSchema>

export interface Session {
  id: string
  referentialId: string
  name: string
  campus: string | null
  startsOn: string | null
  endsOn: string | null
  juryDate: string | null
  status: SessionStatus
  version: number
  gridVersion: number
  candidateCount: number
  createdAt: string
  updatedAt: string
}
