// Start-up figures of the portal on this machine:
//   bootstrap with nothing changed   time of scripts/with-node.sh true (Node + install checks)
//   warm start                       `npm start` until :3000 serves the home page and :7007 is ready
//   idle backend memory              resident set of the backend process after it settles
//   cold start (--cold)              a fresh clone, `npm start` until the first page is served
// Ports 3000 and 7007 must be free.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs, root, saveResult } from './lib.mjs';

const opts = parseArgs(process.argv.slice(2), { cold: 'false', idleSeconds: 30 });

function seconds(ms) {
  return Math.round(ms / 100) / 10;
}

async function served(url) {
  try {
    const res = await fetch(url);
    const text = await res.text();
    return res.ok && text.includes('<div id="root">');
  } catch {
    return false;
  }
}

async function ready(url) {
  try {
    return (await fetch(url)).ok;
  } catch {
    return false;
  }
}

function backendPid() {
  const out = execFileSync('ss', ['-ltnpH', 'sport = :7007'], { encoding: 'utf8' });
  const m = out.match(/pid=(\d+)/);
  return m ? Number(m[1]) : undefined;
}

function rssMiB(pid) {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Math.round(Number(status.match(/VmRSS:\s+(\d+)/)[1]) / 1024);
}

async function timeStart(cwd, env, timeoutMs) {
  const t0 = Date.now();
  const child = spawn('bash', ['scripts/start.sh'], { cwd, env: { ...process.env, ...env, BROWSER: 'none' }, stdio: 'ignore', detached: true });
  let exited = false;
  child.once('exit', () => (exited = true));
  let appAt;
  let backendAt;
  while (Date.now() - t0 < timeoutMs && !exited && !(appAt && backendAt)) {
    if (!appAt && (await served('http://localhost:3000/'))) appAt = Date.now();
    if (!backendAt && (await ready('http://localhost:7007/.backstage/health/v1/readiness'))) backendAt = Date.now();
    await sleep(250);
  }
  const stop = async () => {
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      return;
    }
    for (let i = 0; i < 40 && !exited; i++) await sleep(250);
    if (!exited) process.kill(-child.pid, 'SIGKILL');
    await sleep(1000);
  };
  if (!appAt || !backendAt) {
    await stop();
    throw new Error(`the portal did not come up within ${timeoutMs / 1000} s (exited: ${exited})`);
  }
  return { homePageSeconds: seconds(appAt - t0), backendReadySeconds: seconds(backendAt - t0), stop };
}

const figures = {};

const t0 = Date.now();
// As a user would run it: from the system PATH, so the Node 22 lookup in .tools/ is included.
const systemPath = process.env.SOUVERAIN_SYSTEM_PATH ?? '/usr/local/bin:/usr/bin:/bin';
const boot = spawnSync('bash', ['scripts/with-node.sh', 'true'], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, PATH: systemPath },
});
if (boot.status !== 0) throw new Error('bootstrap failed');
figures.bootstrapNothingChangedSeconds = seconds(Date.now() - t0);
console.log(`bootstrap, nothing changed: ${figures.bootstrapNothingChangedSeconds} s`);

const warm = await timeStart(root, {}, 300_000);
figures.warmStartHomePageSeconds = warm.homePageSeconds;
figures.warmStartBackendReadySeconds = warm.backendReadySeconds;
console.log(`warm npm start: home page served after ${warm.homePageSeconds} s, backend ready after ${warm.backendReadySeconds} s`);
console.log(`waiting ${opts.idleSeconds} s for the backend to settle...`);
await sleep(opts.idleSeconds * 1000);
const pid = backendPid();
figures.backendIdleRssMiB = pid ? rssMiB(pid) : null;
console.log(`idle backend resident memory: ${figures.backendIdleRssMiB} MiB (pid ${pid})`);
await warm.stop();

if (opts.cold === 'true') {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'souverain-cold-'));
  execFileSync('git', ['clone', '-q', root, dir]);
  // A fresh machine: only the system Node and npm on PATH, nothing installed in the clone.
  const cold = await timeStart(dir, { PATH: systemPath }, 1_800_000);
  figures.coldStartHomePageSeconds = cold.homePageSeconds;
  console.log(`cold npm start on a fresh clone: home page served after ${cold.homePageSeconds} s`);
  await cold.stop();
  fs.rmSync(dir, { recursive: true, force: true });
}

console.log(`saved ${saveResult('startup', figures)}`);
