// Decision browser at scale: index a generated corpus, load the list and search API, and compare
// with @backstage-community/plugin-adr-backend on the same entities, in one backend process.
//
//   npm run bench:adr                          # 10,000 ADRs over 500 entities, SQLite
//   npm run bench:adr -- --db postgres         # same on the PostgreSQL at 127.0.0.1:5432
//   npm run bench:adr -- --entities 50 --per-entity 10 --duration 5   # a quick look
//   npm run bench:adr -- --source git-host [--git-latency 20]
//       the ADR folders are served by a Git-host stand-in (bench/git-host.mjs, the GitHub API
//       subset Backstage reads), as for real users; --git-latency adds a delay per answer
//
// Prints the figures and the targets of issue 3, and saves them under bench/results/.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { pathToFileURL } from 'node:url';
import YAML from 'yaml';
import { startBackend } from '../e2e/lib/backend.mjs';
import { startGitHost } from './git-host.mjs';
import { deployedBackend, guestToken, loadTest, parseArgs, root, saveResult } from './lib.mjs';

const opts = parseArgs(process.argv.slice(2), {
  entities: 500,
  perEntity: 20,
  db: 'sqlite',
  port: 7117,
  concurrency: 50,
  duration: 15,
  compareConcurrency: 20,
  compareDuration: 10,
  source: 'files',
  gitLatency: 0,
  gitPort: 7118,
});
if (!['files', 'git-host'].includes(opts.source)) throw new Error('--source is files or git-host');
const GIT_HOST = 'git.bench.test';
const onGitHost = opts.source === 'git-host';
const gitFolderUrl = name => `https://${GIT_HOST}/bench/${name}/tree/main/docs/adr`;

const dir = path.join(root, '.data/bench-adr');
const WORDS = (
  'tenant ledger payment outbox idempotency retry saga postgres kafka rabbitmq vault ' +
  'concierge gateway latency budget slo sovereignty encryption audit rotation cache ' +
  'schema migration rollback canary feature flag observability tracing quota region'
).split(' ');
const STATUSES = ['accepted', 'accepted', 'accepted', 'proposed', 'rejected', 'deprecated'];
const TAGS = ['security', 'data', 'api', 'platform', 'finops', 'reliability', 'compliance'];

function rand(seed) {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 4294967296;
  };
}

function paragraph(r, words) {
  return Array.from({ length: words }, () => WORDS[Math.floor(r() * WORDS.length)]).join(' ') + '.';
}

/** One record in one of three formats, about 2-3 KB, with supersedes chains every 7 records. */
function record(r, n, per) {
  const title = `Use ${WORDS[n % WORDS.length]} for ${WORDS[(n * 7) % WORDS.length]} ${n}`;
  const date = `20${22 + (n % 4)}-${String(1 + (n % 12)).padStart(2, '0')}-${String(1 + (n % 27)).padStart(2, '0')}`;
  const supersededBy = n % 7 === 3 && n + 1 <= per ? n + 1 : undefined;
  const supersedes = n % 7 === 4 ? n - 1 : undefined;
  const status = supersededBy ? `superseded by ADR-${String(supersededBy).padStart(4, '0')}` : STATUSES[n % STATUSES.length];
  const body = [1, 2, 3, 4].map(() => paragraph(r, 60)).join('\n\n');
  const format = n % 10;
  if (format < 7) {
    const front = { status, date, 'decision-makers': ['Ada Lovelace', 'Alan Turing'], tags: [TAGS[n % TAGS.length], TAGS[(n + 3) % TAGS.length]] };
    if (supersedes) front.supersedes = [`ADR-${String(supersedes).padStart(4, '0')}`];
    return `---\n${YAML.stringify(front)}---\n# ${title}\n\n## Context and Problem Statement\n\n${body}\n\n## Considered Options\n\n* Option A\n* Option B\n\n## Decision Outcome\n\n${paragraph(r, 80)}\n\n## Consequences\n\n${paragraph(r, 60)}\n`;
  }
  if (format < 9) {
    const statusText = supersededBy
      ? `Superseded by [${supersededBy}. Next](${String(supersededBy).padStart(4, '0')}-next.md)`
      : status.charAt(0).toUpperCase() + status.slice(1);
    return `# ${n}. ${title}\n\nDate: ${date}\n\n## Status\n\n${statusText}\n\n## Context\n\n${body}\n\n## Decision\n\n${paragraph(r, 80)}\n\n## Consequences\n\n${paragraph(r, 60)}\n`;
  }
  return `# ${title}\n\n* Status: ${status}\n* Deciders: Ada Lovelace, Alan Turing\n* Date: ${date}\n\n## Context and Problem Statement\n\n${body}\n\n## Decision Outcome\n\n${paragraph(r, 80)}\n`;
}

function generate() {
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const r = rand(42);
  const entities = [];
  let bytes = 0;
  for (let e = 1; e <= opts.entities; e++) {
    const name = `svc-${String(e).padStart(4, '0')}`;
    const folder = path.join(dir, 'adr', name);
    fs.mkdirSync(folder, { recursive: true });
    for (let n = 1; n <= opts.perEntity; n++) {
      const content = record(r, n, opts.perEntity);
      bytes += content.length;
      fs.writeFileSync(path.join(folder, `${String(n).padStart(4, '0')}-decision-${n}.md`), content);
    }
    fs.writeFileSync(path.join(folder, 'README.md'), '# Decisions\n');
    entities.push({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: {
        name,
        annotations: { 'backstage.io/adr-location': onGitHost ? gitFolderUrl(name) : `adr/${name}` },
      },
      spec: {
        type: 'service',
        lifecycle: 'production',
        owner: `group:default/team-${e % 20}`,
        system: `system:default/system-${e % 25}`,
      },
    });
  }
  fs.writeFileSync(path.join(dir, 'entities.yaml'), entities.map(e => YAML.stringify(e)).join('---\n'));
  return { files: opts.entities * opts.perEntity, bytes, names: entities.map(e => e.metadata.name) };
}

function writeConfig() {
  const database =
    opts.db === 'postgres'
      ? {
          client: 'pg',
          connection: { host: '127.0.0.1', port: 5432, user: 'postgres' },
          prefix: 'bench_adr_',
        }
      : { client: 'better-sqlite3', connection: { directory: path.join(dir, 'sqlite') } };
  const config = {
    app: { baseUrl: 'http://localhost:3000' },
    backend: {
      baseUrl: `http://localhost:${opts.port}`,
      listen: { port: opts.port },
      database,
      auth: { dangerouslyDisableDefaultAuthPolicy: false },
    },
    // The backend runs with NODE_ENV=production (JSON logs, as deployed); the guest provider is
    // allowed anyway so that the benchmark can sign in without an identity provider.
    auth: {
      environment: 'development',
      providers: { guest: { userEntityRef: 'user:default/guest', dangerouslyAllowOutsideDevelopment: true } },
    },
    catalog: {
      rules: [{ allow: ['Component'] }],
      locations: [{ type: 'file', target: path.join(dir, 'entities.yaml') }],
      processingInterval: { hours: 12 },
    },
    ...(onGitHost && {
      integrations: { github: [{ host: GIT_HOST, apiBaseUrl: `http://127.0.0.1:${opts.gitPort}/api/v3` }] },
    }),
    // No permission backend here: the refresh is started by the benchmark itself.
    permission: { enabled: false },
    souverain: {
      localFiles: { roots: [dir] },
      adr: { schedule: { frequency: { hours: 24 }, timeout: { hours: 1 }, initialDelay: { hours: 24 } } },
    },
  };
  const file = path.join(dir, 'app-config.bench.yaml');
  fs.writeFileSync(file, YAML.stringify(config));
  return file;
}

function dropPostgresDatabases() {
  if (opts.db !== 'postgres') return;
  const list = execFileSync('psql', ['-h', '127.0.0.1', '-U', 'postgres', '-Atc', "select datname from pg_database where datname like 'bench_adr_%'"]).toString().trim();
  for (const name of list.split('\n').filter(Boolean)) {
    execFileSync('psql', ['-h', '127.0.0.1', '-U', 'postgres', '-c', `DROP DATABASE "${name}" WITH (FORCE)`]);
  }
}

/** The pid of the process listening on the port (the backend itself, not the CLI around it). */
function listenerPid(port) {
  const out = execFileSync('ss', ['-ltnpH', `sport = :${port}`]).toString();
  const match = /pid=(\d+)/.exec(out);
  if (!match) throw new Error(`nothing listens on ${port}`);
  return Number(match[1]);
}

function rssMiB(pid) {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)[1]) / 1024;
}

const load = (baseUrl, token, paths, connections, duration) =>
  loadTest({ baseUrl, token, paths, connections, duration });

async function json(url, token, init = {}) {
  const request = () =>
    fetch(url, { ...init, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...init.headers } });
  // A keep-alive socket the server closed while idle fails once; a second try opens a new one.
  const res = await request().catch(() => request());
  if (!res.ok) throw new Error(`${init.method ?? 'GET'} ${url}: ${res.status} ${await res.text()}`);
  return res.json();
}

console.log(`Generating ${opts.entities * opts.perEntity} ADRs over ${opts.entities} entities in ${path.relative(root, dir)} ...`);
const corpus = generate();
const configFile = writeConfig();
dropPostgresDatabases();
console.log(`  ${corpus.files} files, ${(corpus.bytes / 2 ** 20).toFixed(1)} MiB`);

const gitHost = onGitHost
  ? await startGitHost({ root: path.join(dir, 'adr'), port: opts.gitPort, latencyMs: opts.gitLatency })
  : undefined;
if (gitHost) console.log(`Git-host stand-in on ${gitHost.apiBaseUrl}, ${opts.gitLatency} ms per answer`);
console.log(`Starting the benchmark backend on ${opts.db} (port ${opts.port}) ...`);
const backend = await startBackend({
  configs: [configFile],
  port: opts.port,
  packageDir: 'packages/bench-adr-backend',
  timeoutMs: 300_000,
  env: { NODE_ENV: 'production' },
  deployed: deployedBackend,
});
let figures;
try {
  const token = await guestToken(backend.baseUrl);
  // Wait until the catalog has every entity
  const catalogStart = Date.now();
  for (;;) {
    const page = await json(`${backend.baseUrl}/api/catalog/entities/by-query?filter=kind=component&limit=1`, token);
    if (page.totalItems >= opts.entities) break;
    if (Date.now() - catalogStart > 600_000) throw new Error(`catalog has ${page.totalItems} of ${opts.entities} entities after 10 min`);
    await sleep(1000);
  }
  console.log(`  catalog ready with ${opts.entities} entities in ${((Date.now() - catalogStart) / 1000).toFixed(1)} s`);
  await sleep(3000); // let the catalog's stitching settle

  const pid = listenerPid(opts.port);
  const rssBefore = rssMiB(pid);
  let peak = rssBefore;
  const sampler = setInterval(() => {
    peak = Math.max(peak, rssMiB(pid));
  }, 50);
  const t0 = performance.now();
  const summary = await json(`${backend.baseUrl}/api/adr/refresh`, token, { method: 'POST', body: '{}' });
  const indexSeconds = (performance.now() - t0) / 1000;
  clearInterval(sampler);
  peak = Math.max(peak, rssMiB(pid));
  console.log(`Index: ${summary.records} records from ${summary.entities} entities in ${indexSeconds.toFixed(1)} s, RSS ${rssBefore.toFixed(0)} -> peak ${peak.toFixed(0)} MiB`);
  if (summary.records !== corpus.files) throw new Error(`indexed ${summary.records} records, expected ${corpus.files}`);

  const t1 = performance.now();
  const again = await json(`${backend.baseUrl}/api/adr/refresh`, token, { method: 'POST', body: '{}' });
  const unchangedSeconds = (performance.now() - t1) / 1000;

  // List and search over the corpus
  const names = corpus.names;
  const pick = i => names[(i * 37) % names.length];
  const listPaths = [];
  for (let i = 0; i < 40; i++) {
    const word = WORDS[i % WORDS.length];
    listPaths.push(
      '/api/adr/records?limit=50',
      `/api/adr/records?status=accepted&sort=number&order=asc&limit=50&offset=${(i * 50) % 2000}`,
      `/api/adr/records?q=${word}&limit=20`,
      `/api/adr/records?q=${word}%20${WORDS[(i + 5) % WORDS.length]}&status=accepted&limit=20`,
      `/api/adr/records?entityRef=component:default/${pick(i)}`,
      `/api/adr/records?system=system:default/system-${i % 25}&status=superseded&limit=50`,
      `/api/adr/records?tag=${TAGS[i % TAGS.length]}&from=2024-01-01&to=2025-12-31&limit=50`,
    );
  }
  // The floor: an authenticated route that does nothing, through the same HTTP stack
  // (token verification, helmet, CORS, compression, request log) at the same concurrency.
  const floor = await load(backend.baseUrl, token, ['/api/adr/health'], opts.concurrency, 5);
  console.log(`Load generator: ${floor.client} (same machine)`);
  console.log(`Floor (GET /api/adr/health), ${opts.concurrency} clients: p50 ${floor.p50} ms, p95 ${floor.p95} ms, ${floor.rps} req/s`);
  await load(backend.baseUrl, token, listPaths.slice(0, 50), 10, 3); // warm-up
  const listLoad = await load(backend.baseUrl, token, listPaths, opts.concurrency, opts.duration);
  console.log(`List and search, ${opts.concurrency} clients, ${opts.duration} s: p50 ${listLoad.p50} ms, p95 ${listLoad.p95} ms, p99 ${listLoad.p99} ms, ${listLoad.rps} req/s, ${listLoad.errors + listLoad.non2xx} errors`);

  // Side by side with the community backend, same entities, same files
  const sample = Array.from({ length: Math.min(50, names.length) }, (_, i) => pick(i));
  const oursList = sample.map(n => `/api/adr/records?entityRef=component:default/${n}`);
  const ids = [];
  for (const n of sample) {
    const page = await json(`${backend.baseUrl}/api/adr/records?entityRef=component:default/${n}&sort=number&order=asc&limit=3`, token);
    ids.push(page.items[2]?.id ?? page.items[0].id);
  }
  const oursRead = ids.map(id => `/api/adr/records/${id}`);
  const folderUrl = n => (onGitHost ? gitFolderUrl(n) : pathToFileURL(path.join(dir, 'adr', n)).href);
  const fileUrl = n =>
    onGitHost ? `${gitFolderUrl(n).replace('/tree/', '/blob/')}/0003-decision-3.md` : `${folderUrl(n)}/0003-decision-3.md`;
  const theirsList = sample.map(n => `/api/adrcommunity/list?url=${encodeURIComponent(folderUrl(n))}`);
  const theirsRead = sample.map(n => `/api/adrcommunity/file?url=${encodeURIComponent(fileUrl(n))}`);
  // Check both answer and warm the community plugin's cache
  const check = await json(`${backend.baseUrl}${theirsList[0]}`, token);
  if (!check.data?.length) throw new Error(`community list returned nothing: ${JSON.stringify(check).slice(0, 300)}`);
  await load(backend.baseUrl, token, [...theirsList, ...theirsRead], 5, 3);
  await load(backend.baseUrl, token, [...oursList, ...oursRead], 5, 3);
  const c = opts.compareConcurrency;
  const d = opts.compareDuration;
  const compare = {
    listOurs: await load(backend.baseUrl, token, oursList, c, d),
    listCommunity: await load(backend.baseUrl, token, theirsList, c, d),
    readOurs: await load(backend.baseUrl, token, oursRead, c, d),
    readCommunity: await load(backend.baseUrl, token, theirsRead, c, d),
  };
  const ratio = (a, b) => Math.round((b / a) * 10) / 10;
  const listRatio = ratio(compare.listOurs.p95, compare.listCommunity.p95);
  const readRatio = ratio(compare.readOurs.p95, compare.readCommunity.p95);
  console.log(`Side by side at ${c} clients (p95): list one entity ${compare.listOurs.p95} ms vs community ${compare.listCommunity.p95} ms (${listRatio}x); read one ADR ${compare.readOurs.p95} ms vs community ${compare.readCommunity.p95} ms (${readRatio}x)`);

  if (gitHost) console.log(`Git-host calls: ${JSON.stringify(gitHost.counts)}`);
  figures = {
    db: opts.db,
    source: opts.source,
    gitLatencyMs: onGitHost ? opts.gitLatency : undefined,
    gitHostCalls: gitHost ? { ...gitHost.counts } : undefined,
    corpus: { entities: opts.entities, records: corpus.files, mebibytes: Math.round((corpus.bytes / 2 ** 20) * 10) / 10 },
    index: {
      seconds: Math.round(indexSeconds * 10) / 10,
      rssBeforeMiB: Math.round(rssBefore),
      rssPeakMiB: Math.round(peak),
      extraMiB: Math.round(peak - rssBefore),
      unchangedRefreshSeconds: Math.round(unchangedSeconds * 10) / 10,
      unchangedSummary: again,
    },
    loadGenerator: floor.client,
    floor: { concurrency: opts.concurrency, durationSeconds: 5, ...floor },
    listAndSearch: { concurrency: opts.concurrency, durationSeconds: opts.duration, ...listLoad },
    sideBySide: { concurrency: c, durationSeconds: d, ...compare, listRatio, readRatio },
    targets: {
      indexSeconds: { target: 60, met: indexSeconds <= 60 },
      indexExtraMiB: { target: 300, met: peak - rssBefore <= 300 },
      listP95Ms: { target: 50, met: listLoad.p95 <= 50 && listLoad.errors + listLoad.non2xx === 0 },
      ratio: { target: 5, met: listRatio >= 5 && readRatio >= 5 },
    },
  };
} finally {
  await backend.stop();
  await gitHost?.close();
}

const file = saveResult(`adr-${opts.db}${onGitHost ? '-git-host' : ''}`, figures);
console.log('\nTargets (issue 3):');
console.log(`  index 10k ADRs <= 60 s         ${figures.index.seconds} s            ${figures.targets.indexSeconds.met ? 'met' : 'MISSED'}`);
console.log(`  extra memory <= 300 MB         ${figures.index.extraMiB} MiB           ${figures.targets.indexExtraMiB.met ? 'met' : 'MISSED'}`);
console.log(`  list/search p95 <= 50 ms @${opts.concurrency}   ${figures.listAndSearch.p95} ms (floor ${figures.floor.p95} ms)   ${figures.targets.listP95Ms.met ? 'met' : 'MISSED'}`);
console.log(`  >= 5x community at p95         list ${figures.sideBySide.listRatio}x, read ${figures.sideBySide.readRatio}x   ${figures.targets.ratio.met ? 'met' : 'MISSED'}`);
console.log(`saved ${path.relative(root, file)}`);
process.exit(Object.values(figures.targets).every(t => t.met) ? 0 : 1);
