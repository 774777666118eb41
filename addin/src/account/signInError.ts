/** A sign-in problem, with a French message ready to show. Small: part of the pane's initial code. */
export type SignInFailure = 'disabled' | 'required' | 'cancelled' | 'failed'

export class SignInError extends Error {
  constructor(
    readonly reason: SignInFailure,
    message: string,
  ) {
    super(message)
    this.name = 'SignInError'
  }
}
