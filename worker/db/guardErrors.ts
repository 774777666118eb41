import type { ApiError } from '../errors'
import { guardReason } from './guard'

/**
 * Runs a guarded batch and turns a failed guard into the ApiError the route chose for it;
 * any other error is rethrown untouched.
 */
export async function withGuards<T>(write: Promise<T>, onGuard: Record<string, () => ApiError>): Promise<T> {
  try {
    return await write
  } catch (error) {
    const reason = guardReason(error)
    const toError = reason ? onGuard[reason] : undefined
    if (toError) throw toError()
    throw error
  }
}
