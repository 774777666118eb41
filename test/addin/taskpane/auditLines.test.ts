/**
 * The Journal's wording: each audit event the Worker writes becomes French lines (date, author,
 * action, candidate, key details); an unknown action or an unexpected details shape still shows.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { fr } from '../../../addin/src/i18n/fr'
import { auditEventLines, candidateChoices, candidateLabel, type AuditEventInput } from '../../../addin/src/taskpane/auditLines'

const LEA = 'c0ffee00-0000-4000-8000-000000000001'
const candidates = new Map([[LEA, 'MARTIN Léa (E001)']])

function event(action: string, details: unknown, extra: Partial<AuditEventInput> = {}): AuditEventInput {
  return { id: 7, at: '2026-06-12T12:03:27.123Z', actor: 'marie.dupont@ecole.fr', action, candidateId: null, details, ...extra }
}

const linesOf = (action: string, details: unknown, extra: Partial<AuditEventInput> = {}) =>
  auditEventLines(event(action, details, extra), { candidates })

/** Every audit action code written by the Worker's sources (audit statements, SQL inserts, import kinds). */
function workerAuditActions(): string[] {
  const files: string[] = []
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name)
      if (statSync(path).isDirectory()) walk(path)
      else if (path.endsWith('.ts')) files.push(path)
    }
  }
  walk(fileURLToPath(new URL('../../../worker', import.meta.url)))
  const patterns = [
    /\baction\s*[:=]\s*'([^']+)'/g,
    /INSERT INTO audit_event[^`]*?SELECT \?1, '([^']+)'/g,
    /upsertCandidates\([^;]*?'([a-z]+\.[A-Za-z.]+)'\)/g,
  ]
  const codes = new Set<string>()
  for (const file of files) {
    const source = readFileSync(file, 'utf8')
    for (const pattern of patterns) for (const match of source.matchAll(pattern)) codes.add(match[1] as string)
  }
  return [...codes].sort()
}

describe('auditEventLines', () => {
  it('dates in French in Europe/Paris, names the author by the name the Worker gives and words the action', () => {
    expect(linesOf('session.finalise', { pvVersion: 2, contentHash: 'abc', counts: {} }, { actorName: 'Marie Dupont' })).toEqual({
      id: 7,
      when: '12/06/2026 à 14 h 03',
      actor: 'Marie Dupont',
      action: 'Délibération finalisée',
      candidate: null,
      details: ['PV version 2'],
    })
  })

  it('has a French label for every action code the Worker writes', () => {
    const codes = workerAuditActions()
    // The scan must see the Worker's three ways of writing an event, or it proves nothing.
    expect(codes).toEqual(expect.arrayContaining(['session.create', 'grades.update', 'bloc.override', 'candidate.import']))
    expect(codes.filter((code) => fr.audit.actions[code] === undefined)).toEqual([])
  })

  it('shows an unknown action code as is, with its details in short', () => {
    const lines = linesOf('future.thing', { a: 1, b: 'x'.repeat(300) })
    expect(lines.action).toBe('future.thing')
    expect(lines.details).toHaveLength(1)
    expect(lines.details[0]).toMatch(/^\{"a":1,"b":"x+…$/)
    expect(lines.details[0]).toHaveLength(200)
  })

  it('names the break-glass administrator and API tokens in French', () => {
    expect(linesOf('candidate.export', null, { actor: 'admin' }).actor).toBe('Administrateur (jeton de secours)')
    expect(linesOf('candidate.export', null, { actor: 'token:import-nuit' }).actor).toBe('jeton d’API « import-nuit »')
    expect(linesOf('candidate.export', null, { actor: 'seed' }).actor).toBe('import initial')
    // Without a name from the Worker (an older answer), a user is shown by their email, never by a role key.
    expect(linesOf('candidate.export', null).actor).toBe('marie.dupont@ecole.fr')
  })

  it('dates a winter event at UTC+1', () => {
    expect(linesOf('candidate.export', null, { at: '2026-01-15T23:30:00Z' }).when).toBe('16/01/2026 à 00 h 30')
  })

  it('names the candidate concerned, or shows the id of one no longer in the session', () => {
    expect(linesOf('candidate.delete', null, { candidateId: LEA }).candidate).toBe('Candidat : MARTIN Léa (E001)')
    expect(linesOf('candidate.delete', null, { candidateId: 'efface-42' }).candidate).toBe('Candidat : efface-42')
  })

  it('lists the marks and jury decisions of a grade change, with its reason', () => {
    const details = {
      source: 'manual',
      importBatchId: null,
      reason: 'Saisie après le jury',
      marks: { 'CR1.1': 'ACQ', 'CR1.2': 12.5, 'CR1.3': null },
      decisions: { BC01: { code: 'ADJ', reason: 'Stage remarquable' }, BC02: { code: null, reason: null } },
    }
    expect(linesOf('grades.update', details, { candidateId: LEA })).toMatchObject({
      action: 'Notes et décisions enregistrées',
      candidate: 'Candidat : MARTIN Léa (E001)',
      details: [
        'Notes : CR1.1 = ACQ, CR1.2 = 12,5, CR1.3 = (vide)',
        'Décision BC01 : ADJ — Stage remarquable',
        'Décision BC02 retirée',
        'Motif : Saisie après le jury',
      ],
    })
  })

  it('shows each mark change as « ancienne → nouvelle valeur » when the event kept the old one', () => {
    const details = { marks: { 'CR1.1': 'ACQ', 'CR1.2': null, 'CR1.3': 14 }, previous: { 'CR1.1': 'PACQ', 'CR1.2': 12.5, 'CR1.3': null }, decisions: {}, reason: null }
    expect(linesOf('grades.update', details).details).toEqual(['Notes\u00a0: CR1.1\u00a0: PACQ → ACQ, CR1.2\u00a0: 12,5 → (vide), CR1.3\u00a0: (vide) → 14'])
  })

  it('shortens a long list of marks', () => {
    const marks = Object.fromEntries(Array.from({ length: 9 }, (_, i) => [`CR${i + 1}`, 'ACQ']))
    expect(linesOf('grades.update', { marks, decisions: {}, reason: null }).details).toEqual([
      'Notes : CR1 = ACQ, CR2 = ACQ, CR3 = ACQ, CR4 = ACQ, CR5 = ACQ, CR6 = ACQ et 3 autres',
    ])
  })

  it('gives the key details of each kind of change', () => {
    const cases: Array<[string, unknown, string[]]> = [
      ['session.create', { referentialId: 'rncp-123-v1', name: 'Session de juin' }, ['Nom : Session de juin', 'Référentiel : rncp-123-v1']],
      ['session.update', { version: 3, name: 'Juin', juryDate: '2026-06-30' }, ['Modifié : nom, date du jury']],
      ['candidate.create', { schoolId: 'E001' }, ['Identifiant école : E001']],
      ['candidate.import', { created: 28, updated: 1, unchanged: 0 }, ['28 créés · 1 modifié · 0 inchangé']],
      ['bloc.override', { blocCode: 'BC03', code: 'NADJ', reason: 'Absence' }, ['Décision BC03 : NADJ — Absence']],
      ['jury.update', { members: [{ name: 'Mme Claire Dumas' }, { name: 'M. Paul Roy' }] }, ['Membres : Mme Claire Dumas, M. Paul Roy']],
      ['session.amend', { amendedPvVersion: 1, reason: 'Erreur de saisie' }, ['PV version 1 rouvert', 'Motif : Erreur de saisie']],
      ['jury_import.commit', { batchId: 'lot-9', totals: { files: 2 }, marks: 14 }, ['2 fichiers, 14 notes']],
      ['jury_import.undo', { batchId: 'lot-9', restored: 1, cells: [] }, ['1 note rétablie']],
      ['document.attestation', { pvVersion: 2, blocs: ['BC01', 'BC02'] }, ['PV version 2', 'Blocs : BC01, BC02']],
      ['document.cdc', { idFlux: 'f', pvVersion: 2, holders: ['a', 'b', 'c'] }, ['PV version 2', '3 titulaires']],
      ['candidate.erase', { mode: 'anonymised', reason: 'Demande RGPD', pvVersions: [1] }, ['Anonymisé', 'Motif : Demande RGPD']],
      ['candidate.erase', { mode: 'deleted', reason: 'Doublon' }, ['Supprimé', 'Motif : Doublon']],
      [
        'user.sessionRole.set',
        { userId: 'u1', email: 'paul@ecole.fr', role: 'assessor', previousRole: 'reader' },
        ['paul@ecole.fr : évaluateur (avant : lecteur)'],
      ],
      ['user.sessionRole.remove', { userId: 'u1', email: 'paul@ecole.fr', previousRole: 'manager' }, ['paul@ecole.fr : rôle responsable de certification retiré']],
      [
        'token.create',
        { tokenId: 't', name: 'ci', role: 'reader', sessionId: 's', expiresAt: '2026-09-10T08:00:00.000Z' },
        ['Jeton « ci » · lecteur · expire le 10/09/2026'],
      ],
      ['token.revoke', { tokenId: 't', name: 'ci' }, ['Jeton « ci »']],
      ['candidate.export', null, []],
    ]
    for (const [action, details, expected] of cases) {
      expect(linesOf(action, details).details, action).toEqual(expected)
    }
  })

  it('still shows an event whose details are missing or of another shape', () => {
    expect(linesOf('grades.update', null).details).toEqual([])
    expect(linesOf('session.amend', 'texte').details).toEqual([])
    expect(linesOf('jury.update', { members: 'pas une liste' }).details).toEqual(['Aucun membre'])
    expect(linesOf('token.create', { name: 42 }).details).toEqual(['Jeton « ? »'])
    expect(linesOf('session.create', {}, { at: 'pas une date' }).when).toBe('pas une date')
  })
})

describe('candidateLabel', () => {
  it('reads as the grid’s « Nom » column: the usage name with the birth name in brackets, else the birth name, then the first first name and school id', () => {
    expect(candidateLabel({ birthName: 'MARTIN', firstNames: ['Léa', 'Marie'], schoolId: 'E001' })).toBe('MARTIN Léa (E001)')
    expect(candidateLabel({ birthName: 'ANONYMISÉ', firstNames: [], schoolId: 'E002' })).toBe('ANONYMISÉ (E002)')
    expect(candidateLabel({ birthName: 'ZIDANE', usageName: 'ABADIE', firstNames: ['Inès'], schoolId: 'E003' })).toBe('ABADIE (ZIDANE) Inès (E003)')
  })
})

describe('candidateChoices', () => {
  it('lists the Journal’s candidates in the French order of names: « de La Rochefoucauld » under L, before TRAORÉ', () => {
    const choices = candidateChoices([
      { id: '1', birthName: 'TRAORÉ', firstNames: ['Awa'], schoolId: 'E1' },
      { id: '2', birthName: 'de La Rochefoucauld', firstNames: ['Anne'], schoolId: 'E2' },
      { id: '3', birthName: 'émery', firstNames: ['Jean'], schoolId: 'E3' },
      { id: '4', birthName: 'ZIDANE', usageName: 'Abadie', firstNames: ['Inès'], schoolId: 'E4' },
    ])
    expect(choices.map((c) => c.label)).toEqual(['Abadie (ZIDANE) Inès (E4)', 'émery Jean (E3)', 'de La Rochefoucauld Anne (E2)', 'TRAORÉ Awa (E1)'])
  })

  it('reads the name as the grid shows it: the usage name, the birth name in brackets', () => {
    expect(candidateLabel({ birthName: 'MARTIN', usageName: 'DUPONT', firstNames: ['Léa'], schoolId: 'E001' })).toBe('DUPONT (MARTIN) Léa (E001)')
    expect(candidateLabel({ birthName: 'MARTIN', usageName: null, firstNames: ['Léa'], schoolId: 'E001' })).toBe('MARTIN Léa (E001)')
  })
})
