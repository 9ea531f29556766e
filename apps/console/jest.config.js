// The console's browser tests: the real API (a child process on a real port over a real store)
// serving a fresh build of the console, driven by Debian's Chromium through playwright-core;
// and unit specs of the console's pure parts (src/**/*.unit.spec.ts: the forms' schema logic, the diagram's layout;
// src/**/*.unit.spec.tsx: views rendered to HTML by react-dom/server, their style sheets stubbed).
const preset = require('../../jest.preset.js');

module.exports = {
  ...preset,
  displayName: 'console',
  rootDir: __dirname,
  transform: {
    ...preset.transform,
    '^.+\\.tsx$': [
      '@swc/jest',
      {
        jsc: { parser: { syntax: 'typescript', tsx: true }, transform: { react: { runtime: 'automatic' } }, target: 'es2022' },
        module: { type: 'commonjs' },
      },
    ],
  },
  moduleFileExtensions: ['ts', 'tsx', 'js', 'json'],
  moduleNameMapper: { ...preset.moduleNameMapper, '\\.css$': '<rootDir>/src/testing/style-stub.js' },
  testMatch: ['<rootDir>/e2e/**/*.e2e.spec.ts', '<rootDir>/src/**/*.unit.spec.ts', '<rootDir>/src/**/*.unit.spec.tsx'],
};
