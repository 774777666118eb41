/**
 * How documents write numbers and names in French (dates: shared/frenchDates.ts). Written out by
 * hand rather than with Intl so that a document reads the same whatever runtime renders it.
 */

/** A number with a decimal comma, as French Excel reads it: 12.5 → « 12,5 ». */
export function decimalComma(value: number): string {
  return String(value).replace('.', ',')
}

export interface NamedPerson {
  birthName: string
  usageName: string | null
  firstNames: readonly string[]
}

/** « DUPONT Marie Anne », or « MARTIN (née DUPONT) Marie » when a usage name is set. */
export function personName(person: NamedPerson): string {
  const first = person.firstNames.join(' ')
  const birth = person.birthName.toUpperCase()
  if (person.usageName && person.usageName !== person.birthName) return `${person.usageName.toUpperCase()} (nom de naissance ${birth}) ${first}`
  return `${birth} ${first}`
}

/** Short label for messages: « DUPONT Marie (E2024-017) ». */
export function personLabel(person: NamedPerson & { schoolId: string }): string {
  return `${person.birthName.toUpperCase()} ${person.firstNames[0] ?? ''} (${person.schoolId})`
}
