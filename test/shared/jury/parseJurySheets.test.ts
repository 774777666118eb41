import { describe, expect, it } from 'vitest'
import { sha256Hex } from '../../../shared/jury/checksum'
import { parseJuryFile, readJuryDate, readJuryWorkbook, resolveJuryFile, type ParsedJuryFile } from '../../../shared/jury/parseJurySheets'
import { generateJurySheets } from '../../../shared/jury/sheetTemplate'
import { BASE_MARKS, baseFills } from './corpus'
import { openWorkbook, Workbook } from '../../../shared/xlsx'
import { bombSize, deflateBomb, lyingZip } from './lyingBombs'
import { applyFills, candidate, day, fillJurySheets, juryReferential, loadJuryWorkbook, saveWorkbook, testSigner, type SheetFill } from './fixtures'

const SESSION = 'session-1'
const main = candidate('cand-1', 'E001')

async function blank(candidates = [main], mode: 'candidate' | 'panel' = 'candidate') {
  return (
    await generateJurySheets({
      session: { id: SESSION, name: 'Session de juin' },
      referential: juryReferential,
      candidates,
      mode,
      signer: await testSigner(),
    })
  ).bytes
}

async function parse(bytes: Uint8Array, file = 'fiche.xlsx'): Promise<ParsedJuryFile> {
  return parseJuryFile(bytes, file, { sessionId: SESSION, referential: juryReferential, signer: await testSigner() })
}

const marksOf = (parsed: ParsedJuryFile) =>
  Object.fromEntries(parsed.sheets.flatMap((s) => Object.entries(s.marks).map(([code, m]) => [code, m.value])))

describe('reading filled jury sheets', () => {
  it('round trip: what the jury typed comes back as canonical marks, with comments, jury and cells', async () => {
    const filled = await fillJurySheets(await blank(), baseFills(main.id))
    const parsed = await parse(filled)
    expect(parsed.errors).toEqual([])
    expect(parsed.warnings).toEqual([])
    expect(marksOf(parsed)).toEqual(BASE_MARKS)
    const bc01 = parsed.sheets.find((s) => s.blocCode === 'BC01')!
    expect(bc01).toMatchObject({
      file: 'fiche.xlsx',
      sheetName: 'BC01 Analyser le système',
      candidateId: 'cand-1',
      schoolId: 'E001',
      comments: { 'CR1.1': { text: 'Analyse solide' } },
      jury: { members: ['Mme Durand, présidente', 'M. Petit'], date: '2025-06-12', signed: true, visa: 'AD' },
    })
    expect(bc01.marks['CR1.2']).toMatchObject({ raw: ' PACQ ', value: 'PACQ' })
    expect(bc01.marks['CR1.2']!.cell).toMatch(/^C\d+$/)
    expect(parsed.sheets.find((s) => s.blocCode === 'BC03-A')!.jury.date).toBe('2025-06-13')
    expect(parsed.hash).toBe(await sha256Hex(filled))
  })

  it('recognises sheets by their metadata: tabs renamed and reordered, metadata sheet read last', async () => {
    const loaded = await loadJuryWorkbook(await blank())
    applyFills(loaded, baseFills(main.id))
    const [meta, bc01, bc02, bc03] = loaded.workbook.worksheets
    bc01!.name = 'Évaluation analyse'
    bc03!.orderNo = 1
    bc01!.orderNo = 3
    bc02!.orderNo = 2
    meta!.orderNo = 9
    const bytes = await saveWorkbook(loaded.workbook)
    const order: string[] = []
    const workbook = await openWorkbook(bytes, { budget: { maxPartBytes: 2 ** 24, maxTotalBytes: 2 ** 25, deadlineMs: 10_000 } })
    for await (const ws of workbook.worksheets()) {
      order.push(ws.name ?? '')
      for await (const _ of ws.rows) void _
    }
    expect(order[order.length - 1]).toBe('_certibloc')
    const parsed = await parse(bytes)
    expect(parsed.errors).toEqual([])
    expect(marksOf(parsed)).toEqual(BASE_MARKS)
    expect(parsed.sheets.find((s) => s.blocCode === 'BC01')!.sheetName).toBe('Évaluation analyse')
  })

  it('reads a panel file: one sheet per candidate', async () => {
    const second = candidate('cand-2', 'E002')
    const bytes = await blank([main, second], 'panel')
    const fills: SheetFill[] = [
      { candidateId: main.id, blocCode: 'BC02', marks: { 'CR2.1': 15, 'CR2.2': '9,75', 'CR2.3': 'abs' }, members: ['Jury A'], date: '12/06/2025' },
      { candidateId: second.id, blocCode: 'BC02', marks: { 'CR2.1': '0' }, members: ['Jury A'], date: '12 juin 2025' },
    ]
    const parsed = await parse(await fillJurySheets(bytes, fills))
    expect(parsed.errors).toEqual([])
    expect(parsed.sheets.map((s) => [s.schoolId, s.blocCode, Object.values(s.marks).map((m) => m.value)])).toEqual([
      ['E001', 'BC02', [15, 9.75, 'ABS']],
      ['E002', 'BC02', [0]],
    ])
    // The other sheets of the panel file were left blank.
    expect(parsed.warnings.map((w) => w.code)).toEqual(['blank_sheet', 'blank_sheet', 'blank_sheet', 'blank_sheet'])
  })

  it('ignores blank sheets and sheets the jury added, and reports sheets the jury removed', async () => {
    const loaded = await loadJuryWorkbook(await blank())
    applyFills(loaded, [baseFills(main.id)[0]!])
    loaded.workbook.addWorksheet('Notes du jury').getCell('A1').value = 'Délibération à 14 h'
    loaded.workbook.removeWorksheet(loaded.sheetOf(loaded.entries[2]!.meta).id)
    const parsed = await parse(await saveWorkbook(loaded.workbook))
    expect(parsed.errors).toEqual([])
    expect(parsed.sheets.map((s) => s.blocCode)).toEqual(['BC01'])
    expect(parsed.warnings.map((w) => w.message)).toEqual([
      'fiche.xlsx, feuille « BC02 Piloter un projet » : fiche vierge (candidat E001, bloc BC02) : ignorée.',
      'fiche.xlsx, feuille « Notes du jury » : feuille ignorée : ce n’est pas une fiche d’évaluation Certibloc (référence absente).',
      'fiche.xlsx : la fiche « BC03-A Cybersécurité » (candidat E001, bloc BC03-A) a été retirée du classeur : elle n’est pas importée.',
    ])
  })

  it('ignores a sheet with jury names but no evaluation, with a warning', async () => {
    const parsed = await parse(await fillJurySheets(await blank(), [{ candidateId: main.id, blocCode: 'BC02', members: ['Jury'], date: day('2025-06-12') }]))
    expect(parsed.errors).toEqual([])
    expect(parsed.sheets).toEqual([])
    expect(parsed.warnings.map((w) => w.code)).toContain('no_marks')
  })

  it('reports every problem of a sheet at once, each at its cell, in French', async () => {
    const bytes = await fillJurySheets(await blank(), [
      { candidateId: main.id, blocCode: 'BC02', marks: { 'CR2.1': '21', 'CR2.2': 'acq', 'CR2.3': '7,5' }, comments: { 'CR2.3': 'ok' } },
    ])
    const parsed = await parse(bytes, 'jury-bc02.xlsx')
    const loaded = await loadJuryWorkbook(bytes)
    const layout = loaded.entries.find((e) => e.meta.blocCode === 'BC02')!.meta.layout
    const [cr21, cr22] = layout.criteres
    expect(parsed.sheets).toEqual([])
    expect(parsed.errors.map((e) => e.message)).toEqual([
      `jury-bc02.xlsx, feuille « BC02 Piloter un projet », cellule ${cr21!.mark} (critère CR2.1) : la note 21 dépasse le maximum de 20.`,
      `jury-bc02.xlsx, feuille « BC02 Piloter un projet », cellule ${cr22!.mark} (critère CR2.2) : « acq » : ce critère est noté sur 20, saisissez une note (ou ABS, EXC, ATT).`,
      `jury-bc02.xlsx, feuille « BC02 Piloter un projet », cellules ${layout.members[0]} à ${layout.members[2]} : aucun membre du jury indiqué : saisissez le nom et la qualité d’au moins un membre.`,
      `jury-bc02.xlsx, feuille « BC02 Piloter un projet », cellule ${layout.date} : date de l’évaluation manquante (JJ/MM/AAAA).`,
    ])
    expect(parsed.errors[0]).toMatchObject({ code: 'invalid_mark', file: 'jury-bc02.xlsx', sheet: 'BC02 Piloter un projet', cell: cr21!.mark, critereCode: 'CR2.1' })
  })

  it('says what became of every sheet, so that one incomplete sheet does not hide the valid ones', async () => {
    const fills = baseFills(main.id).map((f) => (f.blocCode === 'BC02' ? { ...f, date: null } : f))
    const parsed = await parse(await fillJurySheets(await blank(), fills))
    expect(parsed.errors.map((e) => e.code)).toEqual(['no_jury_date'])
    // Nothing of a file in error is imported, but its valid sheets are shown with their marks.
    expect(parsed.sheets).toEqual([])
    expect(parsed.sheetStatuses).toEqual([
      { sheet: 'BC01 Analyser le système', status: 'valid', marks: 3 },
      { sheet: 'BC02 Piloter un projet', status: 'error', marks: 0 },
      { sheet: expect.stringMatching(/^BC03-A/), status: 'valid', marks: 2 },
    ])
  })

  it('refuses a zip that would inflate beyond the limit before inflating it', async () => {
    const copies = Math.ceil((33 * 1024 * 1024) / 258)
    const utf8 = (text: string) => new TextEncoder().encode(text)
    const bomb = lyingZip([
      { name: '[Content_Types].xml', data: utf8('<Types/>') },
      { name: 'xl/workbook.xml', data: utf8('<workbook/>') },
      // Honest: the directory declares what the part inflates to.
      { name: 'xl/worksheets/sheet1.xml', deflated: deflateBomb('<a>', copies), declaredSize: bombSize('<a>', copies) },
    ])
    expect(bomb.length).toBeLessThan(1024 * 1024)
    const before = process.memoryUsage().heapUsed
    const parsed = await parse(bomb, 'bombe.xlsx')
    expect(parsed.errors.map((e) => e.message)).toEqual([
      'bombe.xlsx : le classeur annonce 33,0 Mo une fois décompressé (limite 32,0 Mo) : fichier refusé par précaution (archive piégée ?).',
    ])
    expect(process.memoryUsage().heapUsed - before).toBeLessThan(20 * 1024 * 1024)
  })

  it('stops reading a sheet after its first rows, whatever was pasted below', async () => {
    const loaded = await loadJuryWorkbook(await blank())
    applyFills(loaded, baseFills(main.id))
    const ws = loaded.sheetOf(loaded.entries[1]!.meta)
    for (let r = 500; r < 20_500; r++) ws.getCell(r, 1).value = `ligne ${r}`
    const parsed = await parse(await saveWorkbook(loaded.workbook))
    expect(parsed.errors).toEqual([])
    expect(marksOf(parsed)).toEqual(BASE_MARKS)
  })

  it('reports a workbook that is not a jury file at all', async () => {
    const wb = new Workbook()
    wb.addWorksheet('Feuil1').getCell('A1').value = 'Bonjour'
    const parsed = await parse(new Uint8Array(await wb.xlsx.writeBuffer()), 'autre.xlsx')
    expect(parsed.errors.map((e) => e.message)).toEqual([
      'autre.xlsx : ce classeur ne contient aucune fiche d’évaluation Certibloc : générez les fiches depuis Certibloc.',
    ])
  })
})

describe('reading the jury’s date', () => {
  it('accepts date cells, serials and the usual French ways of writing a date', () => {
    const inputs = [day('2025-06-12'), 45820, '12/06/2025', '12-06-25', '12.06.2025', '2025-06-12', '12 juin 2025', '1er juin 2025', 'le 12 juin 2025', '3 févr. 2025']
    expect(inputs.map((i) => readJuryDate(i))).toEqual(
      ['2025-06-12', '2025-06-12', '2025-06-12', '2025-06-12', '2025-06-12', '2025-06-12', '2025-06-12', '2025-06-01', '2025-06-12', '2025-02-03'].map((value) => ({ ok: true, value })),
    )
  })

  it('refuses what is not a date, or not a plausible one', () => {
    expect(readJuryDate('32/13/2025')).toEqual({ ok: false, message: '« 32/13/2025 » n’est pas une date (JJ/MM/AAAA attendu, par exemple 12/06/2025)' })
    expect(readJuryDate('demain')).toMatchObject({ ok: false })
    expect(readJuryDate('01/01/1899')).toEqual({ ok: false, message: 'date 01/01/1899 invraisemblable pour une évaluation' })
    expect(readJuryDate(true)).toMatchObject({ ok: false })
  })
})

describe('a metadata row edited by hand', () => {
  it('refuses its sheet, located, when its layout cell holds JSON nested 16,000 levels deep (never hashed, never a crash)', async () => {
    const extract = await readJuryWorkbook(await blank(), 'fiche.xlsx')
    const row = extract.metadata!.rows.find((r) => r.row === 2)!
    row.cells[9] = `${'['.repeat(16_000)}${']'.repeat(16_000)}`
    const parsed = await resolveJuryFile(extract, { sessionId: SESSION, referential: juryReferential, signer: await testSigner() })
    expect(parsed.errors.length).toBeGreaterThan(0)
    expect(parsed.errors[0]!.file).toBe('fiche.xlsx')
    expect(parsed.errors[0]!.sheet).toBeTruthy()
    expect(parsed.sheets).toEqual([])
  })
})
