// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';

/**
 * Syntax-level rules only (no type-aware linting): `npm run typecheck` already runs the compiler,
 * and keeping lint free of a TypeScript program keeps it fast on shared 2-core machines.
 * Which folder may import what is not ESLint's job here: scripts/check-layers.mjs owns that.
 */

// The globals plain Node scripts (*.mjs, *.js, *.cjs) use. Listed rather than taken from the `globals`
// package, which is only a transitive dependency here.
const nodeGlobals = Object.fromEntries(
  ['process', 'console', 'Buffer', 'URL', 'URLSearchParams', 'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'AbortController', 'structuredClone', 'fetch']
    .map((name) => [name, 'readonly']),
);

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', '.tmp/**'] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      // `_`-prefixed parameters document a position the callback signature forces on us.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      // Non-null assertions mark facts the compiler cannot know (a regex group that matched, a DOM root
      // that index.html declares); banning them would just push code towards casts.
      '@typescript-eslint/no-non-null-assertion': 'off',
      // Stores keep immutable Record maps and drop an entry from a fresh copy; a Map would not serialise.
      '@typescript-eslint/no-dynamic-delete': 'off',
      // Parsers of hostile input (playlists, hub URIs, file names) match control characters on purpose.
      'no-control-regex': 'off',
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      'no-console': 'off',
    },
  },
  {
    files: ['**/*.{js,mjs,cjs}'],
    languageOptions: { globals: nodeGlobals },
  },
  {
    // The two classic hook rules. The React Compiler rules that `recommended-latest` adds (refs,
    // set-state-in-effect, purity…) flag the common "latest ref" and "reset on prop change" patterns the
    // player uses; adopt them together with the compiler, not piecemeal.
    files: ['renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
    },
  },
  {
    // User-facing text goes through `t` (renderer/src/i18n): a JSX text literal or a literal label, title,
    // placeholder or alt is a string no translation can reach.
    files: ['renderer/src/**/*.tsx',
    ],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: 'JSXText[value=/\\p{L}/u]', message: 'Put user-facing text in renderer/src/i18n/messages/*.json and render it with t().' },
        {
          selector: 'JSXAttribute[name.name=/^(aria-label|title|placeholder|alt)$/] > Literal[value=/\\p{L}/u]',
          message: 'Put user-facing text in renderer/src/i18n/messages/*.json and pass t() to this attribute.',
        },
      ],
    },
  },
  {
    // Playwright fixtures take `{}` as their first parameter by design.
    files: ['tests/e2e/**/*.ts', 'tests/electron/**/*.ts'],
    rules: { 'no-empty-pattern': 'off' },
  },
);
