import { describe, expect, it } from 'vitest'
import { juryIssue } from '../../../shared/jury/issues'
import type { ExtractedMark, ExtractedSheet, ParsedJuryFile } from '../../../shared/jury/parseJurySheets'
import { planJuryImport, type CurrentMark, type ImportState, type PlanCandidate } from '../../../shared/jury/planImport'
import { juryReferential } from './fixtures'

type Value = ExtractedMark['value']

function sheet(candidateId: string, blocCode: string, marks: Record<string, Value>, comments: Record<string, string> = {}, sheetName = blocCode): ExtractedSheet {
  return {
    file: '',
    sheetName,
    sheetId: `J-${candidateId}-${blocCode}`,
    candidateId,
    schoolId: candidateId.toUpperCase(),
    blocCode,
    identityCell: 'B8',
    marks: Object.fromEntries(Object.entries(marks).map(([code, value], i) => [code, { raw: value, cell: `C${30 + i}`, value }])),
    comments: Object.fromEntries(Object.entries(comments).map(([code, text]) => [code, { text, cell: 'D30' }])),
    jury: { members: ['Jury'], date: '2025-06-12', signed: false, visa: null },
  }
}

function file(name: string, sheets: ExtractedSheet[], hash = `hash-${name}`): ParsedJuryFile {
  return { file: name, hash, size: 1000, sheets: sheets.map((s) => ({ ...s, file: name })), errors: [], warnings: [] }
}

const candidates: PlanCandidate[] = [
  { id: 'e1', schoolId: 'E1', optionCode: 'BC03-A', capitalisedBlocCodes: [], rowVersion: 3 },
  { id: 'e2', schoolId: 'E2', optionCode: 'BC03-B', capitalisedBlocCodes: ['BC01'], rowVersion: 1 },
]

function mark(value: Value | null, source: 'manual' | 'import', comment: string | null = null): CurrentMark {
  return { value, comment, source, importBatchId: source === 'import' ? 'lot-1' : null, author: 'admin', updatedAt: '2025-06-01T10:00:00Z' }
}

function state(marks: Record<string, Record<string, CurrentMark>> = {}, extra: Partial<ImportState> = {}): ImportState {
  return {
    candidates: new Map(candidates.map((c) => [c.id, c])),
    marks: new Map(Object.entries(marks).map(([id, m]) => [id, new Map(Object.entries(m))])),
    blocOverrides: new Map(),
    certificationDecisions: new Map(),
    importedFiles: new Map(),
    ...extra,
  }
}

describe('planning a jury import against the grid', () => {
  it('classifies each mark: new in an empty cell, unchanged when equal, changed over an earlier import', () => {
    const plan = planJuryImport(
      [{ parsed: file('a.xlsx', [sheet('e1', 'BC01', { 'CR1.1': 'ACQ', 'CR1.2': 'PACQ', 'CR1.3': 'NACQ' })]) }],
      state({ e1: { 'CR1.2': mark('PACQ', 'manual'), 'CR1.3': mark('ACQ', 'import') } }),
      juryReferential,
    )
    expect(plan.changes.map((c) => [c.critereCode, c.kind, c.before?.value ?? null, c.after.value])).toEqual([
      ['CR1.1', 'new', null, 'ACQ'],
      ['CR1.3', 'changed', 'ACQ', 'NACQ'],
    ])
    expect(plan.totals).toMatchObject({ new: 1, changed: 1, unchanged: 1, conflicts: 0, files: 1, sheets: 1, errors: 0 })
    expect(plan.files[0]).toMatchObject({ status: 'ok', counts: { new: 1, changed: 1, unchanged: 1, conflicts: 0 } })
    expect(plan.writes).toEqual([{ candidateId: 'e1', rowVersion: 3, marks: { 'CR1.1': 'ACQ', 'CR1.3': 'NACQ' }, comments: {} }])
    expect(plan).toMatchObject({ committable: true, nothingToDo: false, fileHashes: ['hash-a.xlsx'] })
  })

  it('never overwrites a mark typed in the grid: a conflict blocks the commit unless the user keeps or replaces', () => {
    const inputs = [{ parsed: file('a.xlsx', [sheet('e1', 'BC02', { 'CR2.1': 12.5, 'CR2.2': 14 })]) }]
    const grid = state({ e1: { 'CR2.1': mark(11, 'manual') } })
    const fail = planJuryImport(inputs, grid, juryReferential)
    expect(fail.changes.find((c) => c.kind === 'conflict')).toMatchObject({
      critereCode: 'CR2.1',
      before: { value: 11, source: 'manual', author: 'admin' },
      after: { value: 12.5 },
      resolution: 'blocks',
      file: 'a.xlsx',
      sheet: 'BC02',
      cell: 'C30',
    })
    expect(fail.committable).toBe(false)
    const keep = planJuryImport(inputs, grid, juryReferential, 'keep')
    expect(keep).toMatchObject({ committable: true, writes: [{ marks: { 'CR2.2': 14 } }] })
    expect(keep.changes.find((c) => c.kind === 'conflict')?.resolution).toBe('kept')
    const replace = planJuryImport(inputs, grid, juryReferential, 'replace')
    expect(replace).toMatchObject({ committable: true, writes: [{ marks: { 'CR2.1': 12.5, 'CR2.2': 14 } }] })
  })

  it('fills a comment or a value next to what was typed only when that part is empty or equal', () => {
    const plan = planJuryImport(
      [{ parsed: file('a.xlsx', [sheet('e1', 'BC01', { 'CR1.1': 'ACQ', 'CR1.2': 'ACQ', 'CR1.3': 'ACQ' }, { 'CR1.1': 'Bien', 'CR1.2': 'Bien', 'CR1.3': 'Bien' })]) }],
      state({ e1: { 'CR1.1': mark('ACQ', 'manual'), 'CR1.2': mark('ACQ', 'manual', 'Moyen'), 'CR1.3': mark(null, 'manual', 'Bien') } }),
      juryReferential,
    )
    expect(plan.changes.map((c) => [c.critereCode, c.kind])).toEqual([
      ['CR1.1', 'changed'],
      ['CR1.2', 'conflict'],
      ['CR1.3', 'new'],
    ])
    expect(plan.writes[0]?.comments).toEqual({ 'CR1.1': 'Bien', 'CR1.3': 'Bien' })
  })

  it('takes identical sheets once and refuses contradictory ones, naming both', () => {
    const same = planJuryImport(
      [{ parsed: file('a.xlsx', [sheet('e1', 'BC01', { 'CR1.1': 'ACQ' })]) }, { parsed: file('b.xlsx', [sheet('e1', 'BC01', { 'CR1.1': 'ACQ' }, {}, 'Copie')]) }],
      state(),
      juryReferential,
    )
    expect(same).toMatchObject({ committable: true, totals: { new: 1 } })
    expect(same.warnings.map((w) => w.message)).toEqual([
      'b.xlsx, feuille « Copie » : même candidat (E1) et même bloc (BC01) que la feuille « BC01 » de a.xlsx, avec les mêmes évaluations : prise en compte une seule fois.',
    ])
    const different = planJuryImport(
      [
        { parsed: file('a.xlsx', [sheet('e1', 'BC01', { 'CR1.1': 'ACQ', 'CR1.2': 'ACQ' })]) },
        { parsed: file('b.xlsx', [sheet('e1', 'BC01', { 'CR1.1': 'NACQ', 'CR1.2': 'ACQ' }, {}, 'Copie')]) },
      ],
      state(),
      juryReferential,
    )
    expect(different.errors.map((e) => e.message)).toEqual([
      'a.xlsx, feuille « BC01 » : même candidat (E1) et même bloc (BC01) que la feuille « Copie » de b.xlsx, mais avec des évaluations différentes (CR1.1 : ACQ ici, NACQ là) : gardez une seule version (excluez l’autre fichier ou corrigez-le).',
      'b.xlsx, feuille « Copie » : même candidat (E1) et même bloc (BC01) que la feuille « BC01 » de a.xlsx, mais avec des évaluations différentes (CR1.1 : NACQ ici, ACQ là) : gardez une seule version (excluez l’autre fichier ou corrigez-le).',
    ])
    expect(different).toMatchObject({ committable: false, writes: [], changes: [] })
    expect(different.files.map((f) => f.status)).toEqual(['error', 'error'])
  })

  it('says a file was already imported and plans nothing for it', () => {
    const plan = planJuryImport(
      [{ parsed: file('a.xlsx', [sheet('e1', 'BC01', { 'CR1.1': 'ACQ' })], 'h1') }, { parsed: file('a-copie.xlsx', [sheet('e1', 'BC01', { 'CR1.1': 'ACQ' })], 'h1') }],
      state({}, { importedFiles: new Map([['h1', { batchId: 'lot-7', importedAt: '2025-06-14T09:00:00.000Z', file: 'a.xlsx' }]]) }),
      juryReferential,
    )
    expect(plan.files.map((f) => f.status)).toEqual(['already_imported', 'already_imported'])
    expect(plan.warnings[0]?.message).toBe('a.xlsx : déjà importé le 14/06/2025 à 11 h 00 (fichier « a.xlsx ») : rien à faire.')
    expect(plan).toMatchObject({ nothingToDo: true, committable: true, writes: [], fileHashes: [] })
  })

  it('counts a file sent twice in one upload once', () => {
    const plan = planJuryImport(
      [{ parsed: file('a.xlsx', [sheet('e1', 'BC01', { 'CR1.1': 'ACQ' })], 'h1') }, { parsed: file('a (2).xlsx', [sheet('e1', 'BC01', { 'CR1.1': 'ACQ' })], 'h1') }],
      state(),
      juryReferential,
    )
    expect(plan.files.map((f) => f.status)).toEqual(['ok', 'duplicate_file'])
    expect(plan).toMatchObject({ totals: { new: 1 }, fileHashes: ['h1'] })
  })

  it('refuses sheets for an unknown candidate, a capitalised bloc or another option, at the identity cell', () => {
    const plan = planJuryImport(
      [{ parsed: file('a.xlsx', [sheet('ghost', 'BC01', { 'CR1.1': 'ACQ' }), sheet('e2', 'BC01', { 'CR1.1': 'ACQ' }), sheet('e2', 'BC03-A', { 'CR3A.1': 'ACQ' })]) }],
      state(),
      juryReferential,
    )
    expect(plan.errors.map((e) => [e.code, e.cell, e.message])).toEqual([
      ['unknown_candidate', 'B8', 'a.xlsx, feuille « BC01 », cellule B8 : candidat « GHOST » inconnu dans cette session (supprimé depuis la génération de la fiche ?) : rien ne peut être importé pour lui.'],
      ['bloc_not_for_candidate', 'B8', 'a.xlsx, feuille « BC01 », cellule B8 : le bloc BC01 est capitalisé pour le candidat E2 : il n’est pas évalué dans cette session.'],
      ['bloc_not_for_candidate', 'B8', 'a.xlsx, feuille « BC03-A », cellule B8 : la fiche porte sur l’option BC03-A, or le candidat E2 a choisi l’option BC03-B.'],
    ])
    expect(plan.committable).toBe(false)
  })

  it('warns about jury decisions already taken for the candidate', () => {
    const plan = planJuryImport(
      [{ parsed: file('a.xlsx', [sheet('e1', 'BC01', { 'CR1.1': 'ACQ' })]) }],
      state({}, { blocOverrides: new Map([['e1', new Map([['BC01', 'ADJ']])]]), certificationDecisions: new Map([['e1', 'ADMIS']]) }),
      juryReferential,
    )
    expect(plan.warnings.map((w) => w.message)).toEqual([
      'a.xlsx, feuille « BC01 » : le candidat E1 a déjà une décision du jury sur le bloc BC01 (ADJ) : elle reste en place ; vérifiez-la après l’import.',
      'a.xlsx, feuille « BC01 » : le candidat E1 a déjà une décision de certification (ADMIS) : vérifiez-la après l’import.',
    ])
    expect(plan.committable).toBe(true)
  })

  it('leaves excluded files out entirely: their errors no longer block the others', () => {
    const bad: ParsedJuryFile = { ...file('bad.xlsx', []), errors: [juryIssue('file_empty', { file: 'bad.xlsx' }, 'fichier vide')] }
    const plan = planJuryImport([{ parsed: bad, excluded: true }, { parsed: file('a.xlsx', [sheet('e1', 'BC01', { 'CR1.1': 'ACQ' })]) }], state(), juryReferential)
    expect(plan.files.map((f) => [f.file, f.status])).toEqual([
      ['bad.xlsx', 'excluded'],
      ['a.xlsx', 'ok'],
    ])
    expect(plan).toMatchObject({ committable: true, totals: { excluded: 1, errors: 0, new: 1 } })
    const included = planJuryImport([{ parsed: bad }, { parsed: file('a.xlsx', [sheet('e1', 'BC01', { 'CR1.1': 'ACQ' })]) }], state(), juryReferential)
    expect(included).toMatchObject({ committable: false, writes: [], totals: { errors: 1 } })
  })

  it('has nothing to do when every mark is already in the grid', () => {
    const plan = planJuryImport(
      [{ parsed: file('a.xlsx', [sheet('e1', 'BC02', { 'CR2.1': 12.5 })]) }],
      state({ e1: { 'CR2.1': mark(12.5, 'import') } }),
      juryReferential,
    )
    expect(plan).toMatchObject({ nothingToDo: true, committable: true, totals: { unchanged: 1 }, changes: [] })
  })
})
