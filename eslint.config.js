import js from '@eslint/js';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

// The layers, bottom up: lib <- api <- report <- components, hooks <- features <- app.
// A module imports only from its own layer or the ones below; server/ and worker/ import
// only lib/ (which holds the route table both sides share). Tests and test support may also
// import the demo upstream's scenarios, which are the fixtures, and run both report stages.
const layers = [
  {
    target: './src/lib',
    from: ['./src/api', './src/report', './src/components', './src/hooks', './src/features', './src/app.tsx', './src/main.tsx'],
    message: 'lib/ is the bottom layer: it imports nothing of the app.',
  },
  {
    target: './src/api',
    from: ['./src/report', './src/components', './src/hooks', './src/features', './src/app.tsx', './src/main.tsx'],
    message: 'api/ imports only lib/.',
  },
  {
    target: './src/report',
    from: ['./src/components', './src/hooks', './src/features', './src/app.tsx', './src/main.tsx'],
    message: 'report/ is pure TypeScript below the UI: it imports only lib/ and api/.',
  },
  {
    target: ['./src/components', './src/hooks'],
    from: ['./src/features', './src/app.tsx', './src/main.tsx'],
    message: 'components/ and hooks/ are shared below the features.',
  },
  {
    target: './src/features',
    from: ['./src/app.tsx', './src/main.tsx'],
    message: 'Features do not import the app that composes them.',
  },
  {
    target: './src/features',
    from: './src/report/diagnosis',
    except: ['./diagnose.ts', './verdict.ts', './types.ts'],
    message: 'Features run the diagnosis stage (diagnose.ts, verdict.ts), not its internals.',
  },
  {
    target: ['./server', './worker'],
    from: './src',
    except: ['./lib'],
    message: 'The server imports only src/lib/ (the route table and the ID rules it shares with the page).',
  },
];

const productionOnly = [
  {
    // The report model is diagnosed, not diagnosing. Tests of both stages together may import both.
    target: ['./src/report/!(diagnosis)/**', './src/report/*.ts'],
    from: './src/report/diagnosis',
    message: 'Normalization does not use the diagnosis: it is a later stage (report/diagnosis/diagnose.ts).',
  },
  {
    target: './src',
    from: ['./server', './worker', './e2e', './scripts'],
    message: 'The app does not import server code; tests may use the demo scenarios as fixtures.',
  },
];

const testFiles = ['**/*.test.ts', '**/*.test.tsx', '**/test-support/**', 'src/test/**'];

export default tseslint.config(
  { ignores: ['dist', 'node_modules', 'test-results', 'playwright-report', 'bench/results.json', '.wrangler'] },
  {
    extends: [js.configs.recommended, ...tseslint.configs.recommended],
    files: ['**/*.{ts,tsx,js}'],
    languageOptions: {
      ecmaVersion: 2022,
      globals: { ...globals.browser, ...globals.node },
    },
    plugins: { 'react-hooks': reactHooks, 'import-x': importX },
    settings: {
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.tsx', '.js', '.mjs'] })],
      // Imported TypeScript files are parsed too, so a cycle through them is seen.
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx'] },
      'import-x/extensions': ['.ts', '.tsx', '.js', '.mjs'],
    },
    rules: {
      ...reactHooks.configs.recommended.rules,
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': ['error', { allow: ['warn', 'error', 'info'] }],
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      'import-x/no-restricted-paths': ['error', { zones: [...layers, ...productionOnly] }],
    },
  },
  {
    files: testFiles,
    rules: {
      'import-x/no-restricted-paths': ['error', { zones: layers }],
    },
  },
);
