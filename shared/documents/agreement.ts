/**
 * Gender agreement of the documents, from the data and never guessed from a name: the candidate's
 * « sexe » (CDC identity) and the jury member's civility. When it is unknown the wording is
 * neutral (« date de naissance : … », « présidence du jury »), never « né(e) ».
 */
import type { JuryCivility } from './juryComposition'
import { fr } from './typography'

type Sex = 'M' | 'F' | null

/** « née le 3 mars 2001 », « né le … », or « date de naissance : … » when the sex is unknown. */
export function bornOn(sex: Sex, longDate: string): string {
  if (sex === 'F') return `née le ${longDate}`
  if (sex === 'M') return `né le ${longDate}`
  return fr`date de naissance : ${longDate}`
}

/** « candidate n° E-17 », « candidat n° E-17 », or « n° de candidat : E-17 ». */
export function candidateNumber(sex: Sex, schoolId: string): string {
  if (sex === 'F') return `candidate n°\u00a0${schoolId}`
  if (sex === 'M') return `candidat n°\u00a0${schoolId}`
  return fr`n° de candidat : ${schoolId}`
}

/** The president's role: « présidente du jury », « président du jury », or « présidence du jury ». */
export function presidencyRole(civility: JuryCivility | null | undefined): string {
  if (civility === 'Mme') return 'présidente du jury'
  if (civility === 'M.') return 'président du jury'
  return 'présidence du jury'
}

/** « professionnelle extérieure », « professionnel extérieur », or « membre extérieur ». */
export function externalRole(civility: JuryCivility | null | undefined): string {
  if (civility === 'Mme') return 'professionnelle extérieure'
  if (civility === 'M.') return 'professionnel extérieur'
  return 'membre extérieur'
}

export const capitalise = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1)
