/**
 * The PV de jury as a PDF, rendered from a frozen snapshot (see pvSnapshot.ts): certifier, title
 * with its RNCP code and level, session, date, jury, one table row per candidate with each bloc's
 * code and the decision, observations, the legend of codes and the signature blocks. Every page
 * carries the version number and the snapshot's content hash. The candidate table is paginated
 * with its header repeated, so a 2,000-candidate session renders in a few dozen pages.
 */
import type { PDFPage } from '@pdfme/pdf-lib'
import { CODE_LEGEND_FR, CERTIFICATION_DECISIONS } from '../rules/codes'
import { frenchDateOfIso, frenchLongDate } from '../frenchDates'
import { personName } from './frenchFormat'
import { juryMemberDisplayName } from './juryComposition'
import {
  A4_LANDSCAPE,
  GREY,
  LIGHT_GREY,
  RULE_GREY,
  clampLines,
  createPdf,
  drawCentred,
  drawFooters,
  drawLine,
  drawParagraph,
  wrapText,
  type PdfFonts,
} from './pdfLayout'
import type { PvCandidate, PvSnapshot } from './pvSnapshot'

const MARGIN = 36
const FOOTER_SPACE = 30
const CELL_SIZE = 8
const CELL_LINE = 10
const CELL_PADDING = 3

/** Bloc codes of the legend, in the order a reader meets them. */
const LEGEND_CODES = ['ADM', 'ADJ', 'CAP', 'AJ', 'ATT', ...CERTIFICATION_DECISIONS]

interface Column {
  title: string
  width: number
  cell: (candidate: PvCandidate) => string
  maxLines: number
  bold?: boolean
}

function columnsFor(snapshot: PvSnapshot, tableWidth: number): Column[] {
  const optionCodes = new Set(snapshot.blocs.filter((b) => b.optionLetter !== null).map((b) => b.code))
  const letters = new Map(snapshot.blocs.map((b) => [b.code, b.optionLetter]))
  const blocColumns: Column[] = snapshot.blocs
    .filter((b) => !optionCodes.has(b.code))
    .map((b) => ({ title: b.code, width: 40, maxLines: 1, cell: (c) => c.blocs[b.code]?.code ?? '—' }))
  if (snapshot.optionGroup) {
    blocColumns.push({
      title: `${snapshot.optionGroup.code} (option)`,
      width: 62,
      maxLines: 1,
      cell: (c) => {
        if (c.optionCode === null) return '—'
        return `${letters.get(c.optionCode) ?? c.optionCode} · ${c.blocs[c.optionCode]?.code ?? '—'}`
      },
    })
  }
  const fixed: Column[] = [
    { title: 'N° candidat', width: 64, maxLines: 2, cell: (c) => c.schoolId },
    { title: 'Nom et prénoms', width: 150, maxLines: 3, cell: (c) => personName(c) },
    ...blocColumns,
    { title: 'Décision', width: 64, maxLines: 1, bold: true, cell: (c) => c.decision },
  ]
  const used = fixed.reduce((sum, col) => sum + col.width, 0)
  return [...fixed, { title: 'Observations', width: Math.max(120, tableWidth - used), maxLines: 5, cell: (c) => c.observations.join(' ; ') }]
}

/** Lays pages out top-down and opens a new page when the next block does not fit. */
class PageFlow {
  pages: PDFPage[] = []
  page!: PDFPage
  y = 0

  constructor(private readonly addPage: () => PDFPage) {
    this.newPage()
  }

  newPage(): void {
    this.page = this.addPage()
    this.pages.push(this.page)
    this.y = this.page.getSize().height - MARGIN
  }

  ensure(height: number): void {
    if (this.y - height < MARGIN + FOOTER_SPACE) this.newPage()
  }
}

function drawHeader(flow: PageFlow, snapshot: PvSnapshot, fonts: PdfFonts, width: number): void {
  const { page } = flow
  const right = `Version ${snapshot.version}`
  // Issue 15, minimal print: the SIRET stored in the certifier settings.
  const certifier = snapshot.certifier.siret ? `${snapshot.certifier.name} — SIRET ${snapshot.certifier.siret}` : snapshot.certifier.name
  drawLine(page, certifier, MARGIN, flow.y - 10, { font: fonts.bold, size: 10 })
  drawLine(page, right, width - MARGIN - fonts.bold.widthOfTextAtSize(right, 10), flow.y - 10, { font: fonts.bold, size: 10 })
  flow.y -= 34
  drawCentred(page, 'PROCÈS-VERBAL DU JURY DE CERTIFICATION', width / 2, flow.y, { font: fonts.bold, size: 15 })
  flow.y -= 18
  const level = `niveau ${snapshot.title.level} (nomenclature 2019), niveau ${snapshot.title.level} du cadre européen des certifications`
  drawCentred(page, `« ${snapshot.title.label} » — ${snapshot.certifier.rncpCode}`, width / 2, flow.y, { font: fonts.bold, size: 11 })
  flow.y -= 14
  drawCentred(page, level, width / 2, flow.y, { font: fonts.regular, size: 9 })
  flow.y -= 20
  const s = snapshot.session
  const period = s.startsOn && s.endsOn ? `, du ${frenchDateOfIso(s.startsOn)} au ${frenchDateOfIso(s.endsOn)}` : ''
  const lines = [
    `Session : ${s.name}${s.campus ? ` (${s.campus})` : ''}${period}.`,
    `Délibération du ${frenchLongDate(snapshot.deliberatedOn)}${s.deliberationPlace ? `, ${s.deliberationPlace}` : ''}. PV établi le ${frenchDateOfIso(snapshot.finalisedAt)} par ${snapshot.finalisedBy}.`,
  ]
  if (snapshot.amendment) {
    const a = snapshot.amendment
    lines.push(
      `Version ${snapshot.version}, modificative : elle remplace la version ${a.previousVersion}, rouverte le ${frenchDateOfIso(a.at)} par ${a.by}. Motif : ${a.reason}`,
    )
  }
  for (const line of lines) flow.y = drawParagraph(page, line, MARGIN, flow.y, width - 2 * MARGIN, { font: fonts.regular, size: 9 })
  flow.y -= 6
}

function drawJury(flow: PageFlow, snapshot: PvSnapshot, fonts: PdfFonts, width: number): void {
  flow.ensure(30)
  drawLine(flow.page, 'Composition du jury', MARGIN, flow.y, { font: fonts.bold, size: 10 })
  flow.y -= 13
  if (snapshot.jury.length === 0) {
    drawLine(flow.page, 'Composition du jury non renseignée.', MARGIN, flow.y, { font: fonts.italic, size: 9 })
    flow.y -= 12
  }
  for (const member of snapshot.jury) {
    const roles = [member.external ? 'professionnel extérieur' : 'membre interne', member.president ? 'président(e) du jury' : null]
      .filter((r) => r !== null)
      .join(', ')
    flow.ensure(12)
    flow.y = drawParagraph(flow.page, `• ${juryMemberDisplayName(member)} — ${member.quality} (${roles})`, MARGIN + 6, flow.y, width - 2 * MARGIN - 6, {
      font: fonts.regular,
      size: 9,
    })
  }
  const composition = snapshot.juryComposition
  if (composition && composition.overrideReason !== null) {
    // Issue 15, minimal print: the jury deliberated although it failed the composition rules.
    const text = `Composition dérogatoire : ${composition.failures.join(' ')} Motif de la dérogation : ${composition.overrideReason}`
    flow.ensure(24)
    flow.y = drawParagraph(flow.page, text, MARGIN, flow.y - 2, width - 2 * MARGIN, { font: fonts.italic, size: 9 })
  }
  flow.y -= 4
  const total = snapshot.candidates.length
  const counts = CERTIFICATION_DECISIONS.map((d) => `${d} : ${snapshot.counts[d] ?? 0}`).join(' · ')
  flow.ensure(14)
  drawLine(flow.page, `Candidats délibérés : ${total} — ${counts}`, MARGIN, flow.y, { font: fonts.bold, size: 9 })
  flow.y -= 16
}

function drawTableHeader(flow: PageFlow, columns: Column[], fonts: PdfFonts): void {
  const height = 16
  const totalWidth = columns.reduce((s, c) => s + c.width, 0)
  flow.page.drawRectangle({ x: MARGIN, y: flow.y - height, width: totalWidth, height, color: LIGHT_GREY })
  let x = MARGIN
  for (const column of columns) {
    const title = clampLines(wrapText(column.title, fonts.bold, CELL_SIZE, column.width - 2 * CELL_PADDING), 1)[0] ?? ''
    drawLine(flow.page, title, x + CELL_PADDING, flow.y - 11, { font: fonts.bold, size: CELL_SIZE })
    x += column.width
  }
  flow.y -= height
}

function drawCandidateTable(flow: PageFlow, snapshot: PvSnapshot, fonts: PdfFonts, width: number): void {
  const columns = columnsFor(snapshot, width - 2 * MARGIN)
  const totalWidth = columns.reduce((s, c) => s + c.width, 0)
  flow.ensure(40)
  drawTableHeader(flow, columns, fonts)
  for (const candidate of snapshot.candidates) {
    const cells = columns.map((column) => {
      const font = column.bold ? fonts.bold : fonts.regular
      return { font, lines: clampLines(wrapText(column.cell(candidate), font, CELL_SIZE, column.width - 2 * CELL_PADDING), column.maxLines) }
    })
    const height = Math.max(...cells.map((c) => c.lines.length)) * CELL_LINE + 2 * CELL_PADDING
    if (flow.y - height < MARGIN + FOOTER_SPACE) {
      flow.newPage()
      drawLine(flow.page, `Procès-verbal du jury — ${snapshot.session.name} — suite du tableau des candidats`, MARGIN, flow.y - 8, {
        font: fonts.italic,
        size: 8,
        color: GREY,
      })
      flow.y -= 16
      drawTableHeader(flow, columns, fonts)
    }
    let x = MARGIN
    cells.forEach((cell, i) => {
      cell.lines.forEach((line, l) => drawLine(flow.page, line, x + CELL_PADDING, flow.y - CELL_PADDING - 7 - l * CELL_LINE, { font: cell.font, size: CELL_SIZE }))
      x += columns[i]?.width ?? 0
    })
    flow.y -= height
    flow.page.drawLine({ start: { x: MARGIN, y: flow.y }, end: { x: MARGIN + totalWidth, y: flow.y }, thickness: 0.4, color: RULE_GREY })
  }
  flow.y -= 14
}

function drawLegend(flow: PageFlow, snapshot: PvSnapshot, fonts: PdfFonts, width: number): void {
  flow.ensure(60)
  drawLine(flow.page, 'Légende des codes', MARGIN, flow.y, { font: fonts.bold, size: 10 })
  flow.y -= 13
  const entries = LEGEND_CODES.map((code) => `${code} : ${CODE_LEGEND_FR[code] ?? ''}`)
  const options = snapshot.blocs.filter((b) => b.optionLetter !== null)
  if (snapshot.optionGroup && options.length > 0) {
    entries.push(
      `${snapshot.optionGroup.code} (option) : lettre de l’option choisie puis code du bloc — ${options.map((o) => `${o.optionLetter} : ${o.title}`).join(', ')}`,
    )
  }
  for (const entry of entries) {
    flow.ensure(11)
    flow.y = drawParagraph(flow.page, entry, MARGIN + 6, flow.y, width - 2 * MARGIN - 6, { font: fonts.regular, size: 8, lineGap: 2 })
  }
  flow.y -= 8
}

function drawSignatures(flow: PageFlow, snapshot: PvSnapshot, fonts: PdfFonts, width: number): void {
  const place = snapshot.certifier.city ?? '……………………'
  flow.ensure(40)
  drawLine(flow.page, `Fait à ${place}, le ${frenchLongDate(snapshot.deliberatedOn)}.`, MARGIN, flow.y, { font: fonts.regular, size: 9 })
  flow.y -= 14
  drawLine(flow.page, 'Signatures des membres du jury', MARGIN, flow.y, { font: fonts.bold, size: 10 })
  flow.y -= 8
  const signers: Array<{ name: string; quality: string; role: string }> =
    snapshot.jury.length > 0
      ? [...snapshot.jury]
          .sort((a, b) => Number(b.president) - Number(a.president))
          .map((m) => ({ name: juryMemberDisplayName(m), quality: m.quality, role: m.president ? 'Président(e) du jury' : 'Membre du jury' }))
      : [1, 2, 3].map(() => ({ name: 'Nom :', quality: 'Qualité :', role: 'Membre du jury' }))
  const perRow = 3
  const gap = 12
  const boxWidth = (width - 2 * MARGIN - gap * (perRow - 1)) / perRow
  const boxHeight = 78
  for (let i = 0; i < signers.length; i += perRow) {
    flow.ensure(boxHeight + 6)
    signers.slice(i, i + perRow).forEach((signer, j) => {
      const x = MARGIN + j * (boxWidth + gap)
      const top = flow.y
      flow.page.drawRectangle({ x, y: top - boxHeight, width: boxWidth, height: boxHeight, borderColor: RULE_GREY, borderWidth: 0.6 })
      drawLine(flow.page, signer.role, x + 5, top - 12, { font: fonts.bold, size: 8 })
      drawLine(flow.page, clampLines(wrapText(signer.name, fonts.regular, 8, boxWidth - 10), 1)[0] ?? '', x + 5, top - 23, { font: fonts.regular, size: 8 })
      drawLine(flow.page, clampLines(wrapText(signer.quality, fonts.italic, 7, boxWidth - 10), 1)[0] ?? '', x + 5, top - 33, {
        font: fonts.italic,
        size: 7,
        color: GREY,
      })
      drawLine(flow.page, 'Signature :', x + 5, top - 46, { font: fonts.regular, size: 7, color: GREY })
    })
    flow.y -= boxHeight + 6
  }
}

/** The PDF bytes of one PV version. `contentHash` is the snapshot's, printed on every page. */
export async function renderPvPdf(snapshot: PvSnapshot, contentHash: string): Promise<Uint8Array<ArrayBuffer>> {
  const { doc, fonts } = await createPdf({
    title: `Procès-verbal du jury — ${snapshot.session.name} — version ${snapshot.version}`,
    author: snapshot.certifier.name,
    subject: `${snapshot.title.label} (${snapshot.certifier.rncpCode})`,
    date: new Date(snapshot.finalisedAt),
  })
  const [width] = A4_LANDSCAPE
  const flow = new PageFlow(() => doc.addPage(A4_LANDSCAPE))
  drawHeader(flow, snapshot, fonts, width)
  drawJury(flow, snapshot, fonts, width)
  drawCandidateTable(flow, snapshot, fonts, width)
  drawLegend(flow, snapshot, fonts, width)
  drawSignatures(flow, snapshot, fonts, width)
  drawFooters(
    flow.pages,
    `PV de jury — ${snapshot.certifier.name} — ${snapshot.session.name} — version ${snapshot.version} du ${frenchDateOfIso(snapshot.finalisedAt)} — empreinte SHA-256 : ${contentHash}`,
    fonts,
    MARGIN,
  )
  // Object streams off: the text stays in plain content streams, readable by any extractor.
  return doc.save({ useObjectStreams: false })
}
