import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { HttpError } from '../../src/adapters/http/problem.ts';
import { serveStaticFiles } from '../../src/adapters/http/staticFiles.ts';
import type { HttpRequest } from '../../src/adapters/http/types.ts';

const dir = mkdtempSync(join(tmpdir(), 'static-'));
mkdirSync(join(dir, 'assets'));
writeFileSync(join(dir, 'index.html'), '<!doctype html><title>app</title>');
writeFileSync(join(dir, 'assets', 'main-abc.js'), 'console.log(1)');
writeFileSync(join(tmpdir(), 'outside-static.txt'), 'secret');
after(() => rmSync(dir, { recursive: true, force: true }));

const get = (path: string, method = 'GET'): HttpRequest => ({
  method,
  path,
  query: new URLSearchParams(),
  headers: {},
  params: {},
  body: undefined,
  rawBody: Buffer.alloc(0),
  correlationId: 'test',
});

const is404 = (error: unknown) => error instanceof HttpError && error.status === 404;

describe('serveStaticFiles', () => {
  const handler = serveStaticFiles(dir);
  const serve = async (request: HttpRequest) => handler(request);

  it('serves assets with long caching and index.html with a content security policy', async () => {
    const asset = await serve(get('/assets/main-abc.js'));
    assert.equal(asset.headers?.['content-type'], 'text/javascript; charset=utf-8');
    assert.match(asset.headers?.['cache-control'] ?? '', /immutable/);
    const index = await serve(get('/'));
    assert.equal(index.headers?.['content-type'], 'text/html; charset=utf-8');
    assert.match(index.headers?.['content-security-policy'] ?? '', /default-src 'self'/);
  });

  it('answers index.html for client-side routes, 404 for missing files and API paths', async () => {
    assert.match(String((await serve(get('/items/42'))).body), /<title>app/);
    await assert.rejects(serve(get('/assets/missing.js')), is404);
    await assert.rejects(serve(get('/v1/unknown')), is404);
    await assert.rejects(serve(get('/', 'POST')), is404);
  });

  it('never serves files outside its folder', async () => {
    await assert.rejects(serve(get('/../outside-static.txt')), is404);
    await assert.rejects(serve(get('/%2e%2e/outside-static.txt')), is404);
    await assert.rejects(serve(get('/..%2Foutside-static.txt')), is404);
  });

  it('says how to build the front end when it is missing', async () => {
    const missing = serveStaticFiles(join(dir, 'nowhere'));
    await assert.rejects(async () => missing(get('/')), /npm run build:web/);
  });
});
