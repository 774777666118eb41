/**
 * Who issues the documents: the certifier's identity, the RNCP registration and the Caisse des
 * Dépôts identifiers. One Worker deployment serves one certifier. An administrator sets them from
 * the task pane (stored in D1, `PUT /certifier-settings`); the deployment's variables (wrangler.jsonc
 * `vars`) are the defaults of what is not stored. Each document asks only for what it prints; a
 * missing one is named by its French label and its variable.
 */
import * as z from '../zod'

export interface CertifierSettings {
  /** Raison sociale of the certifier, printed on every document. */
  certifierName: string | null
  /** SIRET of the certifier (14 digits). */
  siret: string | null
  /** Postal address of the certifier's head office. */
  address: string | null
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
  siret: 'CERTIFIER_SIRET',
  address: 'CERTIFIER_ADDRESS',
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

/** Luhn's check of a SIRET; La Poste's establishments (SIREN 356000000) use a digit sum multiple of 5. */
function isSiret(value: string): boolean {
  if (!/^\d{14}$/.test(value)) return false
  const digits = [...value].map(Number)
  if (value.startsWith('356000000')) return digits.reduce((a, b) => a + b, 0) % 5 === 0
  const sum = digits.reduce((acc, digit, i) => {
    const doubled = i % 2 === 0 ? digit * 2 : digit
    return acc + (doubled > 9 ? doubled - 9 : doubled)
  }, 0)
  return sum % 10 === 0
}

const formats: Partial<Record<CertifierSettingKey, { schema: z.ZodType<string>; expected: string }>> = {
  siret: { schema: z.string().refine(isSiret), expected: '14 chiffres d’un SIRET valide' },
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
      issues.push({ variable, message: `${variable} = « ${value} » : ${format.expected} attendu.` })
      settings[key] = null
    } else settings[key] = value
  }
  settings.cdcIdEmetteur ??= settings.cdcIdClient
  return { settings, issues }
}

/** The RNCP code printed on documents: the référentiel's own, else the deployment's setting. */
export function effectiveRncpCode(referentialRncpCode: string | null, settings: CertifierSettings): string | null {
  return referentialRncpCode ?? settings.rncpCode
}

/** How the task pane names each setting, and which documents print it. */
export const CERTIFIER_SETTING_FIELDS: ReadonlyArray<{ key: CertifierSettingKey; label: string; usedBy: string }> = [
  { key: 'certifierName', label: 'Nom du certificateur', usedBy: 'PV, attestations (obligatoire pour finaliser)' },
  { key: 'siret', label: 'SIRET du certificateur', usedBy: 'PV' },
  { key: 'address', label: 'Adresse du siège', usedBy: 'PV, attestations' },
  { key: 'signatory', label: 'Signataire des attestations', usedBy: 'attestations' },
  { key: 'city', label: 'Lieu de délivrance (« Fait à »)', usedBy: 'PV, attestations' },
  { key: 'rncpCode', label: 'Code RNCP (si le référentiel n’en porte pas)', usedBy: 'PV, attestations, fichier Caisse des Dépôts' },
  { key: 'rncpRegistrationDate', label: 'Date d’enregistrement au RNCP (décision de France compétences)', usedBy: 'attestations' },
  { key: 'nsfCodes', label: 'Code(s) NSF', usedBy: 'attestations' },
  { key: 'cdcIdClient', label: 'Identifiant client Caisse des Dépôts (idClient)', usedBy: 'fichier Caisse des Dépôts' },
  { key: 'cdcIdContrat', label: 'Numéro de contrat Caisse des Dépôts (idContrat)', usedBy: 'fichier Caisse des Dépôts' },
  { key: 'cdcIdEmetteur', label: 'Identifiant de l’émetteur, si un tiers transmet le fichier', usedBy: 'fichier Caisse des Dépôts' },
]

const labelOf = (key: CertifierSettingKey) => CERTIFIER_SETTING_FIELDS.find((f) => f.key === key)?.label ?? key
const KEYS = Object.keys(CERTIFIER_VARIABLES) as CertifierSettingKey[]

/** The values an administrator stored (D1); a key absent or null falls back to the deployment's. */
export type StoredCertifierSettings = Partial<Record<CertifierSettingKey, string>>

const settingValue = (key: CertifierSettingKey) => {
  const format = formats[key]
  const text = z
    .string()
    .trim()
    .max(key === 'address' ? 300 : 200, { message: `${key === 'address' ? 300 : 200} caractères au plus` })
  return text
    .refine((v) => v === '' || !format || format.schema.safeParse(v).success, { message: format ? `${format.expected} attendu` : 'valeur invalide' })
    .transform((v) => (v === '' ? null : v))
    .nullable()
    .optional()
}

/** PUT /certifier-settings: the keys sent change (null or "" clears), against the version read. */
export const certifierSettingsUpdateSchema = z
  .object({
    version: z.number().int().min(0),
    settings: z.object(Object.fromEntries(KEYS.map((k) => [k, settingValue(k)])) as Record<CertifierSettingKey, ReturnType<typeof settingValue>>).strict(),
  })
  .strict()
export type CertifierSettingsUpdate = z.infer<typeof certifierSettingsUpdateSchema>

/** The stored values after an update: the keys sent replace (null removes), the others stay. */
export function applySettingsUpdate(stored: StoredCertifierSettings, update: CertifierSettingsUpdate['settings']): StoredCertifierSettings {
  const next: StoredCertifierSettings = { ...stored }
  for (const key of KEYS) {
    const value = update[key]
    if (value === undefined) continue
    if (value === null) delete next[key]
    else next[key] = value
  }
  return next
}

export type SettingSource = 'database' | 'deployment'

export interface ResolvedCertifierSettings {
  /** What documents print: the stored value, else the deployment's. */
  effective: CertifierSettings
  /** The deployment's variables, as read (malformed ones left out). */
  defaults: CertifierSettings
  sources: Record<CertifierSettingKey, SettingSource | null>
  /** Malformed deployment variables. */
  issues: SettingIssue[]
}

export function resolveCertifierSettings(
  stored: StoredCertifierSettings,
  vars: Readonly<Partial<Record<CertifierVariable, unknown>>>,
): ResolvedCertifierSettings {
  const { settings: defaults, issues } = readCertifierSettings(vars)
  // The sender's id defaults to the certifier's own: resolved after both are merged.
  const rawDefaults = { ...defaults, cdcIdEmetteur: readCertifierSettings({ ...vars, CDC_ID_CLIENT: undefined }).settings.cdcIdEmetteur }
  const effective = {} as CertifierSettings
  const sources = {} as Record<CertifierSettingKey, SettingSource | null>
  for (const key of KEYS) {
    const own = stored[key] ?? null
    const value = own ?? rawDefaults[key]
    effective[key] = value
    sources[key] = own !== null ? 'database' : value !== null ? 'deployment' : null
  }
  if (effective.cdcIdEmetteur === null && effective.cdcIdClient !== null) {
    effective.cdcIdEmetteur = effective.cdcIdClient
    sources.cdcIdEmetteur = sources.cdcIdClient
  }
  return { effective, defaults, sources, issues }
}

export interface MissingSetting {
  key: CertifierSettingKey
  label: string
  variable: string
  message: string
}

/** The settings among `keys` that documents lack, by their French label (and their variable). */
export function missingCertifierSettings(resolved: ResolvedCertifierSettings, keys: readonly CertifierSettingKey[]): MissingSetting[] {
  return keys
    .filter((key) => resolved.effective[key] === null)
    .map((key) => {
      const variable = CERTIFIER_VARIABLES[key]
      const malformed = resolved.issues.find((i) => i.variable === variable)
      return { key, label: labelOf(key), variable, message: malformed ? malformed.message : `${labelOf(key)} n’est pas renseigné.` }
    })
}

/** « nom du certificateur (CERTIFIER_NAME), code RNCP… (RNCP_CODE) » for a message. */
export function missingSettingsList(missing: readonly MissingSetting[]): string {
  return missing.map((m) => `${m.label} (${m.variable})`).join(', ')
}
