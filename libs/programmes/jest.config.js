module.exports = { ...require('../../jest.preset.js'), displayName: 'programmes', rootDir: __dirname };
