/**
 * A title's skeleton from France Compétences' RNCP open data: the export's « Standard » file (one
 * row per fiche: `Numero_Fiche`, `Intitule`, `Nomenclature_Europe_Niveau`…) and one or more
 * « Blocs_De_Competences » files (`Numero_Fiche`, `Bloc_Competences_Code`,
 * `Bloc_Competences_Libelle`…). Columns are found by name in any order, `;` or `,` separated,
 * UTF-8 with or without BOM; which file is which is told by its columns. Every refusal says which
 * file, row and column. Pure: runs in the task pane and in tests alike.
 */
import { CsvSyntaxError, csvRecords, decodeCsvBytes, detectSeparator } from '../formats/csv'

export interface OpenDataFile {
  name: string
  bytes: Uint8Array
}

interface OpenDataBloc {
  /** Our code: `BC02` (from `RNCP34567BC02`). */
  code: string
  number: number
  /** As France Compétences names it: `RNCP34567BC02`. */
  sourceCode: string
  title: string
}

export interface FicheSkeleton {
  /** `RNCP34567`. */
  rncpCode: string
  title: string
  /** Niveau (nomenclature 2019), null when the export gives none that reads. */
  level: number | null
  /** From the `Actif` column when present: `ACTIVE` / `INACTIVE`. */
  active: boolean | null
  blocs: OpenDataBloc[]
}

export type OpenDataImport =
  | { ok: true; skeleton: FicheSkeleton; warnings: string[] }
  | { ok: false; issues: string[] }

const STANDARD_COLUMNS = ['Numero_Fiche', 'Intitule', 'Nomenclature_Europe_Niveau'] as const
const BLOCS_COLUMNS = ['Numero_Fiche', 'Bloc_Competences_Code', 'Bloc_Competences_Libelle'] as const

/** `34567`, `rncp 34567`, `RNCP034567`… → `RNCP34567`; null when it is not a fiche number. */
export function normaliseFicheNumber(text: string): string | null {
  const match = /^\s*(?:RNCP)?\s*0*(\d{1,7})\s*$/i.exec(text)
  return match ? `RNCP${match[1]}` : null
}

/** `NIV7`, `7`, `Niveau 7` → 7; null otherwise. */
export function readLevel(text: string): number | null {
  const match = /^\s*(?:NIV(?:EAU)?\s*)?([1-8])\s*$/i.exec(text)
  return match ? Number(match[1]) : null
}

/** `RNCP34567BC02` → 2 (also `BC2`, `bc02`); null when the code holds no bloc number. */
function blocNumber(sourceCode: string): number | null {
  const match = /BC\s*0*(\d{1,2})\s*$/i.exec(sourceCode)
  return match ? Number(match[1]) : null
}

interface Table {
  file: string
  headers: string[]
  /** Column index by expected name (exact, case and spaces ignored). */
  column: (name: string) => number
  rows: Array<{ row: number; cells: string[] }>
}

const headerKey = (text: string) => text.trim().toLowerCase()

function readTable(file: OpenDataFile): { ok: true; table: Table } | { ok: false; message: string } {
  const decoded = decodeCsvBytes(file.bytes)
  if (!decoded.ok) return { ok: false, message: `${file.name} : ${decoded.message}` }
  const separator = detectSeparator(decoded.text)
  const rows: Array<{ row: number; cells: string[] }> = []
  let headers: string[] | null = null
  try {
    for (const record of csvRecords(decoded.text, separator)) {
      if (record.cells.every((cell) => cell.trim() === '')) continue
      if (headers === null) headers = record.cells.map((cell) => cell.trim())
      else rows.push(record)
    }
  } catch (error) {
    if (error instanceof CsvSyntaxError) return { ok: false, message: `${file.name}, ligne ${error.row} : ${error.message}` }
    throw error
  }
  if (headers === null) return { ok: false, message: `${file.name} : le fichier ne contient aucune ligne.` }
  const index = new Map(headers.map((header, position) => [headerKey(header), position]))
  return { ok: true, table: { file: file.name, headers, column: (name) => index.get(headerKey(name)) ?? -1, rows } }
}

function missingColumns(table: Table, expected: readonly string[], kind: string): string[] {
  return expected
    .filter((name) => table.column(name) < 0)
    .map(
      (name) =>
        `${table.file} : colonne « ${name} » absente du fichier « ${kind} » (colonnes trouvées : ${table.headers.filter((h) => h !== '').join(', ') || 'aucune'}).`,
    )
}

const cell = (table: Table, cells: string[], name: string) => (cells[table.column(name)] ?? '').trim()

/**
 * The skeleton of fiche `ficheNumber` from the export's files, given in any order: the
 * « Standard » file and one or more « Blocs_De_Competences » files (told apart by their columns).
 */
export function importFicheSkeleton(files: readonly OpenDataFile[], ficheNumber: string): OpenDataImport {
  const issues: string[] = []
  const warnings: string[] = []
  const fiche = normaliseFicheNumber(ficheNumber)
  if (fiche === null) issues.push(`« ${ficheNumber} » n’est pas un numéro de fiche RNCP (par exemple RNCP34567 ou 34567).`)

  const standards: Table[] = []
  const blocsTables: Table[] = []
  for (const file of files) {
    const read = readTable(file)
    if (!read.ok) {
      issues.push(read.message)
      continue
    }
    // A « Blocs_De_Competences » file is the one with bloc columns; anything else must be « Standard ».
    const isBlocs = read.table.headers.some((header) => headerKey(header).startsWith('bloc_competences'))
    const missing = isBlocs ? missingColumns(read.table, BLOCS_COLUMNS, 'Blocs_De_Competences') : missingColumns(read.table, STANDARD_COLUMNS, 'Standard')
    if (missing.length > 0) issues.push(...missing)
    else (isBlocs ? blocsTables : standards).push(read.table)
  }
  if (files.length > 0 && issues.length === 0) {
    if (standards.length === 0) issues.push('Fichier « Standard » manquant : ajoutez le fichier de l’export qui contient les colonnes Numero_Fiche, Intitule et Nomenclature_Europe_Niveau.')
    if (standards.length > 1) issues.push(`Un seul fichier « Standard » est attendu, ${standards.length} reçus : ${standards.map((t) => t.file).join(', ')}.`)
    if (blocsTables.length === 0) issues.push('Fichier « Blocs_De_Competences » manquant : ajoutez au moins un fichier de l’export qui contient les colonnes Numero_Fiche, Bloc_Competences_Code et Bloc_Competences_Libelle.')
  }
  if (files.length === 0) issues.push('Aucun fichier : choisissez le fichier « Standard » et au moins un fichier « Blocs_De_Competences » de l’export RNCP.')
  if (issues.length > 0 || fiche === null) return { ok: false, issues }

  const standard = standards[0]!
  const found = standard.rows.filter((record) => normaliseFicheNumber(cell(standard, record.cells, 'Numero_Fiche')) === fiche)
  if (found.length === 0) {
    return { ok: false, issues: [`La fiche ${fiche} n’est pas dans le fichier « Standard » ${standard.file} (${standard.rows.length} fiche${standard.rows.length > 1 ? 's' : ''} lue${standard.rows.length > 1 ? 's' : ''}).`] }
  }
  const record = found[0]!
  const title = cell(standard, record.cells, 'Intitule')
  if (title === '') issues.push(`${standard.file}, ligne ${record.row}, colonne « Intitule » : la fiche ${fiche} n’a pas d’intitulé.`)
  const levelText = cell(standard, record.cells, 'Nomenclature_Europe_Niveau')
  const level = readLevel(levelText)
  if (level === null) {
    warnings.push(`${standard.file}, ligne ${record.row}, colonne « Nomenclature_Europe_Niveau » : niveau « ${levelText} » illisible (NIV1 à NIV8 attendu) ; indiquez-le dans le brouillon.`)
  }
  const activeColumn = standard.column('Actif')
  const activeText = activeColumn < 0 ? '' : (record.cells[activeColumn] ?? '').trim().toUpperCase()
  const active = activeText === 'ACTIVE' ? true : activeText === 'INACTIVE' ? false : null
  if (active === false) warnings.push(`La fiche ${fiche} est inactive dans l’export : vérifiez qu’elle n’a pas été remplacée par une nouvelle fiche.`)

  const blocs = new Map<number, OpenDataBloc & { at: string }>()
  for (const table of blocsTables) {
    for (const row of table.rows) {
      if (normaliseFicheNumber(cell(table, row.cells, 'Numero_Fiche')) !== fiche) continue
      const at = `${table.file}, ligne ${row.row}`
      const sourceCode = cell(table, row.cells, 'Bloc_Competences_Code')
      const blocTitle = cell(table, row.cells, 'Bloc_Competences_Libelle')
      const number = blocNumber(sourceCode)
      if (number === null || number === 0) {
        issues.push(`${at}, colonne « Bloc_Competences_Code » : « ${sourceCode} » n’est pas un code de bloc (RNCP…BC01 attendu).`)
        continue
      }
      if (blocTitle === '') {
        issues.push(`${at}, colonne « Bloc_Competences_Libelle » : le bloc ${sourceCode} n’a pas de libellé.`)
        continue
      }
      const code = `BC${String(number).padStart(2, '0')}`
      const previous = blocs.get(number)
      if (previous !== undefined) {
        // The same bloc in two files of the export is fine; two different blocs under one number are not.
        if (previous.title !== blocTitle) {
          issues.push(`${at} : le bloc ${sourceCode} est déjà défini (${previous.at}) avec un autre libellé (« ${previous.title} »).`)
        }
        continue
      }
      blocs.set(number, { code, number, sourceCode, title: blocTitle, at })
    }
  }
  if (blocs.size === 0 && issues.length === 0) {
    issues.push(`Aucun bloc de compétences pour la fiche ${fiche} dans ${blocsTables.map((t) => t.file).join(', ')} : ajoutez le fichier « Blocs_De_Competences » de la même date d’export.`)
  }
  if (issues.length > 0) return { ok: false, issues }
  return {
    ok: true,
    skeleton: {
      rncpCode: fiche,
      title,
      level,
      active,
      blocs: [...blocs.values()].sort((a, b) => a.number - b.number).map(({ code, number, sourceCode, title }) => ({ code, number, sourceCode, title })),
    },
    warnings,
  }
}
