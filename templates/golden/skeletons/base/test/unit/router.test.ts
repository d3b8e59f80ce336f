import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Router } from '../../src/adapters/http/router.ts';

describe('Router', () => {
  const ok = () => ({ status: 200 });
  const router = new Router().add('GET', '/v1/things', ok).add('GET', '/v1/things/{id}', ok).add('POST', '/v1/things', ok);

  it('matches templates and decodes path parameters', () => {
    const match = router.match('GET', '/v1/things/a%20b');
    assert.equal(match.kind, 'found');
    assert.deepEqual(match.kind === 'found' && match.params, { id: 'a b' });
  });

  it('tells a wrong method from a missing route', () => {
    assert.deepEqual(router.match('DELETE', '/v1/things'), { kind: 'method-not-allowed', allowed: ['GET', 'POST'] });
    assert.deepEqual(router.match('GET', '/v1/other'), { kind: 'not-found' });
    assert.deepEqual(router.match('GET', '/v1/things/a/b'), { kind: 'not-found' });
  });

  it('treats regular-expression characters in templates literally', () => {
    const dotted = new Router().add('GET', '/a.b', ok);
    assert.equal(dotted.match('GET', '/a.b').kind, 'found');
    assert.equal(dotted.match('GET', '/axb').kind, 'not-found');
  });
});
