// Flat config: type-aware typescript-eslint rules, Nx module boundaries, Prettier owns formatting.
// The web app (TypeScript and .svelte files) gets the same type-aware rules plus eslint-plugin-svelte.
import js from '@eslint/js';
import nx from '@nx/eslint-plugin';
import prettier from 'eslint-config-prettier';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/**
 * `@nx/enforce-module-boundaries` by `type:*` tag. `libs/` (type:lib) is what the parts import; a service
 * never imports another service; nothing but a tool imports a tool, except the app's tests (web's e2e tests
 * start the system with devstack's `startSystem()`), which get `appTestsMayUse`.
 */
function moduleBoundaries(appTestsMayUse = []) {
  return [
    'error',
    {
      // web's own `#lib/*` (package.json "imports", Node subpath imports) is a path inside web, not a
      // package: the rule would take it for an absolute import of another project.
      allow: ['#lib/**'],
      // devstack builds and starts web (an implicit dependency on its build), and web's e2e tests drive
      // the system through devstack: a cycle in the graph, not in code.
      ignoredCircularDependencies: [['web', 'devstack']],
      depConstraints: [
        { sourceTag: 'type:service', onlyDependOnLibsWithTags: ['type:lib'] },
        { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:lib', ...appTestsMayUse] },
        { sourceTag: 'type:lib', onlyDependOnLibsWithTags: ['type:lib'] },
        { sourceTag: 'type:tool', onlyDependOnLibsWithTags: ['type:lib', 'type:tool'] },
      ],
    },
  ];
}

export default tseslint.config(
  {
    ignores: [
      '**/node_modules',
      '**/dist',
      '**/build',
      '**/coverage',
      '**/.svelte-kit',
      '**/.nx',
      '**/.data',
      'web/test/e2e/artifacts',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  ...svelte.configs.recommended,
  {
    languageOptions: {
      parserOptions: {
        projectService: true,
        tsconfigRootDir: import.meta.dirname,
        extraFileExtensions: ['.svelte'],
      },
    },
    plugins: { '@nx': nx },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      // Fastify plugins, hooks and test fakes are async by contract, with or without an await inside.
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@nx/enforce-module-boundaries': moduleBoundaries(),
    },
  },
  {
    files: ['web/test/**'],
    rules: { '@nx/enforce-module-boundaries': moduleBoundaries(['type:tool']) },
  },
  {
    // <script lang="ts"> in components: svelte-eslint-parser hands the script to typescript-eslint's parser.
    files: ['web/**/*.svelte', 'web/**/*.svelte.ts'],
    languageOptions: {
      parserOptions: { parser: tseslint.parser },
    },
  },
  {
    files: ['web/src/**'],
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
  },
  { files: ['**/*.mjs', '**/*.js'], ...tseslint.configs.disableTypeChecked },
  prettier,
  ...svelte.configs.prettier,
);
