// Shared helpers for the benchmarks: percentiles, machine description, result files.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');

export function percentile(sorted, p) {
  if (!sorted.length) return NaN;
  const idx = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, idx)];
}

export function machine() {
  return {
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
  };
}

export function saveResult(name, data) {
  const dir = path.join(root, 'bench/results');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${name}-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  fs.writeFileSync(file, JSON.stringify({ name, at: new Date().toISOString(), machine: machine(), ...data }, null, 2));
  return file;
}

export function parseArgs(argv, defaults) {
  const out = { ...defaults };
  for (let i = 0; i < argv.length; i++) {
    const m = argv[i].match(/^--([a-z-]+)(?:=(.*))?$/);
    if (!m) continue;
    const key = m[1].replace(/-([a-z])/g, (_, c) => c.toUpperCase());
    const value = m[2] ?? (argv[i + 1] && !argv[i + 1].startsWith('--') ? argv[++i] : 'true');
    out[key] = typeof defaults[key] === 'number' ? Number(value) : value;
  }
  return out;
}

export async function guestToken(baseUrl) {
  const res = await fetch(`${baseUrl}/api/auth/guest/refresh`, {
    headers: { 'X-Requested-With': 'XMLHttpRequest' },
  });
  if (!res.ok) throw new Error(`guest sign-in failed (${res.status}); is the portal running (npm start)?`);
  return (await res.json()).backstageIdentity.token;
}

/**
 * Loads a backend with autocannon and records the latency of every response.
 * `paths` are cycled through by each connection. Returns request count, throughput, percentiles
 * and errors (transport errors and non-2xx answers).
 */
export async function loadTest(options) {
  return process.env.SOUVERAIN_BENCH_CLIENT === 'wrk'
    ? wrkLoadTest(options)
    : autocannonLoadTest(options);
}

/**
 * The same with wrk (SOUVERAIN_BENCH_CLIENT=wrk; `apt-get install wrk`). A Lua script hands the
 * paths out in turn across all connections, so that many different queries run at once (with
 * autocannon every connection walks the list from the start), and reports the percentiles.
 */
async function wrkLoadTest({ baseUrl, token, paths, connections, duration, method = 'GET' }) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'souverain-wrk-'));
  const script = path.join(dir, 'load.lua');
  fs.writeFileSync(
    script,
    `local paths = { ${paths.map(p => JSON.stringify(p)).join(', ')} }
local i = 0
request = function()
  i = i % #paths + 1
  return wrk.format(${JSON.stringify(method)}, paths[i], { ["Authorization"] = "Bearer ${token}" })
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format('WRK {"requests":%d,"durationUs":%d,"p50":%.3f,"p95":%.3f,"p99":%.3f,"max":%.3f,"errors":%d,"non2xx":%d}\\n',
    summary.requests, summary.duration, latency:percentile(50) / 1000, latency:percentile(95) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000, e.connect + e.read + e.write + e.timeout, e.status))
end
`,
  );
  try {
    const out = execFileSync(
      'wrk',
      ['-t1', `-c${connections}`, `-d${duration}s`, '--timeout', '10s', '-s', script, baseUrl],
      { encoding: 'utf8' },
    );
    const line = out.split('\n').find(l => l.startsWith('WRK '));
    if (!line) throw new Error(`wrk printed no figures:\n${out}`);
    const r = JSON.parse(line.slice(4));
    const round = v => Math.round(v * 10) / 10;
    return {
      client: 'wrk',
      requests: r.requests,
      rps: round(r.requests / (r.durationUs / 1e6)),
      p50: round(r.p50),
      p95: round(r.p95),
      p99: round(r.p99),
      max: round(r.max),
      errors: r.errors,
      non2xx: r.non2xx,
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function autocannonLoadTest({ baseUrl, token, paths, connections, duration, method = 'GET' }) {
  const { default: autocannon } = await import('autocannon');
  const samples = [];
  let non2xx = 0;
  const result = await autocannon({
    url: baseUrl,
    connections,
    duration,
    headers: { authorization: `Bearer ${token}` },
    requests: paths.map(p => ({ method, path: p })),
    setupClient(client) {
      client.on('response', (status, _bytes, responseTime) => {
        samples.push(responseTime);
        if (status < 200 || status >= 300) non2xx++;
      });
    },
  });
  samples.sort((a, b) => a - b);
  const ms = v => Math.round(v * 10) / 10;
  return {
    client: 'autocannon',
    requests: samples.length,
    rps: Math.round((samples.length / duration) * 10) / 10,
    p50: ms(percentile(samples, 50)),
    p95: ms(percentile(samples, 95)),
    p99: ms(percentile(samples, 99)),
    max: ms(samples.at(-1)),
    errors: result.errors + result.timeouts,
    non2xx,
  };
}

/**
 * Benchmarks measure the backend as it is deployed: one Node process, without the development
 * runner's file watcher and source maps (see `deployed` in e2e/lib/backend.mjs).
 * SOUVERAIN_BENCH_RUNNER=cli measures under `backstage-cli package start` instead.
 */
export const deployedBackend = process.env.SOUVERAIN_BENCH_RUNNER !== 'cli';
