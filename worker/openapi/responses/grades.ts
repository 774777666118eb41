/** Answers of the grid, grade push and results routes. */
import * as z from '../../../shared/zod'
import { capitalisedBlocSchema } from '../../../shared/candidates/schema'
import { SESSION_STATUSES } from '../../../shared/sessions/schema'
import { BLOC_OUTCOME_CODES, CERTIFICATION_DECISIONS, ERROR_CODE, OVERRIDE_CODES } from '../../../shared/rules/codes'
import { id, markValue } from './common'

const row = z.int().min(0)
const column = z.int().min(0)

const grid = z
  .strictObject({
    session: z.strictObject({
      id,
      name: z.string(),
      referentialId: z.string(),
      status: z.enum(SESSION_STATUSES),
      version: z.int().positive(),
      gridVersion: z.int().positive(),
    }),
    criteres: z.array(z.strictObject({ code: z.string(), blocCode: z.string() })).meta({ description: 'ordre des colonnes de marks et comments' }),
    candidates: z
      .strictObject({
        ids: z.array(id),
        schoolIds: z.array(z.string()),
        birthNames: z.array(z.string()),
        usageNames: z.array(z.string().nullable()),
        firstNames: z.array(z.array(z.string())),
        optionCodes: z.array(z.string().nullable()),
        capitalisedBlocs: z.array(z.array(capitalisedBlocSchema)),
        rowVersions: z.array(z.int().positive()),
      })
      .meta({ description: 'une ligne par candidat, en colonnes' }),
    marks: z.array(z.array(markValue)).meta({ description: 'marks[ligne][colonne]' }),
    comments: z.array(z.tuple([row, column, z.string()])).meta({ description: 'commentaires épars : [ligne, colonne, texte]' }),
    decisions: z
      .array(z.tuple([row, z.array(z.strictObject({ blocCode: z.string(), code: z.enum(OVERRIDE_CODES), reason: z.string() }))]))
      .meta({ description: 'décisions du jury par ligne, pour les lignes qui en ont' }),
  })
  .meta({ id: 'Grid' })

export const gridResponse = z.strictObject({ grid })

export const gradePushResponse = z.strictObject({
  rows: z.array(z.strictObject({ candidateId: id, rowVersion: z.int().positive() })).meta({ description: 'nouvelles versions des lignes écrites' }),
  written: z.strictObject({ marks: z.int().min(0), decisions: z.int().min(0) }),
})

const ruleIssue = z.strictObject({
  kind: z.enum(['rule', 'mark', 'override', 'reason', 'capitalised', 'option', 'blocResult', 'layout', 'formula']),
  blocCode: z.string().nullable(),
  critereCode: z.string().nullable(),
  message: z.string(),
})

const candidateResult = z
  .strictObject({
    candidateId: id,
    blocs: z.record(
      z.string(),
      z.strictObject({
        code: z.enum([...BLOC_OUTCOME_CODES, ERROR_CODE]),
        computedCode: z.enum(['ADM', 'AJ', 'ATT']).nullable(),
        override: z.enum(OVERRIDE_CODES).nullable(),
        overrideReason: z.string().nullable(),
        capitalised: z.boolean(),
        mean: z.number().nullable(),
      }),
    ),
    decision: z.enum([...CERTIFICATION_DECISIONS, ERROR_CODE]),
    issues: z.array(ruleIssue),
    schoolId: z.string(),
    birthName: z.string(),
    firstNames: z.array(z.string()),
  })
  .meta({ id: 'CandidateResult' })

export const resultsResponse = z.strictObject({ sessionId: id, gridVersion: z.int().positive(), results: z.array(candidateResult) })
