// Request latency and throughput of one endpoint of a running portal.
//   npm run bench -- --endpoint /api/catalog/entities/by-query?filter=kind=component --concurrency 20 --duration 15
// Signs in as guest (local mode) and sends the token with every request.
import { guestToken, loadTest, parseArgs, saveResult } from './lib.mjs';

const opts = parseArgs(process.argv.slice(2), {
  backend: 'http://localhost:7007',
  endpoint: '/api/catalog/entities/by-query?filter=kind=component&limit=50',
  concurrency: 20,
  duration: 15,
  method: 'GET',
});

const token = await guestToken(opts.backend);
const url = new URL(`${opts.backend}${opts.endpoint}`);
const load = await loadTest({
  baseUrl: url.origin,
  token,
  paths: [`${url.pathname}${url.search}`],
  connections: opts.concurrency,
  duration: opts.duration,
  method: opts.method,
});
const figures = {
  endpoint: opts.endpoint,
  concurrency: opts.concurrency,
  durationSeconds: opts.duration,
  requests: load.requests,
  throughputRps: load.rps,
  latencyMs: { p50: load.p50, p95: load.p95, p99: load.p99, max: load.max },
  errors: load.errors,
  non2xx: load.non2xx,
};
const file = saveResult('latency', figures);
console.log(`endpoint      ${figures.endpoint}`);
console.log(`concurrency   ${figures.concurrency} for ${figures.durationSeconds} s`);
console.log(`requests      ${figures.requests} (${figures.throughputRps} req/s)`);
console.log(`latency ms    p50 ${figures.latencyMs.p50}  p95 ${figures.latencyMs.p95}  p99 ${figures.latencyMs.p99}  max ${figures.latencyMs.max}`);
console.log(`errors        ${figures.errors} transport, ${figures.non2xx} non-2xx`);
console.log(`saved         ${file}`);
process.exit(figures.errors || figures.non2xx ? 1 : 0);
