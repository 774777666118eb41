/**
 * Excel failures as one typed error with a French message. Office errors carry a stable `code`
 * and a localised `message`; we map the code to our own text and keep the rest as details.
 */
import { fr } from '../i18n/fr'

export class ExcelError extends Error {
  constructor(
    /** Office error code (e.g. "InvalidOperationInCellEditMode"), or "Unknown". */
    readonly code: string,
    /** French, ready to show. */
    message: string,
    readonly details: string,
  ) {
    super(message)
    this.name = 'ExcelError'
  }
}

const MESSAGE_BY_CODE: Record<string, string> = {
  InvalidOperationInCellEditMode: fr.errors.excel.cellEditMode,
  AccessDenied: fr.errors.excel.accessDenied,
  RequestPayloadSizeLimitExceeded: fr.errors.excel.payloadTooLarge,
  ResponsePayloadSizeLimitExceeded: fr.errors.excel.payloadTooLarge,
  ApiNotFound: fr.errors.excel.apiNotSupported,
  ActivityLimitReached: fr.errors.excel.busy,
  Conflict: fr.errors.excel.busy,
}

export function toExcelError(error: unknown): ExcelError {
  if (error instanceof ExcelError) return error
  const code = readString(error, 'code') ?? 'Unknown'
  const message = MESSAGE_BY_CODE[code] ?? fr.errors.excel.generic(code)
  const officeMessage = readString(error, 'message') ?? String(error)
  const debugInfo = typeof error === 'object' && error !== null ? (error as { debugInfo?: unknown }).debugInfo : undefined
  const summary = `${code}: ${officeMessage}`
  const details = debugInfo === undefined ? summary : `${summary}\n${JSON.stringify(debugInfo, null, 2)}`
  return new ExcelError(code, message, details)
}

function readString(value: unknown, key: string): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined
  const field = (value as Record<string, unknown>)[key]
  return typeof field === 'string' && field !== '' ? field : undefined
}
