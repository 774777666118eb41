// ESLint: typescript-eslint with type information (each file is checked with the tsconfig of its
// runtime) and the React hooks rules for the task pane. `npm run lint`, part of `npm test`.
import js from '@eslint/js'
import globals from 'globals'
import reactHooks from 'eslint-plugin-react-hooks'
import tseslint from 'typescript-eslint'

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', '.wrangler/', '.deploy/', 'test/artifacts/', 'coverage/', 'worker/worker-configuration.d.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      // French typography puts non-breaking spaces in texts (before « : », inside « »): allowed
      // in strings, templates and regular expressions, still refused in code and comments.
      'no-irregular-whitespace': ['error', { skipStrings: true, skipTemplates: true, skipJSXText: true, skipRegExps: true }],
    },
  },
  {
    files: ['addin/src/**/*.tsx', 'addin/src/**/*.ts'],
    ...reactHooks.configs.flat['recommended-latest'],
  },
  {
    // The OpenAPI generator runs at build and test time: in the Worker, hono-openapi would bundle
    // every zod locale (docs/ARCHITECTURE.md).
    files: ['worker/**/*.ts'],
    ignores: ['worker/openapi/document.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'hono-openapi', message: 'Build and test time only (worker/openapi/document.ts).', allowTypeImports: true }],
          patterns: [{ group: ['**/openapi/document', '**/openapi/operations'], message: 'Build and test time only: the Worker carries describeRoute markers, not the generator.' }],
        },
      ],
    },
  },
  {
    // Tests: vitest's asymmetric matchers (expect.any, objectContaining…) are typed `any`, mocks
    // implement async interfaces without awaiting anything, tests stringify fetch inputs and cell
    // values they built themselves, and they state the shape of an answer with `as`.
    files: ['test/**/*.ts', 'test/**/*.tsx'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/unbound-method': 'off',
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/no-base-to-string': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-unnecessary-type-assertion': 'off',
    },
  },
  {
    // TypeScript checks names itself (and knows each runtime's globals from its tsconfig).
    files: ['**/*.ts', '**/*.tsx'],
    rules: { 'no-undef': 'off' },
  },
  {
    // Plain JavaScript has no type information: Node scripts, and the auth dialog page.
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
  },
  { files: ['scripts/**/*.mjs', '*.js'], languageOptions: { globals: globals.node } },
  { files: ['addin/public/**/*.js'], languageOptions: { globals: { ...globals.browser, Office: 'readonly' } } },
)
