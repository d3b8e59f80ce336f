import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { loadContract } from '../support/openapi.ts';
import { startTestServer, type TestServer } from '../support/http.ts';

// Contract tests for what every variant shares: health, readiness and correlation ids. They
// call the real service and check each response against openapi.yaml.
describe('health and readiness (contract)', () => {
  const contract = loadContract();
  let server: TestServer;
  before(async () => {
    server = await startTestServer();
  });
  after(() => server.close());

  for (const path of ['/healthz', '/readyz']) {
    it(`GET ${path} conforms to the contract`, async () => {
      const response = await server.request('GET', path);
      assert.equal(response.status, 200);
      assert.deepEqual(contract.checkResponse('GET', path, response), []);
    });
  }

  it('echoes x-correlation-id and logs it', async () => {
    const response = await server.request('GET', '/healthz', { headers: { 'x-correlation-id': 'contract-42' } });
    assert.equal(response.headers.get('x-correlation-id'), 'contract-42');
    assert.ok(server.logs.some(line => line.correlationId === 'contract-42' && line.path === '/healthz'));
  });

  it('reports not ready once shutdown began, as documented', async () => {
    const draining = await startTestServer();
    try {
      draining.beginShutdown();
      const response = await draining.request('GET', '/readyz');
      assert.equal(response.status, 503);
      assert.deepEqual(contract.checkResponse('GET', '/readyz', response), []);
    } finally {
      await draining.close();
    }
  });
});

describe('openapi.yaml', () => {
  const contract = loadContract();

  it('is OpenAPI 3.1 with an operationId and documented responses on every operation', () => {
    assert.match(String(contract.document.openapi), /^3\.1\.\d+$/);
    assert.ok(contract.operations.length > 0);
    const ids = new Set<string>();
    for (const op of contract.operations) {
      assert.notEqual(op.operationId, 'undefined', `${op.method} ${op.path} has no operationId`);
      assert.equal(ids.has(op.operationId), false, `duplicate operationId ${op.operationId}`);
      ids.add(op.operationId);
      assert.ok(Object.keys(op.responses).length > 0, `${op.operationId} documents no response`);
    }
  });

  it('documents health and readiness', () => {
    assert.ok(contract.find('GET', '/healthz'));
    assert.ok(contract.find('GET', '/readyz'));
  });

  it('catches responses that do not conform (so that the contract tests cannot pass vacuously)', () => {
    const wrongBody = contract.checkResponse('GET', '/healthz', { status: 200, contentType: 'application/json', json: { status: 'fine' } });
    assert.ok(wrongBody.length > 0);
    assert.ok(contract.checkResponse('GET', '/healthz', { status: 200, contentType: 'text/html', json: undefined }).length > 0);
    assert.ok(contract.checkResponse('GET', '/healthz', { status: 418, contentType: 'application/json', json: {} }).length > 0);
    assert.ok(contract.checkResponse('GET', '/not-documented', { status: 200, contentType: 'application/json', json: {} }).length > 0);
  });
});
