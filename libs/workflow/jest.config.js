module.exports = { ...require('../../jest.preset.js'), displayName: 'workflow', rootDir: __dirname };
