/**
 * Who issues the documents: the certifier's identity, the RNCP registration and the Caisse des
 * Dépôts identifiers. One Worker deployment serves one certifier, so these are deployment
 * settings (wrangler.jsonc `vars`), read from the environment at request time and checked here.
 * Each document asks only for what it prints; a missing one is named by its variable.
 */
import * as z from '../zod'

export interface CertifierSettings {
  /** Raison sociale of the certifier, printed on every document. */
  certifierName: string | null
  /** Who signs attestations, e.g. « Jeanne Martin, directrice générale ». */
  signatory: string | null
  /** Lieu de délivrance (« Fait à … »). */
  city: string | null
  /** RNCP number, used when the référentiel has none (the seed has none). */
  rncpCode: string | null
  /** Date of France compétences' registration decision, a mandatory mention of attestations. */
  rncpRegistrationDate: string | null
  /** NSF code(s) of the title, e.g. « 326 ». */
  nsfCodes: string | null
  /** CDC idClient of the certifier (8 characters). */
  cdcIdClient: string | null
  /** CDC idContrat of the certifier. */
  cdcIdContrat: string | null
  /** CDC idClient of the sender when a third party sends the file; the certifier's own otherwise. */
  cdcIdEmetteur: string | null
}

export type CertifierSettingKey = keyof CertifierSettings

/** The wrangler variable behind each setting: the names people see in error messages. */
export const CERTIFIER_VARIABLES = {
  certifierName: 'CERTIFIER_NAME',
  signatory: 'CERTIFIER_SIGNATORY',
  city: 'CERTIFIER_CITY',
  rncpCode: 'RNCP_CODE',
  rncpRegistrationDate: 'RNCP_REGISTRATION_DATE',
  nsfCodes: 'NSF_CODES',
  cdcIdClient: 'CDC_ID_CLIENT',
  cdcIdContrat: 'CDC_ID_CONTRAT',
  cdcIdEmetteur: 'CDC_ID_EMETTEUR',
} as const satisfies Readonly<Record<CertifierSettingKey, string>>

/** The name of a certifier variable, as declared in wrangler.jsonc. */
export type CertifierVariable = (typeof CERTIFIER_VARIABLES)[CertifierSettingKey]

const formats: Partial<Record<CertifierSettingKey, { schema: z.ZodType<string>; expected: string }>> = {
  rncpCode: { schema: z.string().regex(/^RNCP\d+$/), expected: 'RNCP suivi de chiffres, ex. RNCP12345' },
  rncpRegistrationDate: {
    schema: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`))),
    expected: 'date AAAA-MM-JJ',
  },
  cdcIdClient: { schema: z.string().regex(/^[A-Za-z0-9]{8}$/), expected: '8 caractères alphanumériques' },
  cdcIdEmetteur: { schema: z.string().regex(/^[A-Za-z0-9]{8}$/), expected: '8 caractères alphanumériques' },
  cdcIdContrat: { schema: z.string().regex(/^[A-Za-z0-9_-]{1,20}$/), expected: '1 à 20 caractères alphanumériques' },
}

export interface SettingIssue {
  variable: string
  message: string
}

/**
 * Reads the settings from the Worker's environment. A blank variable counts as absent; a
 * malformed one is reported (and treated as absent) rather than printed on a legal document.
 */
export function readCertifierSettings(vars: Readonly<Partial<Record<CertifierVariable, unknown>>>): {
  settings: CertifierSettings
  issues: SettingIssue[]
} {
  const issues: SettingIssue[] = []
  const settings = {} as CertifierSettings
  for (const [key, variable] of Object.entries(CERTIFIER_VARIABLES) as [CertifierSettingKey, CertifierVariable][]) {
    const raw = vars[variable]
    const value = typeof raw === 'string' && raw.trim() !== '' ? raw.trim() : null
    const format = formats[key]
    if (value !== null && format && !format.schema.safeParse(value).success) {
      issues.push({ variable, message: `${variable} = « ${value} » : ${format.expected} attendu.` })
      settings[key] = null
    } else settings[key] = value
  }
  settings.cdcIdEmetteur ??= settings.cdcIdClient
  return { settings, issues }
}

/** The settings among `keys` that are absent, as messages naming their variable. */
export function missingSettings(settings: CertifierSettings, keys: readonly CertifierSettingKey[]): SettingIssue[] {
  return keys
    .filter((key) => settings[key] === null)
    .map((key) => ({ variable: CERTIFIER_VARIABLES[key], message: `${CERTIFIER_VARIABLES[key]} n’est pas renseigné.` }))
}

/** The RNCP code printed on documents: the référentiel's own, else the deployment's setting. */
export function effectiveRncpCode(referentialRncpCode: string | null, settings: CertifierSettings): string | null {
  return referentialRncpCode ?? settings.rncpCode
}
