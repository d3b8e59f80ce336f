import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ValidationError } from '../../src/core/errors.ts';
import { parseInputs, predict, score, sigmoid, type LogisticModel } from '../../src/core/model.ts';

const model: LogisticModel = {
  name: 'toy',
  version: '1.0.0',
  features: [
    { name: 'a', type: 'number', min: 0, max: 100, mean: 50, std: 10 },
    { name: 'flag', type: 'binary', min: 0, max: 1, mean: 0.5, std: 0.5 },
  ],
  weights: [2, -1],
  bias: 0.5,
  threshold: 0.5,
  datasetFingerprint: 'sha256:test',
};

describe('parseInputs', () => {
  it('accepts inputs that match the signature', () => {
    assert.deepEqual(parseInputs(model, { a: 12.5, flag: 1 }), { a: 12.5, flag: 1 });
  });

  it('lists every problem', () => {
    assert.throws(
      () => parseInputs(model, { a: 101, flag: 0.5, extra: 1 }),
      (error: unknown) =>
        error instanceof ValidationError &&
        error.issues.length === 3 &&
        error.issues.includes('unknown feature "extra"') &&
        error.issues.includes('a must be between 0 and 100') &&
        error.issues.includes('flag must be an integer'),
    );
    assert.throws(() => parseInputs(model, { a: '5', flag: 1 }), /a must be a number/);
    assert.throws(() => parseInputs(model, { flag: 1 }), /a must be a number/);
    assert.throws(() => parseInputs(model, null), ValidationError);
  });
});

describe('predict', () => {
  it('computes the logistic score on standardised inputs', () => {
    // z = 0.5 + 2 * (60 - 50) / 10 - 1 * (0 - 0.5) / 0.5 = 0.5 + 2 + 1 = 3.5
    assert.equal(score(model, { a: 60, flag: 0 }), sigmoid(3.5));
  });

  it('labels by threshold and explains by decreasing influence', () => {
    const prediction = predict(model, { a: 60, flag: 0 });
    assert.equal(prediction.label, 1);
    assert.deepEqual(prediction.explanation, [
      { feature: 'a', contribution: 2 },
      { feature: 'flag', contribution: 1 },
    ]);
    const total = prediction.explanation.reduce((sum, c) => sum + c.contribution, model.bias);
    assert.ok(Math.abs(sigmoid(total) - prediction.score) < 1e-9, 'contributions add up to the score');
    assert.equal(predict(model, { a: 30, flag: 1 }).label, 0);
  });
});
