/**
 * The frozen content of one PV version: everything the PV and the bloc attestations print,
 * captured at finalisation. A version is rendered from its snapshot alone, so an earlier version
 * stays downloadable, identical, after an amendment changed the data. Its content hash (SHA-256
 * of the canonical JSON) is printed in the footer of every page.
 */
import { capitalisationSourceLabels, type Candidate } from '../candidates/schema'
import { contentHash } from '../contentHash'
import { evaluableBlocs } from '../referential'
import type { Referential } from '../referential/schema'
import type { CandidateResult } from '../results/sessionResults'
import { BLOC_ATT, CERTIFICATION_DECISIONS } from '../rules/codes'
import type { Session } from '../sessions/schema'
import { frenchDateOfIso } from '../frenchDates'
import { sortByName } from '../names/collation'
import type { JuryMember } from './juryComposition'

export const PV_SNAPSHOT_FORMAT = 1

export interface PvBlocResult {
  /** The code the PV prints (jury decision, else CAP, else computed). */
  code: string
  /** From the marks alone; null when the data was invalid. */
  computedCode: string | null
  override: string | null
  reason: string | null
  capitalised: boolean
  mean: number | null
}

export interface PvCandidate {
  candidateId: string
  schoolId: string
  birthName: string
  usageName: string | null
  firstNames: string[]
  sex: 'M' | 'F' | null
  birthDate: string | null
  optionCode: string | null
  /** The blocs that count for the candidate: mandatory ones, then the chosen option. */
  blocs: Record<string, PvBlocResult>
  decision: string
  /** Certification decision from the marks alone, before jury decisions. */
  computedDecision: string
  observations: string[]
}

export interface PvSnapshot {
  format: typeof PV_SNAPSHOT_FORMAT
  version: number
  /** Set from version 2 on: why the previous version was reopened, by whom, when. */
  amendment: { previousVersion: number; reason: string; by: string; at: string } | null
  certifier: {
    name: string
    /** Absent from snapshots frozen before they were recorded. */
    siret?: string | null
    address?: string | null
    rncpCode: string
    rncpRegistrationDate: string | null
    nsfCodes: string | null
    city: string | null
    signatory: string | null
  }
  title: { label: string; level: number; referentialId: string; referentialVersion: number }
  /** Every evaluable bloc with its title; options carry their letter. */
  blocs: Array<{ code: string; title: string; optionLetter: string | null }>
  /** The option group, shown as one PV column (null when the référentiel has none). */
  optionGroup: { code: string; title: string } | null
  session: {
    id: string
    name: string
    campus: string | null
    startsOn: string | null
    endsOn: string | null
    juryDate: string | null
    /** Where the jury deliberated; absent from snapshots frozen before it was recorded. */
    deliberationPlace?: string | null
  }
  /** Date of the deliberation: the session's jury date, else the day of finalisation. */
  deliberatedOn: string
  finalisedAt: string
  /** Who established the PV, by the name users read (display name, « Administrateur (jeton de secours) »…). */
  finalisedBy: string
  jury: JuryMember[]
  /**
   * The composition rules the jury failed and why it deliberated anyway (finalisation with an
   * override). Absent from snapshots frozen before the rules were enforced.
   */
  juryComposition?: PvJuryComposition
  /** In the French order of names: usage name, else birth name, then first names. */
  candidates: PvCandidate[]
  /** Number of candidates per certification decision, every decision listed. */
  counts: Record<string, number>
}

export interface PvJuryComposition {
  /** French sentences, one per failed rule; empty for a regular jury. */
  failures: string[]
  /** The reason of the override; null for a regular jury. */
  overrideReason: string | null
}

export interface PvSnapshotInput {
  version: number
  amendment: PvSnapshot['amendment']
  certifier: PvSnapshot['certifier']
  referential: Referential
  session: Session
  jury: readonly JuryMember[]
  juryComposition?: PvJuryComposition
  candidates: readonly Candidate[]
  final: readonly CandidateResult[]
  computed: readonly CandidateResult[]
  finalisedAt: string
  /** Who established the PV, by the name users read (display name, « Administrateur (jeton de secours) »…). */
  finalisedBy: string
}

/** What the PV's observations column says of a candidate: jury decisions, capitalisations, blocs pending. */
export function observationsOf(candidate: Candidate, result: CandidateResult): string[] {
  const notes: string[] = []
  const capitalised = new Map(candidate.capitalisedBlocs.map((c) => [c.blocCode, c]))
  for (const [blocCode, bloc] of Object.entries(result.blocs)) {
    if (bloc.override) {
      const computed = bloc.computedCode ?? '—'
      notes.push(`${blocCode} : ${bloc.override} par décision du jury (calcul : ${computed}) — ${bloc.overrideReason ?? ''}`.trim())
    } else if (bloc.capitalised) {
      const source = capitalised.get(blocCode)
      notes.push(
        source?.origin
          ? `${blocCode} capitalisé (session « ${source.origin.sessionName} », délibération du ${frenchDateOfIso(source.acquiredOn)})`
          : source
            ? `${blocCode} capitalisé (${capitalisationSourceLabels[source.source]}, ${frenchDateOfIso(source.acquiredOn)})`
            : `${blocCode} capitalisé`,
      )
    } else if (bloc.code === BLOC_ATT) {
      notes.push(`${blocCode} en attente`)
    }
  }
  if (candidate.optionCode === null) notes.push('Option non choisie')
  return notes
}

export function buildPvSnapshot(input: PvSnapshotInput): PvSnapshot {
  const { referential, session } = input
  const byId = new Map(input.candidates.map((c) => [c.id, c]))
  const computedById = new Map(input.computed.map((r) => [r.candidateId, r]))
  const counts: Record<string, number> = Object.fromEntries(CERTIFICATION_DECISIONS.map((d) => [d, 0]))
  const candidates: PvCandidate[] = []
  // The PV lists candidates in the French order of names (shared/names/collation.ts).
  const listed = sortByName(
    input.final.flatMap((result) => {
      const candidate = byId.get(result.candidateId)
      return candidate ? [{ result, candidate }] : []
    }),
    (entry) => entry.candidate,
  )
  for (const { result, candidate } of listed) {
    counts[result.decision] = (counts[result.decision] ?? 0) + 1
    candidates.push({
      candidateId: candidate.id,
      schoolId: candidate.schoolId,
      birthName: candidate.birthName,
      usageName: candidate.usageName,
      firstNames: [...candidate.firstNames],
      sex: candidate.sex,
      birthDate: candidate.birthDate,
      optionCode: candidate.optionCode,
      blocs: Object.fromEntries(
        Object.entries(result.blocs).map(([code, bloc]) => [
          code,
          {
            code: bloc.code,
            computedCode: bloc.computedCode,
            override: bloc.override,
            reason: bloc.overrideReason,
            capitalised: bloc.capitalised,
            mean: bloc.mean,
          },
        ]),
      ),
      decision: result.decision,
      computedDecision: computedById.get(result.candidateId)?.decision ?? result.decision,
      observations: observationsOf(candidate, result),
    })
  }
  const group = referential.blocs.find((b) => b.kind === 'optionGroup')
  return {
    format: PV_SNAPSHOT_FORMAT,
    version: input.version,
    amendment: input.amendment,
    certifier: input.certifier,
    title: { label: referential.title, level: referential.level, referentialId: referential.id, referentialVersion: referential.version },
    blocs: evaluableBlocs(referential).map((b) => ({ code: b.code, title: b.title, optionLetter: b.kind === 'option' ? b.letter : null })),
    optionGroup: group ? { code: group.code, title: group.title } : null,
    session: {
      id: session.id,
      name: session.name,
      campus: session.campus,
      startsOn: session.startsOn,
      endsOn: session.endsOn,
      juryDate: session.juryDate,
      deliberationPlace: session.deliberationPlace,
    },
    deliberatedOn: session.juryDate ?? input.finalisedAt.slice(0, 10),
    finalisedAt: input.finalisedAt,
    finalisedBy: input.finalisedBy,
    jury: input.jury.map((m) => ({ ...m })),
    ...(input.juryComposition ? { juryComposition: { failures: [...input.juryComposition.failures], overrideReason: input.juryComposition.overrideReason } } : {}),
    candidates,
    counts,
  }
}

/** SHA-256 of the snapshot's canonical JSON: the fingerprint printed on the PV. */
export function pvContentHash(snapshot: PvSnapshot): Promise<string> {
  return contentHash(snapshot)
}
