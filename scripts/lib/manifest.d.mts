// Types of manifest.mjs for TypeScript callers (tsconfig has no allowJs). Keep in sync with its JSDoc.

export declare const DEV_ORIGIN: 'https://localhost:8787'
export declare const DEFAULT_OUT: string
export declare const USAGE: string

export declare class ManifestError extends Error {
  constructor(message: string)
}

export declare function parseBaseUrl(input: string): string
export declare function parseVersion(input: string): string
export declare function rewriteManifest(devXml: string, options: { baseUrl: string; version?: string | undefined }): string
export declare function writeProdManifest(options: {
  manifestPath: string
  outPath: string
  baseUrl: string
  version?: string | undefined
}): Promise<string>

export type CliOptions = { help: true } | { help: false; baseUrl: string; out: string; version: string | undefined }
export declare function parseCliArgs(argv: readonly string[]): CliOptions
