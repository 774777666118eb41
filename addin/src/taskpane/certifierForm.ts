/**
 * The certifier settings form: what the user typed against what is stored, checked with the very
 * schema the Worker validates with (French messages), into the update the Worker expects.
 */
import { certifierSettingsUpdateSchema, type CertifierSettingKey, type CertifierSettingsUpdate } from '../../../shared/documents/certifierSettings'

export type FormValues = Partial<Record<CertifierSettingKey, string>>

/** The inputs' values from the stored settings (null: empty input, the default applies). */
export function formValuesOf(stored: Readonly<Record<string, string | null>>): FormValues {
  return Object.fromEntries(Object.entries(stored).map(([key, value]) => [key, value ?? '']))
}

/** A SIRET is often written in groups (« 123 456 789 00012 »); identifiers never hold spaces. */
function normalise(key: CertifierSettingKey, value: string): string {
  const trimmed = value.trim()
  if (key === 'siret') return trimmed.replace(/[\s.]/g, '')
  if (key === 'rncpCode') return trimmed.replace(/\s/g, '').toUpperCase()
  return trimmed
}

export type SettingsReading =
  | { ok: true; update: CertifierSettingsUpdate; changed: CertifierSettingKey[] }
  | { ok: false; problems: Partial<Record<CertifierSettingKey, string>> }

/** Only the fields that changed are sent; an emptied field clears the stored value. */
export function readSettingsForm(values: FormValues, stored: Readonly<Record<string, string | null>>, version: number): SettingsReading {
  const typed = (key: CertifierSettingKey) => normalise(key, values[key] ?? '')
  const changed = (Object.keys(values) as CertifierSettingKey[]).filter((key) => typed(key) !== (stored[key] ?? ''))
  const settings = Object.fromEntries(changed.map((key) => [key, typed(key)]))
  const parsed = certifierSettingsUpdateSchema.safeParse({ version, settings })
  if (parsed.success) return { ok: true, update: parsed.data, changed }
  const problems: Partial<Record<CertifierSettingKey, string>> = {}
  for (const issue of parsed.error.issues) {
    const key = issue.path[1]
    if (typeof key === 'string') problems[key as CertifierSettingKey] ??= issue.message
  }
  return { ok: false, problems }
}
