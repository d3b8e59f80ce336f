import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { fromRoot, loadModel, loadRegistry } from '../../scripts/lib/config.ts';
import { checkSchema, fingerprint, readCsv } from '../../scripts/lib/dataset.ts';

// ML gate 1, as unit tests: the bundled data is the data the registry and the model claim.
const registry = loadRegistry();

describe('bundled datasets', () => {
  it('have the fingerprints recorded in model/registry.yaml', () => {
    const expected = `sha256:${createHash('sha256').update(readFileSync(fromRoot(registry.dataset.path))).digest('hex')}`;
    assert.equal(registry.dataset.fingerprint, expected);
    assert.equal(fingerprint(fromRoot(registry.holdout.path)), registry.holdout.fingerprint);
  });

  it('match the dataset schema and the registered row counts', () => {
    const train = readCsv(fromRoot(registry.dataset.path));
    const holdout = readCsv(fromRoot(registry.holdout.path));
    assert.deepEqual(checkSchema(train, registry.dataset.schema), []);
    assert.deepEqual(checkSchema(holdout, registry.dataset.schema), []);
    assert.equal(train.rows.length, registry.dataset.rows);
    assert.equal(holdout.rows.length, registry.holdout.rows);
  });

  it('model.json is the registered model, trained on the registered dataset', () => {
    const model = loadModel();
    assert.equal(model.name, registry.model.name);
    assert.equal(model.version, registry.model.version);
    assert.equal(model.datasetFingerprint, registry.dataset.fingerprint);
    assert.equal(model.threshold, registry.hyperparameters.threshold);
    assert.deepEqual(model.features.map(f => f.name), registry.features);
    assert.deepEqual(model.features.map(({ name, type, min, max }) => ({ name, type, min, max })),
      registry.features.map(name => {
        const { type, min, max } = registry.signature.inputs.find(input => input.name === name) ?? {};
        return { name, type, min, max };
      }));
  });
});

describe('checkSchema', () => {
  const schema = registry.dataset.schema;
  const header = schema.map(column => column.name).join(',');
  const parse = (text: string) => {
    const [head, ...lines] = text.trim().split('\n');
    const columns = head.split(',');
    return { columns, rows: lines.map(line => Object.fromEntries(columns.map((c, i) => [c, line.split(',')[i] ?? '']))) };
  };

  it('reports wrong columns, types, ranges and values', () => {
    assert.match(checkSchema(parse('a,b\n1,2'), schema)[0], /columns are a,b/);
    const problems = checkSchema(parse(`${header}\n-5,1.5,2,3,east,1\nx,1,1,0,north,`), schema);
    assert.deepEqual(problems, [
      'row 2, amount: -5 < 0',
      'row 2, account_age_days: "1.5" is not an integer',
      'row 2, is_foreign: "3" is not one of 0, 1',
      'row 2, region: "east" is not one of north, south',
      'row 3, amount: "x" is not a number',
      'row 3, is_fraud: empty',
    ]);
  });
});
