/**
 * How an import batch is named to users: by when and by whom, never by its id
 * (« import du 12/06/2026 à 14 h 05 par Claire Dupont »).
 */
import { frenchDateTimeOfIso } from '../frenchDates'

/** `authorName` is the name users read (shared/people/actorName.ts), not the actor key. */
export function importBatchLabel(createdAt: string, authorName: string): string {
  return `import du ${frenchDateTimeOfIso(createdAt)} par ${authorName}`
}
