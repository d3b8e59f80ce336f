// ML gate 2: metrics on the holdout set at or above the thresholds of model/validation.yaml, and
// the bias check across the group column. Writes reports/validation.json; exits 1 on failure.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fromRoot, loadModel, loadRegistry, loadValidationConfig, ROOT } from './lib/config.ts';
import { readCsv } from './lib/dataset.ts';
import { evaluate } from './lib/evaluate.ts';

const registry = loadRegistry();
const model = loadModel();
const evaluation = evaluate(model, readCsv(fromRoot(registry.holdout.path)), registry.dataset.label, loadValidationConfig());

const report = {
  model: { name: model.name, version: model.version },
  holdout: { path: registry.holdout.path, fingerprint: registry.holdout.fingerprint },
  metrics: evaluation.metrics,
  fairness: evaluation.fairness,
  passed: evaluation.failures.length === 0,
  failures: evaluation.failures,
};
mkdirSync(join(ROOT, 'reports'), { recursive: true });
writeFileSync(join(ROOT, 'reports', 'validation.json'), `${JSON.stringify(report, null, 2)}\n`);

const m = evaluation.metrics;
console.log(`accuracy ${m.accuracy.toFixed(3)}, precision ${m.precision.toFixed(3)}, recall ${m.recall.toFixed(3)}, f1 ${m.f1.toFixed(3)}, auc ${m.auc.toFixed(3)}`);
console.log(`demographic parity difference ${evaluation.fairness.demographicParityDifference.toFixed(3)}, equal opportunity difference ${evaluation.fairness.equalOpportunityDifference.toFixed(3)}`);
if (!report.passed) {
  console.error(`Model validation failed:\n- ${evaluation.failures.join('\n- ')}`);
  process.exit(1);
}
console.log('Model validation passed (reports/validation.json).');
