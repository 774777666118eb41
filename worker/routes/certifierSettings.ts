/**
 * The certifier settings (administrators): GET what is stored, what the deployment's variables
 * give and what documents print; PUT the values against the version read, audited. Documents
 * read them through `certifierSettingsFor`.
 */
import { Hono } from 'hono'
import {
  applySettingsUpdate,
  CERTIFIER_SETTING_FIELDS,
  certifierSettingsUpdateSchema,
  missingCertifierSettings,
  missingSettingsList,
  resolveCertifierSettings,
  type CertifierSettingKey,
  type CertifierSettings,
  type ResolvedCertifierSettings,
} from '../../shared/documents/certifierSettings'
import { getStoredCertifierSettings, saveCertifierSettings, type StoredSettingsRow } from '../db/certifierSettings'
import { withGuards } from '../db/guardErrors'
import type { AppEnv, Env } from '../env'
import { ApiError, ErrorCode } from '../errors'
import { messages } from '../i18n/fr'
import { limitBody } from '../middleware/limitBody'
import { validate } from '../middleware/validate'
import { describeRoute, errors, json } from '../openapi/describe'
import { certifierSettingsResponse } from '../openapi/responses/sessions'

/** The settings documents use now: stored in D1, else the deployment's variables. */
export async function resolvedCertifierSettings(env: Env): Promise<ResolvedCertifierSettings & { row: StoredSettingsRow }> {
  const row = await getStoredCertifierSettings(env.DB)
  return { ...resolveCertifierSettings(row.values, env), row }
}

/**
 * The settings a document needs; one missing (or a malformed deployment default) is a 409
 * SETTINGS_INCOMPLETE naming it, for an administrator to fill in.
 */
export async function certifierSettingsFor(env: Env, keys: readonly CertifierSettingKey[]): Promise<CertifierSettings> {
  const resolved = await resolvedCertifierSettings(env)
  const missing = missingCertifierSettings(resolved, keys)
  if (missing.length > 0) {
    throw new ApiError(ErrorCode.SETTINGS_INCOMPLETE, messages.certifierSettingsIncomplete(missingSettingsList(missing)), { settings: missing })
  }
  return resolved.effective
}

function answer(resolved: ResolvedCertifierSettings & { row: StoredSettingsRow }) {
  return {
    version: resolved.row.version,
    updatedBy: resolved.row.updatedBy,
    updatedAt: resolved.row.updatedAt,
    stored: Object.fromEntries(CERTIFIER_SETTING_FIELDS.map((f) => [f.key, resolved.row.values[f.key] ?? null])),
    defaults: resolved.defaults,
    effective: resolved.effective,
    sources: resolved.sources,
    issues: resolved.issues,
    fields: CERTIFIER_SETTING_FIELDS,
  }
}

const readDoc = describeRoute({
  summary: 'Paramètres du certificateur : valeurs enregistrées, valeurs par défaut du déploiement, valeurs imprimées (administrateur)',
  tags: ['Documents'],
  responses: { 200: json('Les paramètres.', certifierSettingsResponse) },
})
const saveDoc = describeRoute({
  summary: 'Enregistrer des paramètres du certificateur (clés envoyées seulement ; null efface), version attendue, audité (administrateur)',
  tags: ['Documents'],
  responses: { 200: json('Les paramètres enregistrés.', certifierSettingsResponse), ...errors(409) },
})

export const certifierSettingsRoutes = new Hono<AppEnv>()
  .get('/', readDoc, async (c) => c.json(answer(await resolvedCertifierSettings(c.env)), 200))
  .put('/', saveDoc, limitBody(16 * 1024), validate('json', certifierSettingsUpdateSchema), async (c) => {
    const { version, settings } = c.req.valid('json')
    const before = await getStoredCertifierSettings(c.env.DB)
    if (before.version !== version) {
      throw new ApiError(ErrorCode.CONFLICT, messages.staleCertifierSettings, { clientVersion: version, serverVersion: before.version })
    }
    const after = applySettingsUpdate(before.values, settings)
    await withGuards(saveCertifierSettings(c.env.DB, { actor: c.var.actor, requestId: c.var.requestId }, version, before.values, after), {
      stale_version: () => new ApiError(ErrorCode.CONFLICT, messages.staleCertifierSettings, { clientVersion: version }),
    })
    return c.json(answer(await resolvedCertifierSettings(c.env)), 200)
  })
