// Types of officeJs.mjs for TypeScript callers (tsconfig has no allowJs). Keep in sync with it.

export declare const OFFICE_JS_CDN: string
export declare const LOCAL_OFFICE_JS_PATH: string
export declare const officeJsPackageDir: string
export declare function officeJsFileFor(url: string): string | null
export declare function copyOfficeJs(target: string): void
