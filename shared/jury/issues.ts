/**
 * Problems found in jury sheet files, located (file, sheet, cell) and worded in French so that the
 * administrator can tell a jury member exactly what to fix. `code` is for programs (tests, the
 * add-in's filters), `message` for people and complete on its own.
 */

export type JuryIssueCode =
  // The file as a whole
  | 'file_empty'
  | 'file_too_large'
  | 'not_xlsx'
  | 'legacy_or_encrypted'
  | 'zip_corrupt'
  | 'zip_bomb'
  | 'unreadable'
  | 'too_much_content'
  | 'no_metadata'
  | 'no_jury_sheet'
  // One jury sheet
  | 'metadata_unreadable'
  | 'checksum_mismatch'
  | 'unknown_reference'
  | 'other_session'
  | 'other_referential'
  | 'template_version'
  | 'unknown_bloc'
  | 'unknown_critere'
  | 'identity_mismatch'
  | 'structure_changed'
  | 'invalid_mark'
  | 'comment_without_mark'
  | 'comment_too_long'
  | 'no_jury_member'
  | 'no_jury_date'
  | 'invalid_jury_date'
  // Against the session (planImport)
  | 'unknown_candidate'
  | 'bloc_not_for_candidate'
  | 'duplicate_different'
  | 'duplicate_file_name'
  // Warnings and notes
  | 'blank_sheet'
  | 'no_marks'
  | 'not_a_jury_sheet'
  | 'sheet_missing'
  | 'duplicate_identical'
  | 'already_imported'
  | 'jury_decision'
  | 'session_locked'

export interface JuryIssue {
  code: JuryIssueCode
  /** File name as the user gave it. */
  file: string
  /** Tab name as it is in the file (may differ from the generated one: tabs can be renamed). */
  sheet?: string
  /** A1 address on that sheet (or a range, e.g. B40:B42). */
  cell?: string
  critereCode?: string
  /** Complete French sentence, location included. */
  message: string
}

export interface IssueLocation {
  file: string
  sheet?: string
  cell?: string
  critereCode?: string
}

function sentence(detail: string): string {
  const trimmed = detail.trim()
  return /[.!?…]$/.test(trimmed) ? trimmed : `${trimmed}.`
}

/** "f.xlsx, feuille « BC01 », cellule C25 (critère CR1.3) : detail." */
export function locate(at: IssueLocation): string {
  const parts = [at.file]
  if (at.sheet !== undefined) parts.push(`feuille « ${at.sheet} »`)
  if (at.cell !== undefined) parts.push(`${at.cell.includes(':') ? 'cellules' : 'cellule'} ${at.cell.replace(':', ' à ')}`)
  return `${parts.join(', ')}${at.critereCode === undefined ? '' : ` (critère ${at.critereCode})`}`
}

export function juryIssue(code: JuryIssueCode, at: IssueLocation, detail: string): JuryIssue {
  const issue: JuryIssue = { code, file: at.file, message: `${locate(at)} : ${sentence(detail)}` }
  if (at.sheet !== undefined) issue.sheet = at.sheet
  if (at.cell !== undefined) issue.cell = at.cell
  if (at.critereCode !== undefined) issue.critereCode = at.critereCode
  return issue
}

/** Text quoted for a message, on one line and cut at 60 characters. */
export function quote(value: string): string {
  const oneLine = value.replace(/\s+/g, ' ').trim()
  return `« ${oneLine.length > 60 ? `${oneLine.slice(0, 57)}…` : oneLine} »`
}
