import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { HttpMetrics } from '../../src/adapters/observability/metrics.ts';

describe('HttpMetrics', () => {
  it('counts requests by route and status and fills cumulative latency buckets', () => {
    const metrics = new HttpMetrics('svc', [100, 300]);
    metrics.observe({ method: 'GET', route: '/v1/things/{id}', status: 200, durationMs: 50 });
    metrics.observe({ method: 'GET', route: '/v1/things/{id}', status: 200, durationMs: 250 });
    metrics.observe({ method: 'GET', route: '/v1/things/{id}', status: 500, durationMs: 900 });
    const text = metrics.render();
    assert.match(text, /^http_requests_total\{service="svc",method="GET",route="\/v1\/things\/\{id\}",status="200"\} 2$/m);
    assert.match(text, /^http_requests_total\{.*status="500"\} 1$/m);
    assert.match(text, /^http_request_duration_ms_bucket\{.*le="100"\} 1$/m);
    assert.match(text, /^http_request_duration_ms_bucket\{.*le="300"\} 2$/m);
    assert.match(text, /^http_request_duration_ms_bucket\{.*le="\+Inf"\} 3$/m);
    assert.match(text, /^http_request_duration_ms_count\{.*\} 3$/m);
  });

  it('escapes label values', () => {
    const metrics = new HttpMetrics('s"v\\c');
    metrics.observe({ method: 'GET', route: 'unmatched', status: 404, durationMs: 1 });
    assert.match(metrics.render(), /service="s\\"v\\\\c"/);
  });
});
