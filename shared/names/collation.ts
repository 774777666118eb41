/**
 * The one order of people in Certibloc: the grid, the PV, the attestations, the summaries, the
 * jury sheets and the Journal list candidates alike. French collation (`Intl.Collator('fr')`,
 * base sensitivity: accents and case do not separate « Élodie » from « elodie ») on the name as
 * displayed: the usage name when there is one (it is the name printed first), else the birth
 * name, then the first names.
 *
 * Particles (docs/deliberation.md, « Order of names »): as French directories and library
 * catalogues do, a leading particle « de » or « d’ » is set aside for sorting (« de La
 * Rochefoucauld » sorts as « La Rochefoucauld », under L; « d’Artagnan » under A), while an article
 * is part of the name (« La Fontaine », « Le Goff » under L; « Du Bellay », « Des Cars » under D).
 * The name is always printed as written: only the sort key drops the particle.
 */

export interface SortableName {
  birthName: string
  usageName: string | null
  firstNames: readonly string[]
  /** Last tie-break, so that the order never depends on the database's. */
  schoolId?: string
}

const collator = new Intl.Collator('fr', { sensitivity: 'base' })
/** Between names equal at base level, accents then case still give one stable order. */
const tieBreaker = new Intl.Collator('fr', { sensitivity: 'variant' })

/** « de », « d’ », « d' » followed by the name proper (which must remain). */
const PARTICLE = /^(?:de\s+|d[’']\s*)(?=\S)/i

/** The name a person is listed under: usage name, else birth name, without a leading particle. */
export function sortName(person: Pick<SortableName, 'birthName' | 'usageName'>): string {
  const shown = (person.usageName?.trim() || person.birthName).trim()
  return shown.replace(PARTICLE, '')
}

/** The full key: sort name, then first names. */
function keyOf(person: SortableName): string {
  return `${sortName(person)} ${person.firstNames.join(' ')}`
}

/** Compare two people in the French order of Certibloc's lists. */
export function compareNames(a: SortableName, b: SortableName): number {
  return compareKeys(keyOf(a), a.schoolId ?? '', keyOf(b), b.schoolId ?? '')
}

function compareKeys(keyA: string, idA: string, keyB: string, idB: string): number {
  return collator.compare(keyA, keyB) || tieBreaker.compare(keyA, keyB) || (idA < idB ? -1 : idA > idB ? 1 : 0)
}

/**
 * A copy of `items` in that order, each person read once by `personOf` (its key computed once:
 * a grid of 10,000 rows is sorted without rebuilding keys at every comparison).
 */
export function sortByName<T>(items: readonly T[], personOf: (item: T) => SortableName): T[] {
  const keyed = items.map((item) => {
    const person = personOf(item)
    return { item, key: keyOf(person), id: person.schoolId ?? '' }
  })
  keyed.sort((a, b) => compareKeys(a.key, a.id, b.key, b.id))
  return keyed.map((k) => k.item)
}
