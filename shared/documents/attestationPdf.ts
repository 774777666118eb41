/**
 * The attestation de validation de blocs de compétences: a document of its own, distinct from the
 * parchemin of the whole certification. It carries the mentions a certification document needs
 * (certifier, exact title, RNCP number and France compétences' decision date, level and EQF level,
 * NSF codes, holder, place and date of issue, signatory) and states that it covers only the blocs
 * it names. Rendered from the PV snapshot, like the PV; one candidate per document, or every
 * candidate of a PV in one file (each attestation on its own pages, numbered on their own).
 * Every attestation carries a QR code and the address of its public verification page.
 */
import { BLOC_ADJ, BLOC_ADM } from '../rules/codes'
import { frenchDateOfIso, frenchLongDate } from '../frenchDates'
import { bornOn, candidateNumber } from './agreement'
import type { PdfDocument } from './pdf/pdfWriter'
import { drawQrCode } from './pdf/qrCode'
import {
  A4_PORTRAIT,
  GREY,
  RULE_GREY,
  createPdf,
  drawCentredLines,
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
import { birthNameIfDifferent, holderName } from './printedIdentity'
import type { PvCandidate, PvSnapshot } from './pvSnapshot'
import { fr } from './typography'

const MARGIN = 56
const QR_SIZE = 76

export interface AttestedBloc {
  code: string
  title: string
  /** True when the jury validated the bloc over the computed result (ADJ, or ADM over AJ). */
  byJuryDecision: boolean
}

/**
 * The blocs the attestation names: those this jury validated (ADM, ADJ). A capitalised bloc was
 * attested when it was acquired and is not repeated here.
 */
export function attestedBlocs(snapshot: PvSnapshot, candidate: PvCandidate): AttestedBloc[] {
  return snapshot.blocs
    .filter((b) => {
      const code = candidate.blocs[b.code]?.code
      return code === BLOC_ADM || code === BLOC_ADJ
    })
    .map((b) => {
      const result = candidate.blocs[b.code]
      const title = b.optionLetter !== null && snapshot.optionGroup ? fr`${snapshot.optionGroup.title}, option ${b.optionLetter} : ${b.title}` : b.title
      return { code: b.code, title, byJuryDecision: result?.override !== null && result?.override !== undefined }
    })
}

export interface AttestationSettings {
  /** Date of France compétences' registration decision. */
  rncpRegistrationDate: string
}

/** What the holder's identity line says besides the name: number, birth name, birth date. */
export function identityDetails(candidate: PvCandidate): string {
  const birthName = birthNameIfDifferent(candidate)
  return [
    candidateNumber(candidate.sex, candidate.schoolId),
    birthName !== null ? fr`nom de naissance : ${birthName}` : null,
    candidate.birthDate ? bornOn(candidate.sex, frenchLongDate(candidate.birthDate)) : null,
  ]
    .filter((part) => part !== null)
    .join(', ')
}

export interface AttestationInput {
  candidate: PvCandidate
  verification: VerificationMark
}

function drawAttestation(
  doc: PdfDocument,
  fonts: PdfFonts,
  snapshot: PvSnapshot,
  contentHash: string,
  settings: AttestationSettings,
  { candidate, verification }: AttestationInput,
): void {
  const blocs = attestedBlocs(snapshot, candidate)
  const plural = blocs.length > 1
  const footer = fr`Attestation n° ${verification.code} — ${candidateNumber(candidate.sex, candidate.schoolId)} — session « ${snapshot.session.name} » — établie d'après le PV de jury version ${snapshot.version} du ${frenchDateOfIso(snapshot.finalisedAt)} — empreinte SHA-256 du PV : ${contentHash}`
  const footerSpace = footerHeight(footer, fonts, A4_PORTRAIT[0], MARGIN)
  const flow = new PageFlow(doc, A4_PORTRAIT, MARGIN, footerSpace)
  const width = flow.width
  const textWidth = width - 2 * MARGIN
  const body: TextStyle = { font: fonts.regular, size: 10, lineGap: 4 }
  const centred = (text: string, style: TextStyle) => {
    const lines = wrapText(text, style.font, style.size, textWidth)
    flow.ensure(lines.length * lineStep(style))
    flow.y = drawCentredLines(flow.page, lines, width / 2, flow.y - style.size, style) + style.size
  }

  flow.paragraph(snapshot.certifier.name, MARGIN, textWidth, { font: fonts.bold, size: 12 })
  flow.y -= 34
  centred(plural ? 'ATTESTATION DE VALIDATION DE BLOCS DE COMPÉTENCES' : 'ATTESTATION DE VALIDATION D’UN BLOC DE COMPÉTENCES', { font: fonts.bold, size: 15 })
  centred(fr`de la certification professionnelle « ${snapshot.title.label} »`, { font: fonts.regular, size: 11 })
  flow.y -= 22

  const nsf = snapshot.certifier.nsfCodes ? fr` Code(s) NSF : ${snapshot.certifier.nsfCodes}.` : ''
  flow.paragraph(
    fr`Certification professionnelle « ${snapshot.title.label} », enregistrée au Répertoire national des certifications professionnelles (RNCP) sous le numéro ${snapshot.certifier.rncpCode} par décision de France compétences du ${frenchLongDate(settings.rncpRegistrationDate)}. Niveau ${snapshot.title.level} de la nomenclature nationale des niveaux de qualification, niveau ${snapshot.title.level} du cadre européen des certifications (CEC).${nsf}`,
    MARGIN,
    textWidth,
    { ...body, size: 9, color: GREY },
  )
  flow.y -= 14
  flow.paragraph(`${snapshot.certifier.name}, certificateur, atteste que`, MARGIN, textWidth, body)
  flow.y -= 6
  centred(holderName(candidate), { font: fonts.bold, size: 14, lineGap: 4 })
  centred(identityDetails(candidate), { font: fonts.regular, size: 10, lineGap: 3 })
  flow.y -= 12
  flow.paragraph(
    fr`a validé, à l'issue de la délibération du jury du ${frenchLongDate(snapshot.deliberatedOn)} (session « ${snapshot.session.name} »), ${plural ? 'les blocs de compétences suivants' : 'le bloc de compétences suivant'} :`,
    MARGIN,
    textWidth,
    body,
  )
  flow.y -= 4
  for (const bloc of blocs) {
    const mode = bloc.byJuryDecision ? ' (validé par décision du jury)' : ''
    flow.paragraph(`• ${bloc.code} — ${bloc.title}${mode}`, MARGIN + 12, textWidth - 12, { ...body, font: fonts.bold })
    flow.y -= 2
  }
  flow.y -= 10
  flow.paragraph(
    fr`La présente attestation porte uniquement sur ${plural ? 'les blocs de compétences désignés' : 'le bloc de compétences désigné'} ci-dessus. Elle ne vaut pas obtention de la certification professionnelle complète, qui fait l'objet d'un parchemin distinct. Un bloc de compétences validé est acquis définitivement.`,
    MARGIN,
    textWidth,
    body,
  )
  flow.y -= 20

  // The place, the signature box and the verification block stay together.
  const boxWidth = 230
  const signatory = wrapText(snapshot.certifier.signatory ?? 'la personne habilitée à signer pour le certificateur', fonts.bold, 9, boxWidth - 16)
  const forLines = wrapText(`Pour ${snapshot.certifier.name},`, fonts.regular, 9, boxWidth - 16)
  const boxHeight = Math.max(QR_SIZE + 12, 16 + (forLines.length + signatory.length) * 12 + 50)
  flow.ensure(26 + boxHeight + 10)
  const place = snapshot.certifier.city ?? '____________________'
  drawLine(flow.page, `Fait à ${place}, le ${frenchLongDate(snapshot.finalisedAt)}.`, MARGIN, flow.y - 10, body)
  flow.y -= 30
  const top = flow.y
  const x = width - MARGIN - boxWidth
  flow.page.rect(x, top - boxHeight, boxWidth, boxHeight, { stroke: RULE_GREY, thickness: 0.6 })
  let y = top - 14
  for (const line of forLines) {
    drawLine(flow.page, line, x + 8, y, { font: fonts.regular, size: 9 })
    y -= 12
  }
  for (const line of signatory) {
    drawLine(flow.page, line, x + 8, y, { font: fonts.bold, size: 9 })
    y -= 12
  }
  drawLine(flow.page, fr`Signature :`, x + 8, y - 4, { font: fonts.regular, size: 8, color: GREY })

  drawQrCode(flow.page, verification.url, MARGIN, top - QR_SIZE, QR_SIZE)
  flow.page.link(MARGIN, top - QR_SIZE, QR_SIZE, QR_SIZE, verification.url)
  const captionX = MARGIN + QR_SIZE + 10
  const caption: TextStyle = { font: fonts.regular, size: 8, color: GREY, lineGap: 2 }
  let cy = top - 10
  for (const line of [
    ...wrapText('Authenticité et validité de ce document :', fonts.regular, 8, x - captionX - 10),
    ...wrapText(verification.url, fonts.regular, 8, x - captionX - 10),
  ]) {
    drawLine(flow.page, line, captionX, cy, caption)
    cy -= lineStep(caption)
  }
  flow.y = top - boxHeight - 10

  drawFooters(flow.pages, footer, fonts, MARGIN, footerSpace)
}

function metaOf(snapshot: PvSnapshot, title: string) {
  return { title, author: snapshot.certifier.name, subject: `${snapshot.title.label} (${snapshot.certifier.rncpCode})`, date: new Date(snapshot.finalisedAt) }
}

/**
 * The PDF bytes of one candidate's attestation. The caller has checked that `attestedBlocs` is
 * not empty; the date of issue is the day the PV version was established, so a download made
 * later gives the same document.
 */
export async function renderAttestationPdf(
  snapshot: PvSnapshot,
  input: AttestationInput,
  contentHash: string,
  settings: AttestationSettings,
  files: DocumentFonts,
): Promise<Uint8Array<ArrayBuffer>> {
  const { doc, fonts } = createPdf(metaOf(snapshot, `Attestation de validation de blocs de compétences — ${holderName(input.candidate)}`), files)
  drawAttestation(doc, fonts, snapshot, contentHash, settings, input)
  return doc.save()
}

/** Every attestation of a PV version in one PDF, in the order given (the PV's). */
export async function renderAttestationsPdf(
  snapshot: PvSnapshot,
  inputs: readonly AttestationInput[],
  contentHash: string,
  settings: AttestationSettings,
  files: DocumentFonts,
): Promise<Uint8Array<ArrayBuffer>> {
  const { doc, fonts } = createPdf(metaOf(snapshot, `Attestations de validation de blocs de compétences — ${snapshot.session.name}`), files)
  for (const input of inputs) drawAttestation(doc, fonts, snapshot, contentHash, settings, input)
  return doc.save()
}
