/**
 * Who did something, as users read it. The database records an actor key with every write (audit
 * events, marks, import batches, PV versions): a user's email, `admin` (the break-glass token),
 * `token:<name>` (an API token), `seed` (the initial import of the référentiel and the demo
 * session). None of these keys is shown as such: a person is shown by their display name, a
 * system actor by a French label. One function for the Worker and the pane, so both say the same.
 */

/** The French labels of the actors that are not a person. */
export const SYSTEM_ACTOR_LABELS: Readonly<Record<string, string>> = {
  admin: 'Administrateur (jeton de secours)',
  seed: 'import initial',
  system: 'Certibloc',
  '': 'Certibloc',
}

/** Display names of the users by email (lower case), as the users table holds them. */
export type DisplayNames = ReadonlyMap<string, string | null>

/**
 * The name to show for `actor`: the user's display name (their email when they have none), an
 * API token by its name, a system actor by its label. A text that is no actor key (already a
 * name, as an older PV snapshot may hold) comes back as is, so the function may be applied twice.
 */
export function actorName(actor: string, displayNames: DisplayNames = new Map()): string {
  const system = SYSTEM_ACTOR_LABELS[actor]
  if (system !== undefined) return system
  if (actor.startsWith('token:')) return `jeton d’API « ${actor.slice('token:'.length)} »`
  if (actor.includes('@')) {
    const name = displayNames.get(actor.toLowerCase())?.trim()
    return name ? name : actor
  }
  return actor
}

/** The emails among actor keys: the users whose display names are to be read. */
export function personActors(actors: Iterable<string>): string[] {
  return [...new Set([...actors].filter((a) => a.includes('@') && !a.startsWith('token:')).map((a) => a.toLowerCase()))]
}
