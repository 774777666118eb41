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
    juryDate: dayText.nullable().meta({ description: 'date de la délibération' }),
    deliberationPlace: z.string().nullable().meta({ description: 'lieu de la délibération' }),
    status: z.enum(SESSION_STATUSES),
    statusLabel: z.enum(['ouverte', 'délibérée', 'close']).meta({ description: 'l’état en français, à afficher' }),
    pvVersion: z.int().positive().nullable().meta({ description: 'dernière version du PV ; null avant la première finalisation (ouverte avec un PV : rouverte)' }),
    closedAt: dateTime.nullable(),
    closedBy: z.string().nullable(),
    rattrapageOf: z.strictObject({ id, name: z.string() }).nullable().meta({ description: 'la session délibérée dont celle-ci est le rattrapage' }),
    version: z.int().positive().meta({ description: 'à renvoyer dans PATCH, DELETE et POST …/close (concurrence optimiste)' }),
    gridVersion: z.int().positive().meta({ description: 'version de la grille, son ETag' }),
    candidateCount: z.int().min(0).meta({ description: 'candidats inscrits (les désinscrits à part)' }),
    withdrawnCount: z.int().min(0).meta({ description: 'candidats désinscrits' }),
    candidateListVersion: z.int().positive().meta({ description: 'version de la liste des candidats (pas des notes) : l’import la vérifie' }),
    deletable: z.boolean().meta({ description: 'DELETE serait accepté maintenant' }),
    deletionBlockers: z
      .array(z.strictObject({ code: z.enum(['marks', 'decisions', 'pv', 'status']), message: z.string() }))
      .meta({ description: 'pourquoi la session ne peut pas être supprimée, en français' }),
    createdAt: dateTime,
    updatedAt: dateTime,
  })
  .meta({ id: 'Session' })

export const sessionsResponse = z.strictObject({ sessions: z.array(session) })
export const sessionResponse = z.strictObject({ session })

export const rattrapageResponse = z.strictObject({
  session,
  carried: z.strictObject({
    candidates: z.int().min(1).meta({ description: 'candidats reportés (non certifiés sur le dernier PV)' }),
    capitalisedBlocs: z.int().min(0).meta({ description: 'blocs validés (ADM, ADJ) reportés comme capitalisés' }),
  }),
  skipped: z.array(z.strictObject({ candidateId: id, schoolId: z.string(), reason: z.string() })).meta({ description: 'candidats non reportés et pourquoi' }),
  warnings: z.array(z.string()).meta({ description: 'ce qu’une autre version du référentiel n’a pas pu reprendre' }),
})

const setting = z.string().nullable()
const settingsRecord = z.strictObject({
  certifierName: setting,
  siret: setting,
  address: setting,
  signatory: setting,
  city: setting,
  rncpCode: setting,
  rncpRegistrationDate: setting,
  nsfCodes: setting,
  cdcIdClient: setting,
  cdcIdContrat: setting,
  cdcIdEmetteur: setting,
})

export const certifierSettingsResponse = z.strictObject({
  version: z.int().min(0).meta({ description: 'à renvoyer dans PUT ; 0 tant que rien n’est enregistré' }),
  updatedBy: z.string().nullable(),
  updatedAt: z.string().nullable(),
  stored: settingsRecord.meta({ description: 'valeurs enregistrées par un administrateur' }),
  defaults: settingsRecord.meta({ description: 'valeurs du déploiement (wrangler.jsonc vars), par défaut' }),
  effective: settingsRecord.meta({ description: 'ce que les documents impriment : la valeur enregistrée, sinon celle du déploiement' }),
  sources: z.record(z.string(), z.enum(['database', 'deployment']).nullable()),
  issues: z.array(z.strictObject({ variable: z.string(), message: z.string() })).meta({ description: 'variables du déploiement mal formées' }),
  fields: z.array(z.strictObject({ key: z.string(), label: z.string(), usedBy: z.string() })).meta({ description: 'libellé français de chaque paramètre, et où il est imprimé' }),
})

const availability = z.strictObject({
  kind: z.enum(['pv', 'attestations', 'summaryXlsx', 'summaryCsv', 'cdc']),
  label: z.string(),
  available: z.boolean(),
  reason: z.string().nullable().meta({ description: 'pourquoi le document ne peut pas être produit maintenant, en français' }),
  allowed: z.boolean().meta({ description: 'le rôle de l’appelant permet de le télécharger' }),
  href: z.string().nullable(),
})

export const documentsResponse = z.strictObject({
  status: z.enum(SESSION_STATUSES),
  pvVersion: z.int().positive().nullable(),
  documents: z.array(availability),
  attestations: z.array(
    z.strictObject({
      candidateId: id,
      schoolId: z.string(),
      name: z.string(),
      available: z.boolean(),
      reason: z.string().nullable(),
      href: z.string().nullable(),
    }),
  ),
})
