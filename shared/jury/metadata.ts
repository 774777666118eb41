/**
 * The machine-readable side of a jury sheet: one row per jury sheet in the veryHidden metadata
 * sheet. A jury sheet is recognised by the sheet id written in its reference cell, never by its
 * name or position, so renaming or reordering tabs changes nothing. The row says which session,
 * candidate, bloc and référentiel version the sheet is for, and where its cells are; a checksum
 * (see checksum.ts) seals it.
 */
import * as z from '../zod'
import { canonicalJson } from '../contentHash'
import { METADATA_MARKER } from './templateVersion'

/** Where the cells of one jury sheet are (A1 addresses on that sheet). */
export interface JuryLayout {
  /** Cell holding "Référence Certibloc : <sheetId>". */
  reference: string
  /** Cell showing the candidate's school id: checked against the metadata at import. */
  identity: string
  criteres: Array<{
    code: string
    /** Cell showing the critère code: a moved row is detected when it no longer holds the code. */
    codeCell: string
    mark: string
    comment: string
  }>
  /** Cells for the jury members' names (at least one must be filled). */
  members: string[]
  date: string
  /** Optional visa (initials) of the jury's president. */
  visa: string
}

export interface JurySheetMeta {
  sheetId: string
  sessionId: string
  candidateId: string
  schoolId: string
  blocCode: string
  referentialId: string
  referentialVersion: number
  templateVersion: number
  /** Tab name given at generation; informative only (messages), never used to match. */
  generatedName: string
  layout: JuryLayout
}

/** Column order of the metadata sheet; the checksum comes last. */
export const METADATA_COLUMNS = [
  'sheetId',
  'sessionId',
  'candidateId',
  'schoolId',
  'blocCode',
  'referentialId',
  'referentialVersion',
  'templateVersion',
  'generatedName',
  'layout',
  'checksum',
] as const

const address = z.string().regex(/^[A-Z]{1,3}[1-9]\d{0,6}$/)

const layoutSchema = z
  .object({
    reference: address,
    identity: address,
    criteres: z
      .array(z.object({ code: z.string().min(1).max(32), codeCell: address, mark: address, comment: address }).strict())
      .min(1)
      .max(200),
    members: z.array(address).min(1).max(10),
    date: address,
    visa: address,
  })
  .strict()

const idText = z.string().regex(/^[A-Za-z0-9_.-]{1,80}$/)

export const jurySheetMetaSchema = z
  .object({
    sheetId: idText,
    sessionId: idText,
    candidateId: idText,
    schoolId: z.string().min(1).max(64),
    blocCode: z.string().regex(/^BC\d{2}(?:-[A-Z])?$/),
    referentialId: z.string().min(1).max(100),
    referentialVersion: z.number().int().positive(),
    templateVersion: z.number().int().positive(),
    generatedName: z.string().max(31),
    layout: layoutSchema,
  })
  .strict()

/** The exact text the checksum covers: every field but the checksum, keys sorted. */
export function metadataPayload(meta: JurySheetMeta): string {
  return payloadWithLayout(meta, canonicalJson(meta.layout))
}

/**
 * `${METADATA_MARKER}|${canonicalJson(meta)}`, built around the layout's canonical JSON given
 * (the only nested field): the same text, character for character.
 */
function payloadWithLayout(meta: JurySheetMeta, layoutJson: string): string {
  const fields = meta as unknown as Record<string, unknown>
  const members: string[] = []
  for (const key of Object.keys(fields).sort()) {
    const value = fields[key]
    if (value !== undefined) members.push(`${JSON.stringify(key)}:${key === 'layout' ? layoutJson : canonicalJson(value)}`)
  }
  return `${METADATA_MARKER}|{${members.join(',')}}`
}

/** The metadata row as written in the sheet (layout as JSON text, numbers as numbers). */
export function metadataRow(meta: JurySheetMeta, checksum: string): Array<string | number> {
  return [
    meta.sheetId,
    meta.sessionId,
    meta.candidateId,
    meta.schoolId,
    meta.blocCode,
    meta.referentialId,
    meta.referentialVersion,
    meta.templateVersion,
    meta.generatedName,
    JSON.stringify(meta.layout),
    checksum,
  ]
}

const flatObject = (value: unknown) =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && Object.values(value).every((v) => typeof v === 'string')

/**
 * A layout's shape, two levels deep at most (strings, lists of strings or of flat objects): what
 * the schema accepts is of this shape, and hashing it for its seal can never recurse deeply (a
 * metadata cell holds up to 32,767 characters of any JSON).
 */
function layoutShaped(layout: unknown): boolean {
  if (typeof layout !== 'object' || layout === null || Array.isArray(layout)) return false
  return Object.values(layout).every(
    (value) => typeof value === 'string' || (Array.isArray(value) && value.every((item) => typeof item === 'string' || flatObject(item))),
  )
}

/** A metadata row as the cells hold it, not yet checked: its fields, its checksum and the text that checksum covers. */
export interface UnsealedMetadataRow {
  fields: JurySheetMeta
  checksum: string
  payload: string
}

/** Distinct layout texts one reader keeps (a session has one layout per bloc): beyond, each is read anew. */
const MAX_KEPT_LAYOUTS = 256

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const child of Object.values(value)) deepFreeze(child)
    Object.freeze(value)
  }
  return value
}

/**
 * Reads metadata rows (layout parsed from its JSON text), not yet checked; null for a row whose
 * layout is not JSON of the layout's shape or whose checksum is missing. Each distinct layout text
 * is parsed and put in canonical form once per reader: a session's sheets share one layout per
 * bloc, so the 1,500 rows of 300 candidate files hold about five, and reading each anew was a
 * tenth of an import's time. The rows that share a layout share its (frozen) object.
 */
export class MetadataRowReader {
  private readonly layouts = new Map<string, { layout: JuryLayout; json: string } | null>()

  private layout(text: string): { layout: JuryLayout; json: string } | null {
    const kept = this.layouts.get(text)
    if (kept !== undefined) return kept
    let parsed: unknown
    try {
      parsed = JSON.parse(text)
    } catch {
      parsed = undefined
    }
    // Cast: the caller either verifies the seal (the generator wrote this layout) or checks it.
    const read = layoutShaped(parsed) ? { layout: deepFreeze(parsed as JuryLayout), json: canonicalJson(parsed) } : null
    if (this.layouts.size < MAX_KEPT_LAYOUTS) this.layouts.set(text, read)
    return read
  }

  read(cells: readonly unknown[]): UnsealedMetadataRow | null {
    const text = (i: number) => {
      const v = cells[i]
      return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : null
    }
    const int = (i: number) => {
      const v = cells[i]
      if (typeof v === 'number') return v
      return typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : Number.NaN
    }
    const layout = this.layout(text(9) ?? '')
    const checksum = text(10)
    if (checksum === null || layout === null) return null
    // Cast: as for the layout.
    const fields = {
      sheetId: text(0),
      sessionId: text(1),
      candidateId: text(2),
      schoolId: text(3),
      blocCode: text(4),
      referentialId: text(5),
      referentialVersion: int(6),
      templateVersion: int(7),
      generatedName: text(8) ?? '',
      layout: layout.layout,
    } as JurySheetMeta
    return { fields, checksum, payload: payloadWithLayout(fields, layout.json) }
  }
}

/** The fields checked against the schema: the metadata, or null when a cell was edited into something else. */
export function checkedMetadata(fields: JurySheetMeta): JurySheetMeta | null {
  const parsed = jurySheetMetaSchema.safeParse(fields)
  return parsed.success ? parsed.data : null
}

/**
 * Reads a metadata row back; null when it does not have the expected shape (a cell edited into
 * something else, a column removed…).
 */
export function readMetadataRow(cells: readonly unknown[]): { meta: JurySheetMeta; checksum: string } | null {
  const row = new MetadataRowReader().read(cells)
  const meta = row === null ? null : checkedMetadata(row.fields)
  return row === null || meta === null ? null : { meta, checksum: row.checksum }
}
