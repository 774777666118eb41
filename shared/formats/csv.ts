/**
 * CSV reading for the import formats: decoding the bytes (UTF-8 only, with clear refusals of the
 * encodings Excel produces by default) and an RFC 4180 record reader. Pure: runs in the Worker,
 * the browser and Node alike.
 */

export type DecodedText = { ok: true; text: string } | { ok: false; message: string }

const SAVE_AS_UTF8 =
  'dans Excel, utilisez « Fichier > Enregistrer sous… » et choisissez le type « CSV UTF-8 (délimité par des virgules) »'

/**
 * Decodes a CSV file that must be UTF-8 (with or without BOM). UTF-16 ("Texte Unicode") and
 * legacy 8-bit files (Windows-1252, what "CSV (séparateur : point-virgule)" gives) are refused
 * rather than guessed: a wrong guess silently corrupts accented names.
 */
export function decodeCsvBytes(bytes: Uint8Array): DecodedText {
  if (bytes.length === 0) return { ok: false, message: 'le fichier est vide.' }
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff) || looksLikeUtf16(bytes)) {
    return { ok: false, message: `le fichier est encodé en UTF-16 (« Texte Unicode »), pas en UTF-8 : ${SAVE_AS_UTF8}.` }
  }
  const hasBom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf
  const body = hasBom ? bytes.subarray(3) : bytes
  try {
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(body) }
  } catch {
    const line = firstInvalidUtf8Line(body)
    return {
      ok: false,
      message:
        `le fichier n’est pas encodé en UTF-8 (probablement Windows-1252, première anomalie ligne ${line}) : ` +
        `${SAVE_AS_UTF8}.`,
    }
  }
}

/** UTF-16 without BOM: text where every other byte of the first ones is NUL. */
function looksLikeUtf16(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, 64)
  if (n < 4) return false
  let zeros = 0
  for (let i = 0; i < n; i++) if (bytes[i] === 0) zeros++
  return zeros >= n / 4
}

/** 1-based line of the first byte sequence that is not UTF-8, for the error message. */
function firstInvalidUtf8Line(bytes: Uint8Array): number {
  const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false })
  let start = 0
  let line = 1
  while (start <= bytes.length) {
    let end = bytes.indexOf(0x0a, start)
    if (end === -1) end = bytes.length
    try {
      decoder.decode(bytes.subarray(start, end))
    } catch {
      return line
    }
    start = end + 1
    line++
  }
  return line
}

export type CsvSeparator = ';' | ',' | '\t'

/**
 * Picks the separator from the header line: the candidate that occurs most often outside quotes.
 * A tie (or none) falls back to `;`, what French Excel writes.
 */
export function detectSeparator(text: string): CsvSeparator {
  const counts = { ';': 0, ',': 0, '\t': 0 }
  let inQuotes = false
  let lineHasContent = false
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]
    if (ch === '"') inQuotes = !inQuotes
    if (inQuotes) continue
    if (ch === '\n' || ch === '\r') {
      // Blank lines before the header are skipped: the header is the first non-blank line.
      if (lineHasContent) break
    } else if (ch === ';' || ch === ',' || ch === '\t') {
      counts[ch]++
      lineHasContent = true
    } else if (ch !== ' ') lineHasContent = true
  }
  if (counts[','] > counts[';'] && counts[','] >= counts['\t']) return ','
  if (counts['\t'] > counts[';'] && counts['\t'] > counts[',']) return '\t'
  return ';'
}

export interface CsvRecord {
  /** 1-based record number, which is the row Excel shows when it opens the file. */
  row: number
  cells: string[]
}

/** Thrown by `csvRecords` on a quote that is never closed. */
export class CsvSyntaxError extends Error {
  constructor(
    readonly row: number,
    message: string,
  ) {
    super(message)
  }
}

/**
 * RFC 4180 records: quoted fields may hold separators, doubled quotes and line breaks; CRLF, LF
 * and lone CR all end a record. Lenient where Excel is: a quote inside an unquoted field is
 * literal. Lazy, so a caller can stop early without splitting the whole file.
 */
export function* csvRecords(text: string, separator: CsvSeparator): Generator<CsvRecord> {
  const n = text.length
  let i = 0
  let row = 0
  while (i < n) {
    row++
    const cells: string[] = []
    let cell = ''
    let inQuotes = false
    let endOfRecord = false
    while (i < n && !endOfRecord) {
      const ch = text[i]!
      if (inQuotes) {
        if (ch === '"') {
          if (text[i + 1] === '"') {
            cell += '"'
            i += 2
          } else {
            inQuotes = false
            i++
          }
        } else {
          // Record numbers follow Excel rows: a line break inside quotes stays in the same row.
          cell += ch
          i++
        }
      } else if (ch === '"' && cell === '') {
        inQuotes = true
        i++
      } else if (ch === separator) {
        cells.push(cell)
        cell = ''
        i++
      } else if (ch === '\r' || ch === '\n') {
        i += ch === '\r' && text[i + 1] === '\n' ? 2 : 1
        endOfRecord = true
      } else {
        cell += ch
        i++
      }
    }
    if (inQuotes) {
      throw new CsvSyntaxError(row, 'guillemet ouvert et jamais refermé (la suite du fichier serait lue comme une seule cellule).')
    }
    cells.push(cell)
    yield { row, cells }
  }
}
