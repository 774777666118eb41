/**
 * SQL for the certifier settings an administrator stores (migration 0007): one row, absent until
 * the first save (version 0), replaced with its audit event in one batch guarded on the version.
 */
import type { D1Database } from '@cloudflare/workers-types'
import type { StoredCertifierSettings } from '../../shared/documents/certifierSettings'
import { auditStatement, type AuditContext } from './audit'
import { guardStatement } from './guard'

export interface StoredSettingsRow {
  values: StoredCertifierSettings
  /** 0 before the first save. */
  version: number
  updatedBy: string | null
  updatedAt: string | null
}

export async function getStoredCertifierSettings(db: D1Database): Promise<StoredSettingsRow> {
  const row = await db
    .prepare('SELECT settings_json, version, updated_by, updated_at FROM certifier_settings WHERE id = 1')
    .first<{ settings_json: string; version: number; updated_by: string; updated_at: string }>()
  if (!row) return { values: {}, version: 0, updatedBy: null, updatedAt: null }
  return { values: JSON.parse(row.settings_json) as StoredCertifierSettings, version: row.version, updatedBy: row.updated_by, updatedAt: row.updated_at }
}

/** Guard `stale_version`: someone saved since `version` was read. */
export async function saveCertifierSettings(
  db: D1Database,
  ctx: AuditContext,
  version: number,
  before: StoredCertifierSettings,
  after: StoredCertifierSettings,
): Promise<void> {
  await db.batch([
    guardStatement(db, 'stale_version', 'coalesce((SELECT version FROM certifier_settings WHERE id = 1), 0) IS NOT ?2', version),
    db
      .prepare(
        `INSERT INTO certifier_settings (id, settings_json, version, updated_by) VALUES (1, ?1, ?2 + 1, ?3)
         ON CONFLICT (id) DO UPDATE SET settings_json = excluded.settings_json, version = excluded.version,
           updated_by = excluded.updated_by, updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')`,
      )
      .bind(JSON.stringify(after), version, ctx.actor),
    auditStatement(db, ctx, { action: 'certifier.settings.update', details: { version: version + 1, before, after } }),
  ])
}
