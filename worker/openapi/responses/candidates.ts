/**
 * Answers of the candidate routes. A stored candidate is what `candidateInputSchema` accepted,
 * except after an RGPD anonymisation (identity blanked: no first name, « ANONYMISÉ »), hence its
 * own, looser schema.
 */
import * as z from '../../../shared/zod'
import { ACCESS_ROUTES, capitalisedBlocSchema } from '../../../shared/candidates/schema'
import { date, dateTime, id } from './common'

export const candidate = z
  .strictObject({
    id,
    sessionId: id,
    schoolId: z.string(),
    birthName: z.string(),
    usageName: z.string().nullable(),
    firstNames: z.array(z.string()).max(3),
    sex: z.enum(['M', 'F']).nullable(),
    birthDate: date.nullable(),
    birthCommuneCode: z.string().nullable(),
    birthCommuneCodeKind: z.enum(['insee', 'postal']).nullable(),
    birthCommuneLabel: z.string().nullable(),
    birthCountryCode: z.string().nullable(),
    birthCountryLabel: z.string().nullable(),
    email: z.string().nullable(),
    optionCode: z.string().nullable(),
    accessRoute: z.enum(ACCESS_ROUTES).nullable(),
    capitalisedBlocs: z.array(capitalisedBlocSchema),
    rowVersion: z.int().positive().meta({ description: 'à renvoyer pour modifier ou supprimer le candidat' }),
    status: z.enum(['enrolled', 'withdrawn']).meta({ description: 'withdrawn : désinscrit, hors grille, résultats et documents' }),
    withdrawnAt: dateTime.nullable(),
    withdrawalReason: z.string().nullable(),
  })
  .meta({ id: 'Candidate' })

export const candidatesResponse = z.strictObject({ candidates: z.array(candidate) })
export const candidateResponse = z.strictObject({ candidate })

const schoolIds = (description: string) => z.array(z.string()).meta({ description })
const upsertSummary = {
  created: schoolIds('identifiants école des candidats créés'),
  updated: schoolIds('identifiants école des candidats modifiés'),
  unchanged: schoolIds('identifiants école des candidats déjà à jour'),
}

export const bulkResponse = z.strictObject({ summary: z.strictObject(upsertSummary) })

const listIssue = z
  .strictObject({
    file: z.string(),
    sheet: z.string().optional(),
    row: z.int().nullable().meta({ description: 'ligne telle qu’Excel la numérote ; null pour le fichier entier' }),
    column: z.string().optional(),
    header: z.string().optional(),
    field: z.string().optional(),
    value: z.string().optional(),
    message: z.string().meta({ description: 'phrase complète en français, emplacement compris' }),
  })
  .meta({ id: 'CandidateListIssue' })

const line = z
  .strictObject({
    row: z.int().nullable().meta({ description: 'ligne du fichier ; null pour un candidat absent du fichier' }),
    schoolId: z.string(),
    name: z.string(),
    candidateId: id.nullable(),
    status: z.enum(['new', 'changed', 'unchanged', 'withdrawn', 'reinstated', 'error']),
    changes: z.array(z.string()).meta({ description: 'champs modifiés' }),
  })
  .meta({ id: 'CandidateImportLine' })

export const importResponse = z.strictObject({
  dryRun: z.boolean(),
  preview: z.strictObject({
    fileName: z.string(),
    format: z.enum(['csv', 'xlsx', 'sheet']),
    sheet: z.string().nullable(),
    rows: z.int().min(0).meta({ description: 'lignes de candidats lues (valides ou en erreur)' }),
    candidateListVersion: z.int().min(0).meta({ description: 'version de la liste vue : à renvoyer avec l’import (409 si elle a changé)' }),
    errors: z.array(listIssue),
    warnings: z.array(listIssue),
    lines: z.array(line).meta({ description: 'ce que fait chaque ligne, et les candidats absents du fichier désinscrits' }),
    ...upsertSummary,
    withdrawn: schoolIds('identifiants école des candidats désinscrits'),
    reinstated: schoolIds('identifiants école des candidats réinscrits'),
  }),
})
