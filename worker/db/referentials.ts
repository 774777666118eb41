/**
 * SQL for référentiel versions and their tree. The tree is written with one statement per table,
 * binding the rows as one JSON string expanded by json_each (D1 allows 100 bound parameters per
 * statement), and read back in one batch.
 */
import type { D1Database, D1PreparedStatement } from '@cloudflare/workers-types'
import type { ReferentialChange } from '../../shared/referential/diff'
import { lineageOf } from '../../shared/referential/publication'
import type {
  EvaluableBloc,
  MandatoryBloc,
  OptionBloc,
  OptionGroup,
  Referential,
} from '../../shared/referential/schema'
import type { BlocRule, CertificationRule, CritereAssessment } from '../../shared/rules/ruleSchema'
import { auditStatement, type AuditContext } from './audit'
import { guardStatement } from './guard'

export type ReferentialStatus = 'draft' | 'published'

export interface ReferentialSummary {
  id: string
  version: number
  title: string
  level: number
  rncpCode: string | null
  status: ReferentialStatus
  publishedAt: string | null
  /** The référentiel across its versions (`expert-ingenierie-informatique-n7`); null for a draft. */
  lineage: string | null
  /** The version this one follows in its lineage; null for a first version. */
  previousId: string | null
}

interface ReferentialRow {
  id: string
  version: number
  title: string
  level: number
  rncp_code: string | null
  certification_rule_json: string
  schema_version: number
  content_hash: string
  status: ReferentialStatus
  published_at: string | null
  lineage: string | null
  previous_id: string | null
}

interface BlocRow {
  code: string
  kind: 'mandatory' | 'optionGroup' | 'option'
  parent_code: string | null
  number: number | null
  letter: string | null
  title: string
  rule_json: string | null
}

type ItemType = 'activity' | 'competence' | 'modalite' | 'critere'

interface ItemRow {
  bloc_code: string
  item_type: ItemType
  code: string
  label: string
  from_competence: string | null
  assessment_json: string | null
}

function toSummary(row: ReferentialRow): ReferentialSummary {
  return {
    id: row.id,
    version: row.version,
    title: row.title,
    level: row.level,
    rncpCode: row.rncp_code,
    status: row.status,
    publishedAt: row.published_at,
    lineage: row.lineage,
    previousId: row.previous_id,
  }
}

const SELECT_REFERENTIAL = `SELECT r.*, p.lineage, p.previous_id FROM referential r
  LEFT JOIN referential_publication p ON p.referential_id = r.id`

export async function listReferentials(db: D1Database): Promise<ReferentialSummary[]> {
  const { results } = await db.prepare(`${SELECT_REFERENTIAL} ORDER BY r.title, r.version DESC`).all<ReferentialRow>()
  return results.map(toSummary)
}

/** The latest published version of a lineage, or null when it has none. */
export async function latestVersionOf(db: D1Database, lineage: string): Promise<{ id: string; version: number } | null> {
  return db
    .prepare('SELECT referential_id AS id, version FROM referential_publication WHERE lineage = ?1 ORDER BY version DESC LIMIT 1')
    .bind(lineage)
    .first<{ id: string; version: number }>()
}

/** What the publication of a version recorded as changed from the version before it. */
export async function publicationChanges(db: D1Database, id: string): Promise<ReferentialChange[] | null> {
  const json = await db.prepare('SELECT changes_json FROM referential_publication WHERE referential_id = ?1').bind(id).first<string>('changes_json')
  return json === null ? null : (JSON.parse(json) as ReferentialChange[])
}

/** The content hash alone, so a conditional GET can answer 304 without reading the tree. */
export async function getReferentialContentHash(db: D1Database, id: string): Promise<string | null> {
  return db.prepare('SELECT content_hash FROM referential WHERE id = ?1').bind(id).first<string>('content_hash')
}

export interface StoredReferential {
  referential: Referential
  contentHash: string
  summary: ReferentialSummary
}

/** Reads a version and rebuilds its document, in one batch of three statements. */
export async function getReferential(db: D1Database, id: string): Promise<StoredReferential | null> {
  const [head, blocs, items] = await db.batch([
    db.prepare(`${SELECT_REFERENTIAL} WHERE r.id = ?1`).bind(id),
    db
      .prepare(
        'SELECT code, kind, parent_code, number, letter, title, rule_json FROM referential_bloc WHERE referential_id = ?1 ORDER BY position',
      )
      .bind(id),
    db
      .prepare(
        `SELECT bloc_code, item_type, code, label, from_competence, assessment_json
         FROM referential_item WHERE referential_id = ?1 ORDER BY bloc_code, item_type, position`,
      )
      .bind(id),
  ])
  const row = (head?.results as ReferentialRow[] | undefined)?.[0]
  if (!row) return null
  return {
    referential: assembleReferential(row, blocs?.results as BlocRow[], items?.results as ItemRow[]),
    contentHash: row.content_hash,
    summary: toSummary(row),
  }
}

function assembleReferential(row: ReferentialRow, blocRows: BlocRow[], itemRows: ItemRow[]): Referential {
  const itemsByBloc = new Map<string, ItemRow[]>()
  for (const item of itemRows) {
    const list = itemsByBloc.get(item.bloc_code) ?? []
    list.push(item)
    itemsByBloc.set(item.bloc_code, list)
  }
  const evaluable = (bloc: BlocRow): EvaluableBloc => {
    const items = itemsByBloc.get(bloc.code) ?? []
    const labelled = (type: ItemType) =>
      items.filter((i) => i.item_type === type).map((i) => ({ code: i.code, label: i.label }))
    return {
      code: bloc.code,
      title: bloc.title,
      activities: labelled('activity'),
      competences: labelled('competence'),
      modalites: labelled('modalite'),
      criteres: items
        .filter((i) => i.item_type === 'critere')
        .map((i) => ({
          code: i.code,
          label: i.label,
          fromCompetence: i.from_competence,
          assessment: JSON.parse(i.assessment_json ?? 'null') as CritereAssessment,
        })),
      rule: JSON.parse(bloc.rule_json ?? 'null') as BlocRule,
    }
  }
  const blocs: Array<MandatoryBloc | OptionGroup> = []
  for (const bloc of blocRows) {
    if (bloc.kind === 'mandatory') {
      blocs.push({ kind: 'mandatory', number: bloc.number ?? 0, ...evaluable(bloc) })
    } else if (bloc.kind === 'optionGroup') {
      const options: OptionBloc[] = blocRows
        .filter((o) => o.kind === 'option' && o.parent_code === bloc.code)
        .map((o) => ({ kind: 'option', letter: o.letter ?? '', ...evaluable(o) }))
      blocs.push({ kind: 'optionGroup', code: bloc.code, number: bloc.number ?? 0, title: bloc.title, options })
    }
  }
  return {
    schemaVersion: 1,
    id: row.id,
    version: row.version,
    title: row.title,
    level: row.level,
    rncpCode: row.rncp_code,
    blocs,
    certificationRule: JSON.parse(row.certification_rule_json) as CertificationRule,
  }
}

/** Flattens the tree into the rows bound as JSON for the two bulk inserts. */
function treeRows(referential: Referential) {
  const blocs: Array<Record<string, unknown>> = []
  const items: Array<Record<string, unknown>> = []
  const addItems = (bloc: EvaluableBloc) => {
    const add = (type: ItemType, list: Array<{ code: string; label: string }>) =>
      list.forEach((item, position) => items.push({ bloc: bloc.code, type, code: item.code, label: item.label, position }))
    add('activity', bloc.activities)
    add('competence', bloc.competences)
    add('modalite', bloc.modalites)
    bloc.criteres.forEach((critere, position) =>
      items.push({
        bloc: bloc.code,
        type: 'critere',
        code: critere.code,
        label: critere.label,
        position,
        fromCompetence: critere.fromCompetence,
        assessment: JSON.stringify(critere.assessment),
      }),
    )
  }
  for (const bloc of referential.blocs) {
    if (bloc.kind === 'mandatory') {
      blocs.push({ code: bloc.code, kind: 'mandatory', number: bloc.number, title: bloc.title, rule: JSON.stringify(bloc.rule) })
      addItems(bloc)
    } else {
      blocs.push({ code: bloc.code, kind: 'optionGroup', number: bloc.number, title: bloc.title })
      for (const option of bloc.options) {
        blocs.push({ code: option.code, kind: 'option', parent: bloc.code, letter: option.letter, title: option.title, rule: JSON.stringify(option.rule) })
        addItems(option)
      }
    }
  }
  return { blocs: blocs.map((b, position) => ({ ...b, position })), items }
}

export type PublishOutcome =
  | { outcome: 'created' }
  | { outcome: 'unchanged' }
  | { outcome: 'conflict'; existingHash: string }

export interface PublishOptions {
  /** Who publishes, for the publication record and the audit trail (the seed script: `seed`). */
  ctx?: AuditContext
  /** Lineage of the version; by default read from its id (`<lineage>-v<version>`). */
  lineage?: string
  /** The latest published version of the lineage, which this one follows; null for a first version. */
  previousId?: string | null
  /** What changed from `previousId`, stored with the publication. */
  changes?: readonly ReferentialChange[]
}

/** The statements that write a version, its tree and its publication record, in batch order. */
function publishStatements(db: D1Database, referential: Referential, contentHash: string, options: PublishOptions): D1PreparedStatement[] {
  const { blocs, items } = treeRows(referential)
  const ctx = options.ctx ?? { actor: 'seed', requestId: 'seed' }
  const lineage = options.lineage ?? lineageOf(referential.id, referential.version) ?? referential.id
  const previousId = options.previousId ?? null
  return [
    // The lineage must still end at the version this one follows: a concurrent publication aborts it.
    guardStatement(
      db,
      'referential_version_taken',
      'coalesce((SELECT max(version) FROM referential_publication WHERE lineage = ?2), 0) != ?3 - 1',
      lineage,
      referential.version,
    ),
    db
      .prepare(
        `INSERT INTO referential (id, version, title, level, rncp_code, certification_rule_json, schema_version, content_hash)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)`,
      )
      .bind(
        referential.id,
        referential.version,
        referential.title,
        referential.level,
        referential.rncpCode,
        JSON.stringify(referential.certificationRule),
        referential.schemaVersion,
        contentHash,
      ),
    db
      .prepare(
        `INSERT INTO referential_bloc (referential_id, code, kind, parent_code, number, letter, title, position, rule_json)
         SELECT ?1, value->>'code', value->>'kind', value->>'parent', value->>'number', value->>'letter',
                value->>'title', value->>'position', value->>'rule'
         FROM json_each(?2)`,
      )
      .bind(referential.id, JSON.stringify(blocs)),
    db
      .prepare(
        `INSERT INTO referential_item (referential_id, bloc_code, item_type, code, label, position, from_competence, assessment_json)
         SELECT ?1, value->>'bloc', value->>'type', value->>'code', value->>'label', value->>'position',
                value->>'fromCompetence', value->>'assessment'
         FROM json_each(?2)`,
      )
      .bind(referential.id, JSON.stringify(items)),
    db
      .prepare(
        `UPDATE referential SET status = 'published', published_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = ?1`,
      )
      .bind(referential.id),
    db
      .prepare(
        `INSERT INTO referential_publication (referential_id, lineage, version, previous_id, published_by, changes_json)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)`,
      )
      .bind(referential.id, lineage, referential.version, previousId, ctx.actor, JSON.stringify(options.changes ?? [])),
    auditStatement(db, ctx, {
      action: 'referential.publish',
      details: { referentialId: referential.id, lineage, version: referential.version, previousId, contentHash, changes: options.changes?.length ?? 0 },
    }),
  ]
}

/**
 * Writes a référentiel version with its tree and publishes it, atomically (one batch). Publishing
 * the same content again is a no-op; different content under a published id is a conflict, since
 * published versions are immutable (the triggers of migration 0001 enforce it as well). A version
 * must follow the latest of its lineage: the batch's guard raises `referential_version_taken`
 * when another publication got there first.
 */
export async function publishReferential(
  db: D1Database,
  referential: Referential,
  contentHash: string,
  options: PublishOptions = {},
): Promise<PublishOutcome> {
  const existingHash = await getReferentialContentHash(db, referential.id)
  if (existingHash !== null) {
    return existingHash === contentHash ? { outcome: 'unchanged' } : { outcome: 'conflict', existingHash }
  }
  await db.batch(publishStatements(db, referential, contentHash, options))
  return { outcome: 'created' }
}

/**
 * Published versions never change, so each isolate keeps the documents it has read. Only
 * published versions are cached; the cache is keyed by id and content hash.
 */
const publishedCache = new Map<string, StoredReferential>()

export async function getPublishedReferential(db: D1Database, id: string): Promise<StoredReferential | null> {
  const cached = publishedCache.get(id)
  if (cached) return cached
  const stored = await getReferential(db, id)
  if (stored?.summary.status === 'published') publishedCache.set(id, stored)
  return stored
}
