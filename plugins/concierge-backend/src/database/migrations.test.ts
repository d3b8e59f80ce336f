import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { TestDatabases } from '@backstage/backend-test-utils';
import fs from 'node:fs';
import { Knex } from 'knex';
import { GENESIS_HASH } from './auditChain';

jest.setTimeout(60_000);

const directory = resolvePackagePath('@souverain/plugin-concierge-backend', 'migrations');
const migrations = fs.readdirSync(directory).filter(f => f.endsWith('.js')).sort();

const up = (knex: Knex) => knex.migrate.up({ directory });
const down = (knex: Knex) => knex.migrate.down({ directory });

async function upTo(knex: Knex, name: string) {
  const index = migrations.indexOf(name);
  if (index < 0) throw new Error(`No migration ${name}`);
  for (let i = 0; i < index; i += 1) await up(knex);
}

const ID = '00000000-0000-4000-8000-000000000001';
const AT = '2026-12-01T10:00:00.000Z';

async function seedRequest(knex: Knex) {
  await knex('concierge_requests').insert({
    id: ID,
    requester: 'user:default/dev',
    resource_ref: 'resource:default/acme-payments-db',
    access_level: 'read',
    duration_minutes: 60,
    justification: 'INC-1 — café',
    break_glass: true,
    state: 'active',
    policy: 'break-glass',
    approvals_required: 0,
    approver_groups: '["group:default/payments-team"]',
    provider: 'postgres',
    target: 'acme',
    created_at: AT,
    updated_at: AT,
    review_due_at: '2026-12-02T10:00:00.000Z',
  });
  await knex('concierge_decisions').insert({ request_id: ID, actor: 'user:default/claire', decision: 'approve', at: AT });
  await knex('concierge_idempotency').insert({
    requester: 'user:default/dev',
    key: 'k1',
    body_hash: 'b'.repeat(64),
    request_id: ID,
    created_at: AT,
  });
  await knex('concierge_signing_keys').insert({ kid: 'kid-1', public_jwk: '{}', private_jwk: 'sealed', created_at: AT });
}

async function seedAuditEntry(knex: Knex) {
  await knex('concierge_audit').insert({
    seq: 1,
    at: AT,
    actor: 'user:default/dev',
    action: 'request.created',
    request_id: ID,
    details: '{}',
    prev_hash: GENESIS_HASH,
    hash: 'c'.repeat(64),
  });
  await knex('concierge_audit_head').where({ id: 1 }).update({ seq: 1, hash: 'c'.repeat(64) });
}

async function expectSeedIntact(knex: Knex) {
  const request = await knex('concierge_requests').where({ id: ID }).first();
  expect(request).toMatchObject({ justification: 'INC-1 — café', state: 'active', approver_groups: '["group:default/payments-team"]' });
  expect(Boolean(request.break_glass)).toBe(true);
  expect(await knex('concierge_decisions').where({ request_id: ID }).select('actor', 'decision')).toEqual([
    { actor: 'user:default/claire', decision: 'approve' },
  ]);
  expect(await knex('concierge_idempotency').select('key', 'request_id')).toEqual([{ key: 'k1', request_id: ID }]);
  expect(await knex('concierge_signing_keys').pluck('kid')).toEqual(['kid-1']);
  const audit = await knex('concierge_audit').select('seq', 'hash');
  expect(audit.map(r => [Number(r.seq), r.hash])).toEqual([[1, 'c'.repeat(64)]]);
}

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

describe.each(databases.eachSupportedId())('the concierge migrations on %p', databaseId => {
  it('20261125180000_init.js creates the tables with the chain at its start, and drops them', async () => {
    const knex = await databases.init(databaseId);
    await upTo(knex, '20261125180000_init.js');
    await up(knex);
    const head = await knex('concierge_audit_head').select('id', 'seq', 'hash');
    expect(head.map(r => ({ ...r, seq: Number(r.seq) }))).toEqual([{ id: 1, seq: 0, hash: GENESIS_HASH }]);
    await seedRequest(knex);
    await seedAuditEntry(knex);
    await expectSeedIntact(knex);
    // One decision per approver and request
    // Matched by message: the driver's error may come from another realm than jest's Error, and
    // then rejects.toThrow() does not recognise it as thrown.
    await expect(
      knex('concierge_decisions').insert({ request_id: ID, actor: 'user:default/claire', decision: 'deny', at: AT }),
    ).rejects.toMatchObject({ message: expect.stringMatching(/UNIQUE constraint failed|duplicate key value/) });

    await down(knex);
    for (const table of ['concierge_requests', 'concierge_decisions', 'concierge_idempotency', 'concierge_audit', 'concierge_audit_head', 'concierge_signing_keys']) {
      expect(await knex.schema.hasTable(table)).toBe(false);
    }
  });

  it('20261203090000_audit_chain_at_commit.js adds the pending table on PostgreSQL alone, keeps the rows, and goes back', async () => {
    const knex = await databases.init(databaseId);
    await upTo(knex, '20261203090000_audit_chain_at_commit.js');
    await seedRequest(knex);
    await seedAuditEntry(knex);

    await up(knex);
    await expectSeedIntact(knex);
    expect(await knex.schema.hasTable('concierge_audit_pending')).toBe(databaseId.startsWith('POSTGRES'));

    await down(knex);
    await expectSeedIntact(knex);
    expect(await knex.schema.hasTable('concierge_audit_pending')).toBe(false);
  });

  it('20261204190000_break_glass_review_overdue.js adds the overdue mark to existing requests, and removes it', async () => {
    const knex = await databases.init(databaseId);
    await upTo(knex, '20261204190000_break_glass_review_overdue.js');
    await seedRequest(knex);
    await seedAuditEntry(knex);

    await up(knex);
    await expectSeedIntact(knex);
    expect(await knex('concierge_requests').where({ id: ID }).first()).toMatchObject({ review_overdue_at: null });
    // The sweep's look-up: still due, then no longer once marked
    const due = () => knex('concierge_requests').whereNull('reviewed_at').whereNull('review_overdue_at').where('review_due_at', '<=', '2026-12-03T00:00:00.000Z').pluck('id');
    expect(await due()).toEqual([ID]);
    await knex('concierge_requests').where({ id: ID }).update({ review_overdue_at: '2026-12-02T10:00:05.000Z' });
    expect(await due()).toEqual([]);

    await down(knex);
    await expectSeedIntact(knex);
    expect(await knex.schema.hasColumn('concierge_requests', 'review_overdue_at')).toBe(false);
  });

  it('goes all the way up, down to nothing and up again', async () => {
    const knex = await databases.init(databaseId);
    for (let i = 0; i < migrations.length; i += 1) await up(knex);
    expect(await knex.migrate.currentVersion({ directory })).toBe(migrations[migrations.length - 1].split('_')[0]);
    await seedRequest(knex);
    for (let i = 0; i < migrations.length; i += 1) await down(knex);
    expect(await knex.migrate.currentVersion({ directory })).toBe('none');
    expect(await knex.schema.hasTable('concierge_requests')).toBe(false);
    await knex.migrate.latest({ directory });
    const [{ n }] = await knex('concierge_requests').count({ n: '*' });
    expect(Number(n)).toBe(0);
  });
});

const postgres = databases.eachSupportedId().filter(([id]) => id.startsWith('POSTGRES'));

(postgres.length ? describe.each(postgres) : describe.skip.each([['POSTGRES_15'] as const]))(
  'the audit chain trigger of 20261203090000 on %p',
  databaseId => {
    it('chains a pending entry after the existing chain at commit, and is gone after down', async () => {
      const knex = await databases.init(databaseId);
      await upTo(knex, '20261203090000_audit_chain_at_commit.js');
      await seedRequest(knex);
      await seedAuditEntry(knex);
      await up(knex);

      await knex('concierge_audit_pending').insert({ at: AT, actor: 'concierge', action: 'request.expired', request_id: ID, details: '{}' });
      const entries = await knex('concierge_audit').orderBy('seq').select('seq', 'prev_hash', 'action');
      expect(entries.map(e => [Number(e.seq), e.prev_hash, e.action])).toEqual([
        [1, GENESIS_HASH, 'request.created'],
        [2, 'c'.repeat(64), 'request.expired'],
      ]);
      expect(Number((await knex('concierge_audit_head').first()).seq)).toBe(2);
      const [{ n }] = await knex('concierge_audit_pending').count({ n: '*' });
      expect(Number(n)).toBe(0);

      await down(knex);
      const functions = await knex.raw(`SELECT 1 FROM pg_proc WHERE proname = 'concierge_audit_chain'`);
      expect(functions.rows).toEqual([]);
      // Back on the backend's own chaining: a direct append still works
      await knex('concierge_audit').insert({ seq: 3, at: AT, actor: 'concierge', action: 'test', details: '{}', prev_hash: 'd'.repeat(64), hash: 'e'.repeat(64) });
      expect(await knex('concierge_audit').count({ n: '*' })).toEqual([{ n: '3' }]);
    });
  },
);
