/** Answers of the audit and RGPD routes. */
import * as z from '../../../shared/zod'
import { dateTime, id, jsonObject } from './common'

export const auditEvent = z
  .strictObject({
    id: z.int().positive(),
    at: dateTime,
    actor: z.string(),
    action: z.string().meta({ description: 'ce qui a été fait, par exemple grades.write ou candidate.erase' }),
    sessionId: z.string().nullable(),
    candidateId: z.string().nullable(),
    details: z.unknown(),
    requestId: z.string().nullable(),
  })
  .meta({ id: 'AuditEvent' })

/** An event of the Journal: its author also by the name users read. */
const auditPageEvent = auditEvent
  .extend({ actorName: z.string().meta({ description: 'l’auteur tel qu’il s’affiche : nom de l’utilisateur, jeton d’API, « import initial »…' }) })
  .meta({ id: 'AuditPageEvent' })

export const auditPageResponse = z.strictObject({
  events: z.array(auditPageEvent),
  nextAfter: z.int().nullable().meta({ description: 'le paramètre after de la page suivante ; null sur la dernière page (ou avec order=newest)' }),
  nextBefore: z.int().nullable().meta({ description: 'avec order=newest : le paramètre before de la page suivante ; null sur la dernière page (ou du plus ancien au plus récent)' }),
})

const row = jsonObject.meta({ description: 'une ligne de la base, colonnes telles qu’enregistrées' })

export const candidateExportResponse = z.strictObject({
  exportedAt: dateTime,
  sessionId: id,
  candidate: row,
  marks: z.array(row),
  markHistory: z.array(row),
  blocDecisions: z.array(row),
  certificationDecision: row.nullable(),
  pvEntries: z
    .array(z.strictObject({ version: z.int().positive(), contentHash: z.string(), entry: jsonObject.meta({ description: 'la ligne du candidat sur ce PV' }) }))
    .meta({ description: 'les versions du PV qui nomment le candidat' }),
  auditEvents: z.array(auditEvent),
})

export const eraseResponse = z.strictObject({
  candidateId: id,
  mode: z.enum(['deleted', 'anonymised']).meta({ description: 'anonymisé quand le candidat figure sur un PV finalisé' }),
  pvVersions: z.array(z.int().positive()),
})
