import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ApiError, createApiClient } from '../src/api.ts';

function fakeFetch(status: number, body: unknown) {
  const calls: Array<{ url: string; init: RequestInit }> = [];
  const impl = (async (url: string, init: RequestInit) => {
    calls.push({ url, init });
    return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
  }) as unknown as typeof fetch;
  return { impl, calls };
}

describe('createApiClient', () => {
  it('sends JSON with a correlation id', async () => {
    const { impl, calls } = fakeFetch(201, { id: '1', name: 'n', createdAt: '2030-01-01T00:00:00Z' });
    const client = createApiClient(impl, () => 'corr-1');
    const created = await client.createItem({ name: 'n' });
    assert.equal(created.id, '1');
    assert.equal(calls[0].url, '/v1/items');
    assert.equal(calls[0].init.method, 'POST');
    assert.deepEqual(calls[0].init.headers, { accept: 'application/json', 'x-correlation-id': 'corr-1', 'content-type': 'application/json' });
    assert.equal(calls[0].init.body, '{"name":"n"}');
  });

  it('turns problem details into an ApiError that quotes the correlation id', async () => {
    const { impl } = fakeFetch(400, { title: 'Bad Request', status: 400, detail: 'The request is not valid.', errors: ['name is required'] });
    const client = createApiClient(impl, () => 'corr-2');
    await assert.rejects(client.createItem({ name: '' }), (error: unknown) =>
      error instanceof ApiError &&
      error.status === 400 &&
      error.correlationId === 'corr-2' &&
      error.message === 'The request is not valid. (name is required)');
  });
});
