// The API report of every package (plugins/*/report.api.md), made by Backstage's repo-tools
// (API Extractor underneath), and a check that each public export carries a TSDoc comment.
//
//   node scripts/api-reports.mjs         regenerate the reports (npm run api-reports)
//   node scripts/api-reports.mjs --ci    fail when a report is stale, missing, has warnings, or
//                                        names an undocumented export (npm test's api stage)
//
// repo-tools reads the declarations tsc emits to dist-types/ (the root tsconfig's outDir). Its
// own --tsc flag runs `yarn tsc`, and this repository uses npm workspaces, so tsc runs here first,
// as backstage/backstage runs tsc:full before build:api-reports:only.
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const ci = process.argv.includes('--ci');
const bin = name => path.join(root, 'node_modules', '.bin', name);

// What API Extractor may leave out, and why:
// - ae-wrong-input-file-type: workspace packages point `types` at src/index.ts (as in Backstage's
//   own repository), so imports between them resolve to .ts files, not .d.ts;
// - ae-undocumented: it asks for a comment on every member; the rule here is one per export,
//   checked below from the reports' "(undocumented)" marks;
// - ae-missing-release-tag: every package is private and released together, so @alpha/@beta
//   would carry no meaning.
const OMITTED = ['ae-wrong-input-file-type', 'ae-undocumented', 'ae-missing-release-tag'];

function run(cmd, args, stdio = 'inherit') {
  const res = spawnSync(cmd, args, { cwd: root, stdio });
  return res.status ?? 1;
}

// Type errors are the typecheck stage's to report (`npx tsc` shows them); declarations are
// emitted all the same.
// tsc never deletes what it emitted before, and a stale src/api.d.ts would shadow a newer
// src/api/index.d.ts: start from an empty dist-types.
fs.rmSync(path.join(root, 'dist-types'), { recursive: true, force: true });
if (run(bin('tsc'), [], 'ignore') !== 0) {
  console.warn('[api-reports] tsc found type errors (run `npx tsc`); the reports use what it emitted');
}

// Locally every report is written even when one has warnings, so all of them can be read at once;
// the warnings still fail the run below.
const extracted = run(bin('backstage-repo-tools'), [
  'api-reports',
  ...(ci ? ['--ci'] : ['--allow-all-warnings']),
  '--omit-messages',
  OMITTED.join(','),
]);
if (extracted !== 0) {
  console.error(
    ci
      ? '[api-reports] a report is stale or has warnings: run `npm run api-reports` and commit the reports'
      : '[api-reports] API Extractor failed (see above)',
  );
  process.exit(extracted);
}

// A top-level declaration in a report is marked "// @public (undocumented)" when its export has
// no TSDoc; members are indented and not checked.
const undocumented = [];
const warnings = [];
for (const base of ['packages', 'plugins']) {
  for (const dir of fs.readdirSync(path.join(root, base))) {
    const report = path.join(root, base, dir, 'report.api.md');
    if (!fs.existsSync(report)) continue;
    const lines = fs.readFileSync(report, 'utf8').split('\n');
    lines.forEach((line, i) => {
      if (/^\s*\/\/ Warning: |^\/\/ \S.*\(ae-[a-z-]+\)/.test(line)) {
        warnings.push(`${base}/${dir}/report.api.md:${i + 1}: ${line.replace(/^\s*\/\/\s*/, '')}`);
      }
      if (/^\/\/ (@\w+ )?\(undocumented\)/.test(line)) {
        const declaration = lines.slice(i + 1).find(l => l && !l.startsWith('//')) ?? '';
        undocumented.push(`${base}/${dir}/report.api.md:${i + 1}: ${declaration.trim()}`);
      }
    });
  }
}
if (warnings.length > 0) {
  console.error('[api-reports] API Extractor warnings to fix:');
  for (const entry of warnings) console.error(`  ${entry}`);
}
if (undocumented.length > 0) {
  console.error('[api-reports] these public exports need a one-line TSDoc comment:');
  for (const entry of undocumented) console.error(`  ${entry}`);
}
if (warnings.length > 0 || undocumented.length > 0) {
  process.exit(1);
}
console.log('[api-reports] every report is current and every public export is documented');
