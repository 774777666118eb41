/** Answers of the session routes. */
import * as z from '../../../shared/zod'
import { SESSION_STATUSES } from '../../../shared/sessions/schema'
import { dateTime, dayText, id } from './common'

export const session = z
  .strictObject({
    id,
    referentialId: z.string(),
    name: z.string(),
    campus: z.string().nullable(),
    startsOn: dayText.nullable(),
    endsOn: dayText.nullable(),
    juryDate: dayText.nullable(),
    status: z.enum(SESSION_STATUSES),
    version: z.int().positive().meta({ description: 'à renvoyer dans PATCH (concurrence optimiste)' }),
    gridVersion: z.int().positive().meta({ description: 'version de la grille, son ETag' }),
    candidateCount: z.int().min(0),
    createdAt: dateTime,
    updatedAt: dateTime,
  })
  .meta({ id: 'Session' })

export const sessionsResponse = z.strictObject({ sessions: z.array(session) })
export const sessionResponse = z.strictObject({ session })
