/**
 * What a workbook remembers of its last pull, saved in its document settings so that closing and
 * reopening Excel loses nothing: the session, the référentiel version and the sheet shape it was
 * built from, the grid's ETag and version, and when. Row versions live in the sheet's hidden column
 * and in the snapshot sheet, next to the values they version.
 */

export const SYNC_SETTING_KEY = 'certibloc.sync'
export const SYNC_FORMAT_VERSION = 1

export interface SyncMetadata {
  formatVersion: typeof SYNC_FORMAT_VERSION
  sessionId: string
  sessionName: string
  referentialId: string
  referentialVersion: number
  /** `GradeSheetLayout.signature` of the sheet as written. */
  layoutSignature: string
  /** ETag of the grid at the last pull. */
  gridEtag: string | null
  /**
   * The grid version the workbook holds: the pulled one, plus one per candidate row each accepted
   * push wrote (the Worker bumps it once per row). Finalising sends it, so that a write by anyone
   * else since the pull is refused rather than finalised unseen.
   */
  gridVersion: number
  /** ISO 8601, UTC. */
  pulledAt: string
  /** Last accepted push, ISO 8601; null before the first. */
  pushedAt: string | null
  /** Candidate rows, columns of the sheet and of the snapshot, to read them back without guessing. */
  rowCount: number
  columnCount: number
  snapshotColumnCount: number
  /** Input columns (0-based): enough to tell unsent edits even when the layout is not known. */
  inputColumns: number[]
}

export function serializeSyncMetadata(metadata: SyncMetadata): string {
  return JSON.stringify(metadata)
}

/** The metadata, or null when the setting is missing, unreadable or from another format. */
export function parseSyncMetadata(raw: unknown): SyncMetadata | null {
  if (typeof raw !== 'string' || raw === '') return null
  let value: unknown
  try {
    value = JSON.parse(raw)
  } catch {
    return null
  }
  if (typeof value !== 'object' || value === null) return null
  const candidate = value as Partial<Record<keyof SyncMetadata, unknown>>
  const isString = (field: unknown) => typeof field === 'string'
  const isCount = (field: unknown) => typeof field === 'number' && Number.isInteger(field) && field >= 0
  const valid =
    candidate.formatVersion === SYNC_FORMAT_VERSION &&
    isString(candidate.sessionId) &&
    isString(candidate.sessionName) &&
    isString(candidate.referentialId) &&
    isCount(candidate.referentialVersion) &&
    isString(candidate.layoutSignature) &&
    (candidate.gridEtag === null || isString(candidate.gridEtag)) &&
    isCount(candidate.gridVersion) &&
    isString(candidate.pulledAt) &&
    (candidate.pushedAt === null || isString(candidate.pushedAt)) &&
    isCount(candidate.rowCount) &&
    isCount(candidate.columnCount) &&
    isCount(candidate.snapshotColumnCount) &&
    Array.isArray(candidate.inputColumns) &&
    candidate.inputColumns.every(isCount)
  return valid ? (value as SyncMetadata) : null
}

/**
 * An Excel date serial (1900 date system): days since 1899-12-30, time as the fraction, in the
 * local time of the machine writing it, which is how Excel shows a date typed by its user.
 */
export function excelSerialDate(date: Date): number {
  return (date.getTime() - date.getTimezoneOffset() * 60_000) / 86_400_000 + 25_569
}
