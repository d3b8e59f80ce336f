// Starts the whole portal the way `npm start` does, on its own SQLite data, for browser tests.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before } from 'node:test';
import { eventually, root } from './backend.mjs';
import { launchBrowser, watchPageErrors } from './browser.mjs';

export const APP_URL = 'http://localhost:3000';
export const BACKEND_URL = 'http://localhost:7007';

export async function startPortal({ timeoutMs = 300_000 } = {}) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'souverain-e2e-'));
  const child = spawn('bash', ['scripts/start.sh'], {
    cwd: root,
    env: {
      ...process.env,
      SOUVERAIN_CONFIG_OVERLAY: 'e2e/fixtures/app-config.e2e.yaml',
      SOUVERAIN_TEST_DATA_DIR: dataDir,
      FORCE_COLOR: '0',
      BROWSER: 'none',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  child.stdout.on('data', d => (output += d));
  child.stderr.on('data', d => (output += d));
  let exitCode;
  const exited = new Promise(resolve => child.once('exit', code => resolve((exitCode = code))));

  async function stop() {
    if (exitCode === undefined) {
      try {
        process.kill(-child.pid, 'SIGTERM');
        const killer = setTimeout(() => process.kill(-child.pid, 'SIGKILL'), 10_000);
        await exited;
        clearTimeout(killer);
      } catch {
        // already gone
      }
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
  }

  try {
    await eventually(
      async () => {
        if (exitCode !== undefined) throw new Error(`npm start exited with ${exitCode}`);
        const [app, backend] = await Promise.all([
          fetch(APP_URL).then(r => r.ok).catch(() => false),
          fetch(`${BACKEND_URL}/.backstage/health/v1/readiness`).then(r => r.ok).catch(() => false),
        ]);
        return app && backend;
      },
      { timeoutMs, intervalMs: 1000, what: 'the portal to serve :3000 and :7007' },
    );
  } catch (e) {
    await stop();
    throw new Error(`${e.message}\n${output.slice(-4000)}`);
  }
  return { stop, output: () => output };
}

/**
 * One browser-test session inside a `describe`: starts the portal, waits for `ready` (what the
 * test needs from the backend, given its URL), opens a page and records uncaught page errors.
 * After the tests: a screenshot `<name>-last.png` in e2e/artifacts, then everything is stopped.
 */
export function portalSession({ name, ready }) {
  const session = { artifacts: path.join(root, 'e2e/artifacts') };
  before(async () => {
    fs.mkdirSync(session.artifacts, { recursive: true });
    session.portal = await startPortal();
    if (ready) await ready(BACKEND_URL);
    session.browser = await launchBrowser();
    session.page = await session.browser.context.newPage();
    session.page.setDefaultTimeout(60_000);
    session.pageErrors = watchPageErrors(session.page);
  });
  after(async () => {
    await session.page
      ?.screenshot({ path: path.join(session.artifacts, `${name}-last.png`) })
      .catch(() => {});
    await session.browser?.close();
    await session.portal?.stop();
  });
  return session;
}
