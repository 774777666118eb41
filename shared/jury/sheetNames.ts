/**
 * Names of jury sheets as users see them: the tabs of the workbook and the downloaded file.
 *
 * Excel refuses a tab name of more than 31 characters, one holding \ / ? * [ ] :, one that starts
 * or ends with an apostrophe, and « History »; names are unique whatever the case. A long name is
 * cut at a word boundary (never « conseill »), without a dangling « et », « de »…; in a panel's
 * workbook the candidate stays recognisable: bloc code, name, then the first name (shortened to
 * its initial when room is short), and the school id when two candidates would share a tab name.
 */
import { parisIsoDay } from '../frenchDates'
import { METADATA_SHEET_NAME } from './templateVersion'

export const MAX_TAB_NAME = 31

/** Short words a cut name must not end on. */
const DANGLING = new Set(['et', 'ou', 'de', 'du', 'des', 'la', 'le', 'les', 'à', 'au', 'aux', 'en', 'pour', 'par', 'sur', 'un', 'une', 'd’', 'l’', '-', '—', '–'])

/** Excel's forbidden characters become spaces; spaces squeezed; no apostrophe at either end. */
export function cleanTabText(text: string): string {
  return text
    .replace(/[\\/?*[\]:]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^['’]+|['’]+$/g, '')
    .trim()
}

/** `text` within `max` characters, cut after a whole word; a single overlong word is cut hard. */
export function cutAtWord(text: string, max: number): string {
  if (text.length <= max) return text
  const words = text.split(' ')
  let kept = ''
  for (const word of words) {
    const next = kept === '' ? word : `${kept} ${word}`
    if (next.length > max) break
    kept = next
  }
  // Elided articles stay with their word (« l’information »): a word ending on one is dropped whole.
  const parts = kept.split(' ')
  while (parts.length > 1 && DANGLING.has((parts.at(-1) ?? '').toLowerCase())) parts.pop()
  kept = parts.join(' ')
  return kept === '' ? text.slice(0, max).trimEnd() : kept
}

/** Keeps track of the tab names of one workbook (Excel compares them without case). */
export class TabNames {
  private readonly taken = new Set<string>([METADATA_SHEET_NAME.toLowerCase(), 'history'])

  /** A free name from the candidates, in order of preference; « (2) », « (3) »… as a last resort. */
  claim(...candidates: string[]): string {
    const cleaned = candidates.map((c) => cutAtWord(cleanTabText(c), MAX_TAB_NAME)).filter((c) => c !== '')
    const first = cleaned[0] ?? 'Fiche'
    for (const name of cleaned) if (this.take(name)) return name
    for (let n = 2; ; n++) {
      const suffix = ` (${n})`
      const name = `${cutAtWord(first, MAX_TAB_NAME - suffix.length)}${suffix}`
      if (this.take(name)) return name
    }
  }

  private take(name: string): boolean {
    const key = name.toLowerCase()
    if (this.taken.has(key)) return false
    this.taken.add(key)
    return true
  }
}

interface TabCandidate {
  schoolId: string
  birthName: string
  usageName: string | null
  firstNames: readonly string[]
}

/** The name a candidate is shown under, upper-cased as on the PV. */
function shownName(candidate: TabCandidate): string {
  return (candidate.usageName?.trim() || candidate.birthName).toUpperCase()
}

/**
 * A panel's tab for one candidate and bloc: « BC02 MARTIN Camille », else « BC02 WÓJCIK-SKLODOWSKA
 * M. » when the first name does not fit, else the name cut at a word; with the school id when
 * another candidate already took that name.
 */
export function panelTabName(tabs: TabNames, blocCode: string, candidate: TabCandidate): string {
  const name = shownName(candidate)
  const first = candidate.firstNames[0]?.trim() ?? ''
  const initial = first === '' ? '' : `${[...first][0] ?? ''}.`
  const full = `${blocCode} ${name} ${first}`.trim()
  const short = cleanTabText(full).length <= MAX_TAB_NAME ? full : `${blocCode} ${name} ${initial}`.trim()
  return tabs.claim(short, `${blocCode} ${candidate.schoolId} ${name}`, `${blocCode} ${candidate.schoolId}`)
}

/** A candidate's tab for one bloc: « BC01 Analyser le système » (bloc code and title, cut at a word). */
export function blocTabName(tabs: TabNames, blocCode: string, blocTitle: string): string {
  return tabs.claim(`${blocCode} ${blocTitle}`)
}

/* Download names. */

/** A file name part from free text: no character a file system refuses, no spaces. */
export function fileNamePart(text: string, max = 60): string {
  return text
    .replace(/[\\/:*?"<>|\s]+/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, max)
    .replace(/-+$/, '')
}

export interface JurySheetFileRequest {
  sessionName: string
  /** The one candidate of the file; null for a panel. */
  candidate: TabCandidate | null
  /** Number of candidates of a panel file, null for every candidate of the session. */
  panelSize: number | null
  blocCode: string | null
  generatedAt: Date
}

/**
 * « fiches-jury_Session-juin-2026_DUPONT-Marie-E001_BC02_2026-06-12.xlsx »,
 * « fiches-jury_Session-juin-2026_tous-les-candidats_2026-06-12.xlsx »: the session, the candidate
 * or the panel, the bloc when one was asked, and the day it was generated (in France).
 */
export function jurySheetFileName(request: JurySheetFileRequest): string {
  const who = request.candidate
    ? `${shownName(request.candidate)} ${request.candidate.firstNames[0] ?? ''} ${request.candidate.schoolId}`
    : request.panelSize === null
      ? 'tous-les-candidats'
      : `${request.panelSize}-candidat${request.panelSize > 1 ? 's' : ''}`
  const parts = ['fiches-jury', fileNamePart(request.sessionName), fileNamePart(who), request.blocCode ?? '', parisIsoDay(request.generatedAt)]
  return `${parts.filter((p) => p !== '').join('_')}.xlsx`
}
