/**
 * Finalising a deliberation: the workbook (or an API client) sends the results it shows, the
 * rules engine recomputes every bloc and certification from the stored marks, and the two must
 * agree. A pushed bloc code that differs from the computation is accepted only as a jury
 * decision (ADM, ADJ or AJ) with its reason, kept beside the computed code; anything else comes
 * back as a list of French differences and nothing is finalised.
 */
import * as z from '../zod'
import { juryOverrideSchema } from './juryComposition'
import { ERROR_CODE, OVERRIDE_CODES, PENDING, type OverrideCode } from '../rules/codes'
import type { CompiledRules } from '../rules/compileRules'
import { normaliseText, readReason } from '../rules/marks'
import { computeSessionResults, type CandidateResult, type StoredCandidateGrades } from '../results/sessionResults'

export const finaliseRequestSchema = z
  .object({
    /** The grid version the client last read: finalising what the jury saw, not a later state. */
    gridVersion: z.number().int().positive().optional(),
    /** What the workbook shows per candidate; candidates left out are finalised as computed. */
    results: z
      .array(
        z
          .object({
            candidateId: z.string().min(1).max(64),
            blocs: z
              .record(
                z.string().max(32),
                z.object({ code: z.string().max(20), reason: z.string().max(1000).nullable().optional() }).strict(),
              )
              .default({}),
            decision: z.string().max(20).nullable().optional(),
          })
          .strict(),
      )
      .max(20_000, { message: '20 000 candidats au plus par envoi' })
      .default([]),
    /**
     * Deliberate although the jury fails the composition rules (checkJuryComposition), with the
     * reason printed on the PV. Ignored when the jury is regular.
     */
    juryOverride: juryOverrideSchema.optional(),
  })
  .strict()
export type FinaliseRequest = z.infer<typeof finaliseRequestSchema>

/** Reopening a deliberated session: why, in words that go on the next PV version. */
export const amendRequestSchema = z
  .object({
    reason: z.string().trim().min(1, { message: 'le motif de la modification est obligatoire' }).max(1000, { message: '1 000 caractères au plus' }),
  })
  .strict()
export type PushedResult = FinaliseRequest['results'][number]

export interface FinalisationCandidate extends StoredCandidateGrades {
  /** How messages name the candidate, e.g. « DUPONT Marie (E2024-017) ». */
  label: string
}

export interface FinalisationDifference {
  candidateId: string
  blocCode: string | null
  pushed: string | null
  computed: string | null
  /** Where the difference is in the request, e.g. `body.results[3].blocs.BC02.code`. */
  path: string
  message: string
}

export interface NewOverride {
  candidateId: string
  blocCode: string
  code: OverrideCode
  reason: string
}

export type FinalisationOutcome =
  | {
      ok: true
      /** Results with every jury decision applied: what the PV prints. */
      final: CandidateResult[]
      /** Results from the marks and capitalisations alone, kept beside the final codes. */
      computed: CandidateResult[]
      /** Jury decisions the push brings that were not stored yet. */
      newOverrides: NewOverride[]
      warnings: string[]
    }
  | { ok: false; differences: FinalisationDifference[] }

const isOverrideCode = (code: string): code is OverrideCode => (OVERRIDE_CODES as readonly string[]).includes(code)

export function compareWithComputation(
  rules: CompiledRules,
  critereCodes: readonly string[],
  candidates: readonly FinalisationCandidate[],
  pushed: readonly PushedResult[],
): FinalisationOutcome {
  const stored = computeSessionResults(rules, critereCodes, candidates)
  const storedById = new Map(stored.map((r) => [r.candidateId, r]))
  const byId = new Map(candidates.map((c) => [c.candidateId, c]))
  const differences: FinalisationDifference[] = []
  const newOverrides: NewOverride[] = []
  const seen = new Set<string>()

  pushed.forEach((row, index) => {
    const at = `body.results[${index}]`
    const candidate = byId.get(row.candidateId)
    const result = storedById.get(row.candidateId)
    const base = { candidateId: row.candidateId, blocCode: null, pushed: null, computed: null }
    if (seen.has(row.candidateId)) {
      differences.push({ ...base, path: `${at}.candidateId`, message: `Le candidat « ${row.candidateId} » est envoyé deux fois.` })
      return
    }
    seen.add(row.candidateId)
    if (!candidate || !result) {
      differences.push({ ...base, path: `${at}.candidateId`, message: `Candidat « ${row.candidateId} » inconnu dans cette session.` })
      return
    }
    for (const [blocCode, sent] of Object.entries(row.blocs)) {
      const path = `${at}.blocs.${blocCode}`
      const outcome = result.blocs[blocCode]
      const pushedCode = normaliseText(sent.code)
      if (!outcome) {
        differences.push({
          ...base,
          blocCode,
          pushed: pushedCode,
          path,
          message: `${candidate.label}, bloc ${blocCode} : ce bloc ne compte pas pour le candidat (bloc inconnu ou autre option que ${candidate.optionCode ?? 'celle choisie'}).`,
        })
        continue
      }
      if (pushedCode === outcome.code) continue
      const reason = readReason(sent.reason)
      if (isOverrideCode(pushedCode) && reason !== null) {
        newOverrides.push({ candidateId: row.candidateId, blocCode, code: pushedCode, reason })
        continue
      }
      const fix = isOverrideCode(pushedCode)
        ? `la décision du jury ${pushedCode} doit être motivée : indiquez son motif.`
        : `seule une décision du jury motivée (${OVERRIDE_CODES.join(', ')}) peut remplacer le calcul.`
      differences.push({
        ...base,
        blocCode,
        pushed: pushedCode,
        computed: outcome.code,
        path: `${path}.code`,
        message: `${candidate.label}, bloc ${blocCode} : le classeur indique « ${pushedCode} », le calcul donne « ${outcome.code} » ; ${fix}`,
      })
    }
  })

  const overridesById = new Map<string, NewOverride[]>()
  for (const o of newOverrides) overridesById.set(o.candidateId, [...(overridesById.get(o.candidateId) ?? []), o])
  const withDecisions = candidates.map((c) => {
    const added = overridesById.get(c.candidateId)
    if (!added) return c
    const decisions = { ...c.decisions }
    for (const o of added) decisions[o.blocCode] = { code: o.code, reason: o.reason }
    return { ...c, decisions }
  })
  const final = computeSessionResults(rules, critereCodes, withDecisions)

  const finalById = new Map(final.map((r) => [r.candidateId, r]))
  pushed.forEach((row, index) => {
    const result = finalById.get(row.candidateId)
    const candidate = byId.get(row.candidateId)
    if (!result || !candidate || row.decision === undefined || row.decision === null) return
    const pushedDecision = normaliseText(row.decision)
    if (pushedDecision === result.decision) return
    differences.push({
      candidateId: row.candidateId,
      blocCode: null,
      pushed: pushedDecision,
      computed: result.decision,
      path: `body.results[${index}].decision`,
      message: `${candidate.label} : le classeur indique la décision « ${pushedDecision} », le calcul donne « ${result.decision} » avec les codes de blocs retenus.`,
    })
  })
  for (const result of final) {
    if (result.decision !== ERROR_CODE) continue
    const candidate = byId.get(result.candidateId)
    const detail = result.issues.map((i) => i.message).join(' ; ')
    differences.push({
      candidateId: result.candidateId,
      blocCode: result.issues[0]?.blocCode ?? null,
      pushed: null,
      computed: ERROR_CODE,
      path: `candidates.${result.candidateId}`,
      message: `${candidate?.label ?? result.candidateId} : données invalides, à corriger avant la délibération (${detail}).`,
    })
  }
  if (differences.length > 0) return { ok: false, differences }

  const pending = final.filter((r) => r.decision === PENDING).map((r) => byId.get(r.candidateId)?.label ?? r.candidateId)
  const warnings =
    pending.length === 0
      ? []
      : [`${pending.length} candidat(s) restent « ${PENDING} » sur le PV : ${pending.slice(0, 10).join(', ')}${pending.length > 10 ? '…' : ''}.`]
  // Marks and capitalisations alone: the "computed" side that a jury decision is kept beside.
  const computed = computeSessionResults(
    rules,
    critereCodes,
    candidates.map((c) => ({ ...c, decisions: {} })),
  )
  return { ok: true, final, computed, newOverrides, warnings }
}
