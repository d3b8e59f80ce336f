import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { sampleMutation } from '../fixtures/sampleMutation.ts';
import { loadContract } from '../support/openapi.ts';
import { startTestServer, type TestServer } from '../support/http.ts';

describe('idempotency keys (contract)', () => {
  const contract = loadContract();
  let server: TestServer;
  before(async () => {
    server = await startTestServer();
  });
  after(() => server.close());

  it('documents the Idempotency-Key header on the sample mutation', () => {
    const { method, path } = sampleMutation();
    const op = contract.find(method, path);
    assert.ok(op?.parameters.some(parameter => parameter.in === 'header' && parameter.name.toLowerCase() === 'idempotency-key'));
  });

  it('replays the first response for a repeated key', async () => {
    const { method, path, body } = sampleMutation();
    const headers = { 'idempotency-key': randomUUID() };
    const first = await server.request(method, path, { body, headers });
    const replay = await server.request(method, path, { body, headers });
    assert.ok(first.status < 300, `first call: ${first.status} ${first.text}`);
    assert.equal(replay.status, first.status);
    assert.deepEqual(replay.json, first.json);
    assert.equal(replay.headers.get('idempotency-replayed'), 'true');
    assert.deepEqual(contract.checkResponse(method, path, first), []);
    assert.deepEqual(contract.checkResponse(method, path, replay), []);
  });

  it('rejects the same key with another body with 422', async () => {
    const key = randomUUID();
    const first = sampleMutation();
    await server.request(first.method, first.path, { body: first.body, headers: { 'idempotency-key': key } });
    const other = sampleMutation();
    const response = await server.request(other.method, other.path, { body: other.body, headers: { 'idempotency-key': key } });
    assert.equal(response.status, 422);
    assert.deepEqual(contract.checkResponse(other.method, other.path, response), []);
  });
});
