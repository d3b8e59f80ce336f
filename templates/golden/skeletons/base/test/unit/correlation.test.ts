import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  correlationHeaders,
  correlationIdFrom,
  currentCorrelationId,
  runWithCorrelationId,
} from '../../src/adapters/observability/correlation.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('correlation ids', () => {
  it('keeps a well-formed incoming id', () => {
    assert.equal(correlationIdFrom('req-42:a.b_c'), 'req-42:a.b_c');
    assert.equal(correlationIdFrom(['first', 'second']), 'first');
  });

  it('generates one when it is missing or unsafe to log', () => {
    assert.match(correlationIdFrom(undefined), UUID);
    assert.match(correlationIdFrom(''), UUID);
    assert.match(correlationIdFrom('a\nfake log line'), UUID);
    assert.match(correlationIdFrom('x'.repeat(129)), UUID);
  });

  it('is visible to async code and propagated on outgoing calls', async () => {
    await runWithCorrelationId('outer', async () => {
      await new Promise(resolve => setImmediate(resolve));
      assert.equal(currentCorrelationId(), 'outer');
      assert.deepEqual(correlationHeaders(), { 'x-correlation-id': 'outer' });
    });
    assert.equal(currentCorrelationId(), undefined);
    assert.deepEqual(correlationHeaders(), {});
  });
});
