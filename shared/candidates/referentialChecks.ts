/** What a candidate's data must satisfy against the référentiel of the session. */
import type { ReferentialIndex } from '../grades/gradePush'
import type { CandidateInput } from './schema'

export interface CandidateIssue {
  /** Field path inside the candidate, e.g. `optionCode` or `capitalisedBlocs[1].blocCode`. */
  field: string
  message: string
}

export function checkCandidateAgainstReferential(candidate: CandidateInput, index: ReferentialIndex): CandidateIssue[] {
  const issues: CandidateIssue[] = []
  if (candidate.optionCode !== null && !index.optionCodes.has(candidate.optionCode)) {
    issues.push({
      field: 'optionCode',
      message: `option « ${candidate.optionCode} » inconnue (options : ${[...index.optionCodes].join(', ')})`,
    })
  }
  const seen = new Set<string>()
  candidate.capitalisedBlocs.forEach((bloc, i) => {
    if (!index.blocs.has(bloc.blocCode)) {
      issues.push({ field: `capitalisedBlocs[${i}].blocCode`, message: `bloc « ${bloc.blocCode} » inconnu dans ce référentiel` })
    } else if (seen.has(bloc.blocCode)) {
      issues.push({ field: `capitalisedBlocs[${i}].blocCode`, message: `bloc « ${bloc.blocCode} » déjà déclaré capitalisé` })
    }
    seen.add(bloc.blocCode)
  })
  return issues
}
