/** Any failure reduced to what the MessageBar shows: a French message and details on demand. */
import { SignInError } from '../account/signInError'
import { ApiError } from '../api/client'
import { ExcelError } from '../excel/excelError'
import { fr } from '../i18n/fr'
import { SyncError } from '../sync/syncError'

export interface DisplayedError {
  message: string
  details: string | null
}

/** Whether the server refused the credentials themselves (the token is then worth nothing). */
export function isCredentialRefusal(error: unknown): boolean {
  return error instanceof ApiError && error.code === 'UNAUTHORIZED'
}

export function toDisplayedError(error: unknown): DisplayedError {
  if (error instanceof ApiError) {
    // The Worker's 401 speaks to programs (« Authorization: Bearer »); people read « jeton refusé ».
    if (error.code === 'UNAUTHORIZED') return { message: fr.tokenRefused, details: fr.errors.reference(error.code, error.status) }
    const parts = [fr.errors.reference(error.code, error.status)]
    if (error.details !== null && error.details !== undefined && error.details !== '') parts.push(formatDetails(error.details))
    return { message: error.message, details: parts.join('\n') }
  }
  if (error instanceof ExcelError) return { message: error.message, details: error.details }
  if (error instanceof SyncError) return { message: error.message, details: error.details }
  // Already French and complete (« reconnectez-vous avec Microsoft »).
  if (error instanceof SignInError) return { message: error.message, details: null }
  const details = error instanceof Error ? `${error.name}: ${error.message}` : String(error)
  return { message: fr.errors.unexpected, details }
}

function formatDetails(details: unknown): string {
  return typeof details === 'string' ? details : JSON.stringify(details, null, 2)
}
