/**
 * Blank jury sheets as an .xlsx workbook, built with excelts through the xlsx adapter (runs in the Worker).
 *
 * One worksheet per candidate × bloc, whatever the grouping:
 * - per candidate: one file, one sheet per bloc the candidate must pass (mandatory blocs not
 *   capitalised, plus the chosen option when it is not capitalised);
 * - per panel: one file, one sheet per candidate (× bloc when several blocs are asked; a panel
 *   usually evaluates one bloc, `blocCodes` narrows it).
 * One sheet shape means one parser and a sheet that reads the same whatever file it came in.
 *
 * Each sheet shows French instructions, the candidate's identity, the bloc's compétences,
 * modalités and critères, a mark and a comment column, the jury members' names, the date and a
 * visa. Only the cells to fill are unlocked; the sheets are protected without a password
 * (protection prevents accidents; the checksum detects tampering with the metadata).
 *
 * The veryHidden sheet `_certibloc` (first in the workbook, so a streaming reader meets it before
 * the jury sheets) holds one metadata row per jury sheet, sealed with the Worker's HMAC.
 */
import { columnLetter } from '../formats/xlsxRows'
import { writeWorkbook, type WorksheetWriter } from '../xlsx'
import { frenchDateOfIso, frenchDateTime } from '../frenchDates'
import { evaluableBlocs, type GradedBloc } from '../referential'
import type { Referential } from '../referential/schema'
import { OUTCOME_CODES, SPECIAL_MARK_CODES } from '../rules/ruleSchema'
import { sortByName } from '../names/collation'
import { sha256Hex, type SheetSigner } from './checksum'
import { blocTabName, panelTabName, TabNames } from './sheetNames'
import { METADATA_COLUMNS, metadataPayload, metadataRow, type JuryLayout, type JurySheetMeta } from './metadata'
import { JURY_TEMPLATE_VERSION, METADATA_MARKER, METADATA_SHEET_NAME } from './templateVersion'

export interface JurySheetCandidate {
  id: string
  schoolId: string
  birthName: string
  usageName: string | null
  firstNames: string[]
  optionCode: string | null
  capitalisedBlocs: ReadonlyArray<{ blocCode: string }>
}

export interface JurySheetSession {
  id: string
  name: string
  campus?: string | null
  juryDate?: string | null
}

export interface JuryWorkbookRequest {
  session: JurySheetSession
  referential: Referential
  candidates: readonly JurySheetCandidate[]
  /** 'candidate': tab names are bloc titles; 'panel': tab names carry the candidate's name. */
  mode: 'candidate' | 'panel'
  /** Only these blocs (e.g. the one bloc a panel evaluates); all the candidate's blocs when absent. */
  blocCodes?: readonly string[]
  signer: SheetSigner
  /** Printed in the footer; injectable for reproducible files. */
  generatedAt?: Date
}

export interface GeneratedSheet {
  name: string
  sheetId: string
  candidateId: string
  blocCode: string
}

export interface GeneratedJuryWorkbook {
  bytes: Uint8Array
  sheets: GeneratedSheet[]
  /** Candidates or blocs left out, with the French reason (e.g. no option chosen yet). */
  notes: string[]
}

/** Most sheets one file may hold: beyond, Excel becomes sluggish and the Worker's memory tight. */
export const MAX_SHEETS_PER_FILE = 600

/* Layout: columns A (labels, codes), B (texts), C (mark), D (comment). */
const WIDTHS = [30, 70, 18, 50]
const SECTION_FILL = 'FFDDEBF7'
const INPUT_FILL = 'FFFFF2CC'
const GREY = 'FF7F7F7F'
const thin = { style: 'thin' as const, color: { argb: 'FFBFBFBF' } }
const BORDER = { top: thin, left: thin, bottom: thin, right: thin }
const MEMBER_ROWS = 3
/** Named on every styled cell: without a name, LibreOffice falls back to a serif font. */
const FONT = 'Calibri'

/** The blocs a candidate is evaluated on: mandatory ones not capitalised, plus the chosen option. */
export function blocsToEvaluate(referential: Referential, candidate: JurySheetCandidate): GradedBloc[] {
  const capitalised = new Set(candidate.capitalisedBlocs.map((b) => b.blocCode))
  return evaluableBlocs(referential).filter(
    (bloc) => !capitalised.has(bloc.code) && (bloc.kind === 'mandatory' || bloc.code === candidate.optionCode),
  )
}

/** Deterministic: the same candidate and bloc of a session always get the same sheet id. */
export async function jurySheetId(sessionId: string, candidateId: string, blocCode: string): Promise<string> {
  const hex = await sha256Hex(new TextEncoder().encode(`${sessionId}|${candidateId}|${blocCode}`))
  return `J${hex.slice(0, 20)}`
}

export function candidateDisplayName(c: Pick<JurySheetCandidate, 'birthName' | 'usageName' | 'firstNames'>): string {
  const usage = c.usageName ? ` (${c.usageName})` : ''
  return `${c.birthName.toUpperCase()}${usage} ${c.firstNames.join(', ')}`.trim()
}

function scaleHint(bloc: GradedBloc): string {
  const scores = bloc.criteres.filter((c) => c.assessment.scale.kind === 'score')
  if (scores.length === 0) return 'ACQ (acquis), PACQ (partiellement acquis) ou NACQ (non acquis)'
  const maxes = [...new Set(scores.map((c) => (c.assessment.scale.kind === 'score' ? c.assessment.scale.max : 20)))]
  const notes = `une note de 0 à ${maxes.join(' ou ')} (12,5 et 12.5 sont acceptés)`
  return scores.length === bloc.criteres.length ? notes : `ACQ, PACQ ou NACQ, ou ${notes} selon le critère`
}

/** Validation of a mark cell: warning style, so a reasonable variant is still accepted and read leniently at import. */
function markValidation(address: string, critere: GradedBloc['criteres'][number]) {
  const special = SPECIAL_MARK_CODES.join(', ')
  if (critere.assessment.scale.kind === 'outcome') {
    return {
      type: 'list' as const,
      allowBlank: true,
      formulae: [`"${[...OUTCOME_CODES, ...SPECIAL_MARK_CODES].join(',')}"`],
      showErrorMessage: true,
      errorStyle: 'warning',
      errorTitle: 'Évaluation inattendue',
      error: `Attendu : ACQ, PACQ ou NACQ (ou ${special}).`,
      showInputMessage: true,
      promptTitle: critere.code,
      prompt: `ACQ, PACQ ou NACQ ; ${special} si l’épreuve n’a pas eu lieu.`,
    }
  }
  const max = critere.assessment.scale.max
  // NUMBERVALUE reads the text whatever the workbook's locale: the mark cells are text cells.
  const value = `_xlfn.NUMBERVALUE(SUBSTITUTE(TRIM(${address}),",","."),".")`
  const codes = SPECIAL_MARK_CODES.map((code) => `UPPER(TRIM(${address}))="${code}"`).join(',')
  return {
    type: 'custom' as const,
    allowBlank: true,
    formulae: [`OR(${codes},IFERROR(AND(${value}>=0,${value}<=${max}),FALSE))`],
    showErrorMessage: true,
    errorStyle: 'warning',
    errorTitle: 'Note inattendue',
    error: `Attendu : une note de 0 à ${max} (ou ${special}).`,
    showInputMessage: true,
    promptTitle: critere.code,
    prompt: `Note de 0 à ${max}, par exemple 12,5 ; ${special} si l’épreuve n’a pas eu lieu.`,
  }
}

interface SheetContext {
  request: JuryWorkbookRequest
  candidate: JurySheetCandidate
  bloc: GradedBloc
  sheetId: string
  generatedAt: Date
}

/** Writes one jury sheet and returns where its cells are. */
function writeJurySheet(ws: WorksheetWriter, ctx: SheetContext): JuryLayout {
  const { request, candidate, bloc } = ctx
  const { referential, session } = request
  WIDTHS.forEach((width, i) => {
    ws.getColumn(i + 1).width = width
  })
  let row = 0
  const full = (text: string, style: { bold?: boolean; size?: number; italic?: boolean; color?: string; height?: number } = {}) => {
    row++
    const cell = ws.getCell(row, 1)
    cell.value = text
    cell.font = { name: FONT, bold: style.bold ?? false, italic: style.italic ?? false, size: style.size ?? 11, ...(style.color ? { color: { argb: style.color } } : {}) }
    cell.alignment = { wrapText: true, vertical: 'top' }
    ws.mergeCells(row, 1, row, 4)
    if (style.height) ws.getRow(row).height = style.height
    return cell
  }
  const section = (title: string) => {
    row++
    for (let c = 1; c <= 4; c++) {
      const cell = ws.getCell(row, c)
      cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: SECTION_FILL } }
    }
    const cell = ws.getCell(row, 1)
    cell.value = title
    cell.font = { name: FONT, bold: true, size: 12 }
  }
  const labelled = (label: string, value: string) => {
    row++
    ws.getCell(row, 1).value = label
    ws.getCell(row, 1).font = { name: FONT, bold: true }
    const cell = ws.getCell(row, 2)
    cell.value = value
    cell.alignment = { wrapText: true, vertical: 'top' }
    ws.mergeCells(row, 2, row, 4)
    return `B${row}`
  }
  const listed = (code: string, label: string) => {
    row++
    ws.getCell(row, 1).value = code
    ws.getCell(row, 1).alignment = { vertical: 'top' }
    const cell = ws.getCell(row, 2)
    cell.value = label
    cell.alignment = { wrapText: true, vertical: 'top' }
    ws.mergeCells(row, 2, row, 4)
    // Merged wrapped cells do not grow by themselves in Excel: give long labels room.
    if (label.length > 140) ws.getRow(row).height = 15 * Math.ceil(label.length / 140)
  }
  const input = (r: number, c: number, text: boolean) => {
    const cell = ws.getCell(r, c)
    cell.protection = { locked: false }
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: INPUT_FILL } }
    cell.border = BORDER
    cell.alignment = { wrapText: true, vertical: 'top' }
    // Text cells keep exactly what was typed: a French Excel would otherwise turn "12.5" into 12 May.
    if (text) cell.numFmt = '@'
    return `${columnLetter(c - 1)}${r}`
  }

  const level = `titre RNCP de niveau ${referential.level}${referential.rncpCode ? ` (${referential.rncpCode})` : ''}`
  full(`Fiche d’évaluation du jury — ${bloc.code} ${bloc.title}`, { bold: true, size: 14, height: 24 })
  full(`${referential.title} — ${level} — référentiel version ${referential.version}`)
  const where = [session.campus ? ` (${session.campus})` : '', session.juryDate ? ` — jury prévu le ${frenchDateOfIso(session.juryDate)}` : '']
  full(`Session : ${session.name}${where.join('')}`)
  full(`Référence Certibloc : ${ctx.sheetId} (ne pas modifier)`, { italic: true, size: 9, color: GREY })
  const reference = `A${row}`
  row++

  section('Candidat')
  labelled('Nom', candidateDisplayName(candidate))
  const identity = labelled('Identifiant', candidate.schoolId)
  labelled(bloc.kind === 'option' ? 'Bloc (option)' : 'Bloc', `${bloc.code} — ${bloc.title}`)
  row++

  section('Consignes')
  const special = 'ABS (absent), EXC (excusé) ou ATT (en attente)'
  for (const line of [
    `1. Pour chaque critère, saisissez l’évaluation dans la colonne « Évaluation » (cellules jaunes) : ${scaleHint(bloc)}.`,
    `2. Si l’épreuve n’a pas eu lieu : ${special}. Une cellule laissée vide signifie « pas encore évalué » et ne change rien à l’import.`,
    '3. Un commentaire peut accompagner chaque évaluation (colonne « Commentaire du jury ») ; pas de commentaire sans évaluation.',
    '4. Indiquez le nom et la qualité d’au moins un membre du jury et la date de l’évaluation : sans eux, la fiche est refusée à l’import.',
    '5. Seules les cellules jaunes sont modifiables. Vous pouvez renommer ou réordonner les onglets ; renvoyez ce classeur au format .xlsx, sans mot de passe et sans copier la fiche dans un autre classeur.',
  ]) {
    full(line, { height: 30 })
  }
  row++

  section('Compétences évaluées')
  for (const competence of bloc.competences) listed(competence.code, competence.label)
  if (bloc.modalites.length > 0) {
    row++
    section('Modalités d’évaluation')
    for (const modalite of bloc.modalites) listed(modalite.code, modalite.label)
  }
  row++

  section('Évaluation des critères')
  row++
  ;['Code', 'Critère d’évaluation', 'Évaluation', 'Commentaire du jury'].forEach((title, i) => {
    const cell = ws.getCell(row, i + 1)
    cell.value = title
    cell.font = { name: FONT, bold: true }
    cell.border = BORDER
  })
  const criteres: JuryLayout['criteres'] = []
  for (const critere of bloc.criteres) {
    row++
    const codeCell = ws.getCell(row, 1)
    codeCell.value = critere.code
    codeCell.border = BORDER
    codeCell.alignment = { vertical: 'top' }
    const labelCell = ws.getCell(row, 2)
    const scale = critere.assessment.scale
    labelCell.value = scale.kind === 'score' ? `${critere.label} (note sur ${scale.max})` : critere.label
    labelCell.alignment = { wrapText: true, vertical: 'top' }
    labelCell.border = BORDER
    const mark = input(row, 3, true)
    const comment = input(row, 4, true)
    ws.dataValidations.add(mark, markValidation(mark, critere))
    ws.getRow(row).height = Math.max(30, 15 * Math.ceil(critere.label.length / 70))
    criteres.push({ code: critere.code, codeCell: `A${row}`, mark, comment })
  }
  row++

  section('Jury')
  const members: string[] = []
  for (let i = 1; i <= MEMBER_ROWS; i++) {
    row++
    ws.getCell(row, 1).value = `Membre du jury ${i} (nom, qualité)`
    members.push(input(row, 2, true))
  }
  row++
  ws.getCell(row, 1).value = 'Date de l’évaluation (JJ/MM/AAAA)'
  const date = input(row, 2, false)
  ws.getCell(date).numFmt = 'dd/mm/yyyy'
  ws.dataValidations.add(date, {
    type: 'date',
    operator: 'between',
    allowBlank: true,
    formulae: [new Date(Date.UTC(2000, 0, 1)), new Date(Date.UTC(2099, 11, 31))],
    showErrorMessage: true,
    errorStyle: 'warning',
    errorTitle: 'Date inattendue',
    error: 'Saisissez la date de l’évaluation, par exemple 12/06/2025.',
  })
  row++
  ws.getCell(row, 1).value = 'Visa du président du jury (initiales)'
  const visa = input(row, 2, true)
  row++
  full(
    `Fiche générée par Certibloc le ${frenchDateTime(ctx.generatedAt)} pour la session « ${session.name} ». ` +
      'Les informations de la fiche (candidat, bloc, référentiel) sont vérifiées à l’import.',
    { italic: true, size: 9, color: GREY, height: 26 },
  )
  return { reference, identity, criteres, members, date, visa }
}

/** The request cannot give a workbook; the message is French and ready to show. */
export class JuryTemplateError extends Error {}

/**
 * The .xlsx bytes of the blank jury sheets. Written with excelts' streaming writer: each sheet is
 * committed as soon as it is written, so memory stays flat (a 300-sheet panel peaks near 15 MB,
 * against 130 MB for an in-memory workbook: more than a Worker has). Throws JuryTemplateError
 * when the request gives no sheet or more than MAX_SHEETS_PER_FILE.
 */
export async function generateJurySheets(request: JuryWorkbookRequest): Promise<GeneratedJuryWorkbook> {
  const generatedAt = request.generatedAt ?? new Date()
  const wanted = request.blocCodes ? new Set(request.blocCodes) : null
  const plan: Array<{ candidate: JurySheetCandidate; bloc: GradedBloc }> = []
  const notes: string[] = []
  // A panel's sheets come in the French order of names, as every list of Certibloc.
  for (const candidate of sortByName(request.candidates, (c) => c)) {
    const who = `${candidateDisplayName(candidate)} (${candidate.schoolId})`
    const blocs = blocsToEvaluate(request.referential, candidate).filter((b) => wanted === null || wanted.has(b.code))
    const optionWanted = evaluableBlocs(request.referential).some((b) => b.kind === 'option' && (wanted === null || wanted.has(b.code)))
    if (candidate.optionCode === null && optionWanted) {
      notes.push(`${who} : option non choisie, pas de fiche pour le bloc d’option.`)
    }
    if (blocs.length === 0) notes.push(`${who} : aucun bloc à évaluer${wanted ? ' parmi ceux demandés' : ''} (blocs capitalisés ou autre option).`)
    for (const bloc of blocs) plan.push({ candidate, bloc })
  }
  if (plan.length > MAX_SHEETS_PER_FILE) {
    throw new JuryTemplateError(
      `${plan.length} fiches demandées, au-delà de ${MAX_SHEETS_PER_FILE} par fichier : choisissez un bloc ou moins de candidats.`,
    )
  }
  if (plan.length === 0) throw new JuryTemplateError(`aucune fiche à générer. ${notes.join(' ')}`.trim())

  const sheets: GeneratedSheet[] = []
  const bytes = await writeWorkbook({ creator: 'Certibloc', created: generatedAt }, async (workbook) => {
    // First tab, so that Excel keeps it first (as sheet1.xml) when the jury saves the file.
    const meta = workbook.addWorksheet(METADATA_SHEET_NAME, { state: 'veryHidden' })
    meta.getRow(1).values = [METADATA_MARKER, ...METADATA_COLUMNS.slice(1)]
    // Hidden columns too: a sheet unhidden by VBA, or printed by LibreOffice, shows nothing.
    METADATA_COLUMNS.forEach((_, i) => {
      meta.getColumn(i + 1).hidden = true
    })
    const tabs = new TabNames()
    let metaRow = 1
    for (const { candidate, bloc } of plan) {
      const sheetId = await jurySheetId(request.session.id, candidate.id, bloc.code)
      const name = request.mode === 'panel' ? panelTabName(tabs, bloc.code, candidate) : blocTabName(tabs, bloc.code, bloc.title)
      const ws = workbook.addWorksheet(name, {
        pageSetup: { orientation: 'portrait', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
      })
      const layout = writeJurySheet(ws, { request, candidate, bloc, sheetId, generatedAt })
      await ws.protect('', { selectLockedCells: true, selectUnlockedCells: true, formatColumns: true, formatRows: true })
      ws.commit()
      const sheetMeta: JurySheetMeta = {
        sheetId,
        sessionId: request.session.id,
        candidateId: candidate.id,
        schoolId: candidate.schoolId,
        blocCode: bloc.code,
        referentialId: request.referential.id,
        referentialVersion: request.referential.version,
        templateVersion: JURY_TEMPLATE_VERSION,
        generatedName: name,
        layout,
      }
      metaRow++
      meta.getRow(metaRow).values = metadataRow(sheetMeta, await request.signer.sign(metadataPayload(sheetMeta)))
      sheets.push({ name, sheetId, candidateId: candidate.id, blocCode: bloc.code })
    }
    meta.commit()
  })
  return { bytes, sheets, notes }
}
