import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { idempotency } from '../../src/adapters/http/idempotency.ts';
import { HttpError } from '../../src/adapters/http/problem.ts';
import type { HttpRequest, HttpResponse } from '../../src/adapters/http/types.ts';
import { MemoryIdempotencyStore } from '../../src/adapters/memory/memoryIdempotencyStore.ts';

function request(body: unknown, key?: string, path = '/v1/things'): HttpRequest {
  return {
    method: 'POST',
    path,
    query: new URLSearchParams(),
    headers: key === undefined ? {} : { 'idempotency-key': key },
    params: {},
    body,
    rawBody: Buffer.from(JSON.stringify(body)),
    correlationId: 'test',
  };
}

function setup(ttlMs = 60_000) {
  let clock = 0;
  let calls = 0;
  const middleware = idempotency({ store: new MemoryIdempotencyStore(() => clock), ttlMs, now: () => clock });
  const handler = async (req: HttpRequest): Promise<HttpResponse> => {
    calls += 1;
    return { status: 201, headers: { location: `/v1/things/${calls}`, 'x-other': 'dropped' }, json: { n: calls, body: req.body } };
  };
  return {
    send: (req: HttpRequest, next = handler) => middleware(req, next),
    calls: () => calls,
    advance: (ms: number) => {
      clock += ms;
    },
  };
}

describe('idempotency middleware', () => {
  it('replays the first response for a repeated key, without running the handler again', async () => {
    const { send, calls } = setup();
    const first = await send(request({ a: 1, b: 2 }, 'key-1'));
    const again = await send(request({ b: 2, a: 1 }, 'key-1'));
    assert.equal(calls(), 1);
    assert.equal(again.status, 201);
    assert.deepEqual(again.json, first.json);
    assert.deepEqual(again.headers, { location: '/v1/things/1', 'idempotency-replayed': 'true' });
  });

  it('rejects the same key with another body, or on another path, with 422', async () => {
    const { send } = setup();
    await send(request({ a: 1 }, 'key-1'));
    await assert.rejects(send(request({ a: 2 }, 'key-1')), (error: unknown) => error instanceof HttpError && error.status === 422);
    await assert.rejects(send(request({ a: 1 }, 'key-1', '/v1/other')), (error: unknown) => error instanceof HttpError && error.status === 422);
  });

  it('answers 409 while the first request with the key is still running', async () => {
    const { send } = setup();
    let release: () => void = () => {};
    const slow = send(request({ a: 1 }, 'key-1'), () => new Promise(resolve => {
      release = () => resolve({ status: 201, json: {} });
    }));
    await assert.rejects(send(request({ a: 1 }, 'key-1')), (error: unknown) => error instanceof HttpError && error.status === 409);
    release();
    assert.equal((await slow).status, 201);
  });

  it('forgets the key after a server error, so that a retry runs again', async () => {
    const { send, calls } = setup();
    const failed = await send(request({ a: 1 }, 'key-1'), async () => ({ status: 503, json: {} }));
    assert.equal(failed.status, 503);
    await assert.rejects(send(request({ a: 1 }, 'key-2'), async () => {
      throw new Error('crash');
    }));
    assert.equal((await send(request({ a: 1 }, 'key-1'))).status, 201);
    assert.equal((await send(request({ a: 1 }, 'key-2'))).status, 201);
    assert.equal(calls(), 2);
  });

  it('stores refusals (4xx) and replays them too', async () => {
    const { send } = setup();
    const refuse = async (): Promise<HttpResponse> => {
      throw new HttpError(409, 'Conflict', 'already exists');
    };
    await assert.rejects(send(request({ a: 1 }, 'key-1'), refuse), HttpError);
    const replay = await send(request({ a: 1 }, 'key-1'));
    assert.equal(replay.status, 409);
    assert.equal(replay.headers?.['idempotency-replayed'], 'true');
  });

  it('forgets keys after their time to live', async () => {
    const { send, calls, advance } = setup(1000);
    await send(request({ a: 1 }, 'key-1'));
    advance(1001);
    await send(request({ a: 2 }, 'key-1'));
    assert.equal(calls(), 2);
  });

  it('passes requests without a key through, and refuses malformed keys', async () => {
    const { send, calls } = setup();
    await send(request({ a: 1 }));
    await send(request({ a: 1 }));
    assert.equal(calls(), 2);
    await assert.rejects(send(request({ a: 1 }, 'has space')), (error: unknown) => error instanceof HttpError && error.status === 400);
    await assert.rejects(send(request({ a: 1 }, 'x'.repeat(256))), (error: unknown) => error instanceof HttpError && error.status === 400);
  });
});
