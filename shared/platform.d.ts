/**
 * The platform APIs `shared/` may use: web standards that the Worker (workerd), the task pane
 * (Office's browsers) and Node 22 all provide. shared/tsconfig.json compiles the domain core
 * against these alone — no DOM, no Workers types, no Node types — so a use of anything else is a
 * compile error here before it is a crash in one of the runtimes. Declared as narrowly as we use
 * them; add a member only when shared code needs it.
 */

type BufferBytes = Uint8Array<ArrayBuffer>

interface CryptoKey {
  readonly type: string
  readonly algorithm: object
}

type KeyAlgorithmName = 'HMAC' | 'HKDF' | 'SHA-256'

interface SubtleCrypto {
  digest(algorithm: 'SHA-256', data: BufferBytes | ArrayBuffer): Promise<ArrayBuffer>
  importKey(
    format: 'raw',
    keyData: BufferBytes | ArrayBuffer,
    algorithm: KeyAlgorithmName | { name: 'HMAC'; hash: 'SHA-256' },
    extractable: boolean,
    keyUsages: ReadonlyArray<'sign' | 'verify' | 'deriveBits'>,
  ): Promise<CryptoKey>
  sign(algorithm: 'HMAC', key: CryptoKey, data: BufferBytes | ArrayBuffer): Promise<ArrayBuffer>
  verify(algorithm: 'HMAC', key: CryptoKey, signature: BufferBytes | ArrayBuffer, data: BufferBytes | ArrayBuffer): Promise<boolean>
  deriveBits(
    algorithm: { name: 'HKDF'; hash: 'SHA-256'; salt: BufferBytes | ArrayBuffer; info: BufferBytes | ArrayBuffer },
    baseKey: CryptoKey,
    length: number,
  ): Promise<ArrayBuffer>
}

declare const crypto: {
  readonly subtle: SubtleCrypto
  getRandomValues<T extends Uint8Array | Uint32Array>(array: T): T
  randomUUID(): string
}

declare class TextEncoder {
  encode(input?: string): BufferBytes
}

declare class TextDecoder {
  constructor(label?: string, options?: { fatal?: boolean; ignoreBOM?: boolean })
  decode(input?: ArrayBufferView | ArrayBuffer, options?: { stream?: boolean }): string
}

interface UnderlyingSink<W> {
  write?(chunk: W): void | PromiseLike<void>
  close?(): void | PromiseLike<void>
  abort?(reason?: unknown): void | PromiseLike<void>
}

declare class WritableStream<W = unknown> {
  constructor(sink?: UnderlyingSink<W>)
  getWriter(): WritableStreamDefaultWriter<W>
}

interface WritableStreamDefaultWriter<W> {
  write(chunk: W): Promise<void>
  close(): Promise<void>
  abort(reason?: unknown): Promise<void>
  releaseLock(): void
}

interface ReadableStreamDefaultReader<R> {
  read(): Promise<{ done: true; value?: undefined } | { done: false; value: R }>
  cancel(reason?: unknown): Promise<void>
  releaseLock(): void
}

declare class ReadableStream<R = unknown> {
  getReader(): ReadableStreamDefaultReader<R>
}

/** The PDF writer compresses its streams (FlateDecode) with the platform's deflater. */
declare class CompressionStream {
  constructor(format: 'deflate' | 'gzip')
  readonly readable: ReadableStream<Uint8Array>
  readonly writable: WritableStream<BufferBytes>
}

/** Streaming inflater: counting its output is what bounds a zip bomb (shared/xlsx.ts). */
declare class DecompressionStream {
  constructor(format: 'deflate-raw')
  readonly readable: ReadableStream<BufferBytes>
  readonly writable: WritableStream<BufferBytes>
}

declare function setTimeout(callback: () => void, ms: number): number
declare function clearTimeout(id: number): void
