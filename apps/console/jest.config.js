// The console's browser tests: the real API (a child process on a real port over a real store)
// serving a fresh build of the console, driven by Debian's Chromium through playwright-core;
// and unit specs of the console's pure parts (src/**/*.unit.spec.ts: the forms' schema logic, the diagram's layout).
module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'console',
  rootDir: __dirname,
  testMatch: ['<rootDir>/e2e/**/*.e2e.spec.ts', '<rootDir>/src/**/*.unit.spec.ts'],
};
