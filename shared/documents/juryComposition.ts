/**
 * The jury of a session: who sits, in which quality, whether they are professionals from outside
 * the certifier and the training body, and who presides. The usual rules (a collegial jury, at
 * least half external) come from practice rather than a text, so breaking them only warns.
 */
import * as z from '../zod'

const text = (max: number) =>
  z.string().trim().min(1, { message: 'champ obligatoire' }).max(max, { message: `${max} caractères au plus` })

export const JURY_CIVILITIES = ['Mme', 'M.'] as const
export type JuryCivility = (typeof JURY_CIVILITIES)[number]

export const juryMemberSchema = z
  .object({
    /** « Mme » or « M. »; null when not given (documents then use a neutral wording). */
    civility: z.enum(JURY_CIVILITIES, { message: 'civilité attendue : Mme ou M.' }).nullable().default(null),
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

/** Breaches of the usual composition rules, in French; empty when the jury looks regular. */
export function juryWarnings(members: readonly JuryMember[]): string[] {
  const warnings: string[] = []
  if (members.length < 2) {
    warnings.push(
      members.length === 0
        ? 'Le jury n’a aucun membre : un jury est collégial (deux membres au moins).'
        : 'Le jury n’a qu’un membre : un jury est collégial (deux membres au moins).',
    )
  }
  const external = members.filter((m) => m.external).length
  if (members.length > 0 && external * 2 < members.length) {
    warnings.push(
      `Seulement ${external} membre(s) extérieur(s) sur ${members.length} : la moitié au moins du jury devrait être extérieure au certificateur et à l’organisme de formation.`,
    )
  }
  if (members.length > 0 && !members.some((m) => m.president)) {
    warnings.push('Aucun président du jury n’est désigné.')
  }
  return warnings
}
