// Types of wranglerDev.mjs for TypeScript callers (tsconfig has no allowJs). Keep in sync with it.

export declare function wranglerDevArgs(options: { port: number; adminToken: string }): string[]
