// Runs the decision list/search and concierge flow benchmarks on two commits in one run, on the same
// machine, alternating them so that the machine's drift hits both alike, and prints their p95 side
// by side with the ratio. For a reshaping that must not slow anything down (issue 17: within 10 %).
//
//   npm run bench:compare -- --base 9de3e3d [--rounds 2] [--db sqlite|postgres] [--only adr|concierge]
//
// The base commit is checked out in a git worktree under .cache/bench-base-<sha>. It reuses this
// checkout's installed packages (the benchmarks load the same dependency versions), but every
// workspace package (@souverain/*, backend, app) is linked to the worktree's own folders, so each
// side runs its own code.
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { parseArgs, root, saveResult } from './lib.mjs';

const opts = parseArgs(process.argv.slice(2), {
  base: '',
  rounds: 2,
  db: 'sqlite',
  only: '',
  // Smaller than the benchmarks' defaults, so that a comparison of two commits fits in minutes.
  entities: 200,
  perEntity: 20,
  duration: 10,
  flows: 400,
});
if (!opts.base) {
  console.error('usage: npm run bench:compare -- --base <commit> [--rounds 2] [--db sqlite|postgres] [--only adr|concierge]');
  process.exit(2);
}

const git = (...args) => {
  const r = spawnSync('git', args, { cwd: root, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`git ${args.join(' ')}: ${r.stderr.trim()}`);
  return r.stdout.trim();
};

const baseSha = git('rev-parse', '--verify', `${opts.base}^{commit}`);
const headSha = git('rev-parse', 'HEAD');
const baseRoot = path.join(root, '.cache', `bench-base-${baseSha.slice(0, 12)}`);

function prepareBase() {
  if (!fs.existsSync(path.join(baseRoot, 'package.json'))) {
    git('worktree', 'add', '--detach', baseRoot, baseSha);
  }
  const workspaces = ['packages', 'plugins'].flatMap(dir =>
    fs.existsSync(path.join(baseRoot, dir))
      ? fs.readdirSync(path.join(baseRoot, dir)).map(name => path.join(dir, name))
      : [],
  );
  const own = new Map();
  for (const dir of workspaces) {
    const pkgFile = path.join(baseRoot, dir, 'package.json');
    if (fs.existsSync(pkgFile)) own.set(JSON.parse(fs.readFileSync(pkgFile, 'utf8')).name, dir);
  }
  const modules = path.join(baseRoot, 'node_modules');
  fs.rmSync(modules, { recursive: true, force: true });
  fs.mkdirSync(modules);
  const link = (target, at) => {
    fs.mkdirSync(path.dirname(at), { recursive: true });
    fs.symlinkSync(target, at);
  };
  for (const entry of fs.readdirSync(path.join(root, 'node_modules'))) {
    if (entry === '.bin') continue;
    if (entry.startsWith('@')) {
      for (const sub of fs.readdirSync(path.join(root, 'node_modules', entry))) {
        const name = `${entry}/${sub}`;
        if (!own.has(name)) link(path.join(root, 'node_modules', name), path.join(modules, name));
      }
    } else if (!own.has(entry)) {
      link(path.join(root, 'node_modules', entry), path.join(modules, entry));
    }
  }
  for (const [name, dir] of own) link(path.join(baseRoot, dir), path.join(modules, name));
  link(path.join(root, 'node_modules', '.bin'), path.join(modules, '.bin'));
  // Packages with dependencies of their own version keep them in a nested node_modules.
  for (const dir of workspaces) {
    const nested = path.join(root, dir, 'node_modules');
    const there = path.join(baseRoot, dir, 'node_modules');
    if (fs.existsSync(nested) && fs.existsSync(path.join(baseRoot, dir)) && !fs.existsSync(there)) {
      link(nested, there);
    }
  }
}

/** Runs one benchmark of one side and returns the figures it saved. */
function runBench(sideRoot, name, args) {
  const results = path.join(sideRoot, 'bench/results');
  const before = new Set(fs.existsSync(results) ? fs.readdirSync(results) : []);
  const r = spawnSync(process.execPath, [path.join(sideRoot, 'bench', `${name}.mjs`), ...args], {
    cwd: sideRoot,
    stdio: ['ignore', 'pipe', 'inherit'],
    encoding: 'utf8',
    env: process.env,
  });
  const saved = fs.readdirSync(results).filter(f => !before.has(f) && f.startsWith(`${name}-`));
  if (saved.length !== 1) {
    console.error(r.stdout.slice(-3000));
    throw new Error(`${name} on ${sideRoot} saved no result (exit ${r.status})`);
  }
  return JSON.parse(fs.readFileSync(path.join(results, saved[0]), 'utf8'));
}

const benches = [
  {
    id: 'adr',
    label: 'decision list/search p95',
    args: [`--db=${opts.db}`, `--entities=${opts.entities}`, `--per-entity=${opts.perEntity}`, `--duration=${opts.duration}`, '--compare-duration=3'],
    pick: f => ({ p95: f.listAndSearch.p95, floor: f.floor.p95, errors: f.listAndSearch.errors + f.listAndSearch.non2xx }),
  },
  {
    id: 'concierge',
    label: 'concierge flow p95',
    args: [`--db=${opts.db}`, `--flows=${opts.flows}`, '--skip-expiry=true', '--skip-verify=true', '--requests=200'],
    pick: f => ({ p95: f.flows.flow.p95, floor: undefined, errors: f.flows.errors }),
  },
].filter(b => !opts.only || b.id === opts.only);

console.log(`Comparing HEAD ${headSha.slice(0, 10)} with base ${baseSha.slice(0, 10)} on ${opts.db}, ${opts.rounds} round(s), alternating`);
prepareBase();
const runs = [];
for (let round = 1; round <= Number(opts.rounds); round++) {
  for (const bench of benches) {
    // Alternate which side goes first, so neither always gets the warmer machine.
    const sides = round % 2 ? [['base', baseRoot], ['head', root]] : [['head', root], ['base', baseRoot]];
    for (const [side, sideRoot] of sides) {
      process.stdout.write(`  round ${round}: ${bench.id} on ${side} ... `);
      const figures = bench.pick(runBench(sideRoot, bench.id, bench.args));
      console.log(`p95 ${figures.p95} ms${figures.floor !== undefined ? ` (floor ${figures.floor} ms)` : ''}, ${figures.errors} errors`);
      runs.push({ round, bench: bench.id, side, ...figures });
    }
  }
}

const median = values => {
  const s = [...values].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
console.log(`\n${'figure'.padEnd(28)} ${'base p95'.padStart(10)} ${'head p95'.padStart(10)}  head/base`);
const summary = {};
for (const bench of benches) {
  const of = side => median(runs.filter(r => r.bench === bench.id && r.side === side).map(r => r.p95));
  const base = of('base');
  const head = of('head');
  const ratio = Math.round((head / base) * 100) / 100;
  summary[bench.id] = { base, head, ratio, within10Percent: ratio <= 1.1 };
  console.log(`${bench.label.padEnd(28)} ${`${base} ms`.padStart(10)} ${`${head} ms`.padStart(10)}  ${ratio} ${ratio <= 1.1 ? '(within 10 %)' : '(SLOWER by more than 10 %)'}`);
}
const file = saveResult(`compare-${opts.db}`, { base: baseSha, head: headSha, rounds: Number(opts.rounds), runs, summary });
console.log(`saved ${path.relative(root, file)}`);
