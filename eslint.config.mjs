// ESLint flat config: typescript-eslint's type-checked recommendations, at zero warnings in CI.
import eslint from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const SQL_IN_REPOSITORY = "SQL runs in a *.repository.ts: call the owning feature's repository (ADR 0005).";

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'coverage/**',
      'node_modules/**',
      '.data/**',
      '**/*.js',
      '**/*.mjs',
      '**/*.cjs',
      'test/client/**',
    ],
  },
  eslint.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      globals: { ...globals.node },
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // The service's code (tests may use subpaths a package documents, such as ajv/dist/2020).
    files: ['src/**/*.ts'],
    rules: {
      // A package's files behind its entry point are its own, and change without notice.
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(@[^/]+/)?[^./][^/]*/(dist|lib|cjs|esm|build|src)/',
              message: "Import a package's public entry point, not its private files.",
            },
          ],
        },
      ],
    },
  },
  {
    // ADR 0005: SQL runs in the owning feature's *.repository.ts; src/database/ runs the database itself.
    files: ['src/**/*.ts'],
    ignores: ['src/**/*.repository.ts', 'src/database/**'],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: "CallExpression[callee.property.name='query']", message: SQL_IN_REPOSITORY },
        { selector: 'CallExpression[callee.name=/^sql(Rows|Row|Write|Run)$/]', message: SQL_IN_REPOSITORY },
        {
          selector: 'CallExpression[callee.property.name=/^(createQueryBuilder|getRepository)$/]',
          message: SQL_IN_REPOSITORY,
        },
        {
          // The EntityManager's entity API (m.save, manager.findOneBy, …) is data access too.
          selector:
            'CallExpression[callee.object.name=/^(m|manager|tx)$/][callee.property.name=/^(save|insert|update|delete|upsert|find|findBy|findOne|findOneBy|findOneOrFail|findOneByOrFail|findAndCount|count|exists|increment|decrement)$/]',
          message: SQL_IN_REPOSITORY,
        },
      ],
    },
  },
  {
    // The workbench's pages run in the browser.
    files: ['web/**/*.ts', 'web/**/*.tsx'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    // supertest answers are untyped (`any`) by design; tests read them as specifications.
    files: ['test/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
  {
    // The typed client needs its generated types, so `npm run client:check` lints it (--no-ignore)
    // after generating them: no casts, no non-null assertions.
    files: ['test/client/**/*.ts'],
    rules: {
      '@typescript-eslint/consistent-type-assertions': ['error', { assertionStyle: 'never' }],
      '@typescript-eslint/no-non-null-assertion': 'error',
    },
  },
);
