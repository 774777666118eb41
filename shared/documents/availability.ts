/**
 * Which documents of a session can be produced now and, when one cannot, why (in French), so the
 * task pane can disable its button with the reason beside it. The rules are those of the document
 * routes: the PV exists from the first finalisation; attestations and the Caisse des Dépôts file
 * need a deliberated (or closed) session and their certifier settings; the summaries always exist
 * (provisional while the session is open).
 */
import { attestedBlocs } from './attestationPdf'
import type { MissingSetting } from './certifierSettings'
import { personName } from './frenchFormat'
import type { PvSnapshot } from './pvSnapshot'

export type DocumentKind = 'pv' | 'attestations' | 'summaryXlsx' | 'summaryCsv' | 'cdc'

export interface DocumentAvailability {
  kind: DocumentKind
  label: string
  available: boolean
  /** Why it cannot be produced now; null when it can. */
  reason: string | null
  /** Whether the caller's role may download it (the Worker checks again). */
  allowed: boolean
  /** Where to download it, when available. */
  href: string | null
}

export interface AttestationAvailability {
  candidateId: string
  schoolId: string
  name: string
  available: boolean
  reason: string | null
  href: string | null
}

export interface AvailabilityInput {
  sessionId: string
  status: 'open' | 'deliberated' | 'closed'
  /** The latest PV, if the session was ever finalised. */
  pv: { version: number; snapshot: PvSnapshot } | null
  /** Settings the attestations lack (the RNCP registration date, unless the PV froze it). */
  attestationSettingsMissing: readonly MissingSetting[]
  /** Settings the CDC file lacks (idClient, idContrat). */
  cdcSettingsMissing: readonly MissingSetting[]
  /** Enrolled candidates whose final decision is CERTIFIÉ. */
  certifiedCount: number
  /** What the caller's role allows on this session. */
  can: { export: boolean; issue: boolean }
}

export interface SessionDocuments {
  status: AvailabilityInput['status']
  pvVersion: number | null
  documents: DocumentAvailability[]
  attestations: AttestationAvailability[]
}

const NOT_DELIBERATED = 'La session n’est pas encore délibérée : ce document sera disponible après la finalisation.'
const REOPENED = 'La session est rouverte pour une modification : ce document sera de nouveau disponible après la prochaine finalisation.'
const settingsReason = (missing: readonly MissingSetting[]) =>
  `Paramètres du certificateur manquants : ${missing.map((m) => m.label).join(', ')} (un administrateur les renseigne).`

export function sessionDocuments(input: AvailabilityInput): SessionDocuments {
  const base = `/api/v1/sessions/${input.sessionId}`
  const { pv, status } = input
  const deliberated = status !== 'open' && pv !== null
  // Attestations and the CDC file come from a deliberation in force, not one being amended.
  const deliberationReason = deliberated ? null : pv === null ? NOT_DELIBERATED : REOPENED
  const provisional = status === 'open' ? ' (provisoire)' : ''

  const attestations: AttestationAvailability[] = (pv?.snapshot.candidates ?? []).map((candidate) => {
    const blocs = deliberated && pv ? attestedBlocs(pv.snapshot, candidate) : []
    const reason =
      deliberationReason ??
      (input.attestationSettingsMissing.length > 0
        ? settingsReason(input.attestationSettingsMissing)
        : blocs.length === 0
          ? 'Aucun bloc validé lors de cette délibération : pas d’attestation à délivrer.'
          : null)
    return {
      candidateId: candidate.candidateId,
      schoolId: candidate.schoolId,
      name: personName(candidate),
      available: reason === null,
      reason,
      href: reason === null ? `${base}/candidates/${candidate.candidateId}/attestation.pdf` : null,
    }
  })
  const holders = attestations.filter((a) => a.available).length

  const allAttestationsReason =
    deliberationReason ??
    (input.attestationSettingsMissing.length > 0
      ? settingsReason(input.attestationSettingsMissing)
      : holders === 0
        ? 'Aucun candidat n’a validé de bloc lors de cette délibération : pas d’attestation à délivrer.'
        : null)
  const cdcReason =
    deliberationReason ??
    (input.cdcSettingsMissing.length > 0
      ? settingsReason(input.cdcSettingsMissing)
      : input.certifiedCount === 0
        ? 'Aucun candidat certifié : aucun titulaire à déclarer à la Caisse des Dépôts.'
        : null)

  const doc = (kind: DocumentKind, label: string, reason: string | null, allowed: boolean, href: string): DocumentAvailability => ({
    kind,
    label,
    available: reason === null,
    reason,
    allowed,
    href: reason === null ? href : null,
  })
  return {
    status,
    pvVersion: pv?.version ?? null,
    documents: [
      doc(
        'pv',
        pv ? `PV de jury (version ${pv.version})` : 'PV de jury',
        pv ? null : 'La session n’est pas encore délibérée : le PV sera disponible après la finalisation.',
        input.can.export,
        `${base}/pv/${pv?.version ?? 1}.pdf`,
      ),
      doc('attestations', `Toutes les attestations (${holders})`, allAttestationsReason, input.can.issue, `${base}/attestations.pdf`),
      doc('summaryXlsx', `Synthèse (Excel)${provisional}`, null, input.can.export, `${base}/summary.xlsx`),
      doc('summaryCsv', `Synthèse (CSV)${provisional}`, null, input.can.export, `${base}/summary.csv`),
      doc('cdc', 'Fichier Caisse des Dépôts (XML)', cdcReason, input.can.issue, `${base}/cdc.xml`),
    ],
    attestations,
  }
}
