import nx from '@nx/eslint-plugin';

/** Packages a pure domain library must never import (frameworks, drivers, validation at the edge). */
const edgeOnly = ['@nestjs/*', 'class-validator', 'class-transformer', 'better-sqlite3', 'pg', 'kysely', '@eventstore/db-client', '@grpc/grpc-js'];

/** Guards are combined with @apo/engine's allOf (XState's and, remembered): a refusal then names the guard that failed. */
const xstateAnd = [{ name: 'xstate', importNames: ['and'], message: "Combine guards with @apo/engine's allOf: a refusal then names the guard that failed." }];

export default [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  { ignores: ['**/node_modules', '**/dist', '**/tmp', '**/*.js', '**/*.mjs'] },
  {
    files: ['**/*.ts'],
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          allow: [],
          banTransitiveDependencies: false,
          depConstraints: [
            // Domain: pure TypeScript, depends only on other domain libraries.
            {
              sourceTag: 'type:domain',
              onlyDependOnLibsWithTags: ['type:domain'],
              bannedExternalImports: edgeOnly,
            },
            // Application services: domain + ports, still no framework or driver.
            {
              sourceTag: 'type:application',
              onlyDependOnLibsWithTags: ['type:domain', 'type:data-access', 'type:application'],
              bannedExternalImports: ['@nestjs/*', 'class-validator', 'class-transformer'],
            },
            { sourceTag: 'type:data-access', onlyDependOnLibsWithTags: ['type:domain', 'type:data-access'] },
            { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['*'] },
            { sourceTag: 'type:tool', onlyDependOnLibsWithTags: ['*'] },
            // COE and BCN never depend on each other's internals.
            { sourceTag: 'scope:coe', notDependOnLibsWithTags: ['scope:bcn'] },
            { sourceTag: 'scope:bcn', notDependOnLibsWithTags: ['scope:coe'] },
            // The read side in layers: the read store knows no read model, a read model no query and no runner, a query no read model.
            { sourceTag: 'read:store', notDependOnLibsWithTags: ['read:model', 'read:queries', 'read:runner'] },
            { sourceTag: 'read:model', notDependOnLibsWithTags: ['read:queries', 'read:runner'] },
            { sourceTag: 'read:queries', notDependOnLibsWithTags: ['read:model', 'read:runner'] },
          ],
        },
      ],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // The EventStoreDB client is confined to its one adapter file (and the wire test fixture).
    files: ['**/*.ts'],
    ignores: [
      'libs/event-store/src/esdb/esdb-event-store.ts',
      'libs/event-store/src/esdb/esdb-mapping.ts',
      'libs/event-store/src/testing/esdb-wire-server.ts',
      'libs/event-store/src/**/*.spec.ts',
    ],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [{ group: ['@eventstore/db-client', '@eventstore/db-client/*'], message: 'Only the EventStoreDB adapter may import the client.' }],
          paths: xstateAnd,
        },
      ],
    },
  },
  {
    // Belt and braces for the domain: also caught when a package is not in the project graph yet.
    files: ['libs/engine/**/*.ts', 'libs/coe/**/*.ts', 'libs/bcn/**/*.ts', 'libs/reference/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: edgeOnly.flatMap((p) => [p, `${p}/*`]), message: 'Domain libraries are pure TypeScript: no framework, driver or edge validation.' },
          ],
          paths: xstateAnd,
        },
      ],
    },
  },
];
