/** Answers of the référentiel routes: the published documents themselves, as validated on publication. */
import * as z from '../../../shared/zod'
import { referentialSchema } from '../../../shared/referential/schema'
import { dateTime, id } from './common'

const referentialSummary = z
  .strictObject({
    id,
    version: z.int().positive(),
    title: z.string(),
    level: z.int(),
    rncpCode: z.string().nullable(),
    status: z.enum(['draft', 'published']),
    publishedAt: dateTime.nullable(),
  })
  .meta({ id: 'ReferentialSummary' })

export const referentialsResponse = z.strictObject({ referentials: z.array(referentialSummary) })
export const referentialResponse = z.strictObject({ referential: referentialSchema.meta({ id: 'Referential' }) })
