/**
 * Rules as data: how a critère is marked, how a bloc is validated and how the certification is
 * decided. Stored inside each référentiel version so that a published version keeps its rules.
 * The rules engine and the Excel formula generator both read these shapes, never their own copies.
 */
import * as z from '../zod'

/** Outcome scale of a critère: acquis, partiellement acquis, non acquis. */
export const OUTCOME_CODES = ['ACQ', 'PACQ', 'NACQ'] as const
export type OutcomeCode = (typeof OUTCOME_CODES)[number]

/** Marks that apply to any critère whatever its scale: absent, excusé (neutralised), en attente. */
export const SPECIAL_MARK_CODES = ['ABS', 'EXC', 'ATT'] as const
export type SpecialMarkCode = (typeof SPECIAL_MARK_CODES)[number]

export const critereScaleSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('outcome') }).strict(),
  z
    .object({
      kind: z.literal('score'),
      /** Maximum mark, 20 unless the règlement says otherwise. */
      max: z.number().positive().default(20),
    })
    .strict(),
], { message: 'échelle inconnue (« outcome » pour ACQ / PACQ / NACQ, ou « score » pour une note, attendu)' })
export type CritereScale = z.infer<typeof critereScaleSchema>

/** How one critère is assessed: its scale, its weight in a score mean, and an optional floor. */
export const critereAssessmentSchema = z
  .object({
    scale: critereScaleSchema,
    weight: z.number().positive().default(1),
    /** Note éliminatoire: a score strictly below it fails the bloc (score scale only). */
    floor: z.number().nonnegative().nullable().default(null),
  })
  .strict()
export type CritereAssessment = z.infer<typeof critereAssessmentSchema>

export const outcomeBlocRuleSchema = z
  .object({
    kind: z.literal('outcome'),
    /** Share of graded critères that must be ACQ, between 0 and 1 (1 = every critère). */
    minAcqShare: z.number().min(0).max(1).default(1),
    /** Whether a NACQ critère may still be compensated by the others. */
    allowNacq: z.boolean().default(false),
    /** Highest number of PACQ critères tolerated; null means no cap beyond minAcqShare. */
    maxPacq: z.number().int().nonnegative().nullable().default(null),
  })
  .strict()

export const scoreBlocRuleSchema = z
  .object({
    kind: z.literal('score'),
    /** Weighted mean (out of 20) needed to validate the bloc. */
    threshold: z.number().min(0).default(10),
    /** The mean is rounded to this many decimals before it is compared with the threshold. */
    roundingDecimals: z.number().int().min(0).max(4).default(2),
    /** Critères that must each reach a minimum mark (e.g. mémoire ≥ 10). */
    requiredCriteres: z
      .array(z.object({ critereCode: z.string().min(1), min: z.number().min(0) }).strict())
      .default([]),
  })
  .strict()

export const blocRuleSchema = z.discriminatedUnion('kind', [outcomeBlocRuleSchema, scoreBlocRuleSchema], {
  message: 'règle inconnue (« outcome » pour des critères acquis, ou « score » pour une moyenne, attendu)',
})
export type BlocRule = z.infer<typeof blocRuleSchema>

/** Certification: every mandatory bloc plus the candidate's one option of the option group. */
export const certificationRuleSchema = z
  .object({
    mandatoryBlocCodes: z.array(z.string().min(1)).min(1),
    optionGroupCode: z.string().min(1).nullable(),
  })
  .strict()
export type CertificationRule = z.infer<typeof certificationRuleSchema>
