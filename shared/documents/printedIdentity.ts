/**
 * How the PV and the attestations print a person: every name exactly as written (no capitals
 * forced, which would turn « ß » into « SS » or lose « de La »), the usage name first when there is
 * one, then the birth name, then every first name. The verification page shows the same text.
 */
import type { PvCandidate } from './pvSnapshot'

type Identity = Pick<PvCandidate, 'birthName' | 'usageName' | 'firstNames'>

const hasUsageName = (person: Identity): boolean => person.usageName !== null && person.usageName.trim() !== '' && person.usageName !== person.birthName

/** « Marie Anne Dupont », first names then the name the person uses. */
export function holderName(person: Identity): string {
  return `${person.firstNames.join(' ')} ${hasUsageName(person) ? person.usageName : person.birthName}`.trim()
}

/** The birth name when it differs from the usage name, else null. */
export function birthNameIfDifferent(person: Identity): string | null {
  return hasUsageName(person) ? person.birthName : null
}

/** The PV's « Nom et prénoms » cell: « Martin (nom de naissance : Dupont) Marie Anne ». */
export function tableIdentity(person: Identity): string {
  const name = hasUsageName(person) ? `${person.usageName ?? ''} (nom de naissance\u00a0: ${person.birthName})` : person.birthName
  return `${name} ${person.firstNames.join(' ')}`.trim()
}
