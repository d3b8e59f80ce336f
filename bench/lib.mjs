// Shared helpers for the benchmarks: percentiles, machine description, result files.
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
export async function loadTest({ baseUrl, token, paths, connections, duration, method = 'GET' }) {
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
