import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { classificationMetrics, confusion, rocAuc } from '../../src/core/metrics.ts';
import { fairnessReport } from '../../src/core/fairness.ts';

describe('metrics', () => {
  it('counts a confusion matrix', () => {
    assert.deepEqual(confusion([1, 1, 0, 0, 1], [1, 0, 1, 0, 1]), { tp: 2, fn: 1, fp: 1, tn: 1 });
  });

  it('computes AUC, with ties counted half', () => {
    assert.equal(rocAuc([0, 0, 1, 1], [0.1, 0.2, 0.8, 0.9]), 1);
    assert.equal(rocAuc([0, 0, 1, 1], [0.9, 0.8, 0.2, 0.1]), 0);
    assert.equal(rocAuc([0, 1], [0.5, 0.5]), 0.5);
    assert.equal(rocAuc([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]), 0.75);
  });

  it('derives accuracy, precision, recall and F1 at a threshold', () => {
    const m = classificationMetrics([1, 1, 0, 0], [0.9, 0.4, 0.6, 0.1], 0.5);
    assert.equal(m.accuracy, 0.5);
    assert.equal(m.precision, 0.5);
    assert.equal(m.recall, 0.5);
    assert.equal(m.f1, 0.5);
    assert.equal(m.positiveRate, 0.5);
  });
});

describe('fairnessReport', () => {
  it('compares positive rates and true positive rates across groups', () => {
    const report = fairnessReport(['a', 'a', 'a', 'a', 'b', 'b', 'b', 'b'], [1, 1, 0, 0, 1, 1, 0, 0], [1, 1, 0, 0, 1, 0, 1, 1]);
    assert.deepEqual(report.groups.map(g => [g.group, g.positiveRate, g.truePositiveRate]), [
      ['a', 0.5, 1],
      ['b', 0.75, 0.5],
    ]);
    assert.equal(report.demographicParityDifference, 0.25);
    assert.equal(report.equalOpportunityDifference, 0.5);
  });
});
