import { describe, expect, it } from 'vitest'
import { resolveJuryFile, type JuryFileExtract } from '../../../shared/jury/parseJurySheets'
import { planJuryImport, type ImportPlan, type ImportState } from '../../../shared/jury/planImport'
import { generateJurySheets } from '../../../shared/jury/sheetTemplate'
import type { CliIo } from '../../../scripts/cli/io'
import { main } from '../../../scripts/cli/main'
import { baseFills } from '../../shared/jury/corpus'
import { candidate, fillJurySheets, juryReferential, testSigner } from '../../shared/jury/fixtures'

interface Sent {
  url: string
  auth: string | null
  files: Array<{ name: string; size: number }>
  exclude: string[]
}

type Handler = (sent: Sent, extracts: JuryFileExtract[]) => Promise<{ status: number; body: unknown }> | { status: number; body: unknown }

/** A CLI world: files in memory under /jury, a fake API, captured output. */
function world(files: Record<string, Uint8Array | string>, handler: Handler, env: Record<string, string> = {}) {
  const fs = new Map(Object.entries(files).map(([path, content]) => [path, typeof content === 'string' ? new TextEncoder().encode(content) : content]))
  const isDir = (path: string) => [...fs.keys()].some((p) => p.startsWith(`${path.replace(/\/$/, '')}/`))
  const sent: Sent[] = []
  const out: string[] = []
  const err: string[] = []
  const io: CliIo = {
    env,
    cwd: '/jury',
    out: (line) => out.push(line),
    err: (line) => err.push(line),
    readFile: async (path) => fs.get(path) ?? Promise.reject(new Error(`ENOENT ${path}`)),
    stat: async (path) => (fs.has(path) ? { isDirectory: false, size: fs.get(path)!.length } : isDir(path) ? { isDirectory: true, size: 0 } : null),
    readdir: async (path) => [...new Set([...fs.keys()].filter((p) => p.startsWith(`${path}/`)).map((p) => p.slice(path.length + 1).split('/')[0]!))],
    fetch: (async (input: string | URL | Request, init?: RequestInit) => {
      // The CLI reads the files itself and sends their extracts as JSON.
      const json = JSON.parse(init?.body as string) as { files: JuryFileExtract[]; exclude: string[] }
      const entry = {
        url: String(input),
        auth: new Headers(init?.headers).get('authorization'),
        files: json.files.map((f) => ({ name: f.file, size: f.size })),
        exclude: json.exclude,
      }
      sent.push(entry)
      const { status, body } = await handler(entry, json.files)
      return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } })
    }),
  }
  return { io, sent, out, err, text: () => out.join('\n'), errors: () => err.join('\n') }
}

const emptyTotals = { files: 1, sheets: 3, new: 8, changed: 0, unchanged: 0, conflicts: 0, errors: 0, warnings: 0, excluded: 0, alreadyImported: 0 }

function plan(overrides: Partial<Omit<ImportPlan, 'writes'>> = {}): Omit<ImportPlan, 'writes'> {
  return {
    policy: 'fail',
    files: [{ file: 'a.xlsx', hash: 'h', size: 10, status: 'ok', sheets: 3, blankSheets: 0, counts: { new: 8, changed: 0, unchanged: 0, conflicts: 0 }, errors: [], warnings: [], sheetStatuses: [] }],
    totals: emptyTotals,
    changes: [],
    errors: [],
    warnings: [],
    fileHashes: ['h'],
    committable: true,
    nothingToDo: false,
    ...overrides,
  }
}

const PREVIEW_TOKEN = 'a'.repeat(64)
const ok = (p = plan(), extra: Record<string, unknown> = {}) => ({ status: 200, body: { dryRun: true, sessionStatus: 'open', unmatchedExcludes: [], previewToken: PREVIEW_TOKEN, plan: p, ...extra } })
const run = (w: ReturnType<typeof world>, ...args: string[]) => main(args, w.io)
const XLSX = new Uint8Array([0x50, 0x4b, 3, 4])

describe('npm run cli -- import-jury', () => {
  it('walks folders for .xlsx files (not Excel lock files), previews, and writes nothing without --commit', async () => {
    const w = world({ '/jury/a.xlsx': XLSX, '/jury/panel/b.XLSX': XLSX, '/jury/panel/~$b.XLSX': XLSX, '/jury/notes.txt': 'x', '/jury/.cache/c.xlsx': XLSX }, () => ok())
    expect(await run(w, 'import-jury', '--session', 's-1', '--token', 't0k', '.')).toBe(0)
    expect(w.sent).toEqual([
      { url: 'http://localhost:8787/api/v1/sessions/s-1/jury-imports/extracted?dryRun=true&onConflict=fail', auth: 'Bearer t0k', files: [{ name: 'a.xlsx', size: 4 }, { name: 'panel/b.XLSX', size: 4 }], exclude: [] },
    ])
    expect(w.text()).toContain('Aperçu seulement, rien n’a été écrit : relancez avec --commit pour importer.')
  })

  it('prints the preview as a French table, per file and in total', async () => {
    const w = world({ '/jury/a.xlsx': XLSX }, () => ok())
    await run(w, 'import-jury', '--session', 's-1', '--token', 't', 'a.xlsx')
    expect(w.out.slice(1, 6)).toEqual([
      'Fichier            Feuilles  dont vierges  Nouvelles  Modifiées  Inchangées  Conflits  Erreurs  État',
      '─────────────────  ────────  ────────────  ─────────  ─────────  ──────────  ────────  ───────  ────',
      'a.xlsx                    3             0          8          0           0         0        0  prêt',
      '─────────────────  ────────  ────────────  ─────────  ─────────  ──────────  ────────  ───────  ────',
      'Total (1 fichier)         3             0          8          0           0         0        0',
    ])
  })

  it('commits after a clean preview with --commit, sending the same files and exclusions', async () => {
    const w = world({ '/jury/a.xlsx': XLSX, '/jury/b.xlsx': XLSX }, (sent) =>
      sent.url.includes('dryRun=false') ? ok(plan(), { dryRun: false, batch: { id: 'lot-1', summary: { marks: 8 } }, message: '8 notes importées depuis 1 fichier (lot lot-1).' }) : ok(),
    )
    const code = await run(w, 'import-jury', '--session', 's-1', '--commit', '--exclude', 'b.xlsx', '--api', 'https://certibloc.example/', '.')
    expect(code).toBe(2) // no token yet
    w.io.env = { CERTIBLOC_TOKEN: 'from-env' }
    expect(await run(w, 'import-jury', '--session', 's-1', '--commit', '--exclude', 'b.xlsx', '--api', 'https://certibloc.example/', '.')).toBe(0)
    expect(w.sent.map((s) => [s.url, s.auth, s.files.length, s.exclude])).toEqual([
      ['https://certibloc.example/api/v1/sessions/s-1/jury-imports/extracted?dryRun=true&onConflict=fail', 'Bearer from-env', 2, ['b.xlsx']],
      // The preview's token: the Worker refuses the commit if the plan changed since the preview.
      [`https://certibloc.example/api/v1/sessions/s-1/jury-imports/extracted?dryRun=false&onConflict=fail&previewToken=${PREVIEW_TOKEN}`, 'Bearer from-env', 2, ['b.xlsx']],
    ])
    expect(w.text()).toContain('8 notes importées depuis 1 fichier (lot lot-1).')
    expect(w.text()).toContain('Pour l’annuler : POST /api/v1/sessions/s-1/jury-imports/lot-1/undo')
  })

  it('stops with exit code 1 and the located errors when a file is bad, without committing', async () => {
    const error = { code: 'invalid_mark' as const, file: 'b.xlsx', sheet: 'BC01', cell: 'C27', critereCode: 'CR1.1', message: 'b.xlsx, feuille « BC01 », cellule C27 (critère CR1.1) : « AQC » n’est pas un code valide.' }
    const bad = plan({
      files: [{ ...plan().files[0]!, file: 'b.xlsx', status: 'error', errors: [error] }],
      errors: [error],
      committable: false,
    })
    const w = world({ '/jury/b.xlsx': XLSX }, () => ok(bad))
    expect(await run(w, 'import-jury', '--session', 's-1', '--token', 't', '--commit', 'b.xlsx')).toBe(1)
    expect(w.sent).toHaveLength(1)
    expect(w.text()).toContain('Erreurs (1) :\n  - b.xlsx, feuille « BC01 », cellule C27 (critère CR1.1) : « AQC » n’est pas un code valide.')
    expect(w.errors()).toBe('Import impossible : 1 erreur(s). Corrigez les fichiers, ou laissez-les de côté avec --exclude b.xlsx.')
  })

  it('refuses to commit over conflicts unless told what to do with them', async () => {
    const conflict = {
      kind: 'conflict' as const,
      candidateId: 'c1',
      schoolId: 'E100',
      blocCode: 'BC02',
      critereCode: 'CR2.1',
      file: 'a.xlsx',
      sheet: 'BC02',
      cell: 'C30',
      before: { value: 10, comment: null, source: 'manual' as const, author: 'admin', updatedAt: '2025-06-01' },
      after: { value: 12.5, comment: null },
      resolution: 'blocks' as const,
    }
    const w = world({ '/jury/a.xlsx': XLSX }, (sent) => ok(plan({ changes: [conflict], committable: sent.url.includes('onConflict=fail') ? false : true })))
    expect(await run(w, 'import-jury', '--session', 's-1', '--token', 't', '--commit', 'a.xlsx')).toBe(1)
    expect(w.text()).toContain('a.xlsx, feuille « BC02 », cellule C30 (candidat E100, critère CR2.1) : grille « 10 » (saisie par admin), fiche « 12,5 »')
    expect(w.errors()).toContain('Relancez avec --on-conflict keep (garder la grille) ou replace (prendre les fiches).')
    expect(await run(w, 'import-jury', '--session', 's-1', '--token', 't', '--on-conflict', 'keep', 'a.xlsx')).toBe(0)
    expect(w.sent[1]?.url).toContain('onConflict=keep')
  })

  it('says "déjà importé, rien à faire" when the files were imported before, and exits 0', async () => {
    const w = world({ '/jury/a.xlsx': XLSX }, () => ok(plan({ nothingToDo: true, totals: { ...emptyTotals, new: 0, alreadyImported: 1 } })))
    expect(await run(w, 'import-jury', '--session', 's-1', '--token', 't', '--commit', 'a.xlsx')).toBe(0)
    expect(w.sent).toHaveLength(1)
    expect(w.text()).toContain('Déjà importé, rien à faire\u00a0: ces fichiers ont déjà été importés.')
  })

  it('says "aucune note saisie dans ces fiches" when every sheet is blank (nothing was ever imported)', async () => {
    const blankOnly = plan({
      files: [{ ...plan().files[0]!, sheets: 0, blankSheets: 156, counts: { new: 0, changed: 0, unchanged: 0, conflicts: 0 } }],
      totals: { ...emptyTotals, sheets: 0, new: 0 },
      nothingToDo: true,
    })
    const w = world({ '/jury/a.xlsx': XLSX }, () => ok(blankOnly))
    expect(await run(w, 'import-jury', '--session', 's-1', '--token', 't', '--commit', 'a.xlsx')).toBe(0)
    expect(w.text()).toContain('Aucune note saisie dans ces fiches\u00a0: rien à importer.')
    expect(w.text()).not.toContain('Déjà importé')
    // 156 sheets, all blank: listed as 156 sheets, not « Feuilles 0 ».
    expect(w.text()).toMatch(/a\.xlsx\s+156\s+156\s+0\s+0\s+0\s+0\s+0\s+prêt/)
  })

  it('says in the dry run already that a deliberated session is locked, never « prêt »', async () => {
    const w = world({ '/jury/a.xlsx': XLSX }, () => ok(plan(), { sessionStatus: 'deliberated' }))
    expect(await run(w, 'import-jury', '--session', 's-1', '--token', 't', 'a.xlsx')).toBe(1)
    expect(w.sent).toHaveLength(1)
    expect(w.text()).toMatch(/a\.xlsx\s+3\s+0\s+8\s+0\s+0\s+0\s+0\s+session verrouillée/)
    expect(w.text()).not.toMatch(/\bprêt\b/)
    expect(w.text()).not.toContain('Aperçu seulement')
    expect(w.errors()).toBe('La session est délibérée\u00a0: ses notes ne sont plus modifiables, rien ne peut y être importé.')
  })

  it('reports API errors in French with exit code 1', async () => {
    const w = world({ '/jury/a.xlsx': XLSX }, () => ({ status: 401, body: { error: { code: 'UNAUTHORIZED', message: 'Authentification requise.', details: null } } }))
    expect(await run(w, 'import-jury', '--session', 's-1', '--token', 'faux', 'a.xlsx')).toBe(1)
    expect(w.errors()).toBe('Erreur 401 : Authentification requise.\nVérifiez le jeton (--token ou CERTIBLOC_TOKEN).')
    const down = world({ '/jury/a.xlsx': XLSX }, () => Promise.reject(new Error('connect ECONNREFUSED')))
    expect(await run(down, 'import-jury', '--session', 's-1', '--token', 't', 'a.xlsx')).toBe(1)
    expect(down.errors()).toBe('Impossible de joindre l’API http://localhost:8787 : connect ECONNREFUSED')
  })

  it('exits with 2 on a usage error, saying what is wrong', async () => {
    const cases: Array<[string[], string]> = [
      [['import-jury', '--token', 't', 'a.xlsx'], 'import-jury : --session <id> est obligatoire.'],
      [['import-jury', '--session', 's-1', 'a.xlsx'], 'import-jury : jeton d’API manquant : --token <jeton> ou variable CERTIBLOC_TOKEN.'],
      [['import-jury', '--session', 's-1', '--token', 't'], 'import-jury : indiquez au moins un fichier ou un dossier.'],
      [['import-jury', '--session', 's-1', '--token', 't', 'absent.xlsx'], 'import-jury : « absent.xlsx » introuvable.'],
      [['import-jury', '--session', 's-1', '--token', 't', '--on-conflict', 'maybe', 'a.xlsx'], 'import-jury : --on-conflict vaut fail, keep ou replace (reçu « maybe »).'],
      [['import-jury', '--session', 's 1', '--token', 't', 'a.xlsx'], 'import-jury : identifiant de session « s 1 » invalide.'],
      [['import-jury', '--sesion', 's-1'], 'import-jury : option --sesion inconnue ou mal employée.'],
      [['importer'], 'Commande inconnue : « importer ».'],
    ]
    for (const [args, first] of cases) {
      const w = world({ '/jury/a.xlsx': XLSX }, () => ok())
      expect(await run(w, ...args)).toBe(2)
      expect(w.err[0]).toBe(first)
      expect(w.sent).toEqual([])
    }
  })

  it('imports real generated sheets through an in-process server built on the shared parser and planner', async () => {
    const signer = await testSigner()
    const main1 = candidate('cand-1', 'E001')
    const blank = await generateJurySheets({ session: { id: 's-1', name: 'Session' }, referential: juryReferential, candidates: [main1], mode: 'candidate', signer })
    const filled = await fillJurySheets(blank.bytes, baseFills(main1.id))
    const state: ImportState = {
      candidates: new Map([[main1.id, { id: main1.id, schoolId: 'E001', optionCode: 'BC03-A', capitalisedBlocCodes: [], rowVersion: 1 }]]),
      marks: new Map(),
      blocOverrides: new Map(),
      certificationDecisions: new Map(),
      importedFiles: new Map(),
    }
    const server: Handler = async (sent, extracts) => {
      const inputs = []
      for (const f of extracts) {
        const parsed = await resolveJuryFile(f, { sessionId: 's-1', referential: juryReferential, signer })
        inputs.push({ parsed, excluded: sent.exclude.includes(f.file.split('/').pop()!) })
      }
      const { writes: _writes, ...p } = planJuryImport(inputs, state, juryReferential)
      return ok(p)
    }
    const files = { '/jury/juin/E001.xlsx': filled, '/jury/juin/vide.xlsx': new Uint8Array(0) }
    const w = world(files, server)
    expect(await run(w, 'import-jury', '--session', 's-1', '--token', 't', 'juin')).toBe(1)
    expect(w.text()).toContain('juin/vide.xlsx : fichier vide (0 octet) : le transfert a sans doute échoué, renvoyez la fiche.')
    const again = world(files, server)
    expect(await run(again, 'import-jury', '--session', 's-1', '--token', 't', '--exclude', 'vide.xlsx', 'juin')).toBe(0)
    expect(again.text()).toMatch(/juin\/E001\.xlsx\s+3\s+0\s+8\s+0\s+0\s+0\s+0\s+prêt/)
    expect(again.text()).toMatch(/juin\/vide\.xlsx\s+0\s+0\s+0\s+0\s+0\s+0\s+0\s+exclu/)
  })
})
