/**
 * Full logical backups of a D1 database as JSON, and their restore into an empty database.
 *
 * Export reads every table in ONE batch: a D1 batch is a transaction, so the dump is a consistent
 * snapshot. Restore writes everything in ONE batch too (all or nothing): it sets
 * `defer_foreign_keys` so rows may come in any order, drops the triggers while copying (they
 * would refuse rows of a published référentiel, duplicate the mark history or bump versions),
 * and recreates them from the database's own definitions before the batch ends.
 */
import type { D1Database, D1PreparedStatement } from '@cloudflare/workers-types'
import { contentHash } from '../../shared/contentHash'

export const BACKUP_FORMAT = 'certibloc-backup'
export const BACKUP_FORMAT_VERSION = 1

type Row = Record<string, unknown>

export interface Backup {
  format: typeof BACKUP_FORMAT
  formatVersion: number
  exportedAt: string
  /** Migrations applied to the exported database; a restore needs the same ones. */
  migrations: string[]
  /** SHA-256 of `tables`, checked on restore and comparable across databases. */
  contentHash: string
  tables: Record<string, Row[]>
}

/** Tables holding application data: not SQLite's, D1's or wrangler's own bookkeeping. */
async function dataTables(db: D1Database): Promise<string[]> {
  const { results } = await db
    .prepare(
      `SELECT name FROM sqlite_master WHERE type = 'table'
         AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_cf_%' AND name != 'd1_migrations'
       ORDER BY name`,
    )
    .all<{ name: string }>()
  return results.map((r) => r.name)
}

const quoted = (identifier: string) => `"${identifier.replaceAll('"', '""')}"`

export async function exportDatabase(db: D1Database): Promise<Backup> {
  const tables = await dataTables(db)
  const results = await db.batch([
    db.prepare('SELECT name FROM d1_migrations ORDER BY id'),
    // rowid order keeps append-only tables (history, audit) in the order they were written.
    ...tables.map((t) => db.prepare(`SELECT * FROM ${quoted(t)} ORDER BY rowid`)),
  ])
  const dump: Record<string, Row[]> = {}
  tables.forEach((table, i) => {
    dump[table] = (results[i + 1]?.results ?? []) as Row[]
  })
  return {
    format: BACKUP_FORMAT,
    formatVersion: BACKUP_FORMAT_VERSION,
    exportedAt: new Date().toISOString(),
    migrations: ((results[0]?.results ?? []) as Array<{ name: string }>).map((r) => r.name),
    contentHash: await contentHash(dump),
    tables: dump,
  }
}

/** Rows bound per statement: keeps each JSON parameter well under D1's 2 MB value limit. */
const MAX_CHUNK_BYTES = 1_000_000

function chunks(rows: Row[]): Row[][] {
  const out: Row[][] = []
  let current: Row[] = []
  let size = 0
  for (const row of rows) {
    const bytes = JSON.stringify(row).length
    if (current.length > 0 && size + bytes > MAX_CHUNK_BYTES) {
      out.push(current)
      current = []
      size = 0
    }
    current.push(row)
    size += bytes
  }
  if (current.length > 0) out.push(current)
  return out
}

export class RestoreRefused extends Error {}

/**
 * Loads a backup into an empty database migrated to the same migrations. Refuses (nothing
 * written) a dump that is damaged, from other migrations, or a database that already has data.
 */
export async function restoreDatabase(db: D1Database, backup: Backup): Promise<{ rows: number }> {
  if (backup.format !== BACKUP_FORMAT || backup.formatVersion !== BACKUP_FORMAT_VERSION) {
    throw new RestoreRefused('format de sauvegarde inconnu')
  }
  if ((await contentHash(backup.tables)) !== backup.contentHash) {
    throw new RestoreRefused('sauvegarde altérée : l’empreinte du contenu ne correspond pas')
  }
  const migrations = (await db.prepare('SELECT name FROM d1_migrations ORDER BY id').all<{ name: string }>()).results.map((r) => r.name)
  if (JSON.stringify(migrations) !== JSON.stringify(backup.migrations)) {
    throw new RestoreRefused(
      `la base cible n’a pas les mêmes migrations (${migrations.join(', ') || 'aucune'}) que la sauvegarde (${backup.migrations.join(', ')})`,
    )
  }
  const tables = await dataTables(db)
  const unknown = Object.keys(backup.tables).filter((t) => !tables.includes(t))
  if (unknown.length > 0) throw new RestoreRefused(`tables inconnues dans la sauvegarde : ${unknown.join(', ')}`)
  const counts = await db.batch(tables.map((t) => db.prepare(`SELECT count(*) AS n FROM ${quoted(t)}`)))
  if (counts.some((r) => ((r.results?.[0] as { n: number } | undefined)?.n ?? 0) > 0)) {
    throw new RestoreRefused('la base cible n’est pas vide')
  }
  const triggers = (
    await db.prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name`).all<{ name: string; sql: string }>()
  ).results
  const statements: D1PreparedStatement[] = [
    db.prepare('PRAGMA defer_foreign_keys = on'),
    ...triggers.map((t) => db.prepare(`DROP TRIGGER ${quoted(t.name)}`)),
  ]
  let rows = 0
  for (const [table, tableRows] of Object.entries(backup.tables)) {
    if (tableRows.length === 0) continue
    const columns = Object.keys(tableRows[0] ?? {})
    const select = columns.map((c) => `value->>${`'${c.replaceAll("'", "''")}'`}`).join(', ')
    for (const chunk of chunks(tableRows)) {
      statements.push(
        db
          .prepare(`INSERT INTO ${quoted(table)} (${columns.map(quoted).join(', ')}) SELECT ${select} FROM json_each(?1)`)
          .bind(JSON.stringify(chunk)),
      )
      rows += chunk.length
    }
  }
  statements.push(...triggers.map((t) => db.prepare(t.sql)))
  await db.batch(statements)
  return { rows }
}
