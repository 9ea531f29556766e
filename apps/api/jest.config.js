// The e2e suites start a real server (and its projection worker) in their hooks: on a loaded
// 2-core machine that alone can pass jest's 5 s default, so hooks and tests get 30 s unless they say.
module.exports = { ...require('../../jest.preset.js'), displayName: 'api', rootDir: __dirname, testTimeout: 30_000 };
