// Root jest config: every project under apps/ and libs/ with a jest.config.js.
const { getJestProjectsAsync } = require('@nx/jest');

module.exports = async () => ({
  projects: await getJestProjectsAsync(),
});
