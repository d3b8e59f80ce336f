// Lint rules for the whole repository (ESLint flat config). `npm run lint` runs it.
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';

export default defineConfig(
  { ignores: ['dist/', 'web/dist/', '.cache/', 'coverage/', 'reports/', 'node_modules/'] },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx'],
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      eqeqeq: ['error', 'always'],
      'no-console': 'error',
    },
  },
  {
    files: ['scripts/**', 'test/smoke/**'],
    rules: { 'no-console': 'off' },
  },
  // Dependencies point inwards (adapters, then application, then ports, then core), so the
  // domain can be read, tested and kept when an adapter is swapped. app.ts wires them all.
  layer('src/core/**', ['ports', 'application', 'adapters'], 'the core imports nothing outside src/core'),
  layer('src/ports/**', ['application', 'adapters'], 'ports are written in terms of the core only'),
  layer('src/application/**', ['adapters'], 'use cases reach the outside through ports'),
);

function layer(files, forbidden, why) {
  const pattern = { regex: `(^|/)(${forbidden.join('|')})/`, message: `${why} (see README, Layout).` };
  return { files: [files], rules: { 'no-restricted-imports': ['error', { patterns: [pattern] }] } };
}
