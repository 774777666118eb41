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
    /** The référentiel across its versions; null for a draft. */
    lineage: z.string().nullable(),
    /** The version this one follows in its lineage; null for a first version. */
    previousId: id.nullable(),
  })
  .meta({ id: 'ReferentialSummary' })

export const referentialsResponse = z.strictObject({ referentials: z.array(referentialSummary) })
export const referentialResponse = z.strictObject({ referential: referentialSchema.meta({ id: 'Referential' }) })

const referentialChange = z
  .strictObject({
    kind: z.enum(['added', 'removed', 'changed']),
    target: z.enum(['referential', 'bloc', 'activity', 'competence', 'modalite', 'critere', 'rule', 'certificationRule']),
    blocCode: z.string().nullable(),
    code: z.string().nullable(),
    field: z.string().nullable(),
    before: z.unknown(),
    after: z.unknown(),
    message: z.string().describe('en français, prêt à afficher'),
  })
  .meta({ id: 'ReferentialChange' })

export const referentialPublishResponse = z.strictObject({
  referential: referentialSummary,
  previous: referentialSummary.nullable(),
  changes: z.array(referentialChange),
  created: z.boolean(),
})
export const referentialDiffResponse = z.strictObject({ from: referentialSummary, to: referentialSummary, changes: z.array(referentialChange) })
