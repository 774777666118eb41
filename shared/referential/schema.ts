/**
 * The référentiel de certification as a versioned document: blocs, their activities, compétences,
 * modalités and critères d'évaluation, with the rules that validate them. The JSON files next to
 * this module are parsed with this schema; the Worker stores the same tree in D1.
 */
import * as z from '../zod'
import { blocRuleSchema, certificationRuleSchema, critereAssessmentSchema } from '../rules/ruleSchema'

const code = (pattern: RegExp, expected: string) =>
  z.string().regex(pattern, { message: `code invalide : ${expected} attendu` })

export const activitySchema = z
  .object({ code: code(/^A\d{1,2}$/, 'A1'), label: z.string().min(1) })
  .strict()

export const competenceSchema = z
  .object({ code: code(/^C\d(?:[A-Z])?\.\d{1,2}$/, 'C1.1 (C5A.1 dans une option)'), label: z.string().min(1) })
  .strict()

export const modaliteSchema = z
  .object({ code: code(/^M\d(?:[A-Z])?\.\d{1,2}$/, 'M1.1 (M5A.1 dans une option)'), label: z.string().min(1) })
  .strict()

export const critereSchema = z
  .object({
    code: code(/^CR\d(?:[A-Z])?\.\d{1,2}$/, 'CR1.1 (CR5A.1 dans une option)'),
    label: z.string().min(1),
    /** Set when the seed gives no critère and the compétence is evaluated as a critère of its own. */
    fromCompetence: z.string().nullable().default(null),
    assessment: critereAssessmentSchema,
  })
  .strict()

/** A bloc that is evaluated and validated on its own: BLOC 1–4, or one option of BLOC 5. */
export const evaluableBlocSchema = z
  .object({
    code: code(/^BC\d{2}(?:-[A-Z])?$/, 'BC01 (BC05-A pour une option)'),
    title: z.string().min(1),
    activities: z.array(activitySchema),
    competences: z.array(competenceSchema).min(1),
    modalites: z.array(modaliteSchema),
    criteres: z.array(critereSchema).min(1),
    rule: blocRuleSchema,
  })
  .strict()

export const mandatoryBlocSchema = evaluableBlocSchema.extend({
  kind: z.literal('mandatory'),
  number: z.number().int().positive(),
})

export const optionBlocSchema = evaluableBlocSchema.extend({
  kind: z.literal('option'),
  /** Letter of the option inside its group (A, B, C…). */
  letter: z.string().regex(/^[A-Z]$/, { message: 'lettre d’option invalide (une majuscule, A à Z)' }),
})

/** BLOC 5: the candidate validates exactly one of its options. */
export const optionGroupSchema = z
  .object({
    kind: z.literal('optionGroup'),
    code: code(/^BC\d{2}$/, 'BC01'),
    number: z.number().int().positive(),
    title: z.string().min(1),
    options: z.array(optionBlocSchema).min(2),
  })
  .strict()

export const referentialSchema = z
  .object({
    /** Format of this document, bumped when the shape changes. */
    schemaVersion: z.literal(1),
    /** Stable identifier of this référentiel version, used in URLs and workbooks. */
    id: z.string().regex(/^[a-z0-9][a-z0-9-]{2,80}$/, { message: '3 à 81 caractères attendus, lettres minuscules sans accent, chiffres ou tirets' }),
    /** Version number of the référentiel (a published version is immutable). */
    version: z.number().int().positive(),
    title: z.string().min(1),
    /** Niveau (nomenclature 2019) of the RNCP title. */
    level: z.number().int().min(1).max(8),
    /** RNCP number (e.g. "RNCP12345"); the seed does not give it, a school sets it. */
    rncpCode: z.string().regex(/^RNCP\d+$/, { message: 'RNCP suivi du numéro de la fiche attendu (RNCP34567)' }).nullable(),
    blocs: z
      .array(z.discriminatedUnion('kind', [mandatoryBlocSchema, optionGroupSchema], { message: 'type de bloc inconnu (« mandatory » ou « optionGroup » attendu)' }))
      .min(1),
    certificationRule: certificationRuleSchema,
  })
  .strict()

export type Critere = z.infer<typeof critereSchema>
export type EvaluableBloc = z.infer<typeof evaluableBlocSchema>
export type MandatoryBloc = z.infer<typeof mandatoryBlocSchema>
export type OptionBloc = z.infer<typeof optionBlocSchema>
export type OptionGroup = z.infer<typeof optionGroupSchema>
export type Referential = z.infer<typeof referentialSchema>
/** The document as written in JSON, before defaults are applied. */
export type ReferentialInput = z.input<typeof referentialSchema>
