/**
 * The one door to excelts: every .xlsx read or written by Certibloc goes through here, so that a
 * library upgrade is checked in one place (the bad-file corpus, test/shared/jury/corpus.test.ts)
 * and no caller can forget the guards (test/shared/xlsx.test.ts enforces that no other module
 * imports excelts).
 *
 * Reading never trusts the zip directory's sizes. The archive's central directory is walked here,
 * each part excelts needs is inflated with the platform's streaming inflater
 * (DecompressionStream('deflate-raw'), in Workers, browsers and Node 22) while the bytes it
 * actually produces are counted, per part and per file, and inflating stops at the budget: a
 * « lying » zip bomb (a part declaring 4 KB that inflates to 1 GiB) costs at most the budget. The
 * verified parts are then handed to excelts as a stored (uncompressed) zip, which it reads without
 * inflating anything. Every read also has a deadline: excelts 10.2's reader never settles on some
 * inputs (a hyperlink with hyperlinks 'ignore' or 'emit'), and a stuck read must answer, not hang.
 *
 * The `/browser` entry of excelts is used everywhere (Worker, add-in, Node): it has no `node:`
 * imports, and one code path means the tests exercise what the Worker runs.
 */
import { Workbook, WorkbookReader, WorkbookWriter, type Worksheet, type WorksheetWriter } from '@cj-tech-master/excelts/browser'

/**
 * Writing (streaming writer); for tests and fixtures only, excelts' in-memory workbook; for the
 * bench's baseline only, its bare streaming reader (no budget, no deadline: never for user files).
 */
export { Workbook, WorkbookReader as UnguardedWorkbookReader, WorkbookWriter, type Worksheet, type WorksheetWriter }

/** The file cannot be read as a workbook; `message` is French and ready to show. */
export class XlsxReadError extends Error {
  constructor(
    message: string,
    /** What went wrong, for callers that map it to their own codes. */
    readonly reason: 'zip_corrupt' | 'part_corrupt' | 'budget' | 'deadline' | 'unsupported' | 'content' = 'content',
    /** The zip part concerned (xl/worksheets/sheet1.xml…), when there is one. */
    readonly part?: string,
  ) {
    super(message)
  }
}

/** Limits of one read. */
export interface XlsxReadBudget {
  /** Bytes one part may inflate to. */
  maxPartBytes: number
  /** Bytes all parts of the file together may inflate to. */
  maxTotalBytes: number
  /** Milliseconds the whole read may take. */
  deadlineMs: number
}

/** Zip local file header signature, PK\x03\x04: the first bytes of every .xlsx file. */
export function isZip(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04
}

/** OLE compound file: an Excel 97-2003 .xls, or an .xlsx encrypted with a password. */
export function isOleCompoundFile(bytes: Uint8Array): boolean {
  const signature = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]
  return bytes.length >= 8 && signature.every((b, i) => bytes[i] === b)
}

export interface ZipEntry {
  name: string
  method: number
  flags: number
  crc: number
  compressedSize: number
  /** As declared: never trusted for memory, only a first refusal. */
  declaredSize: number
  /** Offset of the entry's local header. */
  localOffset: number
}

export interface ZipDirectory {
  /** Entry names, as the central directory lists them. */
  names: string[]
  entries: ZipEntry[]
  /** Sum of the uncompressed sizes the entries declare (Infinity for a Zip64 size). */
  uncompressedSize: number
}

/**
 * Reads the zip's central directory without inflating anything: what the archive holds and what
 * it claims, checked before reading (an honest bomb, .ods or .xlsb files). Null when the
 * directory cannot be read.
 */
export function readZipDirectory(bytes: Uint8Array): ZipDirectory | null {
  if (bytes.length < 22) return null
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  // End of central directory: 22 bytes plus a comment of at most 65,535 bytes, at the end.
  const lowest = Math.max(0, bytes.length - 22 - 0xffff)
  let eocd = -1
  for (let i = bytes.length - 22; i >= lowest; i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      eocd = i
      break
    }
  }
  if (eocd < 0) return null
  const count = view.getUint16(eocd + 10, true)
  let offset = view.getUint32(eocd + 16, true)
  const names: string[] = []
  const entries: ZipEntry[] = []
  let uncompressedSize = 0
  const decoder = new TextDecoder()
  for (let n = 0; n < count; n++) {
    if (offset + 46 > bytes.length || view.getUint32(offset, true) !== 0x02014b50) return null
    const size = view.getUint32(offset + 24, true)
    const nameLength = view.getUint16(offset + 28, true)
    if (offset + 46 + nameLength > bytes.length) return null
    // 0xFFFFFFFF means a Zip64 size: far beyond anything Certibloc reads.
    uncompressedSize += size === 0xffffffff ? Number.POSITIVE_INFINITY : size
    const name = decoder.decode(bytes.subarray(offset + 46, offset + 46 + nameLength))
    names.push(name)
    entries.push({
      name,
      flags: view.getUint16(offset + 8, true),
      method: view.getUint16(offset + 10, true),
      crc: view.getUint32(offset + 16, true),
      compressedSize: view.getUint32(offset + 20, true),
      declaredSize: size,
      localOffset: view.getUint32(offset + 42, true),
    })
    offset += 46 + nameLength + view.getUint16(offset + 30, true) + view.getUint16(offset + 32, true)
  }
  return { names, entries, uncompressedSize }
}

/** Parts excelts reads; anything else (images, printer settings, docProps…) is never inflated. */
const NEEDED_PART = /^(\[Content_Types\]\.xml|_rels\/\.rels|xl\/[^/]+\.xml|xl\/_rels\/[^/]+\.rels|xl\/worksheets\/[^/]+\.xml|xl\/worksheets\/_rels\/[^/]+\.rels)$/

function mebibytes(n: number): string {
  return (n / (1024 * 1024)).toFixed(1).replace('.', ',')
}

/** Deflated input is fed in small slices so that one write cannot inflate more than a few MB. */
const INFLATE_SLICE = 4096

class Deadline {
  private readonly end: number
  constructor(readonly ms: number) {
    this.end = Date.now() + ms
  }
  remaining(): number {
    return this.end - Date.now()
  }
  error(): XlsxReadError {
    return new XlsxReadError(
      `classeur illisible : la lecture dépasse ${Math.round(this.ms / 1000)} s (contenu anormal ou piégé) ; ouvrez-le dans Excel, enregistrez-le à nouveau au format .xlsx et renvoyez-le`,
      'deadline',
    )
  }
  check(): void {
    if (this.remaining() <= 0) throw this.error()
  }
  /** The promise, or the deadline's error if it comes first (excelts may never settle). */
  async race<T>(promise: Promise<T>): Promise<T> {
    let timer: ReturnType<typeof setTimeout> | undefined
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(this.error()), Math.max(0, this.remaining()))
    })
    try {
      return await Promise.race([promise, timeout])
    } finally {
      if (timer !== undefined) clearTimeout(timer)
    }
  }
}

interface Counter {
  total: number
}

function budgetError(part: string, limit: number, scope: 'part' | 'file'): XlsxReadError {
  const what = scope === 'part' ? `la partie « ${part} » dépasse ${mebibytes(limit)} Mo une fois décompressée` : `le contenu décompressé dépasse ${mebibytes(limit)} Mo (à la partie « ${part} »)`
  return new XlsxReadError(
    `classeur illisible : ${what}, bien au-delà de ce qu’annonce l’archive ou qu’un tel fichier contient : fichier refusé par précaution (archive piégée ?)`,
    'budget',
    part,
  )
}

function corruptPart(part: string): XlsxReadError {
  return new XlsxReadError(
    `classeur illisible : la partie « ${part} » de l’archive est endommagée ; ouvrez le fichier dans Excel, enregistrez-le à nouveau au format .xlsx et renvoyez-le`,
    'part_corrupt',
    part,
  )
}

/** Inflates one part, counting the bytes produced; stops at the budget. */
async function inflatePart(data: Uint8Array, part: string, budget: XlsxReadBudget, counter: Counter, deadline: Deadline): Promise<Uint8Array> {
  const inflater = new DecompressionStream('deflate-raw')
  const writer = inflater.writable.getWriter()
  const reader = inflater.readable.getReader()
  let failed = false
  // Writes wait for the reads (backpressure): memory holds at most a slice's output in flight.
  const feeding = (async () => {
    for (let at = 0; at < data.length && !failed; at += INFLATE_SLICE) {
      await writer.write(data.slice(at, at + INFLATE_SLICE))
    }
    if (!failed) await writer.close()
  })()
  feeding.catch(() => undefined)
  const chunks: Uint8Array[] = []
  let size = 0
  try {
    for (;;) {
      const next = await deadline.race(reader.read())
      if (next.done) break
      size += next.value.length
      counter.total += next.value.length
      if (size > budget.maxPartBytes) throw budgetError(part, budget.maxPartBytes, 'part')
      if (counter.total > budget.maxTotalBytes) throw budgetError(part, budget.maxTotalBytes, 'file')
      chunks.push(next.value)
    }
    await feeding
  } catch (error) {
    failed = true
    void reader.cancel().catch(() => undefined)
    void writer.abort().catch(() => undefined)
    if (error instanceof XlsxReadError) throw error
    throw corruptPart(part)
  }
  if (chunks.length === 1 && chunks[0]) return chunks[0]
  const out = new Uint8Array(size)
  let offset = 0
  for (const chunk of chunks) {
    out.set(chunk, offset)
    offset += chunk.length
  }
  return out
}

interface VerifiedPart {
  name: string
  crc: number
  data: Uint8Array
}

/** The parts excelts needs, inflated within the budget. */
async function verifiedParts(bytes: Uint8Array, directory: ZipDirectory, budget: XlsxReadBudget, deadline: Deadline): Promise<VerifiedPart[]> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const counter: Counter = { total: 0 }
  const parts: VerifiedPart[] = []
  for (const entry of directory.entries) {
    if (!NEEDED_PART.test(entry.name)) continue
    deadline.check()
    const at = entry.localOffset
    if (at + 30 > bytes.length || view.getUint32(at, true) !== 0x04034b50) throw corruptPart(entry.name)
    if ((entry.flags & 0x01) !== 0) {
      throw new XlsxReadError('classeur protégé par mot de passe : retirez le mot de passe et enregistrez-le au format « Classeur Excel (.xlsx) »', 'unsupported', entry.name)
    }
    const start = at + 30 + view.getUint16(at + 26, true) + view.getUint16(at + 28, true)
    const end = start + entry.compressedSize
    if (entry.compressedSize === 0xffffffff || end > bytes.length) throw corruptPart(entry.name)
    const raw = bytes.subarray(start, end)
    let data: Uint8Array
    if (entry.method === 0) {
      counter.total += raw.length
      if (raw.length > budget.maxPartBytes) throw budgetError(entry.name, budget.maxPartBytes, 'part')
      if (counter.total > budget.maxTotalBytes) throw budgetError(entry.name, budget.maxTotalBytes, 'file')
      data = raw
    } else if (entry.method === 8) {
      data = await inflatePart(raw, entry.name, budget, counter, deadline)
    } else {
      throw new XlsxReadError(
        `classeur illisible : la partie « ${entry.name} » utilise une compression non prise en charge (méthode ${entry.method}) ; enregistrez le fichier à nouveau depuis Excel`,
        'unsupported',
        entry.name,
      )
    }
    parts.push({ name: entry.name, crc: entry.crc, data })
  }
  return parts
}

/** A stored (method 0) zip of the verified parts: excelts reads it without inflating anything. */
function storedZip(parts: readonly VerifiedPart[]): Uint8Array {
  const encoder = new TextEncoder()
  const names = parts.map((p) => encoder.encode(p.name))
  const localSize = parts.reduce((n, p, i) => n + 30 + (names[i]?.length ?? 0) + p.data.length, 0)
  const centralSize = names.reduce((n, name) => n + 46 + name.length, 0)
  const out = new Uint8Array(localSize + centralSize + 22)
  const view = new DataView(out.buffer)
  let offset = 0
  const offsets: number[] = []
  parts.forEach((part, i) => {
    const name = names[i] ?? new Uint8Array()
    offsets.push(offset)
    view.setUint32(offset, 0x04034b50, true)
    view.setUint16(offset + 4, 20, true)
    view.setUint16(offset + 6, 0x0800, true) // UTF-8 names
    view.setUint32(offset + 14, part.crc, true)
    view.setUint32(offset + 18, part.data.length, true)
    view.setUint32(offset + 22, part.data.length, true)
    view.setUint16(offset + 26, name.length, true)
    out.set(name, offset + 30)
    out.set(part.data, offset + 30 + name.length)
    offset += 30 + name.length + part.data.length
  })
  const central = offset
  parts.forEach((part, i) => {
    const name = names[i] ?? new Uint8Array()
    view.setUint32(offset, 0x02014b50, true)
    view.setUint16(offset + 4, 20, true)
    view.setUint16(offset + 6, 20, true)
    view.setUint16(offset + 8, 0x0800, true)
    view.setUint32(offset + 16, part.crc, true)
    view.setUint32(offset + 20, part.data.length, true)
    view.setUint32(offset + 24, part.data.length, true)
    view.setUint16(offset + 28, name.length, true)
    view.setUint32(offset + 42, offsets[i] ?? 0, true)
    out.set(name, offset + 46)
    offset += 46 + name.length
  })
  view.setUint32(offset, 0x06054b50, true)
  view.setUint16(offset + 8, parts.length, true)
  view.setUint16(offset + 10, parts.length, true)
  view.setUint32(offset + 12, offset - central, true)
  view.setUint32(offset + 16, central, true)
  return out
}

/** One worksheet as read: its tab name and its rows (1-based row number, excelts' values from index 1). */
export interface XlsxWorksheet {
  /** Undefined when the workbook part does not name it. */
  name: string | undefined
  rows: AsyncIterable<{ number: number; values: unknown[] }>
}

export interface ReadWorkbookOptions {
  budget: XlsxReadBudget
  /** Parse styles.xml (needed for date cells); off when the caller reads serial numbers. */
  styles?: boolean
}

export interface XlsxWorkbook {
  /** The zip directory, read before anything is inflated. */
  directory: ZipDirectory
  /** The sheets in tab order as the workbook part lists them (name and visibility), once known. */
  sheets(): ReadonlyArray<{ name: string; state?: string }> | undefined
  /** The worksheets in zip order; stop iterating at any time. Throws XlsxReadError. */
  worksheets(): AsyncGenerator<XlsxWorksheet>
}

/** Wraps an async iterator so that each step has the read's deadline and errors become XlsxReadError. */
async function* guarded<T>(iterable: AsyncIterable<T>, deadline: Deadline): AsyncGenerator<T> {
  const iterator = iterable[Symbol.asyncIterator]()
  try {
    for (;;) {
      deadline.check()
      let step: IteratorResult<T>
      try {
        step = await deadline.race(iterator.next())
      } catch (error) {
        if (error instanceof XlsxReadError) throw error
        throw new XlsxReadError('classeur illisible : contenu XML endommagé ; ouvrez-le dans Excel, enregistrez-le à nouveau au format .xlsx et renvoyez-le')
      }
      if (step.done) return
      yield step.value
    }
  } finally {
    // Not awaited: a stuck excelts iterator would never answer return() either.
    void iterator.return?.()?.catch(() => undefined)
  }
}

/**
 * Opens a workbook within a budget: the directory is read, the needed parts inflated and counted
 * (throws XlsxReadError past the budget or for a damaged archive), then worksheets are streamed.
 */
export async function openWorkbook(bytes: Uint8Array, options: ReadWorkbookOptions): Promise<XlsxWorkbook> {
  const deadline = new Deadline(options.budget.deadlineMs)
  const directory = readZipDirectory(bytes)
  if (directory === null) {
    throw new XlsxReadError('classeur illisible : archive zip endommagée ou incomplète (fichier tronqué ?) ; renvoyez le fichier d’origine', 'zip_corrupt')
  }
  const stored = storedZip(await verifiedParts(bytes, directory, options.budget, deadline))
  // hyperlinks: 'cache' on purpose: with 'ignore' or 'emit', excelts 10.2.0 never settles on a
  // workbook that holds a hyperlink (the deadline is the second guard).
  const reader = new WorkbookReader(stored, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: options.styles === false ? 'ignore' : 'cache',
    hyperlinks: 'cache',
    entries: 'ignore',
  })
  return {
    directory,
    sheets: () => reader.model?.sheets,
    async *worksheets() {
      for await (const worksheet of guarded(reader, deadline)) {
        const rows = guarded(
          (async function* () {
            for await (const row of worksheet) yield { number: row.number, values: row.values }
          })(),
          deadline,
        )
        yield { name: worksheet.name, rows }
      }
    },
  }
}

/** Writes a workbook with excelts' streaming writer and returns its bytes. */
export async function writeWorkbook(
  properties: { creator: string; created: Date },
  build: (workbook: WorkbookWriter) => Promise<void> | void,
): Promise<Uint8Array<ArrayBuffer>> {
  const chunks: Uint8Array[] = []
  const stream = new WritableStream<Uint8Array>({
    write(chunk) {
      chunks.push(chunk)
    },
  })
  const workbook = new WorkbookWriter({ stream, useSharedStrings: true, useStyles: true, ...properties })
  await build(workbook)
  await workbook.commit()
  const bytes = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0))
  let offset = 0
  for (const chunk of chunks) {
    bytes.set(chunk, offset)
    offset += chunk.length
  }
  return bytes
}
