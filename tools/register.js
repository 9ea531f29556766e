// Runs TypeScript sources directly (npm start, bench, CLI) with swc, honouring the
// workspace path aliases and decorator metadata from tsconfig.base.json.
process.env.SWC_NODE_PROJECT = process.env.SWC_NODE_PROJECT || require('node:path').join(__dirname, '..', 'tsconfig.json');
require('@swc-node/register');
