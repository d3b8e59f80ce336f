import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { binEdges, driftLevel, psi } from '../../src/core/drift.ts';
import { fromRoot, loadDriftConfig, loadRegistry } from '../../scripts/lib/config.ts';
import { numericColumn, readCsv } from '../../scripts/lib/dataset.ts';

const range = (n: number, f: (i: number) => number) => Array.from({ length: n }, (_, i) => f(i));

describe('psi', () => {
  it('is about zero for the same distribution', () => {
    const sample = range(1000, i => i % 100);
    assert.ok(psi(sample, sample) < 1e-9);
  });

  it('grows with the shift', () => {
    const reference = range(1000, i => i % 100);
    const slight = psi(reference, range(1000, i => (i % 100) + 3));
    const large = psi(reference, range(1000, i => (i % 100) + 50));
    assert.ok(slight < 0.1, `slight shift: ${slight}`);
    assert.ok(large > 0.25, `large shift: ${large}`);
  });

  it('treats features with few values as categories, including unseen ones', () => {
    assert.deepEqual(binEdges([0, 1, 1, 0], 10), { kind: 'categorical', values: [0, 1] });
    const reference = range(1000, i => (i % 10 < 2 ? 1 : 0));
    assert.ok(psi(reference, range(1000, i => (i % 10 < 6 ? 1 : 0))) > 0.25);
    assert.ok(psi(reference, range(1000, () => 2)) > 0.25);
  });

  it('classifies values with the drift.yaml thresholds', () => {
    const thresholds = { warn: 0.1, alert: 0.25 };
    assert.equal(driftLevel(0.05, thresholds), 'stable');
    assert.equal(driftLevel(0.1, thresholds), 'warn');
    assert.equal(driftLevel(0.3, thresholds), 'alert');
  });

  it('sees no drift between the bundled training and holdout sets', () => {
    const config = loadDriftConfig();
    const registry = loadRegistry();
    const reference = readCsv(fromRoot(config.reference));
    const holdout = readCsv(fromRoot(registry.holdout.path));
    for (const [feature, thresholds] of Object.entries(config.features)) {
      const value = psi(numericColumn(reference, feature), numericColumn(holdout, feature), config.bins);
      assert.equal(driftLevel(value, thresholds), 'stable', `${feature}: PSI ${value}`);
    }
  });
});
