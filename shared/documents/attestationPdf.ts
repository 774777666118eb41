/**
 * The attestation de validation de blocs de compétences, one PDF per candidate: a document of its
 * own, distinct from the parchemin of the whole certification. It carries the mentions a
 * certification document needs (certifier, exact title, RNCP number and France compétences'
 * decision date, level and EQF level, NSF codes, holder, place and date of issue, signatory) and
 * states that it covers only the blocs it names. Rendered from the PV snapshot, like the PV.
 */
import { BLOC_ADJ, BLOC_ADM } from '../rules/codes'
import { frenchDateOfIso, frenchLongDate } from '../frenchDates'
import { A4_PORTRAIT, GREY, RULE_GREY, createPdf, drawCentred, drawFooters, drawLine, drawParagraph } from './pdfLayout'
import type { PvCandidate, PvSnapshot } from './pvSnapshot'

const MARGIN = 56

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
      const title = b.optionLetter !== null && snapshot.optionGroup ? `${snapshot.optionGroup.title}, option ${b.optionLetter} : ${b.title}` : b.title
      return { code: b.code, title, byJuryDecision: result?.override !== null && result?.override !== undefined }
    })
}

function bornLabel(sex: PvCandidate['sex']): string {
  return sex === 'F' ? 'née' : sex === 'M' ? 'né' : 'né(e)'
}

export interface AttestationSettings {
  /** Date of France compétences' registration decision. */
  rncpRegistrationDate: string
}

/**
 * The PDF bytes of one candidate's attestation. The caller has checked that `attestedBlocs` is
 * not empty; the date of issue is the day the PV version was established, so a download made
 * later gives the same document.
 */
export async function renderAttestationPdf(
  snapshot: PvSnapshot,
  candidate: PvCandidate,
  contentHash: string,
  settings: AttestationSettings,
): Promise<Uint8Array<ArrayBuffer>> {
  const blocs = attestedBlocs(snapshot, candidate)
  const plural = blocs.length > 1
  const holder = `${candidate.firstNames.join(' ')} ${(candidate.usageName ?? candidate.birthName).toUpperCase()}`
  const { doc, fonts } = await createPdf({
    title: `Attestation de validation de blocs de compétences — ${holder}`,
    author: snapshot.certifier.name,
    subject: `${snapshot.title.label} (${snapshot.certifier.rncpCode})`,
    date: new Date(snapshot.finalisedAt),
  })
  const [width, height] = A4_PORTRAIT
  const page = doc.addPage(A4_PORTRAIT)
  const textWidth = width - 2 * MARGIN
  const body = { font: fonts.regular, size: 10, lineGap: 4 }
  let y = height - MARGIN

  drawLine(page, snapshot.certifier.name, MARGIN, y, { font: fonts.bold, size: 12 })
  y -= 48
  drawCentred(page, plural ? 'ATTESTATION DE VALIDATION DE BLOCS DE COMPÉTENCES' : 'ATTESTATION DE VALIDATION D’UN BLOC DE COMPÉTENCES', width / 2, y, {
    font: fonts.bold,
    size: 15,
  })
  y -= 18
  drawCentred(page, `de la certification professionnelle « ${snapshot.title.label} »`, width / 2, y, { font: fonts.regular, size: 11 })
  y -= 34

  const nsf = snapshot.certifier.nsfCodes ? ` Code(s) NSF : ${snapshot.certifier.nsfCodes}.` : ''
  y = drawParagraph(
    page,
    `Certification professionnelle « ${snapshot.title.label} », enregistrée au Répertoire national des certifications professionnelles (RNCP) sous le numéro ${snapshot.certifier.rncpCode} par décision de France compétences du ${frenchLongDate(settings.rncpRegistrationDate)}. Niveau ${snapshot.title.level} de la nomenclature nationale des niveaux de qualification, niveau ${snapshot.title.level} du cadre européen des certifications (CEC).${nsf}`,
    MARGIN,
    y,
    textWidth,
    { ...body, size: 9, color: GREY },
  )
  y -= 16

  y = drawParagraph(page, `${snapshot.certifier.name}, certificateur, atteste que`, MARGIN, y, textWidth, body)
  y -= 8
  drawCentred(page, holder, width / 2, y, { font: fonts.bold, size: 14 })
  y -= 18
  const birthName = candidate.usageName && candidate.usageName !== candidate.birthName ? `, nom de naissance ${candidate.birthName.toUpperCase()}` : ''
  const born = candidate.birthDate ? `, ${bornLabel(candidate.sex)} le ${frenchLongDate(candidate.birthDate)}` : ''
  drawCentred(page, `candidat n° ${candidate.schoolId}${birthName}${born}`, width / 2, y, { font: fonts.regular, size: 10 })
  y -= 26
  y = drawParagraph(
    page,
    `a validé, à l’issue de la délibération du jury du ${frenchLongDate(snapshot.deliberatedOn)} (session « ${snapshot.session.name} »), ${plural ? 'les blocs de compétences suivants' : 'le bloc de compétences suivant'} :`,
    MARGIN,
    y,
    textWidth,
    body,
  )
  y -= 6
  for (const bloc of blocs) {
    const mode = bloc.byJuryDecision ? ' (validé par décision du jury)' : ''
    y = drawParagraph(page, `• ${bloc.code} — ${bloc.title}${mode}`, MARGIN + 12, y, textWidth - 12, { ...body, font: fonts.bold })
    y -= 2
  }
  y -= 12
  y = drawParagraph(
    page,
    `La présente attestation porte uniquement sur ${plural ? 'les blocs de compétences désignés' : 'le bloc de compétences désigné'} ci-dessus. Elle ne vaut pas obtention de la certification professionnelle complète, qui fait l’objet d’un parchemin distinct. Un bloc de compétences validé est acquis définitivement.`,
    MARGIN,
    y,
    textWidth,
    body,
  )
  y -= 28

  const place = snapshot.certifier.city ?? '……………………'
  drawLine(page, `Fait à ${place}, le ${frenchLongDate(snapshot.finalisedAt)}.`, MARGIN, y, { font: fonts.regular, size: 10 })
  y -= 26
  const boxWidth = 230
  const x = width - MARGIN - boxWidth
  page.drawRectangle({ x, y: y - 80, width: boxWidth, height: 90, borderColor: RULE_GREY, borderWidth: 0.6 })
  drawLine(page, `Pour ${snapshot.certifier.name},`, x + 8, y - 4, { font: fonts.regular, size: 9 })
  drawLine(page, snapshot.certifier.signatory ?? 'le représentant habilité du certificateur', x + 8, y - 17, { font: fonts.bold, size: 9 })
  drawLine(page, 'Signature :', x + 8, y - 32, { font: fonts.regular, size: 8, color: GREY })

  drawFooters(
    [page],
    `Attestation ${snapshot.session.id}/${candidate.schoolId} — établie d’après le PV de jury version ${snapshot.version} du ${frenchDateOfIso(snapshot.finalisedAt)} — empreinte SHA-256 du PV : ${contentHash}`,
    fonts,
    MARGIN,
  )
  return doc.save({ useObjectStreams: false })
}
