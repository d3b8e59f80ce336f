import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { loadRegistry } from '../../scripts/lib/config.ts';
import { loadContract } from '../support/openapi.ts';
import { startTestServer, type TestServer } from '../support/http.ts';

// Each test calls the running model service and checks the real response against openapi.yaml.
describe('prediction API (contract)', () => {
  const contract = loadContract();
  const registry = loadRegistry();
  let server: TestServer;
  before(async () => {
    server = await startTestServer();
  });
  after(() => server.close());

  const inputs = { amount: 420.5, account_age_days: 30, transactions_last_24h: 6, is_foreign: 1 };

  async function call(method: string, path: string, body?: unknown, headers?: Record<string, string>) {
    const response = await server.request(method, path, { body, headers });
    assert.deepEqual(contract.checkResponse(method, path, response), [], `${method} ${path} -> ${response.status}`);
    return response;
  }

  it('predicts, with a score, a label and an explanation', async () => {
    const body = { inputs };
    assert.deepEqual(contract.checkRequestBody('POST', '/predict', body), []);
    const response = await call('POST', '/predict', body, { 'x-correlation-id': 'predict-1' });
    assert.equal(response.status, 200);
    const prediction = response.json as { model: { version: string }; score: number; label: number; explanation: unknown[] };
    assert.equal(prediction.model.version, registry.model.version);
    assert.equal(prediction.label, 1, 'a large foreign payment on a new, busy account is flagged');
    assert.equal(prediction.explanation.length, registry.features.length);
  });

  it('writes the explainability log: model, score and contributions, never the raw inputs', async () => {
    await call('POST', '/predict', { inputs }, { 'x-correlation-id': 'explain-1' });
    const entry = server.logs.find(line => line.msg === 'prediction' && line.correlationId === 'explain-1');
    assert.ok(entry, 'a prediction log line with the correlation id');
    assert.equal(entry.modelVersion, registry.model.version);
    assert.ok(Array.isArray(entry.explanation));
    assert.equal(JSON.stringify(entry).includes('420.5'), false);
  });

  it('rejects inputs that do not match the signature, listing the problems', async () => {
    const response = await call('POST', '/predict', { inputs: { ...inputs, amount: -1, is_foreign: 2 } });
    assert.equal(response.status, 400);
    assert.equal((response.json as { errors: string[] }).errors.length, 2);
    assert.equal((await call('POST', '/predict', { features: inputs })).status, 400);
    assert.equal((await call('POST', '/predict', [1, 2])).status, 400);
  });

  it('describes the served model', async () => {
    const response = await call('GET', '/model');
    assert.equal(response.status, 200);
    assert.equal((response.json as { datasetFingerprint: string }).datasetFingerprint, registry.dataset.fingerprint);
  });
});
