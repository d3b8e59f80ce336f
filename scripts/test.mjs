// Runs every test stage, keeps going after a failure, and prints one summary line.
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { spawnSync } from 'node:child_process';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const cache = path.join(root, '.cache', 'test');
fs.mkdirSync(cache, { recursive: true });
const inCI = Boolean(process.env.CI);

const pgUrl =
  process.env.SOUVERAIN_TEST_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432';
const env = {
  ...process.env,
  // Backstage's TestDatabases runs every store test on this server as well as on SQLite.
  BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING: pgUrl,
  SOUVERAIN_TEST_POSTGRES_URL: pgUrl,
  FORCE_COLOR: process.env.FORCE_COLOR ?? '1',
};

const results = [];
const log = msg => console.log(`\n\x1b[1;34m[souverain test]\x1b[0m ${msg}`);

function run(cmd, args, extra = {}) {
  const res = spawnSync(cmd, args, { cwd: root, env, stdio: 'inherit', ...extra });
  return res.status ?? 1;
}

function record(stage, passed, failed, skipped = 0, note = '') {
  results.push({ stage, passed, failed, skipped, note });
}

function parseTap(file) {
  const text = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
  const num = key => Number((text.match(new RegExp(`^# ${key} (\\d+)$`, 'm')) ?? [])[1] ?? 0);
  return { pass: num('pass'), fail: num('fail') + num('cancelled'), skip: num('skipped') + num('todo') };
}

function nodeTests(stage, files) {
  const tap = path.join(cache, `${stage}.tap`);
  fs.rmSync(tap, { force: true });
  const code = run(process.execPath, [
    '--test',
    '--test-concurrency=1',
    '--test-reporter=spec',
    '--test-reporter-destination=stdout',
    '--test-reporter=tap',
    `--test-reporter-destination=${tap}`,
    ...files,
  ]);
  const r = parseTap(tap);
  // A runner that died before reporting still counts as a failure.
  if (code !== 0 && r.fail === 0) r.fail = 1;
  record(stage, r.pass, r.fail, r.skip);
}

async function postgresReachable() {
  const u = new URL(pgUrl);
  return new Promise(resolve => {
    const socket = net.connect({ host: u.hostname, port: Number(u.port || 5432) });
    socket.setTimeout(3000);
    socket.once('connect', () => { socket.destroy(); resolve(true); });
    socket.once('timeout', () => { socket.destroy(); resolve(false); });
    socket.once('error', () => resolve(false));
  });
}

const stages = {
  async typecheck() {
    log('type check (tsc)');
    record('typecheck', ...(run('tsc', []) === 0 ? [1, 0] : [0, 1]));
  },
  async lint() {
    log('lint (backstage-cli repo lint)');
    record('lint', ...(run('backstage-cli', ['repo', 'lint']) === 0 ? [1, 0] : [0, 1]));
  },
  async openapi() {
    log('OpenAPI specs and their generated routers and clients (scripts/openapi.mjs --check)');
    record('openapi', ...(run(process.execPath, ['scripts/openapi.mjs', '--check']) === 0 ? [1, 0] : [0, 1]));
  },
  async api() {
    log('API reports (backstage-repo-tools api-reports --ci)');
    record('api', ...(run(process.execPath, ['scripts/api-reports.mjs', '--ci']) === 0 ? [1, 0] : [0, 1]));
  },
  async unit() {
    if (!(await postgresReachable())) {
      const msg = `PostgreSQL is not reachable at ${pgUrl}: database tests need it (set SOUVERAIN_TEST_POSTGRES_URL to another server).`;
      console.error(`\x1b[1;31m[souverain test] ${msg}\x1b[0m`);
      record('postgres', 0, 1, 0, msg);
    }
    log('unit and database tests (jest, SQLite + PostgreSQL)');
    const out = path.join(cache, 'jest.json');
    fs.rmSync(out, { force: true });
    // CI=true: run every test once, never only the ones touched since the last commit.
    const code = run('backstage-cli', ['repo', 'test', '--ci', '--json', `--outputFile=${out}`], {
      env: { ...env, CI: 'true' },
    });
    if (!fs.existsSync(out)) {
      record('unit', 0, 1);
      return;
    }
    const j = JSON.parse(fs.readFileSync(out, 'utf8'));
    const failed = j.numFailedTests + j.numRuntimeErrorTestSuites + (code !== 0 && j.numFailedTests === 0 && j.numRuntimeErrorTestSuites === 0 ? 1 : 0);
    record('unit', j.numPassedTests, failed, j.numPendingTests + j.numTodoTests);
  },
  async backend() {
    log('backend start-up tests (SQLite and PostgreSQL)');
    nodeTests('backend', ['scripts/*.test.mjs', 'e2e/backend/*.test.mjs']);
  },
  async e2e() {
    log('browser tests (headless Chromium)');
    if (run('bash', ['scripts/ensure-chromium.sh']) !== 0) {
      record('e2e', 0, 1, 0, 'Chromium is not available');
      return;
    }
    nodeTests('e2e', ['e2e/browser/*.test.mjs']);
  },
};

const wanted = process.argv.slice(2).filter(a => a in stages);
const started = Date.now();
for (const name of wanted.length ? wanted : Object.keys(stages)) {
  await stages[name]();
}

const total = results.reduce(
  (acc, r) => ({ passed: acc.passed + r.passed, failed: acc.failed + r.failed, skipped: acc.skipped + r.skipped }),
  { passed: 0, failed: 0, skipped: 0 },
);
console.log('\n[souverain test] stages:');
for (const r of results) {
  console.log(`  ${r.failed ? '✗' : '✓'} ${r.stage.padEnd(10)} ${r.passed} passed, ${r.failed} failed${r.skipped ? `, ${r.skipped} skipped` : ''}${r.note ? `  (${r.note})` : ''}`);
}
console.log(`  took ${Math.round((Date.now() - started) / 1000)} s${inCI ? ' (CI)' : ''}`);
console.log(`${total.passed} passed, ${total.failed} failed${total.skipped ? `, ${total.skipped} skipped` : ''}`);
process.exit(total.failed ? 1 : 0);
