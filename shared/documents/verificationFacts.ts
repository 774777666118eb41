/**
 * What the public verification page of a document may show: exactly what the document prints
 * (holder's name as printed, title, blocs, date), taken from the PV snapshot when the document is
 * generated and stored with its code.
 */
import { attestedBlocs } from './attestationPdf'
import { holderName } from './printedIdentity'
import type { PvCandidate, PvSnapshot } from './pvSnapshot'

export interface DocumentFacts {
  kind: 'pv' | 'attestation'
  /** The candidate id of an attestation; '' for the PV. */
  candidateKey: string
  holderName: string | null
  title: string
  blocs: string[]
  /** ISO date the document prints as its date. */
  issuedOn: string
}

const titleOf = (snapshot: PvSnapshot) => `${snapshot.title.label} (${snapshot.certifier.rncpCode}, niveau ${snapshot.title.level})`

export function pvFacts(snapshot: PvSnapshot): DocumentFacts {
  return { kind: 'pv', candidateKey: '', holderName: null, title: titleOf(snapshot), blocs: [], issuedOn: snapshot.deliberatedOn }
}

export function attestationFacts(snapshot: PvSnapshot, candidate: PvCandidate): DocumentFacts {
  return {
    kind: 'attestation',
    candidateKey: candidate.candidateId,
    holderName: holderName(candidate),
    title: titleOf(snapshot),
    blocs: attestedBlocs(snapshot, candidate).map((b) => `${b.code} — ${b.title}`),
    issuedOn: snapshot.finalisedAt.slice(0, 10),
  }
}
