// Smoke test of a deployed instance (gate 2): `BASE_URL=https://... npm run smoke`.
// With EXPECT_VERSION set, it first waits (up to SMOKE_WAIT_SECONDS, 300 by default) until
// /healthz reports that version, i.e. until the new release has rolled out. Then it checks
// health, readiness, correlation ids and every parameterless GET operation of openapi.yaml
// against the contract.
import { randomUUID } from 'node:crypto';
import { loadContract } from '../support/openapi.ts';

const baseUrl = (process.env.BASE_URL ?? '').replace(/\/+$/, '');
if (!baseUrl) {
  console.error('Set BASE_URL to the address of the instance to test.');
  process.exit(2);
}
const expectVersion = process.env.EXPECT_VERSION;
const waitSeconds = Number(process.env.SMOKE_WAIT_SECONDS ?? 300);
const contract = loadContract();
const failures: string[] = [];

async function get(path: string, headers: Record<string, string> = {}) {
  const response = await fetch(baseUrl + path, { headers, signal: AbortSignal.timeout(10_000) });
  const text = await response.text();
  const contentType = response.headers.get('content-type') ?? '';
  return {
    status: response.status,
    headers: response.headers,
    contentType,
    json: /json/.test(contentType) && text ? (JSON.parse(text) as unknown) : undefined,
  };
}

if (expectVersion) {
  const deadline = Date.now() + waitSeconds * 1000;
  for (;;) {
    const version = await get('/healthz').then(
      r => (r.json as { version?: string } | undefined)?.version,
      () => undefined,
    );
    if (version === expectVersion) break;
    if (Date.now() > deadline) {
      console.error(`Version ${expectVersion} did not roll out within ${waitSeconds}s (last seen: ${version}).`);
      process.exit(1);
    }
    await new Promise(resolve => setTimeout(resolve, 5000));
  }
}

const correlationId = `smoke-${randomUUID()}`;
const health = await get('/healthz', { 'x-correlation-id': correlationId });
if (health.headers.get('x-correlation-id') !== correlationId) failures.push('x-correlation-id is not echoed');

for (const op of contract.operations) {
  if (op.method !== 'GET' || op.path.includes('{') || op.parameters.some(p => p.required)) continue;
  const response = await get(op.path);
  if (response.status >= 300) failures.push(`${op.operationId}: status ${response.status}`);
  failures.push(...contract.checkResponse('GET', op.path, response));
  console.log(`${op.operationId}: ${response.status}`);
}

if (failures.length > 0) {
  console.error(`Smoke test failed:\n- ${failures.join('\n- ')}`);
  process.exit(1);
}
console.log(`Smoke test passed against ${baseUrl}.`);
