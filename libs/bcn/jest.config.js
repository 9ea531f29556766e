module.exports = { ...require('../../jest.preset.js'), displayName: 'bcn', rootDir: __dirname };
