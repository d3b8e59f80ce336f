// Request latency and throughput of one endpoint of a running portal.
//   npm run bench -- --endpoint /api/catalog/entities/by-query?filter=kind=component --concurrency 20 --duration 15
// Signs in as guest (local mode) and sends the token with every request.
import autocannon from 'autocannon';
import { guestToken, parseArgs, percentile, saveResult } from './lib.mjs';

const opts = parseArgs(process.argv.slice(2), {
  backend: 'http://localhost:7007',
  endpoint: '/api/catalog/entities/by-query?filter=kind=component&limit=50',
  concurrency: 20,
  duration: 15,
  method: 'GET',
});

const token = await guestToken(opts.backend);
const samples = [];
let non2xx = 0;

const result = await autocannon({
  url: `${opts.backend}${opts.endpoint}`,
  method: opts.method,
  connections: opts.concurrency,
  duration: opts.duration,
  headers: { authorization: `Bearer ${token}` },
  setupClient(client) {
    client.on('response', (status, _bytes, responseTime) => {
      samples.push(responseTime);
      if (status < 200 || status >= 300) non2xx++;
    });
  },
});

samples.sort((a, b) => a - b);
const ms = v => Math.round(v * 10) / 10;
const figures = {
  endpoint: opts.endpoint,
  concurrency: opts.concurrency,
  durationSeconds: opts.duration,
  requests: samples.length,
  throughputRps: Math.round((samples.length / opts.duration) * 10) / 10,
  latencyMs: {
    p50: ms(percentile(samples, 50)),
    p95: ms(percentile(samples, 95)),
    p99: ms(percentile(samples, 99)),
    max: ms(samples.at(-1)),
  },
  errors: result.errors + result.timeouts,
  non2xx,
};
const file = saveResult('latency', figures);
console.log(`endpoint      ${figures.endpoint}`);
console.log(`concurrency   ${figures.concurrency} for ${figures.durationSeconds} s`);
console.log(`requests      ${figures.requests} (${figures.throughputRps} req/s)`);
console.log(`latency ms    p50 ${figures.latencyMs.p50}  p95 ${figures.latencyMs.p95}  p99 ${figures.latencyMs.p99}  max ${figures.latencyMs.max}`);
console.log(`errors        ${figures.errors} transport, ${figures.non2xx} non-2xx`);
console.log(`saved         ${file}`);
process.exit(figures.errors || figures.non2xx ? 1 : 0);
