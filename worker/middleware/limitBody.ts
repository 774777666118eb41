import { bodyLimit } from 'hono/body-limit'
import { ApiError, ErrorCode } from '../errors'
import { messages } from '../i18n/fr'

/** Caps a write route's body; larger requests get 413 in the error envelope before any parsing. */
export function limitBody(maxBytes: number) {
  return bodyLimit({
    maxSize: maxBytes,
    onError: () => {
      throw new ApiError(ErrorCode.PAYLOAD_TOO_LARGE, messages.payloadTooLarge(maxBytes), { maxBytes })
    },
  })
}

export const MiB = 1024 * 1024
