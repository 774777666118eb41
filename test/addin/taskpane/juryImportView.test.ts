import { describe, expect, it } from 'vitest'
import type { JuryImportAnswer, JuryImportBatch, PublicImportPlan } from '../../../addin/src/api/juryImports'
import { fr } from '../../../addin/src/i18n/fr'
import {
  answerOfRefusal,
  batchLines,
  commitGate,
  conflictHeading,
  conflictRows,
  formatLocalDateTime,
  importWarnings,
  refusalLines,
  sheetSummary,
  undoTargetOfCommit,
} from '../../../addin/src/taskpane/juryImportView'
import type { MarkChange } from '../../../shared/jury/planImport'

/** Dates in UTC, so the expectations do not depend on the machine's time zone. */
const utc = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'short', timeStyle: 'short', timeZone: 'UTC' })
const formatDate = (iso: string) => utc.format(new Date(iso))

const conflict: MarkChange = {
  kind: 'conflict',
  candidateId: 'c-402',
  schoolId: 'E402',
  blocCode: 'BC02',
  critereCode: 'CR2.1',
  file: 'fiche-E402.xlsx',
  sheet: 'BC02 Piloter un projet',
  cell: 'C14',
  before: { value: 10, comment: null, source: 'manual', author: 'marie@ecole.fr', updatedAt: '2026-06-12T08:30:00.000Z' },
  after: { value: 12.5, comment: 'Dossier solide' },
  resolution: 'blocks',
}

const newMark: MarkChange = {
  ...conflict,
  kind: 'new',
  critereCode: 'CR2.2',
  cell: 'C15',
  before: null,
  after: { value: 14, comment: null },
  resolution: undefined,
}

function plan(overrides: Partial<PublicImportPlan> = {}): PublicImportPlan {
  return {
    policy: 'fail',
    files: [
      { file: 'fiche-E402.xlsx', hash: 'h1', size: 100, status: 'ok', sheets: 1, blankSheets: 0, counts: { new: 1, changed: 0, unchanged: 0, conflicts: 1 }, errors: [], warnings: [], sheetStatuses: [] },
    ],
    totals: { new: 1, changed: 0, unchanged: 0, conflicts: 1, files: 1, sheets: 1, errors: 0, warnings: 0, excluded: 0, alreadyImported: 0 },
    changes: [conflict, newMark],
    errors: [],
    warnings: [],
    fileHashes: ['h1'],
    committable: false,
    nothingToDo: false,
    ...overrides,
  }
}

function answer(p: PublicImportPlan, extra: Partial<JuryImportAnswer> = {}): JuryImportAnswer {
  return { dryRun: true, sessionStatus: 'open', unmatchedExcludes: [], previewToken: 'p'.repeat(64), plan: p, ...extra }
}

/** The plan the Worker answers for the same files under `keep` or `replace`. */
function resolved(policy: 'keep' | 'replace'): PublicImportPlan {
  return plan({ policy, committable: true, changes: [{ ...conflict, resolution: policy === 'keep' ? 'kept' : 'replaced' }, newMark] })
}

describe('conflict rows', () => {
  it('list each conflict with its file, sheet, cell, candidate, bloc and critère, the grid’s value and the sheet’s', () => {
    expect(conflictRows(plan(), formatDate)).toEqual([
      {
        key: 'fiche-E402.xlsx|BC02 Piloter un projet|C14|c-402|CR2.1',
        file: 'fiche-E402.xlsx',
        sheet: 'BC02 Piloter un projet',
        cell: 'C14',
        schoolId: 'E402',
        blocCode: 'BC02',
        critereCode: 'CR2.1',
        grid: '10',
        gridAuthor: 'marie@ecole.fr',
        gridUpdatedAt: '12/06/2026 08:30',
        sheetValue: '12,5 — « Dossier solide »',
        resolution: 'blocks',
      },
    ])
  })

  it('say what the commit will do with them once the dry run ran under the chosen policy', () => {
    expect(conflictRows(resolved('keep')).map((row) => row.resolution)).toEqual(['kept'])
    expect(conflictRows(resolved('replace')).map((row) => row.resolution)).toEqual(['replaced'])
  })

  it('count every conflict from the totals when the Worker listed only the first 1,000, and say so', () => {
    const many = plan({ totals: { ...plan().totals, conflicts: 1_500 } })
    expect(conflictHeading(many, 1_000)).toEqual({
      title: '1\u202f500 notes de la grille en conflit avec les fiches',
      firstListed: 'Les 1\u202f000 premières sont listées ci-dessous\u00a0; votre choix vaut pour toutes.',
    })
    expect(conflictHeading(plan(), 1)).toEqual({ title: '1 note de la grille en conflit avec les fiches', firstListed: null })
  })

  it('read in French in the pane', () => {
    const [row] = conflictRows(plan(), formatDate)
    expect(fr.juryImport.conflicts.grid(row!.grid, row!.gridAuthor, row!.gridUpdatedAt)).toBe('Grille : 10 (saisie par marie@ecole.fr le 12/06/2026 08:30)')
    expect(fr.juryImport.conflicts.sheet(row!.sheetValue)).toBe('Fiche : 12,5 — « Dossier solide »')
    expect(fr.juryImport.conflicts.heading(row!.schoolId, row!.blocCode, row!.critereCode)).toBe('E402 · BC02 · CR2.1')
    expect(fr.juryImport.conflicts.resolution[row!.resolution]).toBe('À choisir.')
  })
})

describe('mark values', () => {
  it('are written the French way, with the comment when there is one', () => {
    expect([fr.juryImport.value(null), fr.juryImport.value('ACQ'), fr.juryImport.value(7.25), fr.juryImport.value('NACQ', 'À revoir')]).toEqual([
      '(vide)',
      'ACQ',
      '7,25',
      'NACQ — « À revoir »',
    ])
  })
})

describe('warnings', () => {
  it('put the jury decisions already taken apart from the other remarks', () => {
    const decision = {
      code: 'jury_decision' as const,
      file: 'f.xlsx',
      message: 'f.xlsx, feuille « BC01 » : le candidat E405 a déjà une décision du jury sur le bloc BC01 (ADJ) : elle reste en place ; vérifiez-la après l’import.',
    }
    const blank = { code: 'blank_sheet' as const, file: 'f.xlsx', message: 'f.xlsx, feuille « BC02 » : feuille vierge, ignorée.' }

    expect(importWarnings(plan({ warnings: [blank, decision] }))).toEqual({ decisions: [decision.message], others: ['f.xlsx : 1 fiche vierge ignorée.'] })
  })

  it('groups blank sheets per file: 143 blank sheets give one line, not 143', () => {
    const blanks = Array.from({ length: 143 }, (_, i) => ({ code: 'blank_sheet' as const, file: 'panel.xlsx', message: `panel.xlsx, feuille « F${i} » : fiche vierge, ignorée.` }))
    const other = { code: 'sheet_missing' as const, file: 'panel.xlsx', message: 'panel.xlsx : la fiche « X » a été retirée du classeur.' }
    expect(importWarnings(plan({ warnings: [...blanks.slice(0, 70), other, ...blanks.slice(70)] })).others).toEqual([
      'panel.xlsx : 143 fiches vierges ignorées.',
      other.message,
    ])
  })
})

describe('what became of each sheet of a file', () => {
  const file = (statuses: Array<{ sheet: string; status: 'valid' | 'error' | 'blank' | 'no_marks'; marks: number }>) => ({
    file: 'panel.xlsx',
    hash: 'h',
    size: 1,
    status: 'error' as const,
    sheets: 0,
    blankSheets: 0,
    counts: { new: 0, changed: 0, unchanged: 0, conflicts: 0 },
    errors: [],
    warnings: [],
    sheetStatuses: statuses,
  })

  it('keeps the valid sheets and their marks in sight when one sheet of a 146-sheet workbook is incomplete', () => {
    const statuses = [
      { sheet: 'BC02 DUPONT Léa', status: 'error' as const, marks: 0 },
      { sheet: 'BC02 MARTIN Jo', status: 'valid' as const, marks: 3 },
      { sheet: 'BC02 PETIT Max', status: 'valid' as const, marks: 2 },
      ...Array.from({ length: 143 }, (_, i) => ({ sheet: `B${i}`, status: 'blank' as const, marks: 0 })),
    ]
    const summary = sheetSummary(file(statuses))
    expect(summary).toEqual({ valid: 2, marks: 5, inError: ['BC02 DUPONT Léa'], ignored: 143 })
    expect(fr.juryImport.sheetSummary(summary!)).toBe('2 fiches valides (5 notes lues) · 1 en erreur : « BC02 DUPONT Léa » · 143 ignorées (vierges ou sans note)')
    expect(sheetSummary(file([]))).toBeNull()
  })
})

describe('the commit button', () => {
  it('stays disabled until the user chose what to do with the conflicts: the default is to refuse them', () => {
    expect(commitGate(answer(plan()), [], null)).toEqual({ allowed: false, reason: 'choose_conflicts' })
  })

  it('waits for a dry run under the chosen policy, so the user saw what will happen', () => {
    expect(commitGate(answer(plan()), [], 'keep')).toEqual({ allowed: false, reason: 'preview_outdated' })
    expect(commitGate(answer(resolved('keep')), [], 'replace')).toEqual({ allowed: false, reason: 'preview_outdated' })
  })

  it('commits with the chosen policy once previewed with it', () => {
    expect(commitGate(answer(resolved('keep')), [], 'keep')).toEqual({ allowed: true, policy: 'keep' })
    expect(commitGate(answer(resolved('replace')), [], 'replace')).toEqual({ allowed: true, policy: 'replace' })
  })

  it('commits with fail when there is no conflict, so one typed meanwhile is refused, not overwritten', () => {
    const clean = plan({ changes: [newMark], committable: true, policy: 'replace' })
    expect(commitGate(answer(clean), [], null)).toEqual({ allowed: true, policy: 'fail' })
    expect(commitGate(answer(clean), [], 'replace')).toEqual({ allowed: true, policy: 'fail' })
  })

  it('is disabled without a preview, with errors, in a session no longer open, or with nothing to write', () => {
    const error = { code: 'invalid_mark' as const, file: 'f.xlsx', message: 'f.xlsx : note invalide.' }
    expect(commitGate(null, [], null)).toEqual({ allowed: false, reason: 'no_preview' })
    expect(commitGate(answer(resolved('keep')), [], 'keep')).toMatchObject({ allowed: true })
    expect(commitGate(answer({ ...resolved('keep'), errors: [error], committable: false }), [], 'keep')).toEqual({ allowed: false, reason: 'errors' })
    expect(commitGate(answer(resolved('keep'), { sessionStatus: 'deliberated' }), [], 'keep')).toEqual({ allowed: false, reason: 'session_not_open' })
    expect(commitGate(answer({ ...resolved('keep'), nothingToDo: true }), [], 'keep')).toEqual({ allowed: false, reason: 'nothing_to_do' })
  })

  it('asks for a new preview when the exclusions changed since', () => {
    const withExcluded = resolved('keep')
    withExcluded.files = [...withExcluded.files, { ...withExcluded.files[0]!, file: 'mauvais.xlsx', status: 'excluded' }]
    expect(commitGate(answer(withExcluded), ['mauvais.xlsx'], 'keep')).toEqual({ allowed: true, policy: 'keep' })
    expect(commitGate(answer(withExcluded), [], 'keep')).toEqual({ allowed: false, reason: 'exclusions_changed' })
    expect(commitGate(answer(resolved('keep')), ['autre.xlsx'], 'keep')).toEqual({ allowed: false, reason: 'exclusions_changed' })
  })
})

describe('a refused commit', () => {
  it('carries the plan as it stands now, which replaces the stale preview', () => {
    const details = { conflicts: [conflict], sessionStatus: 'open', unmatchedExcludes: ['absent.xlsx'], previewToken: 't'.repeat(64), plan: plan() }
    expect(answerOfRefusal(details)).toEqual({ dryRun: true, sessionStatus: 'open', unmatchedExcludes: ['absent.xlsx'], previewToken: 't'.repeat(64), plan: plan() })
  })

  it('without a plan (rows changed meanwhile, session locked) leaves the preview alone', () => {
    expect(answerOfRefusal({ reason: 'stale_rows' })).toBeNull()
    expect(answerOfRefusal(null)).toBeNull()
    expect(answerOfRefusal('texte')).toBeNull()
  })
})

describe('refusal lines', () => {
  it('list the located issues of a refused import', () => {
    expect(refusalLines({ issues: [{ path: 'files["a.xlsx"]', message: 'a.xlsx, feuille BC01, cellule C7 : note invalide.' }] })).toEqual([
      'a.xlsx, feuille BC01, cellule C7 : note invalide.',
    ])
  })

  it('list the marks changed since a batch whose undo was refused, with both values, who and when', () => {
    const changed = [{ candidateId: 'c-1', schoolId: 'E407', critereCode: 'CR1.2', imported: 'PACQ', current: 12.5, changedBy: 'admin', changedAt: '2026-06-12T09:05:00.000Z' }]
    expect(refusalLines({ changed }, formatDate)).toEqual(['E407 CR1.2 : importée PACQ, maintenant 12,5 (par admin le 12/06/2026 09:05)'])
  })

  it('are empty for any other details', () => {
    expect([refusalLines(null), refusalLines({ batchId: 'b-1' }), refusalLines('texte')]).toEqual([[], [], []])
  })
})

function batch(id: string, overrides: Partial<JuryImportBatch> = {}): JuryImportBatch {
  return {
    id,
    createdAt: '2026-06-12T08:00:00.000Z',
    createdBy: 'marie@ecole.fr',
    createdByName: 'Marie Dupont',
    undoneAt: null,
    summary: {
      files: [{ file: `${id}.xlsx`, hash: id, sheets: 1, new: 3, changed: 0, conflicts: 0 }],
      totals: { files: 1, sheets: 1, new: 3, changed: 0, unchanged: 0, conflicts: 0 },
      policy: 'fail',
      marks: 3,
    },
    liveMarks: 3,
    ...overrides,
  }
}

describe('recent batches', () => {
  it('show date, author, files, marks written and status, with an undo for those still in place', () => {
    const undone = batch('b-2', { undoneAt: '2026-06-12T10:15:00.000Z', liveMarks: 0 })
    const { lines, hidden } = batchLines([batch('b-3'), undone], { canUndo: true, formatDate })

    expect(hidden).toBe(0)
    expect(lines).toEqual([
      {
        batchId: 'b-3',
        createdAt: '12/06/2026 08:00',
        author: 'Marie Dupont',
        files: 'b-3.xlsx',
        marks: 3,
        marksText: '3 notes écrites',
        undone: false,
        status: 'En place',
        canUndo: true,
      },
      {
        batchId: 'b-2',
        createdAt: '12/06/2026 08:00',
        author: 'Marie Dupont',
        files: 'b-2.xlsx',
        marks: 3,
        marksText: '3 notes écrites',
        undone: true,
        status: 'Annulé le 12/06/2026 10:15',
        canUndo: false,
      },
    ])
  })

  it('offer no undo to a user who may not import', () => {
    expect(batchLines([batch('b-1')], { canUndo: false }).lines[0]?.canUndo).toBe(false)
  })

  it('say how many marks are still the batch’s when some changed since', () => {
    expect(batchLines([batch('b-1', { liveMarks: 1 })], { canUndo: true }).lines[0]?.marksText).toBe('3 notes écrites, 1 encore en place')
  })

  it('name three files at most, and keep the list short', () => {
    const many = batch('b-9', {
      summary: { ...batch('b-9').summary, files: ['a', 'b', 'c', 'd', 'e'].map((name) => ({ file: `${name}.xlsx`, hash: name, sheets: 1, new: 1, changed: 0, conflicts: 0 })) },
    })
    const { lines, hidden } = batchLines([many, ...Array.from({ length: 6 }, (_, i) => batch(`b-${i}`))], { canUndo: true, limit: 5 })

    expect(lines[0]?.files).toBe('a.xlsx, b.xlsx, c.xlsx et 2 autres')
    expect(lines).toHaveLength(5)
    expect(hidden).toBe(2)
    expect(fr.juryImport.batches.more(hidden)).toBe('… et 2 imports plus anciens.')
  })
})

describe('undoing the batch just written', () => {
  const committed = answer(resolved('keep'), { dryRun: false, batch: { id: 'b-new', summary: { marks: 1 } }, message: '1 note importée depuis 1 fichier (lot b-new).' })

  it('names the batch as the list shows it', () => {
    const { lines } = batchLines([batch('b-new')], { canUndo: true, formatDate })
    expect(undoTargetOfCommit(committed, lines[0])).toBe(lines[0])
  })

  it('names it from the commit’s answer while the list is not there', () => {
    expect(undoTargetOfCommit(committed, undefined)).toEqual({ batchId: 'b-new', marks: 1, files: 'fiche-E402.xlsx', createdAt: null })
  })

  it('is not offered when the commit wrote nothing', () => {
    expect(undoTargetOfCommit({ ...committed, batch: null }, undefined)).toBeNull()
  })

  it('is confirmed with what will be removed', () => {
    expect(fr.juryImport.undoConfirm(1, 'fiche-E402.xlsx', '12/06/2026 08:00')).toBe(
      '1 note écrite par cet import du 12/06/2026 08:00 (fiche-E402.xlsx) sera remise comme avant l’import : vide si elle l’était, sinon avec la valeur précédente. ' +
        'Si l’une de ces notes a été modifiée depuis, le serveur refusera l’annulation et rien ne changera.',
    )
  })
})

describe('dates', () => {
  it('fall back to the server’s text when it is not a date', () => {
    expect(formatLocalDateTime('pas une date')).toBe('pas une date')
  })
})
