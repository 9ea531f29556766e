module.exports = { ...require('../../jest.preset.js'), displayName: 'coe', rootDir: __dirname };
