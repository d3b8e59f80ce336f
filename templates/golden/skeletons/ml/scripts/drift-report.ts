// Drift report: PSI of each feature (and of the score) between the reference data and a
// current sample, with the thresholds of model/drift.yaml.
//   npm run ml:drift                         compares the holdout set (no drift expected)
//   npm run ml:drift -- --current file.csv   compares a sample of recent requests
// Exits 1 when a feature reaches the alert threshold.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { driftLevel, psi } from '../src/core/drift.ts';
import { score } from '../src/core/model.ts';
import { fromRoot, loadDriftConfig, loadModel, loadRegistry, ROOT } from './lib/config.ts';
import { numericColumn, readCsv, type Dataset } from './lib/dataset.ts';

const flag = process.argv.indexOf('--current');
const registry = loadRegistry();
const config = loadDriftConfig();
const model = loadModel();
const currentPath = flag === -1 ? fromRoot(registry.holdout.path) : process.argv[flag + 1];
const reference = readCsv(fromRoot(config.reference));
const current = readCsv(currentPath);

const scores = (data: Dataset) =>
  data.rows.map(row => score(model, Object.fromEntries(model.features.map(f => [f.name, Number(row[f.name])]))));

const features = Object.entries(config.features).map(([name, thresholds]) => {
  const value = psi(numericColumn(reference, name), numericColumn(current, name), config.bins);
  return { feature: name, psi: Math.round(value * 1e4) / 1e4, level: driftLevel(value, thresholds) };
});
const scorePsi = psi(scores(reference), scores(current), config.bins);
const report = {
  model: { name: model.name, version: model.version },
  reference: config.reference,
  current: currentPath,
  features,
  score: { psi: Math.round(scorePsi * 1e4) / 1e4, level: driftLevel(scorePsi, config.score) },
};
mkdirSync(join(ROOT, 'reports'), { recursive: true });
writeFileSync(join(ROOT, 'reports', 'drift.json'), `${JSON.stringify(report, null, 2)}\n`);
for (const entry of [...features, { feature: 'score', ...report.score }]) {
  console.log(`${entry.feature.padEnd(24)} PSI ${entry.psi.toFixed(4)}  ${entry.level}`);
}
if ([...features, report.score].some(entry => entry.level === 'alert')) {
  console.error('Drift alert: retrain or investigate the data (reports/drift.json).');
  process.exit(1);
}
