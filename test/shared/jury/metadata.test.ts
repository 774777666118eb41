import { describe, expect, it } from 'vitest'
import { canonicalJson } from '../../../shared/contentHash'
import { MetadataRowReader, metadataPayload, metadataRow, type JurySheetMeta } from '../../../shared/jury/metadata'
import { METADATA_MARKER } from '../../../shared/jury/templateVersion'

const layout = {
  reference: 'A1',
  identity: 'B3',
  criteres: [
    { code: 'CR1.1', codeCell: 'A8', mark: 'C8', comment: 'D8' },
    { code: 'CR1.2', codeCell: 'A9', mark: 'C9', comment: 'D9' },
  ],
  members: ['B20', 'B21'],
  date: 'B23',
  visa: 'B24',
}

const meta: JurySheetMeta = {
  sheetId: 'sheet-1',
  sessionId: 'session-1',
  candidateId: 'cand-1',
  schoolId: 'E2026-001',
  blocCode: 'BC01',
  referentialId: 'RNCP-TEST',
  referentialVersion: 3,
  templateVersion: 2,
  generatedName: 'Dupont « BC01 »',
  layout,
}

/** The definition the seal was first written with: every field but the checksum, keys sorted. */
const reference = (m: JurySheetMeta) => `${METADATA_MARKER}|${canonicalJson(m)}`

describe('metadataPayload', () => {
  it('is the marker then the canonical JSON of every field, character for character', () => {
    const variants: JurySheetMeta[] = [
      meta,
      { ...meta, generatedName: '' },
      { ...meta, schoolId: 'é"\\\u2028\u{1F600}' },
      { ...meta, referentialVersion: Number.NaN, templateVersion: Number.NaN },
      { ...meta, sheetId: null as unknown as string, candidateId: null as unknown as string },
      { ...meta, layout: { ...layout, members: [] } },
    ]
    for (const m of variants) expect(metadataPayload(m)).toBe(reference(m))
  })

  it('does not depend on the order the fields were written in', () => {
    const reversed = Object.fromEntries(Object.entries(meta).reverse()) as unknown as JurySheetMeta
    expect(metadataPayload(reversed)).toBe(metadataPayload(meta))
  })
})

describe('MetadataRowReader', () => {
  it('reads a written row back with the payload its seal covers', () => {
    const read = new MetadataRowReader().read(metadataRow(meta, 'abc'))
    expect(read?.fields).toEqual(meta)
    expect(read?.checksum).toBe('abc')
    expect(read?.payload).toBe(metadataPayload(meta))
  })

  it('reads a shared layout once: the rows share one frozen layout object, each with its own payload', () => {
    const reader = new MetadataRowReader()
    const first = reader.read(metadataRow(meta, 'a'))
    const second = reader.read(metadataRow({ ...meta, sheetId: 'sheet-2', candidateId: 'cand-2' }, 'b'))
    expect(first?.fields.layout).toBe(second?.fields.layout)
    expect(Object.isFrozen(first?.fields.layout)).toBe(true)
    expect(Object.isFrozen(first?.fields.layout.criteres[0])).toBe(true)
    expect(second?.payload).toBe(metadataPayload({ ...meta, sheetId: 'sheet-2', candidateId: 'cand-2' }))
    expect(second?.payload).not.toBe(first?.payload)
  })

  it('gives the same payload whatever the key order of the layout text (the seal covers sorted keys)', () => {
    const row = metadataRow(meta, 'a')
    row[9] = JSON.stringify(Object.fromEntries(Object.entries(layout).reverse()))
    expect(new MetadataRowReader().read(row)?.payload).toBe(metadataPayload(meta))
  })

  it('reads numbers typed as text, and anything else as not a number', () => {
    const row: unknown[] = metadataRow(meta, 'a')
    row[6] = '3'
    row[7] = 'deux'
    const read = new MetadataRowReader().read(row)
    expect(read?.fields.referentialVersion).toBe(3)
    expect(read?.fields.templateVersion).toBeNaN()
  })

  it('refuses a row whose layout is not JSON, not of the layout’s shape, or whose checksum is missing', () => {
    const reader = new MetadataRowReader()
    const withLayout = (text: unknown) => {
      const row: unknown[] = metadataRow(meta, 'a')
      row[9] = text
      return reader.read(row)
    }
    expect(withLayout('{pas du JSON')).toBeNull()
    expect(withLayout('[1,2]')).toBeNull()
    expect(withLayout('{"reference":{"a":{"b":"c"}}}')).toBeNull()
    expect(withLayout(null)).toBeNull()
    // Asked twice: the refusal is kept too, and still a refusal.
    expect(withLayout('{pas du JSON')).toBeNull()
    expect(reader.read(metadataRow(meta, 'a').slice(0, 10))).toBeNull()
  })
})
