import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { loadContract } from '../support/openapi.ts';
import { startTestServer, type TestServer } from '../support/http.ts';

// Each test calls the running service and checks the real response against openapi.yaml.
describe('items API (contract)', () => {
  const contract = loadContract();
  let server: TestServer;
  before(async () => {
    server = await startTestServer();
  });
  after(() => server.close());

  async function call(method: string, path: string, body?: unknown) {
    if (body !== undefined) assert.deepEqual(contract.checkRequestBody(method, path, body), [], 'the test sends a valid body');
    const response = await server.request(method, path, { body });
    assert.deepEqual(contract.checkResponse(method, path, response), [], `${method} ${path} -> ${response.status}`);
    return response;
  }

  it('creates an item (201, Location) and reads it back', async () => {
    const created = await call('POST', '/v1/items', { name: 'contract-first', description: 'from the contract test' });
    assert.equal(created.status, 201);
    const item = created.json as { id: string };
    assert.equal(created.headers.get('location'), `/v1/items/${item.id}`);
    const fetched = await call('GET', `/v1/items/${item.id}`);
    assert.equal(fetched.status, 200);
    assert.deepEqual(fetched.json, created.json);
  });

  it('lists items in pages', async () => {
    await call('POST', '/v1/items', { name: 'contract-second' });
    const page = await call('GET', '/v1/items?limit=1&offset=0');
    assert.equal(page.status, 200);
    assert.equal((page.json as { items: unknown[] }).items.length, 1);
  });

  it('answers documented problems', async () => {
    const invalid = await server.request('POST', '/v1/items', { body: { name: '' } });
    assert.equal(invalid.status, 400);
    assert.deepEqual(contract.checkResponse('POST', '/v1/items', invalid), []);

    await call('POST', '/v1/items', { name: 'contract-duplicate' });
    const duplicate = await call('POST', '/v1/items', { name: 'contract-duplicate' });
    assert.equal(duplicate.status, 409);

    const missing = await call('GET', '/v1/items/00000000-0000-4000-8000-000000000000');
    assert.equal(missing.status, 404);

    const badPaging = await call('GET', '/v1/items?limit=1000');
    assert.equal(badPaging.status, 400);

    const wrongType = await server.request('POST', '/v1/items', { body: 'name=x', headers: { 'content-type': 'text/plain' } });
    assert.equal(wrongType.status, 415);
    assert.deepEqual(contract.checkResponse('POST', '/v1/items', wrongType), []);
  });

  it('serves metrics for the SLOs', async () => {
    const metrics = await call('GET', '/metrics');
    assert.match(metrics.text, /http_requests_total\{[^}]*route="\/v1\/items"/);
  });
});
