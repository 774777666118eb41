/**
 * A push of grades from the workbook (or an import): the request shape, and its validation
 * against the référentiel and the session's candidates. Marks are read by the rules core, so the
 * Worker stores exactly what the workbook formulas evaluate.
 */
import * as z from '../zod'
import type { Referential } from '../referential/schema'
import { evaluableBlocs } from '../referential'
import { isBlankCell, readMark, readOverride, readReasonCell } from '../rules/marks'
import { OVERRIDE_CODES, type OverrideCode } from '../rules/codes'
import type { CritereScale } from '../rules/ruleSchema'

const cellValue = z.union([z.string().max(100), z.number(), z.boolean(), z.null()])

export const gradePushSchema = z
  .object({
    rows: z
      .array(
        z
          .object({
            candidateId: z.string().min(1).max(64),
            rowVersion: z.number().int().positive(),
            marks: z.record(z.string().max(32), cellValue).default({}),
            comments: z.record(z.string().max(32), z.string().max(2000).nullable()).default({}),
            decisions: z
              .record(
                z.string().max(32),
                z.object({ code: z.string().max(10).nullable(), reason: z.string().max(1000).nullable().default(null) }).strict(),
              )
              .default({}),
          })
          .strict(),
      )
      .min(1, { message: 'aucune ligne à enregistrer' })
      .max(20_000, { message: '20 000 lignes au plus par envoi' }),
    /** Why these changes are made (kept in the mark history), e.g. « correction après délibération ». */
    reason: z.string().trim().max(500).nullable().default(null),
  })
  .strict()
export type GradePush = z.infer<typeof gradePushSchema>

export interface PushCandidate {
  id: string
  optionCode: string | null
  /** A withdrawn candidate (« désinscrit ») is not graded. */
  withdrawn?: boolean
}

export interface CanonicalRowChange {
  candidateId: string
  rowVersion: number
  marks: Record<string, string | number | null>
  comments: Record<string, string | null>
  decisions: Record<string, { code: OverrideCode | null; reason: string | null }>
}

export interface PushIssue {
  path: string
  message: string
}

interface CritereInfo {
  scale: CritereScale
  blocCode: string
  decimals: number
  /** Set for critères of a BLOC 5 option: the option's code. */
  optionCode: string | null
}

/** Index of every critère and evaluable bloc of a référentiel, built once per référentiel. */
export function indexReferential(referential: Referential) {
  const criteres = new Map<string, CritereInfo>()
  const blocs = new Map<string, { optionCode: string | null }>()
  const optionCodes = new Set<string>()
  for (const bloc of referential.blocs) {
    if (bloc.kind === 'optionGroup') for (const option of bloc.options) optionCodes.add(option.code)
  }
  for (const bloc of evaluableBlocs(referential)) {
    const optionCode = optionCodes.has(bloc.code) ? bloc.code : null
    blocs.set(bloc.code, { optionCode })
    const decimals = bloc.rule.kind === 'score' ? bloc.rule.roundingDecimals : 2
    for (const critere of bloc.criteres) {
      criteres.set(critere.code, { scale: critere.assessment.scale, blocCode: bloc.code, decimals, optionCode })
    }
  }
  return { criteres, blocs, optionCodes }
}
export type ReferentialIndex = ReturnType<typeof indexReferential>

const key = (code: string) => `[${JSON.stringify(code)}]`

/** The critère or bloc belongs to an option, and the candidate chose another one. */
function otherOption(optionCode: string | null, candidate: PushCandidate): boolean {
  return optionCode !== null && candidate.optionCode !== null && optionCode !== candidate.optionCode
}

/**
 * Checks a push and reads every mark into its canonical form. Returns every problem with its
 * JSON path (e.g. `body.rows[3].marks["CR1.2"]`), or the canonical changes when there is none.
 */
export function validateGradePush(
  push: GradePush,
  index: ReferentialIndex,
  candidates: ReadonlyMap<string, PushCandidate>,
): { ok: true; rows: CanonicalRowChange[] } | { ok: false; issues: PushIssue[] } {
  const issues: PushIssue[] = []
  const seen = new Map<string, number>()
  const rows: CanonicalRowChange[] = push.rows.map((row, rowIndex) => {
    const at = `body.rows[${rowIndex}]`
    const first = seen.get(row.candidateId)
    if (first !== undefined) {
      issues.push({ path: `${at}.candidateId`, message: `candidat déjà présent à la ligne ${first} de l’envoi` })
    }
    seen.set(row.candidateId, rowIndex)
    const candidate = candidates.get(row.candidateId)
    if (!candidate) issues.push({ path: `${at}.candidateId`, message: `candidat « ${row.candidateId} » inconnu dans cette session` })
    else if (candidate.withdrawn) issues.push({ path: `${at}.candidateId`, message: `candidat « ${row.candidateId} » désinscrit : ses notes ne se saisissent plus` })
    const out: CanonicalRowChange = { candidateId: row.candidateId, rowVersion: row.rowVersion, marks: {}, comments: {}, decisions: {} }
    for (const [code, raw] of Object.entries(row.marks)) {
      const path = `${at}.marks${key(code)}`
      const critere = index.criteres.get(code)
      if (!critere) {
        issues.push({ path, message: `critère « ${code} » inconnu dans ce référentiel` })
        continue
      }
      // As the workbook's « Vérifier »: an option the candidate did not choose takes no input; clearing one is allowed.
      if (candidate && otherOption(critere.optionCode, candidate) && !isBlankCell(raw)) {
        issues.push({
          path,
          message: `le critère ${code} relève de l’option ${critere.optionCode}, or le candidat a choisi ${candidate.optionCode}`,
        })
        continue
      }
      const read = readMark(raw, critere.scale, critere.decimals)
      if (!read.ok) issues.push({ path, message: read.message })
      else out.marks[code] = read.value
    }
    for (const [code, comment] of Object.entries(row.comments)) {
      if (!Object.hasOwn(row.marks, code)) {
        issues.push({ path: `${at}.comments${key(code)}`, message: `un commentaire s’envoie avec la note du même critère (marks${key(code)})` })
      } else out.comments[code] = comment === null || comment.trim() === '' ? null : comment
    }
    for (const [blocCode, decision] of Object.entries(row.decisions)) {
      const path = `${at}.decisions${key(blocCode)}`
      const bloc = index.blocs.get(blocCode)
      if (!bloc) {
        issues.push({ path, message: `bloc « ${blocCode} » inconnu dans ce référentiel` })
        continue
      }
      const code = readOverride(decision.code)
      if (!code.ok) {
        issues.push({ path: `${path}.code`, message: `${code.message} (${OVERRIDE_CODES.join(', ')})` })
        continue
      }
      if (candidate && code.value !== null && otherOption(bloc.optionCode, candidate)) {
        issues.push({
          path: `${path}.code`,
          message: `le bloc ${blocCode} est une option que le candidat n’a pas choisie (il a choisi ${candidate.optionCode}) : pas de décision du jury sur ce bloc`,
        })
        continue
      }
      const reasonCell = readReasonCell(decision.reason)
      if (!reasonCell.ok && code.value !== null) {
        issues.push({ path: `${path}.reason`, message: reasonCell.message })
        continue
      }
      const reason = reasonCell.ok ? reasonCell.value : null
      if (code.value !== null && reason === null) {
        issues.push({ path: `${path}.reason`, message: `la décision du jury ${code.value} doit être motivée` })
        continue
      }
      out.decisions[blocCode] = { code: code.value, reason: code.value === null ? null : reason }
    }
    return out
  })
  return issues.length > 0 ? { ok: false, issues } : { ok: true, rows }
}
