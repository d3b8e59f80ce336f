// The concierge store alone on PostgreSQL or SQLite: the statements of one request -> approve ->
// issue -> reveal flow (the same store calls the backend makes, with the same audit entries),
// from --clients concurrent workers, without HTTP or credential providers. Prints flows/s, the
// p95 of a flow, and the database server's CPU per flow (PostgreSQL: its processes in /proc).
//
//   node --require @backstage/cli/config/nodeTransform.cjs bench/concierge-store.ts \
//     --db postgres|sqlite --flows 3000 --clients 20
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import knexFactory from 'knex';
import {
  DatabaseConciergeStore,
  RequestRecord,
  openConciergeDatabase,
} from '@souverain/plugin-concierge-backend';

const args = process.argv.slice(2);
const arg = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? args[i + 1] : fallback;
};
const db = arg('db', 'postgres');
const flows = Number(arg('flows', '3000'));
const clients = Number(arg('clients', '20'));
const pgUrl = process.env.SOUVERAIN_TEST_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432';
const DATABASE = 'souverain_bench_concierge_store';

/** CPU seconds used so far by every process whose command line starts with "postgres". */
function postgresCpuSeconds(): number {
  let ticks = 0;
  for (const pid of fs.readdirSync('/proc').filter(p => /^\d+$/.test(p))) {
    try {
      const cmd = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      if (!/^postgres|\/postgres /.test(cmd)) continue;
      const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // gone
    }
  }
  return ticks / 100;
}

const ME = 'user:default/dev';
const CLAIRE = 'user:default/claire.moreau';

function record(): RequestRecord {
  const now = new Date().toISOString();
  return {
    id: crypto.randomUUID(),
    requester: ME,
    resourceRef: 'resource:default/acme-payments-db',
    resourceTitle: 'Acme payments',
    accessLevel: 'read',
    durationMinutes: 120,
    justification: 'Benchmark flow for INC-1',
    breakGlass: false,
    state: 'pending',
    policy: 'production-read',
    approvalsRequired: 1,
    approverGroups: ['group:default/payments-team'],
    provider: 'postgres',
    target: 'acme-payments-db',
    createdAt: now,
    updatedAt: now,
    pendingUntil: new Date(Date.now() + 86_400_000).toISOString(),
  };
}

async function flow(store: DatabaseConciergeStore): Promise<void> {
  const r = record();
  await store.createRequest(
    r,
    [{ actor: ME, action: 'request.created', requestId: r.id, details: { to: 'pending', resourceRef: r.resourceRef, accessLevel: 'read', justification: r.justification } }],
    { key: `k-${r.id}`, bodyHash: crypto.createHash('sha256').update(r.id).digest('hex') },
  );
  const at = new Date().toISOString();
  const approved = await store.mutateRequest(
    r.id,
    () => ({
      patch: { state: 'approved', updatedAt: at, issuingUntil: new Date(Date.now() + 30_000).toISOString(), credentialReference: `concierge_${r.id.replace(/-/g, '').slice(0, 24)}` },
      decision: { actor: CLAIRE, decision: 'approve', at },
      audits: [
        { actor: CLAIRE, action: 'request.approval', requestId: r.id, details: { comment: null, approvals: 1, approvalsRequired: 1 } },
        { actor: CLAIRE, action: 'request.approved', requestId: r.id, details: { from: 'pending', to: 'approved' } },
        { actor: 'concierge', action: 'credential.issuing', requestId: r.id, details: { provider: 'postgres', target: r.target } },
      ],
    }),
    { withDecisions: true },
  );
  const issuedAt = new Date().toISOString();
  await store.updateInState(
    r.id,
    'approved',
    { state: 'active', activatedAt: issuedAt, expiresAt: issuedAt, issuingUntil: undefined, credentialKind: 'PostgreSQL connection string', credentialSecret: 'x'.repeat(180), credentialDetails: { host: '127.0.0.1', role: approved.credentialReference! }, updatedAt: issuedAt },
    [
      { actor: 'concierge', action: 'credential.issued', requestId: r.id, details: { provider: 'postgres', reference: approved.credentialReference } },
      { actor: 'concierge', action: 'request.active', requestId: r.id, details: { from: 'approved', to: 'active' } },
    ],
  );
  await store.mutateRequest(r.id, current => ({
    patch: { credentialSecret: undefined, revealedAt: issuedAt, updatedAt: issuedAt },
    audits: [{ actor: ME, action: 'credential.revealed', requestId: r.id, details: { reference: current.credentialReference ?? null } }],
  }));
}

async function main() {
  let url: string;
  if (db === 'postgres') {
    const admin = knexFactory({ client: 'pg', connection: `${pgUrl}/postgres` });
    await admin.raw(`DROP DATABASE IF EXISTS ${DATABASE} WITH (FORCE)`);
    await admin.raw(`CREATE DATABASE ${DATABASE}`);
    await admin.destroy();
    url = `${pgUrl}/${DATABASE}`;
  } else {
    const dir = path.resolve(__dirname, '../.data/bench-concierge');
    fs.mkdirSync(dir, { recursive: true });
    const file = path.join(dir, 'store.sqlite');
    for (const f of [file, `${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true });
    fs.writeFileSync(file, '');
    url = `sqlite:${file}`;
  }
  const knex = openConciergeDatabase(url);
  const store = await DatabaseConciergeStore.create({ getClient: async () => knex });
  const run = async (count: number) => {
    const times: number[] = [];
    let next = 0;
    await Promise.all(
      Array.from({ length: clients }, async () => {
        while (next < count) {
          next += 1;
          const started = performance.now();
          await flow(store);
          times.push(performance.now() - started);
        }
      }),
    );
    return times.sort((a, b) => a - b);
  };
  await run(200);
  const cpu0 = postgresCpuSeconds();
  const node0 = process.cpuUsage();
  const started = performance.now();
  const times = await run(flows);
  const seconds = (performance.now() - started) / 1000;
  const nodeCpu = process.cpuUsage(node0);
  const serverCpu = postgresCpuSeconds() - cpu0;
  const verify = await store.verifyAudit();
  await knex.destroy();
  if (db === 'postgres') {
    const admin = knexFactory({ client: 'pg', connection: `${pgUrl}/postgres` });
    await admin.raw(`DROP DATABASE IF EXISTS ${DATABASE} WITH (FORCE)`);
    await admin.destroy();
  }
  const p = (q: number) => Math.round(times[Math.min(times.length - 1, Math.floor((q / 100) * times.length))] * 10) / 10;
  console.log(
    JSON.stringify({
      db,
      flows,
      clients,
      flowsPerSecond: Math.round(flows / seconds),
      p50: p(50),
      p95: p(95),
      serverCpuMsPerFlow: db === 'postgres' ? Math.round((serverCpu * 1000 * 100) / flows) / 100 : undefined,
      nodeCpuMsPerFlow: Math.round(((nodeCpu.user + nodeCpu.system) / 1000 / flows) * 100) / 100,
      chain: verify.intact ? `intact, ${verify.entries} entries` : `BROKEN at ${verify.firstBadSeq}`,
    }),
  );
}

main().catch(error => {
  process.stderr.write(`${String(error.stack ?? error).slice(0, 2000)}\n`);
  process.exit(1);
});
