/**
 * A rattrapage session, created from a deliberated one: every candidate the latest PV did not
 * fully certify comes back, and every bloc they validated there (ADM, ADJ) is carried as a
 * capitalised bloc with its origin (that session, its deliberation date, the PV version), so only
 * the failed or pending blocs are graded again. Blocs they already had capitalised (an earlier
 * session, VAE, équivalence) keep their own capitalisation unchanged.
 */
import type { Candidate, CandidateInput, CapitalisedBloc } from '../candidates/schema'
import type { PvSnapshot } from '../documents/pvSnapshot'
import { evaluableBlocs } from '../referential'
import type { Referential } from '../referential/schema'
import { BLOC_ADJ, BLOC_ADM, CERTIFIED } from '../rules/codes'

export interface RattrapagePlan {
  candidates: CandidateInput[]
  /** Blocs carried from the deliberation as capitalised (earlier capitalisations not counted). */
  carriedBlocs: number
  /** Candidates of the PV that do not come back, and why (French). */
  skipped: Array<{ candidateId: string; schoolId: string; reason: string }>
  /** What a different référentiel version could not take (French). */
  warnings: string[]
}

export interface RattrapageInput {
  snapshot: PvSnapshot
  pvVersion: number
  /** The original session's candidates as stored now (identity fields for the new session). */
  candidates: readonly Candidate[]
  /** Candidates anonymised since (RGPD): their identity is gone, they cannot be carried. */
  anonymisedIds: ReadonlySet<string>
  /** The référentiel of the new session. */
  referential: Referential
}

const VALIDATED_HERE = new Set<string>([BLOC_ADM, BLOC_ADJ])

export function planRattrapage(input: RattrapageInput): RattrapagePlan {
  const { snapshot, referential } = input
  const blocCodes = new Set(evaluableBlocs(referential).map((b) => b.code))
  const optionCodes = new Set(referential.blocs.flatMap((b) => (b.kind === 'optionGroup' ? b.options.map((o) => o.code) : [])))
  const byId = new Map(input.candidates.map((c) => [c.id, c]))
  const plan: RattrapagePlan = { candidates: [], carriedBlocs: 0, skipped: [], warnings: [] }
  const origin = { sessionId: snapshot.session.id, sessionName: snapshot.session.name, pvVersion: input.pvVersion }
  const notCarried = new Map<string, Set<string>>()
  const note = (blocCode: string, schoolId: string) => notCarried.set(blocCode, (notCarried.get(blocCode) ?? new Set()).add(schoolId))

  for (const entry of snapshot.candidates) {
    if (entry.decision === CERTIFIED) continue
    const current = byId.get(entry.candidateId)
    const skip = (reason: string) => plan.skipped.push({ candidateId: entry.candidateId, schoolId: entry.schoolId, reason })
    if (!current) {
      skip('candidat supprimé de la session depuis la délibération')
      continue
    }
    if (input.anonymisedIds.has(current.id)) {
      skip('candidat anonymisé (RGPD) : son identité n’est plus connue')
      continue
    }
    if (current.status === 'withdrawn') {
      skip('candidat désinscrit')
      continue
    }
    const capitalised: CapitalisedBloc[] = []
    for (const bloc of current.capitalisedBlocs) {
      if (blocCodes.has(bloc.blocCode)) capitalised.push({ ...bloc })
      else note(bloc.blocCode, current.schoolId)
    }
    for (const [blocCode, result] of Object.entries(entry.blocs)) {
      if (!VALIDATED_HERE.has(result.code) || capitalised.some((c) => c.blocCode === blocCode)) continue
      if (!blocCodes.has(blocCode)) {
        note(blocCode, current.schoolId)
        continue
      }
      capitalised.push({ blocCode, acquiredOn: snapshot.deliberatedOn, source: 'earlier_session', origin })
      plan.carriedBlocs++
    }
    let optionCode = current.optionCode
    if (optionCode !== null && !optionCodes.has(optionCode)) {
      plan.warnings.push(`${current.schoolId} : l’option ${optionCode} n’existe pas dans le référentiel ${referential.id} ; à choisir à nouveau.`)
      optionCode = null
    }
    const { id, sessionId, rowVersion, status, withdrawnAt, withdrawalReason, ...identity } = current
    void [id, sessionId, rowVersion, status, withdrawnAt, withdrawalReason]
    plan.candidates.push({ ...identity, optionCode, capitalisedBlocs: capitalised.sort((a, b) => a.blocCode.localeCompare(b.blocCode)) })
  }
  for (const [blocCode, schoolIds] of notCarried) {
    plan.warnings.push(
      `Le bloc ${blocCode} n’existe pas dans le référentiel ${referential.id} : sa validation n’est pas reportée (${[...schoolIds].join(', ')}).`,
    )
  }
  return plan
}
