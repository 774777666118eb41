/**
 * The jury of a session: who sits, in which quality, whether they are professionals from outside
 * the certifier and the training body, and who presides. The composition rules (a collegial jury
 * of two members at least, at least half external, a president named) are checked live while the
 * jury is edited and enforced at finalisation, where only an explicit override with a reason lets
 * an irregular jury deliberate; the reason and the failing rules are then printed on the PV.
 */
import * as z from '../zod'

const text = (max: number) => z.singleLineText(max)

export const JURY_CIVILITIES = ['Mme', 'M.'] as const
export type JuryCivility = (typeof JURY_CIVILITIES)[number]

export const juryMemberSchema = z
  .object({
    /** « Mme » or « M. »; null when not given (documents then use a neutral wording). */
    civility: z.enum(JURY_CIVILITIES, { message: 'civilité attendue : Mme ou M.' }).nullable().default(null),
    /** First name and name as printed on the PV, without the civility, e.g. « Claire Dumas ». */
    name: text(120),
    /** Function and organisation, e.g. « Directrice des systèmes d’information, Société X ». */
    quality: text(200),
    /** A professional of the field from outside the certifier and the training organisation. */
    external: z.boolean(),
    president: z.boolean().default(false),
  })
  .strict()
export type JuryMember = z.infer<typeof juryMemberSchema>

/** The member as documents print them: « Mme Claire Dumas », or the name alone without a civility. */
export function juryMemberDisplayName(member: Pick<JuryMember, 'name'> & { civility?: JuryCivility | null }): string {
  // PV snapshots frozen before civility existed have no such key.
  return member.civility ? `${member.civility}\u00a0${member.name}` : member.name
}

export const juryUpdateSchema = z
  .object({
    members: z
      .array(juryMemberSchema)
      .max(30, { message: '30 membres au plus' })
      .refine((members) => members.filter((m) => m.president).length <= 1, {
        message: 'un seul président du jury',
      }),
  })
  .strict()

export type JuryCheckCode = 'collegial' | 'external_half' | 'president'

export interface JuryCheckFailure {
  code: JuryCheckCode
  /** A complete French sentence, ready to show and to print on the PV. */
  message: string
}

export interface JuryCheck {
  ok: boolean
  failures: JuryCheckFailure[]
}

/** The composition rules a jury must meet to finalise without an override. */
export function checkJuryComposition(members: readonly JuryMember[]): JuryCheck {
  const failures: JuryCheckFailure[] = []
  if (members.length < 2) {
    failures.push({
      code: 'collegial',
      message:
        members.length === 0
          ? 'Le jury n’a aucun membre : un jury est collégial (deux membres au moins).'
          : 'Le jury n’a qu’un membre : un jury est collégial (deux membres au moins).',
    })
  }
  const external = members.filter((m) => m.external).length
  if (members.length > 0 && external * 2 < members.length) {
    failures.push({
      code: 'external_half',
      message: `Seulement ${external} membre(s) extérieur(s) sur ${members.length} : la moitié au moins du jury doit être extérieure au certificateur et à l’organisme de formation.`,
    })
  }
  if (!members.some((m) => m.president)) {
    failures.push({ code: 'president', message: 'Aucun président du jury n’est désigné.' })
  }
  return { ok: failures.length === 0, failures }
}

/** The failing rules as sentences (the answer's `warnings`, kept for existing clients). */
export function juryWarnings(members: readonly JuryMember[]): string[] {
  return checkJuryComposition(members).failures.map((f) => f.message)
}

/** A finalisation with a jury that fails the rules: why the certifier deliberates anyway. */
export const juryOverrideSchema = z
  .object({
    reason: z
      .string()
      .trim()
      .min(1, { message: 'le motif de la dérogation est obligatoire' })
      .max(1000, { message: '1 000 caractères au plus' }),
  })
  .strict()
