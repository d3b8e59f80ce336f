#!/usr/bin/env node
// Verifies or exports the concierge's audit log straight from its database.
// From a source checkout the TypeScript is loaded through Backstage's node transform.
const path = require('node:path');
const fs = require('node:fs');

const built = path.resolve(__dirname, '../dist/cli/auditCli.cjs.js');
if (fs.existsSync(built)) {
  require(built).main(process.argv.slice(2));
} else {
  require('@backstage/cli/config/nodeTransform.cjs');
  require('../src/cli/auditCli.ts').main(process.argv.slice(2));
}
