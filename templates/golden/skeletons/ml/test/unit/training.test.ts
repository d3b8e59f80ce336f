import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { trainLogisticRegression } from '../../src/core/training.ts';
import { loadModel, loadRegistry } from '../../scripts/lib/config.ts';
import { trainFromRegistry } from '../../scripts/lib/train.ts';

describe('training', () => {
  it('learns the direction of a simple relation', () => {
    const rows = Array.from({ length: 200 }, (_, i) => [i % 20]);
    const labels = rows.map(([x]) => (x >= 10 ? 1 : 0) as 0 | 1);
    const model = trainLogisticRegression(
      { rows, labels, specs: [{ name: 'x', type: 'integer', min: 0, max: 19 }] },
      { learningRate: 0.5, epochs: 300, l2: 0, threshold: 0.5 },
      { name: 't', version: '0', datasetFingerprint: 'none' },
    );
    assert.ok(model.weights[0] > 1);
    assert.ok(Math.abs(model.features[0].mean - 9.5) < 1e-9);
  });

  it('reproduces model/model.json from the registered data and hyperparameters', () => {
    const committed = loadModel();
    const retrained = trainFromRegistry(loadRegistry());
    assert.equal(retrained.datasetFingerprint, committed.datasetFingerprint);
    retrained.weights.forEach((weight, i) => assert.ok(Math.abs(weight - committed.weights[i]) < 1e-9, `weight ${i}`));
    assert.ok(Math.abs(retrained.bias - committed.bias) < 1e-9);
  });
});
