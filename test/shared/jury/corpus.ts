/**
 * The bad-file corpus: more than 200 jury files that must each be refused with a located French
 * error (file, and sheet and cell where one is concerned). Built from one valid filled file,
 * generated for the session under test, then broken in every way a file can be: not a workbook,
 * damaged, encrypted, a zip bomb, metadata removed or edited, signed for another session or
 * référentiel, unknown candidate or bloc, invalid marks on every critère row, missing jury data,
 * contradictory duplicates… Shared by the Node tests (parse + plan) and the Worker tests (the
 * route, with the database checked unchanged).
 */
import { hmacSigner, type SheetSigner } from '../../../shared/jury/checksum'
import type { JuryIssueCode } from '../../../shared/jury/issues'
import { MAX_JURY_FILE_BYTES } from '../../../shared/jury/parseJurySheets'
import { generateJurySheets, type JurySheetCandidate } from '../../../shared/jury/sheetTemplate'
import { findEvaluableBloc } from '../../../shared/referential'
import { Workbook } from '../../../shared/xlsx'
import type { Referential } from '../../../shared/referential/schema'
import {
  applyFills,
  day,
  loadJuryWorkbook,
  rewriteMetadata,
  saveWorkbook,
  type CellValue,
  type LoadedJuryWorkbook,
  type SheetFill,
} from './fixtures'
import { crc32, handWrittenZip } from './handWrittenZip'
import { lyingBombWorkbook } from './lyingBombs'

export interface CorpusFile {
  name: string
  bytes: Uint8Array
}

export interface BadVariant {
  title: string
  files: CorpusFile[]
  expected: { code: JuryIssueCode; file: string; sheet?: string; cell?: string; critereCode?: string }
}

export interface CorpusContext {
  sessionId: string
  referential: Referential
  signer: SheetSigner
  /** In the session, option BC03-A: the valid base file is for this candidate. */
  main: JurySheetCandidate
  /** In the session with option BC03-B. */
  optionB: JurySheetCandidate
  /** In the session with BC01 capitalised. */
  capitalised: JurySheetCandidate
}

const utf8 = (text: string) => new TextEncoder().encode(text)

/** Deterministic bytes (xorshift), never starting like a zip or an OLE file. */
function randomBytes(seed: number, length: number): Uint8Array {
  let x = seed * 2654435761 + 1
  const out = new Uint8Array(length)
  for (let i = 0; i < length; i++) {
    x ^= x << 13
    x ^= x >>> 17
    x ^= x << 5
    out[i] = x & 0xff
  }
  if (out[0] === 0x50 || out[0] === 0xd0) out[0] = 0x41
  return out
}

interface ZipEntry {
  name: string
  /** Offset of the entry's central directory record. */
  central: number
  /** Offset of its local header. */
  local: number
  compressedSize: number
}

function zipEntries(bytes: Uint8Array): ZipEntry[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  let eocd = bytes.length - 22
  while (eocd >= 0 && view.getUint32(eocd, true) !== 0x06054b50) eocd--
  const count = view.getUint16(eocd + 10, true)
  let offset = view.getUint32(eocd + 16, true)
  const entries: ZipEntry[] = []
  for (let n = 0; n < count; n++) {
    const nameLength = view.getUint16(offset + 28, true)
    entries.push({
      name: new TextDecoder().decode(bytes.subarray(offset + 46, offset + 46 + nameLength)),
      central: offset,
      local: view.getUint32(offset + 42, true),
      compressedSize: view.getUint32(offset + 20, true),
    })
    offset += 46 + nameLength + view.getUint16(offset + 30, true) + view.getUint16(offset + 32, true)
  }
  return entries
}

/** Sets the uncompressed size the central directory declares for some entries. */
function declareSize(bytes: Uint8Array, size: number, which: (name: string) => boolean): Uint8Array {
  const copy = bytes.slice()
  const view = new DataView(copy.buffer)
  for (const entry of zipEntries(copy)) if (which(entry.name)) view.setUint32(entry.central + 24, size, true)
  return copy
}

/** Overwrites the compressed data of an entry (CRC and sizes untouched). */
function damageEntry(bytes: Uint8Array, name: string, how: 'zeros' | 'noise' | 'reverse'): Uint8Array {
  const copy = bytes.slice()
  const view = new DataView(copy.buffer)
  const entry = zipEntries(copy).find((e) => e.name === name)
  if (!entry) throw new Error(`no entry ${name}`)
  const start = entry.local + 30 + view.getUint16(entry.local + 26, true) + view.getUint16(entry.local + 28, true)
  const data = copy.subarray(start, start + entry.compressedSize)
  if (how === 'zeros') data.fill(0, 0, Math.min(data.length, 64))
  if (how === 'noise') data.set(randomBytes(99, Math.min(data.length, 200)).subarray(0, Math.min(data.length, 200)))
  if (how === 'reverse') data.reverse()
  return copy
}

/** A zip with stored (uncompressed) entries. */
function archive(parts: Record<string, string | Uint8Array>): Uint8Array {
  return handWrittenZip(
    Object.entries(parts).map(([name, content]) => {
      const data = typeof content === 'string' ? utf8(content) : content
      return { name, data, crc: crc32(data) }
    }),
  )
}

/** The valid marks of the base file: lenient inputs on purpose. */
export function baseFills(candidateId: string): SheetFill[] {
  const jury = { members: ['Mme Durand, présidente', ' M. Petit '], date: day('2025-06-12') as CellValue, visa: 'AD' }
  return [
    { candidateId, blocCode: 'BC01', marks: { 'CR1.1': 'acq', 'CR1.2': ' PACQ ', 'CR1.3': 'Non acquis' }, comments: { 'CR1.1': 'Analyse solide' }, ...jury },
    { candidateId, blocCode: 'BC02', marks: { 'CR2.1': '12,5', 'CR2.2': ' 14 ', 'CR2.3': '7.5' }, ...jury },
    { candidateId, blocCode: 'BC03-A', marks: { 'CR3A.1': 'ACQ', 'CR3A.2': 'nacq' }, ...jury, date: '13/06/2025' },
  ]
}

/** The canonical values of baseFills, as the grid must hold them after import. */
export const BASE_MARKS: Record<string, string | number> = {
  'CR1.1': 'ACQ',
  'CR1.2': 'PACQ',
  'CR1.3': 'NACQ',
  'CR2.1': 12.5,
  'CR2.2': 14,
  'CR2.3': 7.5,
  'CR3A.1': 'ACQ',
  'CR3A.2': 'NACQ',
}

export async function buildBadFileCorpus(ctx: CorpusContext): Promise<{ base: CorpusFile; variants: BadVariant[] }> {
  const session = { id: ctx.sessionId, name: 'Session de test' }
  const generate = async (candidates: JurySheetCandidate[], overrides: { sessionId?: string; referential?: Referential; signer?: SheetSigner } = {}) =>
    (
      await generateJurySheets({
        session: { ...session, id: overrides.sessionId ?? ctx.sessionId },
        referential: overrides.referential ?? ctx.referential,
        candidates,
        mode: 'candidate',
        signer: overrides.signer ?? ctx.signer,
        generatedAt: new Date('2025-06-01T08:00:00Z'),
      })
    ).bytes
  const blank = await generate([ctx.main])
  const baseLoaded = await loadJuryWorkbook(blank)
  applyFills(baseLoaded, baseFills(ctx.main.id))
  const baseBytes = await saveWorkbook(baseLoaded.workbook)
  const base: CorpusFile = { name: 'fiche-valide.xlsx', bytes: baseBytes }

  const variants: BadVariant[] = []
  const add = (title: string, files: CorpusFile[], expected: BadVariant['expected']) => variants.push({ title, files, expected })
  const one = (title: string, name: string, bytes: Uint8Array, code: JuryIssueCode) => add(title, [{ name, bytes }], { code, file: name })

  /** A variant of the valid file, edited with excelts. */
  const edited = async (
    title: string,
    name: string,
    edit: (loaded: LoadedJuryWorkbook) => void | Promise<void>,
    expected: Omit<BadVariant['expected'], 'file'> | ((loaded: LoadedJuryWorkbook) => Omit<BadVariant['expected'], 'file'>),
    from: Uint8Array = baseBytes,
  ) => {
    const loaded = await loadJuryWorkbook(from)
    await edit(loaded)
    const bytes = await saveWorkbook(loaded.workbook)
    add(title, [{ name, bytes }], { file: name, ...(typeof expected === 'function' ? expected(loaded) : expected) })
  }
  const entries = baseLoaded.entries
  const tab = (i: number) => baseLoaded.sheetOf(entries[i]!.meta).name

  /* Not a workbook ------------------------------------------------------------------------- */
  one('empty file', 'vide.xlsx', new Uint8Array(0), 'file_empty')
  for (let seed = 1; seed <= 25; seed++) {
    one(`random bytes #${seed}`, `aleatoire-${seed}.xlsx`, randomBytes(seed, [1, 3, 21, 200, 4096][seed % 5]! + seed * 37), 'not_xlsx')
  }
  one('CSV renamed', 'notes.csv.xlsx', utf8('\uFEFFIdentifiant;CR1.1\nE1;ACQ\n'), 'not_xlsx')
  one('plain text renamed', 'message.xlsx', utf8('Bonjour, voici les notes du jury.'), 'not_xlsx')
  one('HTML renamed', 'page.xlsx', utf8('<!DOCTYPE html><html><head><title>Notes</title></head><body></body></html>'), 'not_xlsx')
  one('HTML with BOM and spaces', 'export-web.xlsx', utf8('\uFEFF  \n<html lang="fr"><body><table></table></body></html>'), 'not_xlsx')
  one('webmail HTML error page', 'piece-jointe.xlsx', utf8('<head><meta charset="utf-8"></head>\n<html><body>Session expirée</body></html>'), 'not_xlsx')
  one('PDF renamed', 'fiche.pdf.xlsx', utf8('%PDF-1.7\n%âãÏÓ\n1 0 obj\n'), 'not_xlsx')
  one('Excel 2003 XML renamed', 'fiche2003.xlsx', utf8('<?xml version="1.0"?><Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"></Workbook>'), 'not_xlsx')
  one('PNG renamed', 'photo.xlsx', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]), 'not_xlsx')
  const ole = new Uint8Array(2048)
  ole.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])
  one('.xls renamed', 'ancienne.xlsx', ole, 'legacy_or_encrypted')
  const encrypted = ole.slice()
  encrypted.set(utf8('EncryptionInfo EncryptedPackage'), 512)
  one('password-protected xlsx', 'protegee.xlsx', encrypted, 'legacy_or_encrypted')
  const oversized = new Uint8Array(MAX_JURY_FILE_BYTES + 1)
  oversized.set([0x50, 0x4b, 0x03, 0x04])
  one('file over 5 MB', 'enorme.xlsx', oversized, 'file_too_large')
  for (let k = 1; k <= 40; k++) {
    const cut = Math.max(4, Math.floor((baseBytes.length * k) / 41))
    one(`truncated at ${k}/41`, `tronquee-${k}.xlsx`, baseBytes.slice(0, cut), 'zip_corrupt')
  }
  one('zip bomb: one part declared at 200 MB', 'bombe-1.xlsx', declareSize(baseBytes, 200 * 1024 * 1024, (n) => n === 'xl/sharedStrings.xml'), 'zip_bomb')
  one('zip bomb: Zip64 size marker', 'bombe-2.xlsx', declareSize(baseBytes, 0xffffffff, (n) => n.startsWith('xl/worksheets/')), 'zip_bomb')
  one('zip bomb: every part declared at 10 MB', 'bombe-3.xlsx', declareSize(baseBytes, 10 * 1024 * 1024, () => true), 'zip_bomb')
  // Lying bombs: the directory declares 4 KB, the part inflates to 1 GiB (the budget stops it).
  one('lying zip bomb: a worksheet declared at 4 KB inflates to 1 GiB', 'bombe-menteuse-feuille.xlsx', lyingBombWorkbook('worksheet'), 'zip_bomb')
  one('lying zip bomb: sharedStrings.xml declared at 4 KB inflates to 1 GiB', 'bombe-menteuse-textes.xlsx', lyingBombWorkbook('sharedStrings'), 'zip_bomb')
  for (const how of ['zeros', 'noise', 'reverse'] as const) {
    one(`damaged sheet data (${how})`, `abimee-${how}.xlsx`, damageEntry(baseBytes, 'xl/worksheets/sheet2.xml', how), 'unreadable')
  }
  one('OpenDocument renamed', 'calc.xlsx', archive({ mimetype: 'application/vnd.oasis.opendocument.spreadsheet', 'content.xml': '<x/>' }), 'not_xlsx')
  one('.xlsb renamed', 'binaire.xlsx', archive({ '[Content_Types].xml': '<Types/>', 'xl/workbook.bin': new Uint8Array(8) }), 'not_xlsx')
  one('zip of photos', 'photos.xlsx', archive({ 'photo.jpg': new Uint8Array(100) }), 'not_xlsx')
  one('Word document renamed', 'rapport.xlsx', archive({ '[Content_Types].xml': '<Types/>', 'word/document.xml': '<w:document/>' }), 'not_xlsx')
  {
    const wb = new Workbook()
    const ws = wb.addWorksheet('Notes')
    ws.getCell('A1').value = 'Identifiant'
    ws.getCell('B1').value = 'CR1.1'
    ws.getCell('A2').value = ctx.main.schoolId
    ws.getCell('B2').value = 'ACQ'
    one('ordinary workbook, no jury sheet', 'tableur-maison.xlsx', new Uint8Array(await wb.xlsx.writeBuffer()), 'no_jury_sheet')
  }

  /* Metadata removed or edited ------------------------------------------------------------- */
  await edited('metadata sheet removed', 'sans-metadonnees.xlsx', (l) => l.workbook.removeWorksheet(l.metadataSheet.id), { code: 'no_metadata' })
  await edited('metadata header edited', 'entete-modifie.xlsx', (l) => {
    l.metadataSheet.getCell('C1').value = 'candidat'
  }, { code: 'metadata_unreadable', sheet: tab(0), cell: entries[0]!.meta.layout.reference })
  for (let i = 0; i < entries.length; i++) {
    const meta = entries[i]!.meta
    await edited(`metadata row of ${meta.blocCode} deleted`, `ligne-supprimee-${i}.xlsx`, (l) => {
      for (let c = 1; c <= 11; c++) l.metadataSheet.getCell(entries[i]!.row, c).value = null
    }, { code: 'unknown_reference', sheet: tab(i), cell: meta.layout.reference })
    const fieldEdits: Array<[string, (m: typeof meta) => typeof meta]> = [
      ['sessionId', (m) => ({ ...m, sessionId: 'autre-session' })],
      ['candidateId', (m) => ({ ...m, candidateId: ctx.optionB.id })],
      ['schoolId', (m) => ({ ...m, schoolId: ctx.optionB.schoolId })],
      ['blocCode', (m) => ({ ...m, blocCode: m.blocCode === 'BC01' ? 'BC02' : 'BC01' })],
      ['referentialId', (m) => ({ ...m, referentialId: 'autre-referentiel' })],
      ['referentialVersion', (m) => ({ ...m, referentialVersion: m.referentialVersion + 1 })],
      ['templateVersion', (m) => ({ ...m, templateVersion: m.templateVersion + 1 })],
      ['generatedName', (m) => ({ ...m, generatedName: 'Renommée' })],
      ['layout', (m) => ({ ...m, layout: { ...m.layout, criteres: m.layout.criteres.map((c, k) => (k === 0 ? { ...c, mark: 'C2' } : c)) } })],
    ]
    for (const [field, change] of fieldEdits) {
      await edited(`metadata ${field} of ${meta.blocCode} edited without the key`, `metadonnee-${field}-${i}.xlsx`, (l) => rewriteMetadata(l, i, change), {
        code: 'checksum_mismatch',
        sheet: tab(i),
        cell: meta.layout.reference,
      })
    }
    await edited(`checksum of ${meta.blocCode} edited`, `somme-${i}.xlsx`, (l) => {
      const cell = l.metadataSheet.getCell(entries[i]!.row, 11)
      const text = String(cell.value)
      cell.value = `${text.slice(0, -1)}${text.endsWith('0') ? '1' : '0'}`
    }, { code: 'checksum_mismatch', sheet: tab(i), cell: meta.layout.reference })
    await edited(`metadata sheetId of ${meta.blocCode} edited`, `metadonnee-sheetId-${i}.xlsx`, (l) => {
      l.metadataSheet.getCell(entries[i]!.row, 1).value = 'J0000000000000000000a'
    }, { code: 'unknown_reference', sheet: tab(i), cell: meta.layout.reference })
    await edited(`layout JSON of ${meta.blocCode} broken`, `disposition-${i}.xlsx`, (l) => {
      l.metadataSheet.getCell(entries[i]!.row, 10).value = '{"reference":'
    }, { code: 'metadata_unreadable', sheet: tab(i), cell: meta.layout.reference })
    await edited(`reference cell of ${meta.blocCode} edited`, `reference-${i}.xlsx`, (l) => {
      l.sheetOf(meta).getCell(meta.layout.reference).value = 'Référence Certibloc : J1111111111111111111b (ne pas modifier)'
    }, { code: 'unknown_reference', sheet: tab(i), cell: meta.layout.reference })
    await edited(`identity cell of ${meta.blocCode} edited`, `identite-${i}.xlsx`, (l) => {
      l.sheetOf(meta).getCell(meta.layout.identity).value = ctx.optionB.schoolId
    }, { code: 'identity_mismatch', sheet: tab(i), cell: meta.layout.identity })
    for (const critere of meta.layout.criteres) {
      await edited(`code cell of ${critere.code} edited`, `structure-${critere.code}.xlsx`, (l) => {
        l.sheetOf(meta).getCell(critere.codeCell).value = 'CR9.9'
      }, { code: 'structure_changed', sheet: tab(i), cell: critere.codeCell, critereCode: critere.code })
    }
  }
  await edited('signed with another key', 'autre-cle.xlsx', async (l) => {
    const attacker = await hmacSigner(new Uint8Array(32).fill(42))
    await rewriteMetadata(l, 0, (m) => ({ ...m, candidateId: ctx.optionB.id }), attacker)
  }, { code: 'checksum_mismatch', sheet: tab(0), cell: entries[0]!.meta.layout.reference })

  /* Signed, but not for this session ------------------------------------------------------- */
  const filledFor = async (bytes: Uint8Array, candidateId: string) => {
    const loaded = await loadJuryWorkbook(bytes)
    applyFills(loaded, baseFills(candidateId).filter((f) => loaded.entries.some((e) => e.meta.blocCode === f.blocCode)))
    return loaded
  }
  {
    const loaded = await filledFor(await generate([ctx.main], { sessionId: 'autre-session-2025' }), ctx.main.id)
    const first = loaded.entries[0]!.meta
    add('sheet of another session', [{ name: 'autre-session.xlsx', bytes: await saveWorkbook(loaded.workbook) }], {
      code: 'other_session',
      file: 'autre-session.xlsx',
      sheet: loaded.sheetOf(first).name,
      cell: first.layout.reference,
    })
  }
  {
    const loaded = await filledFor(await generate([ctx.main], { referential: { ...ctx.referential, version: ctx.referential.version + 1 } }), ctx.main.id)
    const first = loaded.entries[0]!.meta
    add('sheet of another référentiel version', [{ name: 'autre-version.xlsx', bytes: await saveWorkbook(loaded.workbook) }], {
      code: 'other_referential',
      file: 'autre-version.xlsx',
      sheet: loaded.sheetOf(first).name,
      cell: first.layout.reference,
    })
  }
  await edited('template version unknown (signed)', 'modele-futur.xlsx', (l) => rewriteMetadata(l, 0, (m) => ({ ...m, templateVersion: 99 }), ctx.signer), {
    code: 'template_version',
    sheet: tab(0),
    cell: entries[0]!.meta.layout.reference,
  })
  await edited('bloc unknown to the référentiel (signed)', 'bloc-inconnu.xlsx', (l) => rewriteMetadata(l, 0, (m) => ({ ...m, blocCode: 'BC09' }), ctx.signer), {
    code: 'unknown_bloc',
    sheet: tab(0),
    cell: entries[0]!.meta.layout.reference,
  })
  await edited(
    'critère unknown to the bloc (signed)',
    'critere-inconnu.xlsx',
    (l) => rewriteMetadata(l, 0, (m) => ({ ...m, layout: { ...m.layout, criteres: m.layout.criteres.map((c, k) => (k === 0 ? { ...c, code: 'CR1.9' } : c)) } }), ctx.signer),
    { code: 'unknown_critere', sheet: tab(0), cell: entries[0]!.meta.layout.criteres[0]!.codeCell, critereCode: 'CR1.9' },
  )
  {
    const ghost = { ...ctx.main, id: 'candidat-fantome', schoolId: 'FANTOME-1' }
    const loaded = await filledFor(await generate([ghost]), ghost.id)
    const first = loaded.entries[0]!.meta
    add('unknown candidate', [{ name: 'candidat-inconnu.xlsx', bytes: await saveWorkbook(loaded.workbook) }], {
      code: 'unknown_candidate',
      file: 'candidat-inconnu.xlsx',
      sheet: loaded.sheetOf(first).name,
      cell: first.layout.identity,
    })
  }
  {
    const loaded = await filledFor(await generate([{ ...ctx.optionB, optionCode: 'BC03-A' }]), ctx.optionB.id)
    const option = loaded.entries.find((e) => e.meta.blocCode === 'BC03-A')!.meta
    add('sheet for an option the candidate did not choose', [{ name: 'mauvaise-option.xlsx', bytes: await saveWorkbook(loaded.workbook) }], {
      code: 'bloc_not_for_candidate',
      file: 'mauvaise-option.xlsx',
      sheet: loaded.sheetOf(option).name,
      cell: option.layout.identity,
    })
  }
  {
    const loaded = await filledFor(await generate([{ ...ctx.capitalised, capitalisedBlocs: [] }]), ctx.capitalised.id)
    const bc01 = loaded.entries.find((e) => e.meta.blocCode === 'BC01')!.meta
    add('sheet for a capitalised bloc', [{ name: 'bloc-capitalise.xlsx', bytes: await saveWorkbook(loaded.workbook) }], {
      code: 'bloc_not_for_candidate',
      file: 'bloc-capitalise.xlsx',
      sheet: loaded.sheetOf(bc01).name,
      cell: bc01.layout.identity,
    })
  }

  /* Marks ---------------------------------------------------------------------------------- */
  const badOutcome: CellValue[] = ['AQC', '12', 'oui', true, day('2025-05-12'), 'A C Q']
  const badScore: CellValue[] = ['25', '-1', 'ACQ', '12,5,3', 'douze', day('2025-05-12')]
  for (let i = 0; i < entries.length; i++) {
    const meta = entries[i]!.meta
    const bloc = findEvaluableBloc(ctx.referential, meta.blocCode)!
    for (const critere of meta.layout.criteres) {
      const scale = bloc.criteres.find((c) => c.code === critere.code)!.assessment.scale
      const values = scale.kind === 'outcome' ? badOutcome : scale.max === 10 ? ['11', ...badScore.slice(1)] : badScore
      for (const [k, value] of values.entries()) {
        await edited(`invalid mark ${String(value)} in ${critere.code}`, `note-${critere.code}-${k}.xlsx`, (l) => {
          l.sheetOf(meta).getCell(critere.mark).value = value
        }, { code: 'invalid_mark', sheet: tab(i), cell: critere.mark, critereCode: critere.code })
      }
      await edited(`comment without mark in ${critere.code}`, `commentaire-${critere.code}.xlsx`, (l) => {
        const ws = l.sheetOf(meta)
        ws.getCell(critere.mark).value = null
        ws.getCell(critere.comment).value = 'Très bonne soutenance'
      }, { code: 'comment_without_mark', sheet: tab(i), cell: critere.comment, critereCode: critere.code })
    }
  }
  {
    // A hyperlink (excelts 10.2's reader never settles on one with hyperlinks 'ignore' or 'emit'):
    // read within the deadline, and its text refused as a mark at its cell.
    const meta = entries[0]!.meta
    const critere = meta.layout.criteres[0]!
    await edited('hyperlink typed as a mark', 'lien-hypertexte.xlsx', (l) => {
      l.sheetOf(meta).getCell(critere.mark).value = { text: 'voir le dossier', hyperlink: 'https://exemple.invalid/dossier' }
    }, { code: 'invalid_mark', sheet: tab(0), cell: critere.mark, critereCode: critere.code })
  }
  {
    const critere = entries[0]!.meta.layout.criteres[1]!
    await edited('comment too long', 'commentaire-long.xlsx', (l) => {
      l.sheetOf(entries[0]!.meta).getCell(critere.comment).value = 'x'.repeat(2001)
    }, { code: 'comment_too_long', sheet: tab(0), cell: critere.comment, critereCode: critere.code })
  }

  /* Jury data ------------------------------------------------------------------------------ */
  for (let i = 0; i < entries.length; i++) {
    const meta = entries[i]!.meta
    const members = meta.layout.members
    await edited(`no jury member on ${meta.blocCode}`, `sans-jury-${i}.xlsx`, (l) => {
      for (const cell of members) l.sheetOf(meta).getCell(cell).value = null
    }, { code: 'no_jury_member', sheet: tab(i), cell: `${members[0]}:${members[members.length - 1]}` })
    await edited(`no date on ${meta.blocCode}`, `sans-date-${i}.xlsx`, (l) => {
      l.sheetOf(meta).getCell(meta.layout.date).value = null
    }, { code: 'no_jury_date', sheet: tab(i), cell: meta.layout.date })
    const badDate = ['32/13/2025', 'demain', '01/01/1899'][i % 3]!
    await edited(`invalid date ${badDate} on ${meta.blocCode}`, `date-invalide-${i}.xlsx`, (l) => {
      l.sheetOf(meta).getCell(meta.layout.date).value = badDate
    }, { code: 'invalid_jury_date', sheet: tab(i), cell: meta.layout.date })
  }

  /* Contradictory duplicates --------------------------------------------------------------- */
  {
    const loaded = await loadJuryWorkbook(baseBytes)
    const meta = loaded.entries[0]!.meta
    loaded.sheetOf(meta).getCell(meta.layout.criteres[0]!.mark).value = 'NACQ'
    add('duplicate sheets with different marks', [base, { name: 'fiche-corrigee.xlsx', bytes: await saveWorkbook(loaded.workbook) }], {
      code: 'duplicate_different',
      file: 'fiche-corrigee.xlsx',
      sheet: tab(0),
    })
  }
  {
    const loaded = await loadJuryWorkbook(baseBytes)
    const meta = loaded.entries[1]!.meta
    loaded.sheetOf(meta).getCell(meta.layout.criteres[0]!.comment).value = 'Autre avis'
    add('duplicate sheets with different comments', [base, { name: 'fiche-commentee.xlsx', bytes: await saveWorkbook(loaded.workbook) }], {
      code: 'duplicate_different',
      file: 'fiche-commentee.xlsx',
      sheet: tab(1),
    })
  }
  {
    const panel = await generateJurySheets({
      session,
      referential: ctx.referential,
      candidates: [ctx.main],
      mode: 'panel',
      blocCodes: ['BC02'],
      signer: ctx.signer,
    })
    const loaded = await loadJuryWorkbook(panel.bytes)
    applyFills(loaded, [{ ...baseFills(ctx.main.id)[1]!, marks: { 'CR2.1': '13' } }])
    const sheet = loaded.sheetOf(loaded.entries[0]!.meta).name
    add('panel file contradicting the candidate file', [base, { name: 'jury-bc02.xlsx', bytes: await saveWorkbook(loaded.workbook) }], {
      code: 'duplicate_different',
      file: 'jury-bc02.xlsx',
      sheet,
    })
  }
  return { base, variants }
}
