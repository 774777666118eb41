/**
 * Problems are values, never exceptions: a malformed rule or an invalid cell comes back with a
 * French message naming the bloc and the critère, so the add-in and the Worker can show it.
 */

export type IssueKind =
  | 'rule'
  | 'mark'
  | 'override'
  | 'reason'
  | 'capitalised'
  | 'option'
  | 'blocResult'
  | 'layout'
  | 'formula'

export interface RuleIssue {
  kind: IssueKind
  blocCode: string | null
  critereCode: string | null
  /** Message en français, prêt à afficher. */
  message: string
  /**
   * The rule field at fault, relative to the critère (`assessment.floor`), the bloc
   * (`rule.threshold`) or, for the certification rule, the référentiel
   * (`certificationRule.optionGroupCode`); set by the rule compiler so that a draft can point at
   * the cell, absent elsewhere.
   */
  field?: string
}

export type Result<T> = { ok: true; value: T } | { ok: false; issues: RuleIssue[] }

export function issue(
  kind: IssueKind,
  blocCode: string | null,
  critereCode: string | null,
  detail: string,
  field?: string,
): RuleIssue {
  const where = [blocCode === null ? null : `Bloc ${blocCode}`, critereCode === null ? null : `critère ${critereCode}`]
    .filter((part) => part !== null)
    .join(', ')
  const message = where.length > 0 ? `${where} : ${detail}` : capitalise(detail)
  return field === undefined ? { kind, blocCode, critereCode, message } : { kind, blocCode, critereCode, message, field }
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1)
}
