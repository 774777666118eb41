// Types of addin/public/auth-dialog.js, plain JavaScript served as is.
declare module '*/auth-dialog.js' {
  export interface DialogConfig {
    enabled: true
    clientId: string
    authority: string
    scopes: string[]
  }
  export interface DialogPage {
    location: { origin: string; pathname: string; search: string }
    storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>
    fetch: typeof fetch
    navigate(url: string): void
    send(message: { type: 'token'; accessToken: string; expiresIn: number } | { type: 'error'; message: string }): void
  }
  export function base64url(bytes: Uint8Array): string
  export function pkcePair(): Promise<{ verifier: string; challenge: string }>
  export function authorizeUrl(config: DialogConfig, options: { redirectUri: string; state: string; challenge: string }): string
  export function step(page: DialogPage): Promise<void>
}
