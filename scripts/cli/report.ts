/** The import preview as a person reads it in a terminal: a French table, then the details. */
import type { FileStatus, ImportPlan, MarkChange, StoredValue } from '../../shared/jury/planImport'

export type PublicPlan = Omit<ImportPlan, 'writes'>

const STATUS: Record<FileStatus, string> = {
  ok: 'prêt',
  error: 'en erreur',
  already_imported: 'déjà importé',
  duplicate_file: 'doublon',
  excluded: 'exclu',
}

/** Warnings beyond this many are summed up: a panel file yields one per blank sheet. */
const MAX_LISTED = 20

function table(header: string[], rows: string[][], numeric: ReadonlySet<number>): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)))
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => (numeric.has(i) ? cell.padStart(widths[i] ?? 0) : cell.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd()
  const rule = widths.map((w) => '─'.repeat(w)).join('  ')
  return [line(header), rule, ...rows.slice(0, -1).map(line), rule, ...rows.slice(-1).map(line)]
}

function value(v: StoredValue): string {
  if (v === null) return 'vide'
  return typeof v === 'number' ? String(v).replace('.', ',') : v
}

function conflictLine(c: MarkChange): string {
  const who = c.before?.author ? `saisie par ${c.before.author}` : 'saisie dans la grille'
  const fate = c.resolution === 'kept' ? ' → note de la grille gardée' : c.resolution === 'replaced' ? ' → remplacée par la fiche' : ''
  return (
    `${c.file}, feuille « ${c.sheet} », cellule ${c.cell} (candidat ${c.schoolId}, critère ${c.critereCode}) : ` +
    `grille « ${value(c.before?.value ?? null)} » (${who}), fiche « ${value(c.after.value)} »${fate}`
  )
}

/** `total`: how many there are, when the Worker's answer listed only the first ones. */
function listed(title: string, lines: string[], total = lines.length): string[] {
  if (lines.length === 0) return []
  const shown = lines.slice(0, MAX_LISTED).map((l) => `  - ${l}`)
  const more = total > shown.length ? [`  … et ${total - shown.length} autre(s)`] : []
  return ['', `${title} (${total}) :`, ...shown, ...more]
}

/**
 * `locked`: the session is deliberated or closed, so no file is « prêt »: nothing can be imported.
 * « Feuilles » counts every jury sheet of a file, blank ones included (« dont vierges »).
 */
export function formatPlan(plan: PublicPlan, options: { locked?: boolean } = {}): string[] {
  const header = ['Fichier', 'Feuilles', 'dont vierges', 'Nouvelles', 'Modifiées', 'Inchangées', 'Conflits', 'Erreurs', 'État']
  const rows = plan.files.map((f) => [
    f.file,
    String(f.sheets + f.blankSheets),
    String(f.blankSheets),
    String(f.counts.new),
    String(f.counts.changed),
    String(f.counts.unchanged),
    String(f.counts.conflicts),
    String(f.errors.length),
    options.locked && f.status === 'ok' ? 'session verrouillée' : STATUS[f.status],
  ])
  const t = plan.totals
  const blank = plan.files.reduce((n, f) => n + f.blankSheets, 0)
  rows.push([
    `Total (${t.files} fichier${t.files > 1 ? 's' : ''})`,
    String(t.sheets + blank),
    String(blank),
    String(t.new),
    String(t.changed),
    String(t.unchanged),
    String(t.conflicts),
    String(t.errors),
    '',
  ])
  const changed = plan.changes.filter((c) => c.kind === 'changed')
  return [
    ...table(header, rows, new Set([1, 2, 3, 4, 5, 6, 7])),
    ...listed(
      'Erreurs',
      plan.errors.map((e) => e.message),
    ),
    ...listed('Conflits avec des notes saisies dans la grille', plan.changes.filter((c) => c.kind === 'conflict').map(conflictLine), plan.totals.conflicts),
    ...listed(
      'Notes modifiées par rapport à un import précédent',
      changed.map((c) => `${c.file}, feuille « ${c.sheet} », cellule ${c.cell} (candidat ${c.schoolId}, critère ${c.critereCode}) : « ${value(c.before?.value ?? null)} » → « ${value(c.after.value)} »`),
      plan.totals.changed,
    ),
    ...listed(
      'Avertissements',
      plan.warnings.map((w) => w.message),
    ),
  ]
}
