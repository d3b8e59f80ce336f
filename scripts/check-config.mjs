// Validates the configuration before the portal starts, so that a missing or invalid value stops
// start-up with a message that names the key, rather than failing later inside a plugin.
//   node scripts/check-config.mjs --config app-config.yaml [--config more.yaml ...]
// 1. every ${VAR} a config file uses must be set in the environment;
// 2. the merged config must match the schemas of every installed plugin (backstage-cli config:check).
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { parseDocument } from 'yaml';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const args = process.argv.slice(2);
const files = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--config' && args[i + 1]) files.push(args[++i]);
}

const problems = [];

function walk(node, keyPath, file) {
  if (node === null || node === undefined) return;
  if (Array.isArray(node)) {
    node.forEach((item, i) => walk(item, `${keyPath}[${i}]`, file));
  } else if (typeof node === 'object') {
    for (const [k, v] of Object.entries(node)) walk(v, keyPath ? `${keyPath}.${k}` : k, file);
  } else if (typeof node === 'string') {
    // $${X} is an escaped literal in Backstage config; ${X} is a substitution.
    for (const m of node.matchAll(/(?<!\$)\$\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}/g)) {
      if (process.env[m[1]] === undefined) {
        problems.push(`${file}: ${keyPath} needs the environment variable ${m[1]}, which is not set`);
      }
    }
  }
}

for (const file of files) {
  const full = path.resolve(root, file);
  if (!fs.existsSync(full)) {
    problems.push(`${file}: config file not found`);
    continue;
  }
  const doc = parseDocument(fs.readFileSync(full, 'utf8'));
  if (doc.errors.length) {
    problems.push(`${file}: not valid YAML: ${doc.errors[0].message.split('\n')[0]}`);
    continue;
  }
  walk(doc.toJS(), '', file);
}

if (problems.length) {
  for (const p of problems) console.error(`[souverain] config error: ${p}`);
  process.exit(1);
}

const cli = path.join(root, 'node_modules/.bin/backstage-cli');
const res = spawnSync(cli, ['config:check', '--strict', ...files.flatMap(f => ['--config', f])], {
  cwd: root,
  encoding: 'utf8',
});
if (res.status !== 0) {
  const out = `${res.stdout}\n${res.stderr}`.trim();
  console.error(`[souverain] config error: the configuration does not match the plugins' schemas:\n${out}`);
  process.exit(1);
}
