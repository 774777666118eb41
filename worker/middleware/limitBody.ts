import { bodyLimit } from 'hono/body-limit'
import { ApiError, ErrorCode } from '../errors'
import { messages } from '../i18n/fr'

/**
 * Caps a write route's body; larger requests get 413 in the error envelope before any parsing.
 * `statedBytes` is the limit the documentation gives when the cap allows some overhead above it
 * (a multipart envelope around 50 Mo of files): the answer states that limit, not the cap.
 */
export function limitBody(maxBytes: number, statedBytes = maxBytes) {
  return bodyLimit({
    maxSize: maxBytes,
    onError: () => {
      throw new ApiError(ErrorCode.PAYLOAD_TOO_LARGE, messages.payloadTooLarge(statedBytes), { maxBytes: statedBytes })
    },
  })
}

export const MiB = 1024 * 1024
