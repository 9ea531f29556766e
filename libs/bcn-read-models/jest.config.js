module.exports = { ...require('../../jest.preset.js'), displayName: 'bcn-read-models', rootDir: __dirname };
