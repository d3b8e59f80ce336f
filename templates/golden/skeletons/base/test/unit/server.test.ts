import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { addHealthRoutes } from '../../src/adapters/http/health.ts';
import { HttpError } from '../../src/adapters/http/problem.ts';
import { Router } from '../../src/adapters/http/router.ts';
import { createRequestListener } from '../../src/adapters/http/server.ts';
import type { Middleware } from '../../src/adapters/http/types.ts';
import { createJsonLogger } from '../../src/adapters/observability/jsonLogger.ts';

describe('createRequestListener', () => {
  const logs: Array<Record<string, unknown>> = [];
  const logger = createJsonLogger({ service: 'svc', version: '1', level: 'debug', write: line => logs.push(JSON.parse(line)) });
  let ready = true;
  const router = new Router()
    .add('POST', '/echo', request => ({ status: 200, json: { body: request.body, correlationId: request.correlationId } }))
    .add('GET', '/teapot', () => {
      throw new HttpError(418, "I'm a teapot", 'Short and stout.');
    })
    .add('GET', '/crash', () => {
      throw new Error('secret internal detail');
    })
    .add('GET', '/order', request => ({ status: 200, json: { seen: request.headers['x-seen'] } }));
  addHealthRoutes(router, { service: 'svc', version: '1', checks: [{ name: 'dependency', check: () => ready }] });
  const order: Middleware = async (request, next) => {
    request.headers['x-seen'] = 'middleware';
    const response = await next(request);
    return { ...response, headers: { ...response.headers, 'x-after': 'yes' } };
  };
  const listener = createRequestListener({ router, logger, middlewares: [order], bodyLimitBytes: 64 });
  let server: Server;
  let base = '';

  before(async () => {
    server = createServer(listener);
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => new Promise<void>(resolve => server.close(() => resolve())));

  it('parses JSON bodies and echoes the incoming correlation id', async () => {
    const response = await fetch(`${base}/echo`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-correlation-id': 'corr-1' },
      body: JSON.stringify({ a: 1 }),
    });
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('x-correlation-id'), 'corr-1');
    assert.equal(response.headers.get('x-content-type-options'), 'nosniff');
    assert.deepEqual(await response.json(), { body: { a: 1 }, correlationId: 'corr-1' });
    const access = logs.find(line => line.msg === 'request' && line.path === '/echo');
    assert.equal(access?.correlationId, 'corr-1');
    assert.equal(access?.status, 200);
  });

  it('generates a correlation id when none is sent', async () => {
    const response = await fetch(`${base}/healthz`);
    assert.match(response.headers.get('x-correlation-id') ?? '', /^[0-9a-f-]{36}$/);
  });

  it('answers problems for bad bodies', async () => {
    const post = (body: string, type = 'application/json') =>
      fetch(`${base}/echo`, { method: 'POST', headers: { 'content-type': type }, body });
    const invalid = await post('{not json');
    assert.equal(invalid.status, 400);
    assert.equal(invalid.headers.get('content-type'), 'application/problem+json');
    assert.equal((await post('a=1', 'text/plain')).status, 415);
    assert.equal((await post(JSON.stringify({ big: 'x'.repeat(100) }))).status, 413);
  });

  it('maps HttpError, unknown routes, wrong methods and crashes to problem details', async () => {
    const teapot = await fetch(`${base}/teapot`);
    assert.equal(teapot.status, 418);
    const body = (await teapot.json()) as Record<string, unknown>;
    assert.equal(body.detail, 'Short and stout.');
    assert.equal(body.correlationId, teapot.headers.get('x-correlation-id'));

    assert.equal((await fetch(`${base}/nowhere`)).status, 404);
    const wrong = await fetch(`${base}/echo`);
    assert.equal(wrong.status, 405);
    assert.equal(wrong.headers.get('allow'), 'POST');

    const crash = await fetch(`${base}/crash`);
    assert.equal(crash.status, 500);
    assert.doesNotMatch(await crash.text(), /secret internal detail/);
    assert.ok(logs.some(line => line.msg === 'unhandled error'));
  });

  it('runs middlewares around the handler', async () => {
    const response = await fetch(`${base}/order`);
    assert.deepEqual(await response.json(), { seen: 'middleware' });
    assert.equal(response.headers.get('x-after'), 'yes');
  });

  it('reports readiness from its checks and logs probes at debug level', async () => {
    assert.equal((await fetch(`${base}/readyz`)).status, 200);
    ready = false;
    const notReady = await fetch(`${base}/readyz`);
    assert.equal(notReady.status, 503);
    assert.deepEqual(await notReady.json(), { status: 'not-ready', checks: { dependency: 'failing' } });
    ready = true;
    assert.equal(logs.find(line => line.path === '/readyz')?.level, 'debug');
  });
});
