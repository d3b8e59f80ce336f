// Starts a real Backstage backend from packages/backend for a test, on its own port and data.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

export const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');

/**
 * Starts the backend with the given config files (relative to the repository root) and
 * extra environment, and resolves once it answers its readiness probe. `entry` (relative to the
 * repository root) runs a test's own entry point instead of the package's src/index.ts, such as
 * e2e/fixtures/crash-backend/index.cjs; it runs as `deployed` does, since the development runner
 * always starts src/index.
 */
export async function startBackend({
  configs,
  env = {},
  port,
  timeoutMs = 180_000,
  packageDir = 'packages/backend',
  deployed = false,
  entry,
}) {
  const configArgs = configs.flatMap(c => ['--config', path.resolve(root, c)]);
  // SOUVERAIN_INSPECT=9230 opens Node's inspector on the backend (to take a CPU profile of a bench).
  const inspect = process.env.SOUVERAIN_INSPECT ? [`--inspect=127.0.0.1:${process.env.SOUVERAIN_INSPECT}`] : [];
  // `backstage-cli package start` is the development runner: it watches the sources and runs Node
  // with --enable-source-maps, which makes every error's stack trace cost a source-map lookup.
  // `deployed: true` runs the backend as a deployment does, one plain Node process (the sources
  // still go through the CLI's TypeScript loader, since the workspace ships no build output).
  const [command, args] = deployed || entry
    ? [
        process.execPath,
        [
          '--require',
          createRequire(path.join(root, 'package.json')).resolve('@backstage/cli-node/config/nodeTransform.cjs'),
          ...inspect,
          entry ? path.resolve(root, entry) : 'src/index.ts',
          ...configArgs,
        ],
      ]
    : [path.join(root, 'node_modules/.bin/backstage-cli'), ['package', 'start', ...configArgs, ...inspect]];
  const child = spawn(command, args, {
    cwd: path.join(root, packageDir),
    env: { ...process.env, ...env, FORCE_COLOR: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  child.stdout.on('data', d => (output += d));
  child.stderr.on('data', d => (output += d));
  const exited = new Promise(resolve => child.once('exit', code => resolve(code)));

  const baseUrl = `http://localhost:${port}`;
  const deadline = Date.now() + timeoutMs;
  let exitCode;
  exited.then(code => (exitCode = code));
  while (Date.now() < deadline) {
    if (exitCode !== undefined) {
      throw new Error(`backend exited with ${exitCode} before it was ready:\n${output.slice(-4000)}`);
    }
    // In development mode the CLI keeps watching after a failed start instead of exiting.
    if (/Backend startup failed/.test(output)) {
      await stop();
      throw new Error(`backend failed to start:\n${output.slice(-4000)}`);
    }
    try {
      const res = await fetch(`${baseUrl}/.backstage/health/v1/readiness`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    await sleep(500);
  }
  if (Date.now() >= deadline) {
    await stop();
    throw new Error(`backend not ready after ${timeoutMs} ms:\n${output.slice(-4000)}`);
  }

  async function stop() {
    if (exitCode !== undefined) return;
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      return;
    }
    const killer = setTimeout(() => {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }, 10_000);
    await exited;
    clearTimeout(killer);
  }

  return { baseUrl, stop, output: () => output, pid: child.pid };
}

/**
 * fetch, tried once more when the request failed before it was sent because the server had
 * closed a kept-alive connection while it sat idle (the backend's keep-alive is 5 s, and tests
 * are idle longer while a generated service runs its own tests).
 */
export async function fetchRetry(url, init) {
  try {
    return await fetch(url, init);
  } catch (error) {
    if (!['UND_ERR_SOCKET', 'ECONNRESET', 'EPIPE'].includes(error.cause?.code)) throw error;
    return fetch(url, init);
  }
}

/** Signs in with the guest provider and returns a Backstage user token. */
export async function guestToken(baseUrl) {
  const res = await fetchRetry(`${baseUrl}/api/auth/guest/refresh`, {
    headers: { 'X-Requested-With': 'XMLHttpRequest' },
  });
  if (!res.ok) throw new Error(`guest sign-in failed: ${res.status} ${await res.text()}`);
  const body = await res.json();
  return body.backstageIdentity.token;
}

/** Polls `fn` until it returns a truthy value or the time runs out. */
export async function eventually(fn, { timeoutMs = 120_000, intervalMs = 1000, what = 'condition' } = {}) {
  const deadline = Date.now() + timeoutMs;
  let last;
  while (Date.now() < deadline) {
    try {
      const value = await fn();
      if (value) return value;
    } catch (e) {
      last = e;
    }
    await sleep(intervalMs);
  }
  throw new Error(`timed out waiting for ${what}${last ? `: ${last.message}` : ''}`);
}

/** Fetches catalog entities matching a filter, as the given user. */
export async function catalogEntities(baseUrl, token, filter) {
  const url = new URL(`${baseUrl}/api/catalog/entities/by-query`);
  url.searchParams.set('filter', filter);
  url.searchParams.set('limit', '500');
  const res = await fetchRetry(url, { headers: { Authorization: `Bearer ${token}` } });
  if (!res.ok) throw new Error(`catalog answered ${res.status}: ${await res.text()}`);
  return (await res.json()).items;
}

/** The PostgreSQL server the tests use, and the environment app-config.production.yaml reads. */
export const TEST_POSTGRES_URL = process.env.SOUVERAIN_TEST_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432';

export function postgresEnv({ prefix, appUrl, backendUrl, pgUrl = TEST_POSTGRES_URL }) {
  const u = new URL(pgUrl);
  return {
    POSTGRES_HOST: u.hostname,
    POSTGRES_PORT: u.port || '5432',
    POSTGRES_USER: decodeURIComponent(u.username || 'postgres'),
    POSTGRES_PASSWORD: decodeURIComponent(u.password),
    POSTGRES_DATABASE_PREFIX: prefix,
    APP_BASE_URL: appUrl,
    BACKEND_BASE_URL: backendUrl,
    AUTH_GITHUB_CLIENT_ID: 'unused-in-tests',
    AUTH_GITHUB_CLIENT_SECRET: 'unused-in-tests',
    CONCIERGE_ENCRYPTION_KEY: 'e2e-concierge-key-0123456789abcdefghijklmnop',
  };
}

/** Drops the databases a test backend created (one per plugin, all named `<prefix>...`). */
export async function dropTestDatabases(prefix, pgUrl = TEST_POSTGRES_URL) {
  const { Client } = createRequire(path.join(root, 'packages/backend/package.json'))('pg');
  const client = new Client({ connectionString: `${pgUrl}/postgres` });
  await client.connect();
  try {
    const { rows } = await client.query('SELECT datname FROM pg_database WHERE datname LIKE $1', [`${prefix}%`]);
    for (const { datname } of rows) {
      await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
    }
  } finally {
    await client.end();
  }
}
