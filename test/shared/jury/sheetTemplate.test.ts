import { readdirSync, readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { metadataPayload } from '../../../shared/jury/metadata'
import { generateJurySheets, jurySheetId, JuryTemplateError, MAX_SHEETS_PER_FILE, type JurySheetCandidate } from '../../../shared/jury/sheetTemplate'
import { JURY_TEMPLATE_VERSION, METADATA_SHEET_NAME } from '../../../shared/jury/templateVersion'
import { seedReferential } from '../../../shared/referential'
import { candidate, juryReferential, loadJuryWorkbook, testSigner } from './fixtures'

const session = { id: 'session-1', name: 'Session de juin 2025', campus: 'Lyon', juryDate: '2025-06-20' }

async function generate(candidates: JurySheetCandidate[], extra: { mode?: 'candidate' | 'panel'; blocCodes?: string[] } = {}) {
  return generateJurySheets({
    session,
    referential: juryReferential,
    candidates,
    mode: extra.mode ?? 'candidate',
    ...(extra.blocCodes ? { blocCodes: extra.blocCodes } : {}),
    signer: await testSigner(),
    generatedAt: new Date('2025-06-01T08:00:00Z'),
  })
}

describe('blank jury sheets for one candidate', () => {
  it('holds one sheet per bloc to evaluate (mandatory blocs, then the chosen option) after a veryHidden metadata sheet', async () => {
    const { bytes, sheets } = await generate([candidate('c1', 'E001')])
    expect(sheets.map((s) => s.blocCode)).toEqual(['BC01', 'BC02', 'BC03-A'])
    const loaded = await loadJuryWorkbook(bytes)
    expect(loaded.workbook.worksheets.map((ws) => [ws.name, ws.state])).toEqual([
      [METADATA_SHEET_NAME, 'veryHidden'],
      ['BC01 Analyser le système', 'visible'],
      ['BC02 Piloter un projet', 'visible'],
      ['BC03-A Cybersécurité', 'visible'],
    ])
  })

  it('leaves out capitalised blocs, and the option bloc when none is chosen (with a note)', async () => {
    const capitalised = await generate([candidate('c1', 'E001', { capitalisedBlocs: [{ blocCode: 'BC01' }] })])
    expect(capitalised.sheets.map((s) => s.blocCode)).toEqual(['BC02', 'BC03-A'])
    const noOption = await generate([candidate('c2', 'E002', { optionCode: null })])
    expect(noOption.sheets.map((s) => s.blocCode)).toEqual(['BC01', 'BC02'])
    expect(noOption.notes).toEqual(['NOM-E002 Camille (E002) : option non choisie, pas de fiche pour le bloc d’option.'])
  })

  it('shows the instructions, identity, compétences, modalités and critères in French', async () => {
    const { bytes } = await generate([candidate('c1', 'E001', { usageName: 'Dupont', firstNames: ['Camille', 'Marie'] })])
    const loaded = await loadJuryWorkbook(bytes)
    const texts = (name: string) => {
      const ws = loaded.workbook.getWorksheet(name)!
      const out: string[] = []
      ws.eachRow((row) => row.eachCell((cell) => out.push(String(cell.value))))
      return [...new Set(out)].join('\n')
    }
    const bc01 = texts('BC01 Analyser le système')
    expect(bc01).toContain('Fiche d’évaluation du jury — BC01 Analyser le système d’information')
    expect(bc01).toContain('Référentiel de test des fiches jury — titre RNCP de niveau 7 (RNCP00001) — référentiel version 1')
    expect(bc01).toContain('Session : Session de juin 2025 (Lyon) — jury prévu le 20/06/2025')
    expect(bc01).toContain('NOM-E001 (Dupont) Camille, Marie')
    expect(bc01).toMatch(/ACQ \(acquis\), PACQ \(partiellement acquis\) ou NACQ \(non acquis\)/)
    expect(bc01).toContain('=SOMME(A1:A3) ressemble à une formule')
    expect(bc01).toContain('Étude de cas')
    expect(bc01).toContain('Clarté des recommandations')
    expect(bc01).toContain('Membre du jury 1 (nom, qualité)')
    expect(bc01).toContain('Date de l’évaluation (JJ/MM/AAAA)')
    const bc02 = texts('BC02 Piloter un projet')
    expect(bc02).toContain('une note de 0 à 20 ou 10 (12,5 et 12.5 sont acceptés)')
    expect(bc02).toContain('Questionnaire (note sur 10)')
    expect(bc02).not.toContain('Modalités d’évaluation')
  })

  it('unlocks only the cells to fill, as text cells, and protects the sheet', async () => {
    const { bytes } = await generate([candidate('c1', 'E001')])
    const loaded = await loadJuryWorkbook(bytes)
    const { meta } = loaded.entries[0]!
    const ws = loaded.sheetOf(meta)
    const fillable = new Set([...meta.layout.criteres.flatMap((c) => [c.mark, c.comment]), ...meta.layout.members, meta.layout.date, meta.layout.visa])
    const unlocked: string[] = []
    ws.eachRow({ includeEmpty: true }, (row) =>
      row.eachCell({ includeEmpty: true }, (cell) => {
        if (cell.protection?.locked === false) unlocked.push(cell.address)
      }),
    )
    expect(new Set(unlocked)).toEqual(fillable)
    for (const c of meta.layout.criteres) expect(ws.getCell(c.mark).numFmt).toBe('@')
    expect(ws.getCell(meta.layout.date).numFmt).toBe('dd/mm/yyyy')
    expect((ws as unknown as { sheetProtection: { sheet: boolean } }).sheetProtection.sheet).toBe(true)
  })

  it('validates marks with the critère’s scale (a warning, so a reasonable variant can still be typed) and the date', async () => {
    const { bytes } = await generate([candidate('c1', 'E001')])
    const loaded = await loadJuryWorkbook(bytes)
    const [bc01, bc02] = loaded.entries.map((e) => e.meta)
    const rule = (meta: typeof bc01, address: string) => loaded.sheetOf(meta!).dataValidations.find(address)
    const list = rule(bc01, bc01!.layout.criteres[0]!.mark)
    expect(list).toMatchObject({ type: 'list', errorStyle: 'warning', formulae: ['"ACQ,PACQ,NACQ,ABS,EXC,ATT"'] })
    const custom = rule(bc02, bc02!.layout.criteres[2]!.mark)
    expect(custom).toMatchObject({ type: 'custom', errorStyle: 'warning' })
    expect(JSON.stringify(custom)).toContain('<=10')
    expect(rule(bc01, bc01!.layout.date)).toMatchObject({ type: 'date', operator: 'between' })
  })

  it('seals one metadata row per sheet with the key, with the template version', async () => {
    const signer = await testSigner()
    const { bytes, sheets } = await generate([candidate('c1', 'E001')])
    const loaded = await loadJuryWorkbook(bytes)
    expect(loaded.entries.map((e) => [e.meta.sheetId, e.meta.candidateId, e.meta.blocCode, e.meta.templateVersion])).toEqual(
      sheets.map((s) => [s.sheetId, 'c1', s.blocCode, JURY_TEMPLATE_VERSION]),
    )
    for (const { meta, checksum } of loaded.entries) {
      expect(checksum).toMatch(/^hmac-sha256:[0-9a-f]{64}$/)
      expect(await signer.verify(metadataPayload(meta), checksum)).toBe(true)
      expect(await signer.verify(metadataPayload({ ...meta, candidateId: 'c2' }), checksum)).toBe(false)
    }
  })

  it('gives a candidate and bloc of a session the same sheet id every time', async () => {
    const a = await generate([candidate('c1', 'E001')])
    const b = await generate([candidate('c1', 'E001'), candidate('c2', 'E002')], { mode: 'panel' })
    expect(b.sheets.filter((s) => s.candidateId === 'c1').map((s) => s.sheetId)).toEqual(a.sheets.map((s) => s.sheetId))
    expect(await jurySheetId('session-2', 'c1', 'BC01')).not.toBe(a.sheets[0]!.sheetId)
  })
})

describe('blank jury sheets for a panel', () => {
  it('holds one sheet per candidate for the bloc asked, in the French order of names, named after the candidate, names unique', async () => {
    const twins = [candidate('c1', 'E001', { birthName: 'Martin' }), candidate('c2', 'E002', { birthName: 'Martin' }), candidate('c3', 'E003', { birthName: 'Lefèvre-[Test]:*?' })]
    const { sheets } = await generate(twins, { mode: 'panel', blocCodes: ['BC02'] })
    expect(sheets.map((s) => [s.name, s.candidateId])).toEqual([
      ['BC02 LEFÈVRE- TEST Camille', 'c3'],
      ['BC02 MARTIN Camille', 'c1'],
      ['BC02 E002 MARTIN', 'c2'],
    ])
  })

  it('covers every candidate’s blocs when no bloc is asked, and skips candidates without one', async () => {
    const { sheets, notes } = await generate(
      [candidate('c1', 'E001'), candidate('c2', 'E002', { optionCode: 'BC03-B', capitalisedBlocs: [{ blocCode: 'BC01' }] })],
      { mode: 'panel' },
    )
    expect(sheets.map((s) => `${s.candidateId} ${s.blocCode}`)).toEqual(['c1 BC01', 'c1 BC02', 'c1 BC03-A', 'c2 BC02', 'c2 BC03-B'])
    const onlyOption = await generate([candidate('c1', 'E001'), candidate('c2', 'E002', { optionCode: 'BC03-B' })], { mode: 'panel', blocCodes: ['BC03-B'] })
    expect(onlyOption.sheets.map((s) => s.candidateId)).toEqual(['c2'])
    expect(onlyOption.notes).toEqual(['NOM-E001 Camille (E001) : aucun bloc à évaluer parmi ceux demandés (blocs capitalisés ou autre option).'])
    expect(notes).toEqual([])
  })

  it('refuses a request with no sheet or too many, in French', async () => {
    await expect(generate([candidate('c1', 'E001')], { blocCodes: ['BC09'] })).rejects.toThrow(JuryTemplateError)
    await expect(generate([candidate('c1', 'E001')], { blocCodes: ['BC09'] })).rejects.toThrow(/aucune fiche à générer/)
    const many = Array.from({ length: MAX_SHEETS_PER_FILE / 3 + 1 }, (_, i) => candidate(`c${i}`, `E${i}`))
    await expect(generate(many, { mode: 'panel' })).rejects.toThrow(`${(MAX_SHEETS_PER_FILE / 3 + 1) * 3} fiches demandées, au-delà de ${MAX_SHEETS_PER_FILE} par fichier`)
  })

  it('works with the seed référentiel (option D has fourteen critères)', async () => {
    const { sheets } = await generateJurySheets({
      session,
      referential: seedReferential,
      candidates: [candidate('c1', 'E001', { optionCode: 'BC05-D' })],
      mode: 'candidate',
      signer: await testSigner(),
    })
    expect(sheets.map((s) => s.blocCode)).toEqual(['BC01', 'BC02', 'BC03', 'BC04', 'BC05-D'])
  })
})

describe('shared/jury stays runnable in the Worker and the browser', () => {
  it('imports only zod and relative modules (excelts only through shared/xlsx.ts)', () => {
    const dir = new URL('../../../shared/jury/', import.meta.url)
    for (const file of readdirSync(dir)) {
      const source = readFileSync(new URL(file, dir), 'utf8')
      for (const [, specifier] of source.matchAll(/from '([^']+)'/g)) {
        if (specifier!.startsWith('.')) continue
        expect(['zod']).toContain(specifier)
      }
    }
  })
})
