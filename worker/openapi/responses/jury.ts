/** Answers of the jury, jury sheet import and import batch routes. */
import * as z from '../../../shared/zod'
import { juryMemberSchema } from '../../../shared/documents/juryComposition'
import { OUTCOME_CODES, SPECIAL_MARK_CODES } from '../../../shared/rules/ruleSchema'
import { SESSION_STATUSES } from '../../../shared/sessions/schema'
import { dateTime, id, markValue } from './common'

export const juryResponse = z.strictObject({
  members: z.array(juryMemberSchema.meta({ id: 'JuryMember' })),
  warnings: z.array(z.string()).meta({ description: 'les règles de composition non respectées (les messages de check.failures)' }),
  check: z
    .strictObject({
      ok: z.boolean(),
      failures: z.array(z.strictObject({ code: z.enum(['collegial', 'external_half', 'president']), message: z.string() })),
    })
    .meta({ description: 'la composition : collégial (2 membres au moins), moitié au moins d’extérieurs, un président ; finaliser sans ces règles demande une dérogation motivée' }),
})

const policy = z.enum(['fail', 'keep', 'replace'])
const counts = { new: z.int().min(0), changed: z.int().min(0), unchanged: z.int().min(0), conflicts: z.int().min(0) }

const juryIssue = z
  .strictObject({
    code: z.string().meta({ description: 'pour les programmes (file_empty, checksum_mismatch, invalid_mark…)' }),
    file: z.string(),
    sheet: z.string().optional(),
    cell: z.string().optional(),
    critereCode: z.string().optional(),
    message: z.string().meta({ description: 'phrase complète en français, emplacement compris' }),
  })
  .meta({ id: 'JuryIssue' })

const plan = z
  .strictObject({
    policy,
    files: z.array(
      z.strictObject({
        file: z.string(),
        hash: z.string(),
        size: z.int().min(0),
        status: z.enum(['ok', 'error', 'already_imported', 'duplicate_file', 'excluded']),
        sheets: z.int().min(0).meta({ description: 'fiches lues (les vierges à part)' }),
        blankSheets: z.int().min(0).meta({ description: 'fiches vierges, ignorées' }),
        counts: z.strictObject(counts),
        errors: z.array(juryIssue),
        warnings: z.array(juryIssue),
        sheetStatuses: z
          .array(z.strictObject({ sheet: z.string(), status: z.enum(['valid', 'error', 'blank', 'no_marks']), marks: z.int().min(0) }))
          .meta({ description: 'chaque fiche du fichier et ce qu’elle devient : les fiches valides gardent leurs notes lues même quand une autre fiche est en erreur' }),
      }),
    ),
    totals: z.strictObject({
      ...counts,
      files: z.int().min(0),
      sheets: z.int().min(0),
      errors: z.int().min(0),
      warnings: z.int().min(0),
      excluded: z.int().min(0),
      alreadyImported: z.int().min(0),
    }),
    changes: z
      .array(
        z.strictObject({
          kind: z.enum(['new', 'changed', 'unchanged', 'conflict']),
          candidateId: id,
          schoolId: z.string(),
          blocCode: z.string(),
          critereCode: z.string(),
          file: z.string(),
          sheet: z.string(),
          cell: z.string(),
          before: z
            .strictObject({
              value: markValue,
              comment: z.string().nullable(),
              source: z.enum(['manual', 'import']),
              author: z.string().nullable().meta({ description: 'qui a saisi la note, par son nom' }),
              updatedAt: dateTime.nullable(),
            })
            .nullable(),
          after: z.strictObject({ value: z.union([z.enum(OUTCOME_CODES), z.enum(SPECIAL_MARK_CODES), z.number()]), comment: z.string().nullable() }),
          resolution: z.enum(['blocks', 'kept', 'replaced']).optional(),
        }),
      )
      .meta({ description: 'notes nouvelles, modifiées et en conflit (les inchangées sont seulement comptées) ; 1 000 au plus, les autres comptées dans omittedChanges' }),
    errors: z.array(juryIssue),
    warnings: z.array(juryIssue),
    fileHashes: z.array(z.string()),
    committable: z.boolean(),
    omittedChanges: z
      .int()
      .min(1)
      .optional()
      .meta({ description: 'changements non listés dans changes (1 000 au plus y figurent : conflits d’abord, puis notes modifiées, puis nouvelles) ; les totaux restent complets' }),
    nothingToDo: z.boolean(),
  })
  .meta({ id: 'JuryImportPlan' })

const batchSummary = z.strictObject({
  files: z.array(
    z.strictObject({ file: z.string(), hash: z.string(), sheets: z.int().min(0), new: z.int().min(0), changed: z.int().min(0), conflicts: z.int().min(0) }),
  ),
  totals: z.strictObject({ ...counts, files: z.int().min(0), sheets: z.int().min(0) }),
  policy,
  marks: z.int().min(0),
})

const batch = z
  .strictObject({
    id,
    createdAt: dateTime,
    createdBy: z.string(),
    createdByName: z.string().meta({ description: 'l’auteur de l’import tel qu’il s’affiche' }),
    undoneAt: dateTime.nullable(),
    summary: batchSummary,
    liveMarks: z.int().min(0).meta({ description: 'notes du lot encore en place dans la grille' }),
  })
  .meta({ id: 'JuryImportBatch' })

export const juryBatchesResponse = z.strictObject({ batches: z.array(batch) })

const answer = {
  sessionStatus: z.enum(SESSION_STATUSES),
  unmatchedExcludes: z.array(z.string()).meta({ description: 'noms donnés dans exclude qui ne désignent aucun fichier' }),
  previewToken: z.string().meta({ description: 'empreinte du plan : à renvoyer au commit (?previewToken=) pour qu’il soit refusé (409) si les notes ont changé depuis cet aperçu' }),
  plan,
}

export const juryImportResponse = z.union([
  z.strictObject({ dryRun: z.literal(true), ...answer }),
  z.strictObject({
    dryRun: z.literal(false),
    batch: z.strictObject({ id, summary: batchSummary }).nullable().meta({ description: 'null quand il n’y avait rien à importer' }),
    message: z.string(),
    ...answer,
  }),
])

export const juryUndoResponse = z.strictObject({
  undone: z.strictObject({ batchId: id, restored: z.int().min(0) }),
  message: z.string(),
})
