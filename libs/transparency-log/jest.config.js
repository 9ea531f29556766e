module.exports = { ...require('../../jest.preset.js'), displayName: 'transparency-log', rootDir: __dirname };
