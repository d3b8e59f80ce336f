import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fromRoot, loadModel, loadRegistry, loadValidationConfig } from '../../scripts/lib/config.ts';
import { readCsv } from '../../scripts/lib/dataset.ts';
import { evaluate } from '../../scripts/lib/evaluate.ts';

// ML gate 2 as a test: the committed model meets model/validation.yaml on the holdout set, and
// the check really fails when it should.
const registry = loadRegistry();
const model = loadModel();
const holdout = readCsv(fromRoot(registry.holdout.path));
const config = loadValidationConfig();

describe('model validation', () => {
  it('meets the metric thresholds and the bias check on the holdout set', () => {
    const result = evaluate(model, holdout, registry.dataset.label, config);
    assert.deepEqual(result.failures, []);
    assert.deepEqual(result.fairness.groups.map(g => g.group), ['north', 'south']);
  });

  it('fails below a metric threshold', () => {
    const strict = { ...config, metrics: { ...config.metrics, auc: { min: 0.999 } } };
    assert.match(evaluate(model, holdout, registry.dataset.label, strict).failures.join('\n'), /auc .* is below 0.999/);
  });

  it('fails the bias check when groups are treated differently', () => {
    const strict = { ...config, fairness: { ...config.fairness, maxEqualOpportunityDifference: 0, maxDemographicParityDifference: 0 } };
    const failures = evaluate(model, holdout, registry.dataset.label, strict).failures.join('\n');
    assert.match(failures, /demographic parity difference/);
    assert.match(failures, /equal opportunity difference/);
  });

  it('fails when the model is useless', () => {
    const flat = { ...model, weights: model.weights.map(() => 0) };
    assert.ok(evaluate(flat, holdout, registry.dataset.label, config).failures.length > 0);
  });
});
