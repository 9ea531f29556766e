module.exports = { ...require('../../jest.preset.js'), displayName: 'read-queries', rootDir: __dirname };
