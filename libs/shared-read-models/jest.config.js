module.exports = { ...require('../../jest.preset.js'), displayName: 'shared-read-models', rootDir: __dirname };
