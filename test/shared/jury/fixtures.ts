/**
 * Jury sheet test fixtures, shared by the Node tests and the Worker tests: a small référentiel
 * with both scales (outcome and score, two maxima), a signer, and helpers that fill or tamper
 * with generated workbooks the way a jury member (or a careless one) would, with excelts.
 */
import { Workbook, type Worksheet } from '../../../shared/xlsx'
import { parseReferential } from '../../../shared/referential'
import type { Referential } from '../../../shared/referential/schema'
import { hmacSigner, type SheetSigner } from '../../../shared/jury/checksum'
import { metadataPayload, metadataRow, readMetadataRow, type JurySheetMeta } from '../../../shared/jury/metadata'
import type { JurySheetCandidate } from '../../../shared/jury/sheetTemplate'
import { METADATA_MARKER } from '../../../shared/jury/templateVersion'

const outcome = { scale: { kind: 'outcome' } } as const
const score = (max = 20) => ({ scale: { kind: 'score', max } }) as const

function mustParse(input: unknown): Referential {
  const result = parseReferential(input)
  if (!result.ok) throw new Error(JSON.stringify(result.issues))
  return result.referential
}

/** BC01 outcome (3 critères), BC02 score (/20, /20, /10), BC03 with options A (outcome) and B (score). */
export const juryReferential: Referential = mustParse({
  schemaVersion: 1,
  id: 'jury-test-v1',
  version: 1,
  title: 'Référentiel de test des fiches jury',
  level: 7,
  rncpCode: 'RNCP00001',
  blocs: [
    {
      kind: 'mandatory',
      number: 1,
      code: 'BC01',
      title: 'Analyser le système d’information',
      activities: [],
      competences: [
        { code: 'C1.1', label: 'Auditer le SI existant' },
        { code: 'C1.2', label: '=SOMME(A1:A3) ressemble à une formule' },
      ],
      modalites: [{ code: 'M1.1', label: 'Étude de cas' }],
      criteres: [
        { code: 'CR1.1', label: 'Qualité de l’analyse', assessment: outcome },
        { code: 'CR1.2', label: 'Pertinence du diagnostic', assessment: outcome },
        { code: 'CR1.3', label: 'Clarté des recommandations', assessment: outcome },
      ],
      rule: { kind: 'outcome' },
    },
    {
      kind: 'mandatory',
      number: 2,
      code: 'BC02',
      title: 'Piloter un projet',
      activities: [],
      competences: [{ code: 'C2.1', label: 'Planifier' }],
      modalites: [],
      criteres: [
        { code: 'CR2.1', label: 'Dossier de projet', assessment: score() },
        { code: 'CR2.2', label: 'Soutenance', assessment: score() },
        { code: 'CR2.3', label: 'Questionnaire', assessment: score(10) },
      ],
      rule: { kind: 'score', threshold: 10, roundingDecimals: 2 },
    },
    {
      kind: 'optionGroup',
      number: 3,
      code: 'BC03',
      title: 'Spécialisation',
      options: [
        {
          kind: 'option',
          letter: 'A',
          code: 'BC03-A',
          title: 'Cybersécurité',
          activities: [],
          competences: [{ code: 'C3A.1', label: 'Sécuriser' }],
          modalites: [{ code: 'M3A.1', label: 'Mise en situation' }],
          criteres: [
            { code: 'CR3A.1', label: 'Menaces identifiées', assessment: outcome },
            { code: 'CR3A.2', label: 'Contre-mesures', assessment: outcome },
          ],
          rule: { kind: 'outcome' },
        },
        {
          kind: 'option',
          letter: 'B',
          code: 'BC03-B',
          title: 'Réseaux',
          activities: [],
          competences: [{ code: 'C3B.1', label: 'Concevoir un réseau' }],
          modalites: [],
          criteres: [{ code: 'CR3B.1', label: 'Architecture', assessment: score() }],
          rule: { kind: 'score' },
        },
      ],
    },
  ],
  certificationRule: { mandatoryBlocCodes: ['BC01', 'BC02'], optionGroupCode: 'BC03' },
})

export const TEST_SHEET_KEY = new Uint8Array(32).map((_, i) => i * 7 + 1)

export function testSigner(): Promise<SheetSigner> {
  return hmacSigner(TEST_SHEET_KEY)
}

export function candidate(id: string, schoolId: string, extra: Partial<JurySheetCandidate> = {}): JurySheetCandidate {
  return {
    id,
    schoolId,
    birthName: `Nom-${schoolId}`,
    usageName: null,
    firstNames: ['Camille'],
    optionCode: 'BC03-A',
    capitalisedBlocs: [],
    ...extra,
  }
}

export type CellValue = string | number | boolean | Date | null

/** What a jury fills on one sheet; marks and comments by critère code. */
export interface SheetFill {
  candidateId: string
  blocCode: string
  marks?: Record<string, CellValue>
  comments?: Record<string, CellValue>
  members?: CellValue[]
  date?: CellValue
  visa?: CellValue
}

export interface LoadedJuryWorkbook {
  workbook: Workbook
  metadataSheet: Worksheet
  /** Metadata rows by sheet id, with their row number in the metadata sheet. */
  entries: Array<{ row: number; meta: JurySheetMeta; checksum: string }>
  /** The tab that carries a sheet id (found by its reference cell). */
  sheetOf(meta: JurySheetMeta): Worksheet
}

export async function loadJuryWorkbook(bytes: Uint8Array): Promise<LoadedJuryWorkbook> {
  const workbook = new Workbook()
  await workbook.xlsx.load(bytes)
  const metadataSheet = workbook.worksheets.find((ws) => ws.getCell('A1').value === METADATA_MARKER)
  if (!metadataSheet) throw new Error('no metadata sheet')
  const entries: LoadedJuryWorkbook['entries'] = []
  for (let row = 2; row <= metadataSheet.rowCount; row++) {
    const cells = Array.from({ length: 11 }, (_, c) => metadataSheet.getCell(row, c + 1).value)
    const read = readMetadataRow(cells)
    if (read) entries.push({ row, ...read })
  }
  const sheetOf = (meta: JurySheetMeta) => {
    const ws = workbook.worksheets.find((w) => w !== metadataSheet && String(w.getCell(meta.layout.reference).value ?? '').includes(`Certibloc : ${meta.sheetId}`))
    if (!ws) throw new Error(`no sheet for ${meta.sheetId}`)
    return ws
  }
  return { workbook, metadataSheet, entries, sheetOf }
}

export async function saveWorkbook(workbook: Workbook): Promise<Uint8Array> {
  return new Uint8Array(await workbook.xlsx.writeBuffer())
}

/** Fills sheets in place, by critère code, as a jury member would type. */
export function applyFills(loaded: LoadedJuryWorkbook, fills: readonly SheetFill[]): void {
  for (const fill of fills) {
    const entry = loaded.entries.find((e) => e.meta.candidateId === fill.candidateId && e.meta.blocCode === fill.blocCode)
    if (!entry) throw new Error(`no sheet for ${fill.candidateId} ${fill.blocCode}`)
    const ws = loaded.sheetOf(entry.meta)
    const { layout } = entry.meta
    for (const [code, value] of Object.entries(fill.marks ?? {})) {
      const critere = layout.criteres.find((c) => c.code === code)
      if (!critere) throw new Error(`no critère ${code}`)
      ws.getCell(critere.mark).value = value
    }
    for (const [code, value] of Object.entries(fill.comments ?? {})) {
      const critere = layout.criteres.find((c) => c.code === code)
      if (!critere) throw new Error(`no critère ${code}`)
      ws.getCell(critere.comment).value = value
    }
    ;(fill.members ?? []).forEach((value, i) => {
      const cell = layout.members[i]
      if (cell) ws.getCell(cell).value = value
    })
    if (fill.date !== undefined) ws.getCell(layout.date).value = fill.date
    if (fill.visa !== undefined) ws.getCell(layout.visa).value = fill.visa
  }
}

/** Generated bytes → filled bytes. */
export async function fillJurySheets(bytes: Uint8Array, fills: readonly SheetFill[]): Promise<Uint8Array> {
  const loaded = await loadJuryWorkbook(bytes)
  applyFills(loaded, fills)
  return saveWorkbook(loaded.workbook)
}

/** Rewrites a metadata row (as an attacker with the key would, when `signer` is given). */
export async function rewriteMetadata(loaded: LoadedJuryWorkbook, index: number, change: (meta: JurySheetMeta) => JurySheetMeta, signer?: SheetSigner): Promise<void> {
  const entry = loaded.entries[index]
  if (!entry) throw new Error(`no metadata row ${index}`)
  const meta = change(entry.meta)
  const checksum = signer ? await signer.sign(metadataPayload(meta)) : entry.checksum
  metadataRow(meta, checksum).forEach((value, c) => {
    loaded.metadataSheet.getCell(entry.row, c + 1).value = value
  })
}

/** A date cell as Excel stores a typed date: UTC midnight. */
export function day(iso: string): Date {
  return new Date(`${iso}T00:00:00Z`)
}
