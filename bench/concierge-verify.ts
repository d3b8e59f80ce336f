// Verifying a large concierge audit log: appends N entries through the store (the same code the
// backend uses, so the chain is real), then times verification in process and through the
// souverain-concierge-audit command. Run by bench/concierge.mjs:
//
//   node --require @backstage/cli/config/nodeTransform.cjs bench/concierge-verify.ts \
//     --db sqlite|postgres --entries 1000000
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import knexFactory from 'knex';
import {
  DatabaseConciergeStore,
  conciergeStoreFor,
  openConciergeDatabase,
} from '@souverain/plugin-concierge-backend';

const args = process.argv.slice(2);
const arg = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? args[i + 1] : fallback;
};
const entries = Number(arg('entries', '1000000'));
const db = arg('db', 'sqlite');
const pgUrl = process.env.SOUVERAIN_TEST_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432';
const root = path.resolve(__dirname, '..');
const BATCH = 2000;

async function main() {
  let url: string;
  if (db === 'postgres') {
    const admin = knexFactory({ client: 'pg', connection: `${pgUrl}/postgres` });
    await admin.raw('DROP DATABASE IF EXISTS souverain_bench_concierge_audit WITH (FORCE)');
    await admin.raw('CREATE DATABASE souverain_bench_concierge_audit');
    await admin.destroy();
    url = `${pgUrl}/souverain_bench_concierge_audit`;
  } else {
    const dir = path.join(root, '.data/bench-concierge');
    fs.mkdirSync(dir, { recursive: true });
    const file = path.join(dir, 'audit.sqlite');
    fs.rmSync(file, { force: true });
    fs.writeFileSync(file, '');
    url = `sqlite:${file}`;
  }
  const knex = openConciergeDatabase(url);
  const store = await DatabaseConciergeStore.create({ getClient: async () => knex });

  const fillStarted = Date.now();
  for (let done = 0; done < entries; done += BATCH) {
    const count = Math.min(BATCH, entries - done);
    await store.appendAudit(
      Array.from({ length: count }, (_, i) => ({
        actor: `user:default/user-${(done + i) % 97}`,
        action: (done + i) % 3 === 0 ? 'request.created' : 'request.approval',
        requestId: `00000000-0000-4000-8000-${String(done + i).padStart(12, '0')}`,
        details: { resourceRef: 'resource:default/acme-payments-db', accessLevel: 'read', durationMinutes: 120 },
      })),
    );
    if ((done / BATCH) % 50 === 0) process.stderr.write(`  appended ${done + count} of ${entries}\r`);
  }
  const fillMs = Date.now() - fillStarted;
  process.stderr.write('\n');

  const verifyStore = await conciergeStoreFor(knex);
  const inProcess = await verifyStore.verifyAudit();
  await knex.destroy();

  const commandStarted = Date.now();
  const output = execFileSync(
    path.join(root, 'node_modules/.bin/souverain-concierge-audit'),
    ['verify', '--db', url],
    { encoding: 'utf8' },
  ).trim();
  const commandMs = Date.now() - commandStarted;

  process.stdout.write(
    `${JSON.stringify({ db, entries, fillMs, verifyMs: inProcess.durationMs, intact: inProcess.intact, verifiedEntries: inProcess.entries, commandMs, commandOutput: output })}\n`,
  );
  if (db === 'postgres' && arg('keep', 'false') !== 'true') {
    const admin = knexFactory({ client: 'pg', connection: `${pgUrl}/postgres` });
    await admin.raw('DROP DATABASE IF EXISTS souverain_bench_concierge_audit WITH (FORCE)');
    await admin.destroy();
  }
}

main().catch(error => {
  process.stderr.write(`${String(error.message).slice(0, 2000)}\n`);
  process.exit(1);
});
