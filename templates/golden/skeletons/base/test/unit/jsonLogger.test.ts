import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createJsonLogger } from '../../src/adapters/observability/jsonLogger.ts';
import { runWithCorrelationId } from '../../src/adapters/observability/correlation.ts';

function capture(level?: 'debug' | 'info' | 'warn' | 'error') {
  const lines: Array<Record<string, unknown>> = [];
  const logger = createJsonLogger({
    service: 'svc',
    version: '1.2.3',
    level,
    write: line => lines.push(JSON.parse(line) as Record<string, unknown>),
    now: () => new Date('2030-01-02T03:04:05.000Z'),
  });
  return { logger, lines };
}

describe('createJsonLogger', () => {
  it('writes one JSON object per line with the service, the version and the fields', () => {
    const { logger, lines } = capture();
    logger.child({ component: 'test' }).info('hello', { count: 2 });
    assert.deepEqual(lines, [
      { time: '2030-01-02T03:04:05.000Z', level: 'info', service: 'svc', version: '1.2.3', msg: 'hello', component: 'test', count: 2 },
    ]);
  });

  it('adds the current correlation id', () => {
    const { logger, lines } = capture();
    runWithCorrelationId('abc-123', () => logger.warn('inside'));
    logger.warn('outside');
    assert.equal(lines[0].correlationId, 'abc-123');
    assert.equal('correlationId' in lines[1], false);
  });

  it('drops lines below the level and redacts secrets', () => {
    const { logger, lines } = capture('warn');
    logger.info('dropped');
    logger.error('kept', { headers: { authorization: 'Bearer x', accept: 'json' }, password: 'p' });
    assert.equal(lines.length, 1);
    assert.deepEqual(lines[0].headers, { authorization: '[redacted]', accept: 'json' });
    assert.equal(lines[0].password, '[redacted]');
  });

  it('serialises errors', () => {
    const { logger, lines } = capture();
    logger.error('failed', { error: new TypeError('boom') });
    const error = lines[0].error as Record<string, unknown>;
    assert.equal(error.name, 'TypeError');
    assert.equal(error.message, 'boom');
  });
});
