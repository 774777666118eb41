/**
 * A candidate of a certification session: the identity the PV and the Caisse des Dépôts file need,
 * the chosen BLOC 5 option, the access route and the blocs already acquired (capitalised).
 * Shared by the API (validation), the import formats and the add-in.
 */
import * as z from '../zod'

/** Modalités d'accès, named as the Caisse des Dépôts file names them. */
export const ACCESS_ROUTES = [
  'FORMATION_INITIALE_HORS_APPRENTISSAGE',
  'FORMATION_INITIALE_APPRENTISSAGE',
  'FORMATION_CONTINUE_HORS_CONTRAT_DE_PROFESSIONNALISATION',
  'FORMATION_CONTINUE_CONTRAT_DE_PROFESSIONNALISATION',
  'VAE',
  'EQUIVALENCE',
  'CANDIDAT_LIBRE',
] as const
export type AccessRoute = (typeof ACCESS_ROUTES)[number]

export const accessRouteLabels: Record<AccessRoute, string> = {
  FORMATION_INITIALE_HORS_APPRENTISSAGE: 'Formation initiale hors apprentissage',
  FORMATION_INITIALE_APPRENTISSAGE: 'Apprentissage',
  FORMATION_CONTINUE_HORS_CONTRAT_DE_PROFESSIONNALISATION: 'Formation continue',
  FORMATION_CONTINUE_CONTRAT_DE_PROFESSIONNALISATION: 'Contrat de professionnalisation',
  VAE: 'VAE',
  EQUIVALENCE: 'Équivalence',
  CANDIDAT_LIBRE: 'Candidat libre',
}

/** Where a capitalised bloc was acquired. */
export const CAPITALISATION_SOURCES = ['earlier_session', 'vae', 'equivalence'] as const
export type CapitalisationSource = (typeof CAPITALISATION_SOURCES)[number]

export const capitalisationSourceLabels: Record<CapitalisationSource, string> = {
  earlier_session: 'Session antérieure',
  vae: 'VAE',
  equivalence: 'Équivalence',
}

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'date attendue au format AAAA-MM-JJ' })
  .refine((s) => {
    const d = new Date(`${s}T00:00:00Z`)
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s
  }, { message: 'date inexistante' })

const text = (max: number) => z.singleLineText(max)
const optionalText = (max: number) => z.string().trim().max(max, { message: `${max} caractères au plus` }).nullable().default(null)

/**
 * The session a bloc was validated in, when Certibloc carried it over itself (a rattrapage
 * session created from a deliberated one): documents name it.
 */
const capitalisationOriginSchema = z
  .object({
    sessionId: z.string().min(1).max(64),
    sessionName: z.string().trim().min(1).max(200),
    /** The PV version that validated the bloc. */
    pvVersion: z.number().int().positive(),
  })
  .strict()

export const capitalisedBlocSchema = z
  .object({
    blocCode: z.string().regex(/^BC\d{2}(?:-[A-Z])?$/, { message: 'code de bloc invalide' }),
    /** For a bloc validated in an earlier session: the date of that deliberation. */
    acquiredOn: isoDate,
    source: z.enum(CAPITALISATION_SOURCES, { message: 'source attendue : earlier_session, vae ou equivalence' }),
    origin: capitalisationOriginSchema.optional(),
  })
  .strict()
export type CapitalisedBloc = z.infer<typeof capitalisedBlocSchema>

export const candidateInputSchema = z
  .object({
    /** The school's own identifier of the candidate (numéro d'étudiant), unique in a session. */
    schoolId: text(64),
    birthName: text(100),
    usageName: optionalText(100),
    /** Prénoms in civil-status order; the CDC file takes at most three. */
    firstNames: z.array(text(60)).min(1, { message: 'au moins un prénom' }).max(3, { message: 'trois prénoms au plus' }),
    sex: z.enum(['M', 'F'], { message: 'sexe attendu : M ou F' }).nullable().default(null),
    birthDate: isoDate.nullable().default(null),
    /** Code of the birth commune: INSEE code (preferred) or postal code, for births in France. */
    birthCommuneCode: z
      .string()
      .regex(/^(?:\d{5}|2[AB]\d{3})$/, { message: 'code commune attendu sur 5 caractères' })
      .nullable()
      .default(null),
    birthCommuneCodeKind: z.enum(['insee', 'postal']).nullable().default(null),
    birthCommuneLabel: optionalText(100),
    /** INSEE country code (99100 = France) and name, for the CDC file. */
    birthCountryCode: z.string().regex(/^99\d{3}$/, { message: 'code pays INSEE attendu (99xxx)' }).nullable().default(null),
    birthCountryLabel: optionalText(100),
    email: z.email({ message: 'adresse électronique invalide' }).nullable().default(null),
    /** Code of the chosen BLOC 5 option, e.g. BC05-A. */
    optionCode: z.string().regex(/^BC\d{2}-[A-Z]$/, { message: 'code d’option invalide (ex. BC05-A)' }).nullable().default(null),
    accessRoute: z.enum(ACCESS_ROUTES, { message: 'modalité d’accès inconnue' }).nullable().default(null),
    capitalisedBlocs: z.array(capitalisedBlocSchema).default([]),
  })
  .strict()
  .refine((c) => (c.birthCommuneCode === null) === (c.birthCommuneCodeKind === null), {
    message: 'le code commune et sa nature (insee ou postal) vont ensemble',
    path: ['birthCommuneCodeKind'],
  })

export type CandidateInput = z.infer<typeof candidateInputSchema>

/**
 * enrolled: graded and deliberated. withdrawn (« désinscrit »): kept for the record and the audit,
 * left out of the grid, the results, the finalisation and the documents; marks are kept.
 */
export type CandidateStatus = 'enrolled' | 'withdrawn'

export const candidateStatusLabels: Record<CandidateStatus, string> = {
  enrolled: 'Inscrit',
  withdrawn: 'Désinscrit',
}

/** A stored candidate: the input plus its server id, row version and status. */
export interface Candidate extends CandidateInput {
  id: string
  sessionId: string
  /** Bumped on every change to the candidate, its marks or its bloc decisions. */
  rowVersion: number
  status: CandidateStatus
  withdrawnAt: string | null
  withdrawalReason: string | null
}
