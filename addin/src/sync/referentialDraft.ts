/**
 * Authoring a référentiel in the workbook: « Modifier le référentiel » writes the next version of a
 * published one as a draft sheet, « Nouveau titre » starts one from France Compétences' open data,
 * « Vérifier le brouillon » reads it back and judges it as the Worker will, « Publier » shows what
 * changes and publishes it. The Worker decides in the end: its refusals come back located.
 */
import { diffReferentials, type ReferentialChange } from '../../../shared/referential/diff'
import { importFicheSkeleton, type OpenDataFile } from '../../../shared/referential/openData'
import { lineageOf } from '../../../shared/referential/publication'
import type { Referential } from '../../../shared/referential/schema'
import {
  cellForPath,
  checkDraft,
  draftFromReferential,
  draftFromSkeleton,
  type DraftCheck,
  type DraftIssue,
  type DraftReading,
} from '../../../shared/workbook/referentialDraftSheet'
import type { ApiClient } from '../api/client'
import { getReferential, listReferentials, publishReferential, type PublishedReferential, type ReferentialSummary } from '../api/referentials'
import { readDraftSheetValues, writeDraftSheet, type WrittenDraft } from '../excel/referentialDraftSheet'
import { fr } from '../i18n/fr'
import { SyncError } from './syncError'

/** The lineage of a listed version: from the Worker, else from its id. */
function lineageOfSummary(summary: ReferentialSummary): string {
  return summary.lineage ?? lineageOf(summary.id, summary.version) ?? summary.id
}

/** The latest published version of each lineage, newest lineage first as the Worker lists them. */
export function latestVersions(summaries: readonly ReferentialSummary[]): ReferentialSummary[] {
  const latest = new Map<string, ReferentialSummary>()
  for (const summary of summaries) {
    if (summary.status !== 'published') continue
    const lineage = lineageOfSummary(summary)
    const known = latest.get(lineage)
    if (!known || known.version < summary.version) latest.set(lineage, summary)
  }
  return [...latest.values()]
}

/** Writes the draft of the next version of `referentialId`'s lineage, from that version's content. */
export async function draftNextVersion(client: ApiClient, referentialId: string): Promise<WrittenDraft & { version: number; basedOn: string }> {
  const summaries = await listReferentials(client)
  const summary = summaries.find((candidate) => candidate.id === referentialId)
  if (!summary) throw new SyncError('REFERENTIAL_UNKNOWN', fr.referentials.unknown(referentialId))
  const lineage = lineageOfSummary(summary)
  const referential = await getReferential(client, referentialId)
  const source = draftFromReferential(referential, lineage)
  // The next version follows the latest of the lineage, even when the draft starts from an older one.
  source.version = Math.max(...summaries.filter((s) => lineageOfSummary(s) === lineage).map((s) => s.version)) + 1
  const written = await writeDraftSheet(source)
  return { ...written, version: source.version, basedOn: referential.id }
}

/** A refusal of the open-data import: every problem, each naming its file, row and column. */
export class OpenDataError extends Error {
  constructor(readonly issues: readonly string[]) {
    super(fr.referentials.openDataRefused(issues.length))
    this.name = 'OpenDataError'
  }
}

/** Writes the draft of a new référentiel from the export's files and the chosen fiche. */
export async function draftFromOpenData(files: readonly OpenDataFile[], ficheNumber: string): Promise<WrittenDraft & { warnings: string[]; title: string }> {
  const imported = importFicheSkeleton(files, ficheNumber)
  if (!imported.ok) throw new OpenDataError(imported.issues)
  const written = await writeDraftSheet(draftFromSkeleton(imported.skeleton))
  return { ...written, warnings: imported.warnings, title: imported.skeleton.title }
}

/** « Vérifier le brouillon »: the sheet read and judged. */
export async function checkWorkbookDraft(): Promise<DraftCheck> {
  const values = await readDraftSheetValues()
  if (values === null) throw new SyncError('NO_DRAFT', fr.referentials.noDraft)
  return checkDraft(values)
}

export interface PublicationPreview {
  referential: Referential
  /** The latest published version of the draft's lineage, which the publication will follow. */
  previous: ReferentialSummary | null
  changes: ReferentialChange[]
}

/** What « Publier » is about to change: the diff from the lineage's latest published version. */
export async function previewPublication(client: ApiClient, referential: Referential, lineage: string): Promise<PublicationPreview> {
  const latest = latestVersions(await listReferentials(client)).find((summary) => lineageOfSummary(summary) === lineage) ?? null
  if (latest === null) return { referential, previous: null, changes: [] }
  const previous = await getReferential(client, latest.id)
  return { referential, previous: latest, changes: diffReferentials(previous, referential) }
}

export function publishDraft(client: ApiClient, referential: Referential): Promise<PublishedReferential> {
  return publishReferential(client, referential)
}

/**
 * The Worker's refusal of a publication (`details.issues`, JSON paths in the body) placed at the
 * cells of the draft it was read from; empty when the details hold no issue.
 */
export function locateRefusal(details: unknown, reading: DraftReading): DraftIssue[] {
  const issues = typeof details === 'object' && details !== null ? (details as { issues?: unknown }).issues : undefined
  if (!Array.isArray(issues)) return []
  return issues.flatMap((found: unknown) => {
    if (typeof found !== 'object' || found === null) return []
    const { path, message } = found as { path?: unknown; message?: unknown }
    if (typeof path !== 'string' || typeof message !== 'string') return []
    return [{ address: cellForPath(reading.cellOf, path.replace(/^body\.?/, '')) ?? 'A1', message }]
  })
}
