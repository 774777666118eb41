/** Answers of the finalisation, amendment and PV list routes. */
import * as z from '../../../shared/zod'
import { OVERRIDE_CODES } from '../../../shared/rules/codes'
import { SESSION_STATUSES } from '../../../shared/sessions/schema'
import { dateTime } from './common'
import { session } from './sessions'

const pvHref = z.string().meta({ description: 'où télécharger ce PV (PDF)' })
const counts = z.record(z.string(), z.int().min(0)).meta({ description: 'nombre de candidats par décision de certification' })

export const finaliseResponse = z.strictObject({
  session,
  pv: z.strictObject({ version: z.int().positive(), contentHash: z.string(), href: pvHref }),
  counts,
  overrides: z
    .array(z.strictObject({ candidateId: z.string(), blocCode: z.string(), code: z.enum(OVERRIDE_CODES), reason: z.string() }))
    .meta({ description: 'décisions du jury apportées par cette finalisation' }),
  juryComposition: z
    .strictObject({ ok: z.boolean(), failures: z.array(z.string()), overrideReason: z.string().nullable() })
    .meta({ description: 'la composition du jury ; le motif de la dérogation quand elle a été finalisée malgré des règles non respectées' }),
  warnings: z.array(z.string()),
})

export const amendResponse = z.strictObject({
  session,
  amendment: z.strictObject({ amendedPvVersion: z.int().positive(), reason: z.string(), nextPvVersion: z.int().positive() }),
})

export const pvVersionsResponse = z.strictObject({
  status: z.enum(SESSION_STATUSES),
  versions: z.array(
    z
      .strictObject({
        version: z.int().positive(),
        contentHash: z.string().meta({ description: 'SHA-256 du contenu figé, imprimé en pied de page' }),
        candidateCount: z.int().min(0),
        createdBy: z.string(),
        createdAt: dateTime,
        amendmentReason: z.string().nullable().meta({ description: 'pourquoi la version précédente a été rouverte ; null pour la version 1' }),
        href: pvHref,
      })
      .meta({ id: 'PvVersion' }),
  ),
})
