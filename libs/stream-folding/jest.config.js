module.exports = { ...require('../../jest.preset.js'), displayName: 'stream-folding', rootDir: __dirname };
