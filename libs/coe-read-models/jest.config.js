module.exports = { ...require('../../jest.preset.js'), displayName: 'coe-read-models', rootDir: __dirname };
