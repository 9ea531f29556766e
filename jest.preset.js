// Shared jest settings: @swc/jest compiles TypeScript (with decorator metadata for NestJS);
// type checking is done once by `npm run typecheck`.
const { pathsToModuleNameMapper } = require('ts-jest');
const path = require('node:path');
const { compilerOptions } = require('./tsconfig.base.json');

module.exports = {
  testEnvironment: 'node',
  transform: {
    '^.+\\.ts$': [
      '@swc/jest',
      {
        jsc: {
          parser: { syntax: 'typescript', decorators: true },
          transform: { legacyDecorator: true, decoratorMetadata: true },
          target: 'es2022',
        },
        module: { type: 'commonjs' },
      },
    ],
  },
  moduleFileExtensions: ['ts', 'js', 'json'],
  moduleNameMapper: pathsToModuleNameMapper(compilerOptions.paths, {
    prefix: path.join(__dirname, '/'),
  }),
  testMatch: ['**/*.spec.ts'],
};
