/**
 * The error envelope `{ error: { code, message, details } }` as a zod schema per HTTP status, with
 * the codes of worker/errors.ts that this status carries. One component per status in the
 * document (`Error404`…); the Worker tests check every error answer against it.
 */
import * as z from '../../shared/zod'
import { ErrorCode, errorStatus, variableStatusCodes } from '../errors'

/** Codes answered with a status other than their own (worker/errors.ts `errorStatus`). */
const borrowedCodes: Partial<Record<number, ErrorCode[]>> = {
  // The documents answer 422 VALIDATION_FAILED when the data, not the request, is incomplete.
  422: [ErrorCode.VALIDATION_FAILED],
}

/** The codes an answer with this status may carry. */
export function codesFor(status: number): ErrorCode[] {
  const own = (Object.keys(errorStatus) as ErrorCode[]).filter((code) => errorStatus[code] === status && !variableStatusCodes.has(code))
  return [...own, ...(borrowedCodes[status] ?? [])]
}

const envelopes = new Map<number, z.ZodType>()

export function errorEnvelope(status: number): z.ZodType {
  let envelope = envelopes.get(status)
  if (!envelope) {
    const [first, ...others] = codesFor(status)
    if (first === undefined) throw new Error(`no error code is answered with status ${status}`)
    envelope = z
      .strictObject({
        error: z.strictObject({
          code: z.enum([first, ...others]),
          message: z.string().meta({ description: 'message en français, complet, qui dit où est le problème' }),
          details: z.unknown().meta({ description: 'détails structurés (null, ou par exemple { issues: [{ path, message }] })' }),
        }),
      })
      .meta({ id: `Error${status}` })
    envelopes.set(status, envelope)
  }
  return envelope
}
