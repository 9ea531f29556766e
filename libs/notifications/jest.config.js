const preset = require('../../jest.preset.js');

// kysely ships ES modules only; jest's CommonJS runtime needs it compiled like our sources.
const [, swc] = Object.values(preset.transform)[0];

module.exports = {
  ...preset,
  displayName: 'notifications',
  rootDir: __dirname,
  transform: { ...preset.transform, '^.+/node_modules/kysely/.+\\.js$': ['@swc/jest', swc] },
  transformIgnorePatterns: ['/node_modules/(?!kysely/)'],
};
