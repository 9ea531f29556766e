// The console's browser tests: the real API (a child process on a real port over a real store)
// serving a fresh build of the console, driven by Debian's Chromium through playwright-core;
// and unit tests of its pure parts (test/*.unit.spec.ts).
module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'console',
  rootDir: __dirname,
  testMatch: ['<rootDir>/e2e/**/*.e2e.spec.ts', '<rootDir>/test/**/*.unit.spec.ts'],
};
