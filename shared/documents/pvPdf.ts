/**
 * The PV de jury as a PDF, rendered from a frozen snapshot (see pvSnapshot.ts): certifier, title
 * with its RNCP code and level, session, date, jury, one table row per candidate with each bloc's
 * code and the decision, observations, the legend of codes and the signature blocks. Every page
 * carries the version number, the snapshot's content hash and the address where anyone can check
 * the document (a QR code on the first page). Nothing is cut: identities and reasons wrap over as
 * many lines as they need, a row taller than the room left goes on on the next page under the
 * repeated header, and the signature heading always stays with the first row of boxes.
 */
import { CODE_LEGEND_FR, CERTIFICATION_DECISIONS } from '../rules/codes'
import { frenchDateOfIso, frenchLongDate } from '../frenchDates'
import { capitalise, externalRole, presidencyRole } from './agreement'
import { tableIdentity } from './printedIdentity'
import { juryMemberDisplayName, type JuryMember } from './juryComposition'
import type { PdfDocument } from './pdf/pdfWriter'
import { drawQrCode } from './pdf/qrCode'
import {
  A4_LANDSCAPE,
  GREY,
  LIGHT_GREY,
  RULE_GREY,
  createPdf,
  drawFooters,
  drawLine,
  footerHeight,
  lineStep,
  PageFlow,
  wrapText,
  type DocumentFonts,
  type PdfFonts,
  type TextStyle,
  type VerificationMark,
} from './pdfLayout'
import type { PvCandidate, PvSnapshot } from './pvSnapshot'
import { fr, groupDigits } from './typography'

const MARGIN = 36
const CELL_SIZE = 8
const CELL_LINE = 10
const CELL_PADDING = 3
const QR_SIZE = 62

/** Bloc codes of the legend, in the order a reader meets them. */
const LEGEND_CODES = ['ADM', 'ADJ', 'CAP', 'AJ', 'ATT', ...CERTIFICATION_DECISIONS]

interface Column {
  title: string
  width: number
  cell: (candidate: PvCandidate) => string
  bold?: boolean
}

function columnsFor(snapshot: PvSnapshot, tableWidth: number): Column[] {
  const optionCodes = new Set(snapshot.blocs.filter((b) => b.optionLetter !== null).map((b) => b.code))
  const letters = new Map(snapshot.blocs.map((b) => [b.code, b.optionLetter]))
  const blocColumns: Column[] = snapshot.blocs
    .filter((b) => !optionCodes.has(b.code))
    .map((b) => ({ title: b.code, width: 38, cell: (c) => c.blocs[b.code]?.code ?? '—' }))
  if (snapshot.optionGroup) {
    blocColumns.push({
      title: `${snapshot.optionGroup.code} (option)`,
      width: 60,
      cell: (c) => {
        if (c.optionCode === null) return '—'
        return `${letters.get(c.optionCode) ?? c.optionCode} · ${c.blocs[c.optionCode]?.code ?? '—'}`
      },
    })
  }
  const fixed: Column[] = [
    { title: 'N° candidat', width: 60, cell: (c) => c.schoolId },
    { title: 'Nom et prénoms', width: 170, cell: (c) => tableIdentity(c) },
    ...blocColumns,
    { title: 'Décision', width: 66, bold: true, cell: (c) => c.decision },
  ]
  const used = fixed.reduce((sum, col) => sum + col.width, 0)
  return [...fixed, { title: 'Observations', width: Math.max(120, tableWidth - used), cell: (c) => c.observations.join('\n') }]
}

function drawHeader(flow: PageFlow, snapshot: PvSnapshot, fonts: PdfFonts, verification: VerificationMark): void {
  const { page, width } = flow
  const right = `Version ${snapshot.version}`
  const rightWidth = fonts.bold.widthOf(right, 10)
  // Issue 15, minimal print: the SIRET stored in the certifier settings.
  const certifier = snapshot.certifier.siret ? `${snapshot.certifier.name} — SIRET ${snapshot.certifier.siret}` : snapshot.certifier.name
  const top = flow.y
  drawLine(page, right, width - MARGIN - rightWidth, top - 10, { font: fonts.bold, size: 10 })
  // The QR code sits in the top right corner, under the version, with its quiet zone.
  drawQrCode(page, verification.url, width - MARGIN - QR_SIZE, top - 22 - QR_SIZE, QR_SIZE)
  drawLine(page, 'Vérifier le document', width - MARGIN - QR_SIZE, top - 32 - QR_SIZE, { font: fonts.regular, size: 6, color: GREY })
  const textWidth = width - 2 * MARGIN - QR_SIZE - 24
  for (const line of wrapText(certifier, fonts.bold, 10, textWidth)) {
    drawLine(page, line, MARGIN, flow.y - 10, { font: fonts.bold, size: 10 })
    flow.y -= 13
  }
  flow.y -= 16
  const centre = (text: string, style: TextStyle) => {
    for (const line of wrapText(text, style.font, style.size, textWidth - QR_SIZE)) {
      drawLine(page, line, MARGIN + (textWidth - style.font.widthOf(line, style.size)) / 2, flow.y, style)
      flow.y -= lineStep(style)
    }
  }
  centre('PROCÈS-VERBAL DU JURY DE CERTIFICATION', { font: fonts.bold, size: 15 })
  centre(fr`« ${snapshot.title.label} » — ${snapshot.certifier.rncpCode}`, { font: fonts.bold, size: 11 })
  centre(
    `niveau ${snapshot.title.level} (nomenclature 2019), niveau ${snapshot.title.level} du cadre européen des certifications`,
    { font: fonts.regular, size: 9 },
  )
  flow.y = Math.min(flow.y - 6, top - 40 - QR_SIZE)
  const s = snapshot.session
  const period = s.startsOn && s.endsOn ? `, du ${frenchDateOfIso(s.startsOn)} au ${frenchDateOfIso(s.endsOn)}` : ''
  const lines = [
    fr`Session : ${s.name}${s.campus ? ` (${s.campus})` : ''}${period}.`,
    `Délibération du ${frenchLongDate(snapshot.deliberatedOn)}${s.deliberationPlace ? `, ${s.deliberationPlace}` : ''}. PV établi le ${frenchDateOfIso(snapshot.finalisedAt)} par ${snapshot.finalisedBy}.`,
  ]
  if (snapshot.amendment) {
    const a = snapshot.amendment
    lines.push(
      fr`Version ${snapshot.version}, modificative : elle remplace la version ${a.previousVersion}, rouverte le ${frenchDateOfIso(a.at)} par ${a.by}. Motif : ${a.reason}`,
    )
  }
  for (const line of lines) flow.paragraph(line, MARGIN, width - 2 * MARGIN, { font: fonts.regular, size: 9 })
  flow.y -= 6
}

function memberRoles(member: JuryMember): string {
  const civility = member.civility ?? null
  return [member.external ? externalRole(civility) : 'membre interne', member.president ? presidencyRole(civility) : null].filter((r) => r !== null).join(', ')
}

function drawJury(flow: PageFlow, snapshot: PvSnapshot, fonts: PdfFonts): void {
  const width = flow.width
  const body = { font: fonts.regular, size: 9 }
  flow.ensure(13 + lineStep(body))
  drawLine(flow.page, 'Composition du jury', MARGIN, flow.y - 10, { font: fonts.bold, size: 10 })
  flow.y -= 15
  if (snapshot.jury.length === 0) flow.paragraph('Composition du jury non renseignée.', MARGIN, width - 2 * MARGIN, { ...body, oblique: true })
  for (const member of snapshot.jury) {
    flow.paragraph(`• ${juryMemberDisplayName(member)} — ${member.quality} (${memberRoles(member)})`, MARGIN + 6, width - 2 * MARGIN - 6, body)
  }
  const composition = snapshot.juryComposition
  if (composition && composition.overrideReason !== null) {
    // Issue 15, minimal print: the jury deliberated although it failed the composition rules.
    flow.y -= 2
    flow.paragraph(fr`Composition dérogatoire : ${composition.failures.join(' ')} Motif de la dérogation : ${composition.overrideReason}`, MARGIN, width - 2 * MARGIN, {
      ...body,
      oblique: true,
    })
  }
  flow.y -= 4
  const counts = CERTIFICATION_DECISIONS.map((d) => fr`${d} : ${snapshot.counts[d] ?? 0}`).join(' · ')
  flow.paragraph(fr`Candidats délibérés : ${groupDigits(snapshot.candidates.length)} — ${counts}`, MARGIN, width - 2 * MARGIN, { ...body, font: fonts.bold })
  flow.y -= 10
}

interface Cell {
  style: TextStyle
  lines: string[]
}

function cellsOf(columns: readonly Column[], texts: readonly string[], fonts: PdfFonts, bold: (i: number) => boolean): Cell[] {
  return columns.map((column, i) => {
    const style = { font: bold(i) ? fonts.bold : fonts.regular, size: CELL_SIZE }
    return { style, lines: wrapText(texts[i] ?? '', style.font, CELL_SIZE, column.width - 2 * CELL_PADDING) }
  })
}

/** Draws lines [from, to) of every cell as one band of the table; returns the band's height. */
function drawBand(flow: PageFlow, columns: readonly Column[], cells: readonly Cell[], from: number, to: number, fill: boolean): number {
  const height = (to - from) * CELL_LINE + 2 * CELL_PADDING
  const totalWidth = columns.reduce((s, c) => s + c.width, 0)
  if (fill) flow.page.rect(MARGIN, flow.y - height, totalWidth, height, { fill: LIGHT_GREY })
  let x = MARGIN
  cells.forEach((cell, i) => {
    cell.lines.slice(from, to).forEach((line, l) => drawLine(flow.page, line, x + CELL_PADDING, flow.y - CELL_PADDING - 7 - l * CELL_LINE, cell.style))
    x += columns[i]?.width ?? 0
  })
  flow.y -= height
  flow.page.line(MARGIN, flow.y, MARGIN + totalWidth, flow.y, 0.4, RULE_GREY)
  return height
}

function drawCandidateTable(flow: PageFlow, snapshot: PvSnapshot, fonts: PdfFonts): void {
  const columns = columnsFor(snapshot, flow.width - 2 * MARGIN)
  const header = cellsOf(columns, columns.map((c) => c.title), fonts, () => true)
  const headerLines = Math.max(...header.map((c) => c.lines.length))
  const headerHeight = headerLines * CELL_LINE + 2 * CELL_PADDING
  const continuation = { font: fonts.regular, size: 8, color: GREY, oblique: true }
  const tablePage = () => {
    flow.newPage()
    flow.paragraph(`Procès-verbal du jury — ${snapshot.session.name} — suite du tableau des candidats`, MARGIN, flow.width - 2 * MARGIN, continuation)
    flow.y -= 4
    drawBand(flow, columns, header, 0, headerLines, true)
  }
  // The header never sits alone: it needs room for itself and a first row of two lines.
  if (flow.room < headerHeight + 2 * CELL_LINE + 2 * CELL_PADDING) flow.newPage()
  drawBand(flow, columns, header, 0, headerLines, true)
  let rowsOnPage = 0
  // True while the page was just opened for the table: whatever comes is drawn there.
  let fresh = false
  const fullPage = A4_LANDSCAPE[1] - 2 * MARGIN - flow.footerSpace - headerHeight - 30
  const nextPage = () => {
    tablePage()
    fresh = true
    rowsOnPage = 0
  }
  for (const candidate of snapshot.candidates) {
    const cells = cellsOf(columns, columns.map((c) => c.cell(candidate)), fonts, (i) => columns[i]?.bold === true)
    const total = Math.max(...cells.map((c) => c.lines.length))
    let from = 0
    while (from < total) {
      const fits = Math.floor((flow.room - 2 * CELL_PADDING) / CELL_LINE)
      const left = total - from
      if (fits >= left) {
        drawBand(flow, columns, cells, from, total, false)
        rowsOnPage++
        fresh = false
        break
      }
      // A row that fits on a fresh page moves there whole; a taller one is split, two lines at least per part.
      const wholeOnNextPage = from === 0 && left * CELL_LINE + 2 * CELL_PADDING <= fullPage
      if (!fresh && (fits < 2 || (rowsOnPage > 0 && wholeOnNextPage))) {
        nextPage()
        continue
      }
      const to = from + Math.max(fits, 1)
      drawBand(flow, columns, cells, from, to, false)
      from = to
      nextPage()
    }
  }
  flow.y -= 14
}

function drawLegend(flow: PageFlow, snapshot: PvSnapshot, fonts: PdfFonts): void {
  const style = { font: fonts.regular, size: 8, lineGap: 2 }
  flow.ensure(13 + 2 * lineStep(style))
  drawLine(flow.page, 'Légende des codes', MARGIN, flow.y - 10, { font: fonts.bold, size: 10 })
  flow.y -= 15
  const entries = LEGEND_CODES.map((code) => fr`${code} : ${CODE_LEGEND_FR[code] ?? ''}`)
  const options = snapshot.blocs.filter((b) => b.optionLetter !== null)
  if (snapshot.optionGroup && options.length > 0) {
    entries.push(
      fr`${snapshot.optionGroup.code} (option) : lettre de l'option choisie puis code du bloc — ${options.map((o) => fr`${o.optionLetter ?? ''} : ${o.title}`).join(', ')}`,
    )
  }
  for (const entry of entries) flow.paragraph(entry, MARGIN + 6, flow.width - 2 * MARGIN - 6, style)
  flow.y -= 8
}

interface Signer {
  role: string
  name: string
  quality: string
}

function drawSignatures(flow: PageFlow, snapshot: PvSnapshot, fonts: PdfFonts): void {
  const width = flow.width
  const place = snapshot.certifier.city ?? '____________________'
  const signers: Signer[] =
    snapshot.jury.length > 0
      ? [...snapshot.jury]
          .sort((a, b) => Number(b.president) - Number(a.president))
          .map((m) => ({ name: juryMemberDisplayName(m), quality: m.quality, role: m.president ? capitalise(presidencyRole(m.civility ?? null)) : 'Membre du jury' }))
      : [1, 2, 3].map(() => ({ name: fr`Nom :`, quality: fr`Qualité :`, role: 'Membre du jury' }))
  const perRow = 3
  const gap = 12
  const boxWidth = (width - 2 * MARGIN - gap * (perRow - 1)) / perRow
  const inner = boxWidth - 10
  const rows: Array<Array<{ signer: Signer; name: string[]; quality: string[] }>> = []
  for (let i = 0; i < signers.length; i += perRow) {
    rows.push(
      signers.slice(i, i + perRow).map((signer) => ({
        signer,
        name: wrapText(signer.name, fonts.regular, 8, inner),
        quality: wrapText(signer.quality, fonts.regular, 7, inner),
      })),
    )
  }
  const rowHeight = (row: (typeof rows)[number]) => Math.max(...row.map((b) => 12 + b.name.length * 10 + b.quality.length * 9)) + 44
  const heading = 14 + 18
  // Keep with next: « Fait à », the heading and the first row of boxes go on the same page.
  flow.ensure(heading + rowHeight(rows[0] ?? []) + 6)
  drawLine(flow.page, `Fait à ${place}, le ${frenchLongDate(snapshot.deliberatedOn)}.`, MARGIN, flow.y - 9, { font: fonts.regular, size: 9 })
  flow.y -= 14
  drawLine(flow.page, 'Signatures des membres du jury', MARGIN, flow.y - 10, { font: fonts.bold, size: 10 })
  flow.y -= 18
  rows.forEach((row, index) => {
    const height = rowHeight(row)
    if (index > 0) flow.ensure(height + 6)
    row.forEach((box, j) => {
      const x = MARGIN + j * (boxWidth + gap)
      const top = flow.y
      flow.page.rect(x, top - height, boxWidth, height, { stroke: RULE_GREY, thickness: 0.6 })
      let y = top - 12
      drawLine(flow.page, box.signer.role, x + 5, y, { font: fonts.bold, size: 8 })
      y -= 11
      for (const line of box.name) {
        drawLine(flow.page, line, x + 5, y, { font: fonts.regular, size: 8 })
        y -= 10
      }
      for (const line of box.quality) {
        drawLine(flow.page, line, x + 5, y, { font: fonts.regular, size: 7, color: GREY, oblique: true })
        y -= 9
      }
      drawLine(flow.page, fr`Signature :`, x + 5, y - 2, { font: fonts.regular, size: 7, color: GREY })
    })
    flow.y -= height + 6
  })
}

/** Draws one PV version into `doc`; returns nothing, the pages are the document's. */
function drawPv(doc: PdfDocument, fonts: PdfFonts, snapshot: PvSnapshot, contentHash: string, verification: VerificationMark): void {
  const footer = fr`PV de jury — ${snapshot.certifier.name} — ${snapshot.session.name} — version ${snapshot.version} du ${frenchDateOfIso(snapshot.finalisedAt)} — empreinte SHA-256 : ${contentHash} — vérification : ${verification.url}`
  const footerSpace = footerHeight(footer, fonts, A4_LANDSCAPE[0], MARGIN)
  const flow = new PageFlow(doc, A4_LANDSCAPE, MARGIN, footerSpace)
  drawHeader(flow, snapshot, fonts, verification)
  drawJury(flow, snapshot, fonts)
  drawCandidateTable(flow, snapshot, fonts)
  drawLegend(flow, snapshot, fonts)
  drawSignatures(flow, snapshot, fonts)
  drawFooters(flow.pages, footer, fonts, MARGIN, footerSpace)
  const first = flow.pages[0]
  first?.link(first.width - MARGIN - QR_SIZE, first.height - MARGIN - 22 - QR_SIZE, QR_SIZE, QR_SIZE, verification.url)
}

/** The PDF bytes of one PV version. `contentHash` is the snapshot's, printed on every page. */
export async function renderPvPdf(
  snapshot: PvSnapshot,
  contentHash: string,
  verification: VerificationMark,
  files: DocumentFonts,
): Promise<Uint8Array<ArrayBuffer>> {
  const { doc, fonts } = createPdf(
    {
      title: `Procès-verbal du jury — ${snapshot.session.name} — version ${snapshot.version}`,
      author: snapshot.certifier.name,
      subject: `${snapshot.title.label} (${snapshot.certifier.rncpCode})`,
      date: new Date(snapshot.finalisedAt),
    },
    files,
  )
  drawPv(doc, fonts, snapshot, contentHash, verification)
  return doc.save()
}
